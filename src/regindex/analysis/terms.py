"""The analysis of a text as terms: what both search paths index and look up."""

from __future__ import annotations

from dataclasses import dataclass

from ..normalise import fold_diacritics
from .segment import SEGMENTER, Segmenter

__all__ = ["Term", "analyse"]


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a text.

    ``exact`` is the word lower-cased in canonical form ("đảng viên", "124-qđ/tw");
    ``folded`` the same without diacritics ("dang vien", "124-qd/tw"). ``position``
    counts words from 0; ``start`` and ``end`` are offsets in the normalised text.
    """

    position: int
    exact: str
    folded: str
    start: int
    end: int


def analyse(text: str, segmenter: Segmenter = SEGMENTER) -> list[Term]:
    """The terms of ``text`` (offsets refer to its stored form, ``normalise_text(text)``)."""
    terms = []
    for position, word in enumerate(segmenter.words(text)):
        exact = word.text.lower()
        terms.append(Term(position, exact, fold_diacritics(exact), word.start, word.end))
    return terms
