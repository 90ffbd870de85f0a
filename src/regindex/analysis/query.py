"""Queries split into words by the index's own vocabulary.

Running the segmentation model on a query would cost its loading time and would fail
on text typed without accents, which the model was not trained on. Instead a query's
syllables are grouped greedily into the longest runs that the index holds as a word,
compared by folded form: "xep loai dang vien" → "xep loai", "dang vien".
"""

from __future__ import annotations

from typing import Callable

from ..normalise import analysis_form, fold_diacritics
from .segment import domain_words
from .terms import Term
from .tokens import canonical_number, tokenize

__all__ = ["analyse_query", "LONGEST_WORD"]

LONGEST_WORD = max(4, *(len(term) for terms in domain_words().values() for term in terms))
"""The most syllables a word of the index may have that a query tries to match."""


def analyse_query(text: str, known: Callable[[str], bool]) -> list[Term]:
    """The terms of a query; ``known(folded)`` says whether the index has that word."""
    text = analysis_form(text)
    tokens = tokenize(text)
    terms, i = [], 0
    while i < len(tokens):
        size = next((size for size in range(min(LONGEST_WORD, len(tokens) - i), 1, -1)
                     if _is_word(text, tokens[i:i + size], known)), 1)
        run = tokens[i:i + size]
        exact = " ".join(t.text for t in run).lower()
        if run[0].kind == "docnumber":
            exact = canonical_number(exact)
        terms.append(Term(len(terms), exact, fold_diacritics(exact), run[0].start, run[-1].end))
        i += size
    return terms


def _is_word(text, run, known) -> bool:
    return (all(t.joinable for t in run)
            and all(text[a.end:b.start].isspace() for a, b in zip(run, run[1:]))
            and known(fold_diacritics(" ".join(t.text for t in run).lower())))
