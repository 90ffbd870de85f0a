"""Split text into syllable tokens: the units word segmentation groups.

A token is a syllable ("đảng"), a number ("12", "1.200.000", "04/10/2023") or a whole
document number ("124-QĐ/TW", "45/2019/QH14"), which must stay one token so that a
search for it finds it. Spaces and punctuation are not tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..normalise import analysis_form, fold_diacritics
from ..vocabulary import document_number

__all__ = ["Token", "tokenize", "TOKEN", "TOKEN_PATTERN", "canonical_number", "fold"]

TOKEN_PATTERN = r"""
    (?P<docnumber>
        {docnumber}                          # "124-QĐ/TW", "45/2019/QH14" (vocabulary)
        (?!{word})                           # ends with the word ("124-QĐ/TWx" is not one)
    )
  | (?P<number>
        [0-9]+(?:[.,/][0-9]+)*               # "12", "1.200.000", "4,5", "04/10/2023"
        (?!{word})                           # "12a" is a syllable, read below
    )
  | (?P<syllable>
        {word}+                              # a run of letters and digits: "đảng", "QH14"
    )
"""
"""The token rule, written once for Python and for the browser (``rules``): ``{word}``
is a letter or digit of any script. Digits of document numbers are ASCII."""

TOKEN_PATTERN = TOKEN_PATTERN.replace("{docnumber}", document_number())

TOKEN = re.compile(TOKEN_PATTERN.replace("{word}", r"[^\W_]"), re.X)


class Token(NamedTuple):
    """A token of ``text[start:end]``; ``kind`` is the TOKEN group that matched.
    (A named tuple: indexing makes one per syllable, so it must be cheap to create.)"""

    text: str
    start: int
    end: int
    kind: str

    @property
    def folded(self) -> str:
        """Lower case, without diacritics, one spelling of document numbers."""
        return fold(canonical_number(self.text).lower())

    @property
    def joinable(self) -> bool:
        """Whether segmentation may join it with a neighbour into a word."""
        return self.kind == "syllable"


def canonical_number(number: str) -> str:
    """One spelling of a document number: "124–QĐ/TW" → "124-QĐ/TW"."""
    return number.replace("–", "-")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """``fold_diacritics``, remembered: a text's words come from a small vocabulary."""
    return fold_diacritics(word)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` in order, read in its analysis form (``Token.text`` is in
    that form; offsets hold in the stored form too)."""
    return [Token(match[0], *match.span(), match.lastgroup)
            for match in TOKEN.finditer(analysis_form(text))]
