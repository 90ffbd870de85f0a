"""BM25F ranking over the index's postings, one term at a time.

Whoosh scores a query through a tree of matchers that visits every matching record
once per term of the query: with the dozens of terms a Vietnamese query becomes
(each word in exact and folded form, in two fields, plus its syllables) that takes
seconds. Here each term's postings are read once into arrays and their BM25 scores
added with numpy, which costs in proportion to the postings read.

Scoring is BM25 per field (Lucene's idf), times the field's boost and the term's
weight, summed over fields and terms, as Whoosh's BM25F does.
"""

from __future__ import annotations

import math

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

__all__ = ["Ranker", "WeightedTerm"]

WeightedTerm = tuple[str, str, float]
"""(field, term text, weight)."""


class Ranker:
    """Scores records of the index opened by a Whoosh searcher."""

    def __init__(self, searcher, boosts: dict[str, float], B: float = 0.75, K1: float = 1.2):
        self.searcher = searcher
        self.B, self.K1 = B, K1
        self.leaves = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self.size = searcher.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        for reader, offset in self.leaves:
            self.live[[offset + docnum for docnum in reader.all_doc_ids()]] = True
        self.count = int(self.live.sum())
        self.boost = boosts
        self.norm = {field: self._norms(field) for field in boosts}

    def _norms(self, field: str) -> np.ndarray:
        """K1 · (1 − B + B · length / average length) of every record, for ``field``."""
        lengths = np.zeros(self.size, dtype=np.float32)
        for reader, offset in self.leaves:
            for docnum in range(reader.doc_count_all()):
                lengths[offset + docnum] = reader.doc_field_length(docnum, field) or 0
        average = float(lengths[self.live].sum()) / max(self.count, 1) or 1.0
        return self.K1 * (1 - self.B + self.B * lengths / average)

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(record numbers, term frequencies) of a term, deleted records left out."""
        ids, weights = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.float32)]
        for reader, offset in self.leaves:
            if (field, text) in reader:
                found, tf = _all_postings(reader.postings(field, text))
                ids.append(np.array(found, dtype=np.int64) + offset)
                weights.append(np.array(tf, dtype=np.float32))
        ids, weights = np.concatenate(ids), np.concatenate(weights)
        live = self.live[ids]
        return ids[live], weights[live]

    def scores(self, terms: list[WeightedTerm]) -> np.ndarray:
        """The score of every record (0 where no term matches)."""
        total = np.zeros(self.size, dtype=np.float32)
        for field, text, weight in terms:
            ids, tf = self.postings(field, text)
            if not len(ids):
                continue
            idf = math.log(1 + (self.count - len(ids) + 0.5) / (len(ids) + 0.5))
            factor = weight * self.boost[field] * idf * (self.K1 + 1)
            total[ids] += factor * tf / (tf + self.norm[field][ids])
        return total

    def records(self, query) -> np.ndarray:
        """A mask of the records matching a Whoosh query (filters, phrases)."""
        mask = np.zeros(self.size, dtype=bool)
        mask[list(self.searcher.docs_for_query(query))] = True
        return mask

    @staticmethod
    def top(scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best (record number, score), best first; ties in index order."""
        found = np.flatnonzero(scores > 0)
        if len(found) > limit:
            found = found[np.argpartition(-scores[found], limit - 1)[:limit]]
        ranked = sorted(found.tolist(), key=lambda docnum: (-scores[docnum], docnum))
        return [(docnum, float(scores[docnum])) for docnum in ranked]


def _all_postings(matcher) -> tuple[list[int], list[float]]:
    """(ids, weights) of all a term's postings in one segment, deleted records
    included (``Ranker.postings`` drops those). Whoosh's codec stores postings in
    blocks; reading a block at a time through its internals is several times faster
    than a posting at a time, which stays as the way for any other matcher."""
    if isinstance(matcher, FilterMatcher):        # Whoosh's filter of deleted records
        matcher = matcher.child
        matcher.reset()
    ids, weights = [], []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights
