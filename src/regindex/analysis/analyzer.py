"""The Whoosh analyzers built from the analysis: a word tokenizer and small filters.

Analyzers are pickled into the index schema, so these classes hold no state: the
tokenizer asks the process's ``SEGMENTER``, which the index gives its cache.

- ``word_analyzer()``: each word lower-cased, and beside it (same position) its folded
  form when that differs: "Đảng viên" → "đảng viên", "dang vien". A query without
  accents finds the folded form; an accented one matches both, so it ranks higher.
- ``syllable_analyzer()``: syllables at consecutive positions, folded and, beside
  (same position) when that differs, lower-cased as written: for quoted phrases, for
  a part of a word ("vien" in "đảng viên"), and so that a syllable typed with
  accents finds only itself ("hôn" not "hơn"); no segmentation needed. A document
  number is also found by its serial number ("124" in "124-qđ/tw").
"""

from __future__ import annotations

import re

from whoosh.analysis import Filter, LowercaseFilter, Token, Tokenizer

from .segment import SEGMENTER
from .tokens import canonical_number, fold
from .tokens import tokenize as syllable_tokens

__all__ = ["WordTokenizer", "SyllableTokenizer", "FoldingFilter", "SerialNumberFilter",
           "word_analyzer", "syllable_analyzer"]

SERIAL = re.compile(r"""
    \d+        # the serial number a document number starts with: "124" of "124-QĐ/TW"
""", re.X)


class _SpanTokenizer(Tokenizer):
    """Turns the spans a subclass finds, ``(text, is_docnumber, start, end)``, into Whoosh
    tokens (one shared Token, as Whoosh's own tokenizers do)."""

    def spans(self, value: str):
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, (text, docnumber, start, end) in enumerate(self.spans(value), start_pos):
            token.text = text
            token.docnumber = docnumber
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class WordTokenizer(_SpanTokenizer):
    """The words of the (normalised) text, as segmentation finds them."""

    def spans(self, value: str):
        for word in SEGMENTER.words(value):
            yield word.text, word.kind == "docnumber", word.start, word.end


class SyllableTokenizer(_SpanTokenizer):
    """The syllable tokens of the text (``tokens.tokenize``), without segmentation."""

    def spans(self, value: str):
        for syllable in syllable_tokens(value):
            docnumber = syllable.kind == "docnumber"
            text = canonical_number(syllable.text) if docnumber else syllable.text
            yield text, docnumber, syllable.start, syllable.end


class FoldingFilter(Filter):
    """Folds diacritics (đ → d). With ``keep_exact``, the folded form is added at the
    token's position and the exact form kept; without, it replaces it."""

    def __init__(self, keep_exact: bool = True):
        self.keep_exact = keep_exact

    def __call__(self, tokens):
        for token in tokens:
            folded = fold(token.text)
            if self.keep_exact and folded != token.text:
                yield token
            token.text = folded
            yield token


class SerialNumberFilter(Filter):
    """Adds a document number's serial number at its position: "124" for "124-QĐ/TW"."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.docnumber:
                token.text = SERIAL.match(token.text)[0]
                yield token


def word_analyzer():
    return WordTokenizer() | LowercaseFilter() | FoldingFilter()


def syllable_analyzer():
    return SyllableTokenizer() | LowercaseFilter() | SerialNumberFilter() | FoldingFilter()
