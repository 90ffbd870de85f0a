"""Ranked search over the index: a user query → hits with citation, URL and snippet.

Each word of the query (split by the index's vocabulary, see
``regindex.analysis.query``) is looked up in ``text`` and ``heading``, and its
syllables in ``syllables`` (which also finds parts of words): typed without accents,
by its folded form, which finds every accented form; typed with accents, by its exact
form only (tone placement and look-alike letters aside, which analysis unifies).
Scores are BM25F (``rank``); a quoted phrase must occur in ``syllables`` (records
that have all its syllables are checked in rank order, as few as the hits need). The weights
below were chosen on the ALQAC questions (benchmarks/README.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable

from ..analysis import Term, analyse_query, tokenize
from .build import SearchIndex
from .query import parse_query
from .rank import Ranker, WeightedTerm
from .lookup import cited, number_query
from .records import heading_path
from .schema import phrase_syllables
from .snippet import SNIPPET_WIDTH, snippet

__all__ = ["Hit", "Searcher", "IN_FORCE", "EXPIRED_FACTOR", "CITED", "NUMBERED"]

EXACT_WEIGHT = 1.0
"""Weight of a word typed with accents, looked up by its exact form only, on top of
FOLDED_WEIGHT (an exact match scores both, as when it was also looked up folded)."""

FOLDED_WEIGHT = 1.0
"""Weight of a word's folded form: what a query without accents matches."""

SYLLABLE_WEIGHT = 2.0
"""Weight of each syllable of a word. Syllables do not depend on where segmentation
put word boundaries, and on ALQAC they are the strongest evidence: raising this from
0.3 to 2 raised Recall@5 from 0.86 to 0.91."""

FIELD_BOOSTS = {"text": 1.0, "heading": 0.5, "syllables": 1.0}
"""Weight of each field's score. The heading path is repeated in every unit under it
and its syllables are already in ``syllables``, so its words add half a text's
weight on top: boosting them more (2, 3) lowered Recall@5 on ALQAC."""

BM25 = {"B": 0.75, "K1": 1.2}
"""BM25 parameters: the usual values, which did as well as any other tried."""

IN_FORCE = ("in-force", "partly-expired")
"""Statuses kept by ``in_force=True``: documents with provisions still in force."""

EXPIRED_FACTOR = 0.8
"""A record of an expired document scores this much of its score: when scores are
close, what is in force comes first ("xep loai chat luong dang vien": 366-QĐ/TW above
16-HD/BTCTW, which it replaced twice over); a clearly better match still wins."""

CITED = "Trích dẫn"
NUMBERED = "Số hiệu"
"""How a hit that the query names is labelled: the cited element, a document by number."""


@dataclass
class Hit:
    """One search result, ready to print or to serialise (``record()``)."""

    number: str
    issued: str | None
    slug: str
    eid: str | None
    kind: str
    citation: str
    url: str
    heading: str
    status: str | None
    replaced_by: list[dict]
    illustrative: bool
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    named: str | None = None        # CITED or NUMBERED: the query names this hit
    note: str | None = None         # e.g. the cited document has no text yet
    succession: list[str] = field(default_factory=list)   # numbers of what replaced it, in turn

    def record(self) -> dict:
        return asdict(self)


