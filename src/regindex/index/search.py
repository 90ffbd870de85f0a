"""Ranked search over the index: a user query → hits with citation, URL and snippet.

Each word of the query (split by the index's vocabulary, see
``regindex.analysis.query``) is looked up in ``text`` and ``heading`` by its folded
form and, when typed with accents, by its exact form too, so exact matches score
more; its syllables are looked up in ``syllables``, which also finds parts of words.
Scores are BM25F (``rank``); a quoted phrase must occur in ``syllables``. The weights
below were chosen on the ALQAC questions (benchmarks/README.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from whoosh import query as wq

from ..analysis import Term, analyse_query, tokenize
from ..normalise import analysis_form
from .build import SearchIndex
from .query import parse_query
from .rank import Ranker, WeightedTerm
from .snippet import snippet

__all__ = ["Hit", "Searcher", "IN_FORCE"]

EXACT_WEIGHT = 1.0
"""Weight of a word's exact (accented) form, added to its folded form's."""

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

    def record(self) -> dict:
        return asdict(self)


class Searcher:
    """Queries over one open index; keep it for many queries, then ``close()``."""

    def __init__(self, index: SearchIndex):
        self.whoosh = index.open().searcher()
        self.reader = self.whoosh.reader()
        self.ranker = Ranker(self.whoosh, FIELD_BOOSTS, **BM25)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.whoosh.close()

    def search(self, text: str, *, slug: str | None = None, in_force: bool = False,
               limit: int = 10) -> list[Hit]:
        """The best ``limit`` hits for the user query ``text``, best first; ``slug``
        keeps one document, ``in_force`` documents still in force (``IN_FORCE``)."""
        user = parse_query(text)
        terms = analyse_query(user.text, self.known)
        scores = self.ranker.scores(weighted_terms(terms))
        required = [_phrase(phrase) for phrase in user.phrases]
        if slug:
            required.append(wq.Term("slug", slug))
        if in_force:
            required.append(wq.Or([wq.Term("status", status) for status in IN_FORCE]))
        if required:
            scores[~self.ranker.records(wq.And(required))] = 0
        return [self.hit(docnum, score, terms)
                for docnum, score in self.ranker.top(scores, limit)]

    def known(self, folded: str) -> bool:
        return ("text", folded) in self.reader or ("heading", folded) in self.reader

    def hit(self, docnum: int, score: float, terms: list[Term]) -> Hit:
        stored = self.whoosh.stored_fields(docnum)
        shown = stored["shown"]
        text, marks = snippet(stored["text"], terms)
        return Hit(number=shown["number"], issued=shown["issued"], slug=shown["slug"],
                   eid=shown["eid"], kind=shown["kind"], citation=shown["citation"],
                   url=shown["url"], heading=shown["heading"], status=shown["status"],
                   replaced_by=shown["replaced_by"], illustrative=shown["illustrative"],
                   score=round(score, 4), snippet=text, highlights=marks)


def weighted_terms(terms: list[Term]) -> list[WeightedTerm]:
    """What each word of a query is looked up as (see the module docstring)."""
    weights: dict[tuple[str, str], float] = {}
    for term in terms:
        forms = {term.folded: FOLDED_WEIGHT}
        if term.exact != term.folded:
            forms[term.exact] = EXACT_WEIGHT
        looked_up = [(field, form, weight) for form, weight in forms.items()
                     for field in ("text", "heading")]
        looked_up += [("syllables", syllable, SYLLABLE_WEIGHT)
                      for syllable in term.folded.split(" ")]
        for field, form, weight in looked_up:
            weights[field, form] = weights.get((field, form), 0.0) + weight
    return [(field, form, weight) for (field, form), weight in weights.items()]


def _phrase(phrase: str) -> wq.Query:
    """A quoted phrase as consecutive folded syllables."""
    syllables = [token.folded for token in tokenize(analysis_form(phrase))]
    return wq.Phrase("syllables", syllables) if len(syllables) > 1 else wq.Term(
        "syllables", syllables[0])
