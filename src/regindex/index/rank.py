"""BM25F ranking over the index's postings, one term at a time.

A Vietnamese query becomes dozens of terms (each word in exact and folded form, in two
fields, plus its syllables). Each term's postings are read from the index as arrays
(``store.Store.postings``: only the query's own terms are read) and their BM25 scores
added with numpy, which costs in proportion to the postings read.

Scoring is BM25 per field (Lucene's idf), times the field's boost and the term's
weight, summed over fields and terms, as Whoosh's BM25F does; field lengths are
Whoosh's one-byte lengths (``store.LENGTHS``), as the browser engine's.

The interface ``index/search.py`` uses: ``Ranker(store, boosts, B=, K1=)``,
``scores(weighted terms) -> array``, ``where(column, *values) -> mask``,
``having(field, terms) -> mask`` and ``top(scores, limit, accept=None)``.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .store import FIELDS, LENGTHS, Store

__all__ = ["Ranker", "WeightedTerm"]

WeightedTerm = tuple[str, str, float]
"""(field, term text, weight)."""


class Ranker:
    """Scores the records of an open ``Store``."""

    def __init__(self, store: Store, boosts: dict[str, float], B: float = 0.75, K1: float = 1.2):
        self.store = store
        self.B, self.K1 = B, K1
        self.size = store.size
        self.live = store.live
        self.count = store.count
        self.boost = boosts
        self.norm = {field: self._norms(field) for field in boosts}

    def _norms(self, field: str) -> np.ndarray:
        """K1 · (1 − B + B · length / average length) of every record, for ``field``."""
        lengths = LENGTHS[self.store.lengths[:, FIELDS.index(field)]].astype(np.float32)
        average = float(lengths[self.live].sum()) / max(self.count, 1) or 1.0
        return self.K1 * (1 - self.B + self.B * lengths / average)

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(record numbers, term frequencies) of a term, removed records left out."""
        return self.store.postings(field, text)

    def scores(self, terms: list[WeightedTerm]) -> np.ndarray:
        """The score of every record (0 where no term matches)."""
        total = np.zeros(self.size, dtype=np.float32)
        for field, text, weight in terms:
            ids, tf = self.postings(field, text)
            if not len(ids):
                continue
            ids = ids.astype(np.intp)       # indexes with native integers: 40% faster
            tf = tf.astype(np.float32)
            idf = math.log(1 + (self.count - len(ids) + 0.5) / (len(ids) + 0.5))
            factor = weight * self.boost[field] * idf * (self.K1 + 1)
            total[ids] += factor * tf / (tf + self.norm[field][ids])
        return total

    def where(self, column: str, *values: str) -> np.ndarray:
        """A mask of the records whose ``column`` ("slug", "status") is one of ``values``."""
        return self.store.where(column, *values)

    def having(self, field: str, terms: list[str]) -> np.ndarray:
        """A mask of the records that have every one of ``terms`` in ``field``."""
        mask = self.live.copy()
        for term in dict.fromkeys(terms):
            has = np.zeros(self.size, dtype=bool)
            has[self.postings(field, term)[0]] = True
            mask &= has
        return mask

    @staticmethod
    def top(scores: np.ndarray, limit: int, accept: Callable[[int], bool] | None = None
            ) -> list[tuple[int, float]]:
        """The ``limit`` best (record number, score), best first, ties in index order;
        with ``accept``, only records it accepts (asked in rank order, as few as need be)."""
        found = np.flatnonzero(scores > 0)
        if accept is not None:
            accept = _remembered(accept)
        wanted = limit
        while True:
            if len(found) > wanted:
                best = found[np.argpartition(-scores[found], wanted - 1)[:wanted]]
                threshold = scores[best].min()
                best = found[scores[found] >= threshold]    # keep every tie at the edge
            else:
                best = found
            ranked = sorted(best.tolist(), key=lambda docnum: (-scores[docnum], docnum))
            if accept is not None:
                ranked = [docnum for docnum in ranked if accept(docnum)]
            if len(ranked) >= limit or len(best) == len(found):
                return [(docnum, float(scores[docnum])) for docnum in ranked[:limit]]
            wanted *= 4


def _remembered(accept: Callable[[int], bool]) -> Callable[[int], bool]:
    answers: dict[int, bool] = {}

    def remembered(docnum: int) -> bool:
        if docnum not in answers:
            answers[docnum] = accept(docnum)
        return answers[docnum]
    return remembered
