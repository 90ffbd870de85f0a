"""Ranked search over the index: a user query → hits with citation, URL and snippet.

Each word of the query (split by the index's vocabulary, see
``regindex.analysis.query``) is looked up in ``text`` and ``heading`` by its folded
form and, when typed with accents, by its exact form too, so exact matches score
more; its syllables are looked up in ``syllables``, which also finds parts of words.
Scores are BM25F (``rank``); a quoted phrase must occur in ``syllables`` (records
that have all its syllables are checked in rank order, as few as the hits need). The weights
below were chosen on the ALQAC questions (benchmarks/README.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..analysis import Term, analyse_query, tokenize
from ..normalise import normalise_text
from .build import SearchIndex
from .query import parse_query
from .rank import Ranker, WeightedTerm
from .schema import phrase_syllables
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
        self.store = index.open()
        self.ranker = Ranker(self.store, FIELD_BOOSTS, **BM25)

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
        phrases = [_phrase(phrase) for phrase in user.phrases]
        if slug:
            scores[~self.ranker.where("slug", slug)] = 0
        if in_force:
            scores[~self.ranker.where("status", *IN_FORCE)] = 0
        for phrase in phrases:
            scores[~self.ranker.having("syllables", phrase)] = 0
        accept = (lambda docnum: self.has_phrases(docnum, phrases)) if phrases else None
        return [self.hit(docnum, score, terms)
                for docnum, score in self.ranker.top(scores, limit, accept)]

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


def _phrase(phrase: str) -> list[str]:
    """A quoted phrase as the folded syllables that must be consecutive."""
    return [token.folded for token in tokenize(normalise_text(phrase))]