class Searcher:
    """Queries over one open index; keep it for many queries, then ``close()``.

    ``library`` (the ``Library`` of the indexed folder, or a function loading it when
    first needed) lets a query that reads as a citation put the cited element first
    (``lookup``); without it, citations are searched as words."""

    def __init__(self, index: SearchIndex, library=None):
        self.store = index.open()
        self.ranker = Ranker(self.store, FIELD_BOOSTS, **BM25)
        self.expired = self.ranker.where("status", "expired")
        self._library = library

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.store.close()

    def search(self, text: str, *, slug: str | None = None, in_force: bool = False,
               limit: int = 10) -> list[Hit]:
        """The best ``limit`` hits for the user query ``text``, best first; ``slug``
        keeps one document, ``in_force`` documents still in force (``IN_FORCE``)."""
        user = parse_query(text)
        terms = analyse_query(user.text, self.known)
        scores = self.ranker.scores(weighted_terms(terms))
        scores[self.expired] *= EXPIRED_FACTOR
        phrases = [_phrase(phrase) for phrase in user.phrases]
        if slug:
            scores[~self.ranker.where("slug", slug)] = 0
        if in_force:
            scores[~self.ranker.where("status", *IN_FORCE)] = 0
        for phrase in phrases:
            scores[~self.ranker.having("syllables", phrase)] = 0
        accept = (lambda docnum: self.has_phrases(docnum, phrases)) if phrases else None
        named = [hit for hit in self.named(text)
                 if (not slug or hit.slug == slug) and (not in_force or hit.status in IN_FORCE)]
        shown = {(hit.slug, hit.eid) for hit in named}
        ranked = [self.hit(docnum, score, terms)
                  for docnum, score in self.ranker.top(scores, limit + len(named), accept)]
        return (named + [hit for hit in ranked if (hit.slug, hit.eid) not in shown])[:limit]

    @property
    def library(self):
        if callable(self._library):
            self._library = self._library()
        return self._library

    def named(self, text: str) -> list[Hit]:
        """The hits a query names: the element it cites, or the documents with the
        number it is, newest first (see ``lookup``)."""
        if self._library is not None and (targets := cited(text, lambda: self.library)):
            return [self._cited_hit(target) for target in targets if target.document]
        if (number := number_query(text)) is None:
            return []
        found = [stored for stored in self.store.documents()
                 if number.finds(stored["shown"]["number"])]
        found.sort(key=lambda stored: stored["shown"]["issued"] or "", reverse=True)
        return [self._stored_hit(stored["shown"], named=NUMBERED) for stored in found]

    def _cited_hit(self, target) -> Hit:
        node, document = target.node, target.document
        if node is None or target.eid is None:
            named = CITED if target.eid else NUMBERED     # "Quy định 124" names a document
            hit = self._stored_hit(self.store.document(document.slug)["shown"], named=named)
        else:
            hit = self._stored_hit(
                {**self.store.document(document.slug)["shown"], "eid": node.eid,
                 "kind": node.kind, "url": document.url(node), "heading": heading_path(node)},
                named=CITED, text=node.full_text())
        hit.citation = target.citation
        if not target.exists:
            hit.note = (f"{document.name} chưa có nội dung trong thư viện"
                        + (f"; đã được thay thế bởi {' → '.join(hit.succession)}"
                           if hit.succession else ""))
        return hit

    def _stored_hit(self, shown: dict, named: str, text: str = "") -> Hit:
        line = " ".join(text.split())
        return Hit(number=shown["number"], issued=shown["issued"], slug=shown["slug"],
                   eid=shown["eid"], kind=shown["kind"], citation=shown["citation"],
                   url=shown["url"], heading=shown["heading"], status=shown["status"],
                   replaced_by=shown["replaced_by"], illustrative=shown["illustrative"],
                   score=0.0, snippet=line[:SNIPPET_WIDTH] + ("…" if len(line) > SNIPPET_WIDTH else ""),
                   highlights=[], named=named, succession=self.succession(shown))

    def succession(self, shown: dict) -> list[str]:
        """The numbers of what replaced a document, and what replaced those in turn:
        "124-QĐ/TW", "366-QĐ/TW" for 132-QĐ/TW (first successor of each, no loops)."""
        chain, seen = [], {shown["slug"]}
        while shown and shown["replaced_by"]:
            ref = shown["replaced_by"][0]
            chain.append(ref["number"])
            if not ref["slug"] or ref["slug"] in seen:
                break
            seen.add(ref["slug"])
            stored = self.store.document(ref["slug"])
            shown = stored["shown"] if stored else None
        return chain

    def known(self, folded: str) -> bool:
        return self.store.has_term("text", folded) or self.store.has_term("heading", folded)

    def has_phrases(self, docnum: int, phrases: list[list[str]]) -> bool:
        """Whether the record has each phrase as consecutive syllables."""
        stored = self.store.stored(docnum)
        forms = phrase_syllables(stored["heading"], stored["text"])
        return all(any(all(syllable in forms[at + i] for i, syllable in enumerate(phrase))
                       for at in range(len(forms) - len(phrase) + 1))
                   for phrase in phrases)

    def hit(self, docnum: int, score: float, terms: list[Term]) -> Hit:
        stored = self.store.stored(docnum)
        shown = stored["shown"]
        text, marks = snippet(stored["text"], terms)
        return Hit(number=shown["number"], issued=shown["issued"], slug=shown["slug"],
                   eid=shown["eid"], kind=shown["kind"], citation=shown["citation"],
                   url=shown["url"], heading=shown["heading"], status=shown["status"],
                   replaced_by=shown["replaced_by"], illustrative=shown["illustrative"],
                   score=round(score, 4), snippet=text, highlights=marks,
                   succession=self.succession(shown))


def weighted_terms(terms: list[Term]) -> list[WeightedTerm]:
    """What each word of a query is looked up as (see the module docstring): a word
    typed without accents by its folded form, which every accented form has; a word
    typed with accents by its exact form only ("hôn nhân" never finds "hơn")."""
    weights: dict[tuple[str, str], float] = {}
    for term in terms:
        accented = term.exact != term.folded
        form, weight = (term.exact, EXACT_WEIGHT + FOLDED_WEIGHT) if accented else (
            term.folded, FOLDED_WEIGHT)
        looked_up = [(field, form, weight) for field in ("text", "heading")]
        looked_up += [("syllables", syllable, SYLLABLE_WEIGHT) for syllable in form.split(" ")]
        for field, key, value in looked_up:
            weights[field, key] = weights.get((field, key), 0.0) + value
    return [(field, form, weight) for (field, form), weight in weights.items()]


def _phrase(phrase: str) -> list[str]:
    """A quoted phrase as the folded syllables that must be consecutive."""
    return [token.folded for token in tokenize(phrase)]
