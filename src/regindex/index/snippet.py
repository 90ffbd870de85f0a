"""The part of a record's text to show for a hit, with the query's words marked.

Marking compares syllables, so it needs no segmentation. It marks what the search
matched: a syllable typed without accents marks every accented form ("dang vien"
marks "Đảng viên"), one typed with accents only itself ("cán" never marks "căn").
Structure words and small numbers ("khoản", "Điều", "2") are marked only as part of a
citation the query has ("khoản 2"): alone they match nearly every clause.
"""

from __future__ import annotations

from ..analysis import Term, tokenize
from ..analysis.tokens import fold
from ..citations.words import ELEMENT_WORDS

__all__ = ["snippet", "marks", "SNIPPET_WIDTH", "STRUCTURE_WORDS", "LONE_NUMBER"]

SNIPPET_WIDTH = 220
"""Characters of text shown for a hit (a whole unit when it is short)."""

STRUCTURE_WORDS = frozenset(fold(word).lower() for word in ELEMENT_WORDS if " " not in word)
"""Folded words that name a level of structure ("dieu", "khoan", "diem" …)."""

LONE_NUMBER = 3
"""A number of at most this many characters is an element's number, not marked alone."""


def _small(token) -> bool:
    return token.kind == "number" and len(token.text) <= LONE_NUMBER


def marks(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """[start, end) of each syllable of ``text`` the query's ``terms`` match."""
    exact, folded = set(), set()
    for term in terms:
        for written, bare in zip(term.exact.split(" "), term.folded.split(" ")):
            (exact if term.exact != term.folded and written != bare else folded).add(
                written if written != bare else bare)
    pairs = {(a.folded, b.folded) for a, b in zip(terms, terms[1:])
             if a.folded in STRUCTURE_WORDS and b.folded.replace(".", "").isalnum()}
    tokens = tokenize(text)
    spans = []
    for i, token in enumerate(tokens):
        bare = token.folded
        if not (token.text.lower() in exact or bare in folded):
            continue
        if bare in STRUCTURE_WORDS or _small(token):
            before, after = tokens[i - 1] if i else None, tokens[i + 1] if i + 1 < len(tokens) else None
            if not ((after and (bare, after.folded) in pairs)
                    or (before and (before.folded, bare) in pairs)):
                continue
        spans.append((token.start, token.end))
    return spans


def snippet(text: str, terms: list[Term], width: int = SNIPPET_WIDTH
            ) -> tuple[str, list[tuple[int, int]]]:
    """(text shown, [start, end) of each marked word in it)."""
    line = " ".join(text.split())
    spans = marks(line, terms)
    if len(line) <= width:
        return line, spans
    start = _best_window(spans, width)
    start = line.rfind(" ", 0, start) + 1 if start else 0   # begin at a word
    end = min(len(line), start + width)
    if end < len(line):
        end = max(line.rfind(" ", start, end), start + width // 2)
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    shift = 1 if start else 0
    return shown, [(a - start + shift, b - start + shift) for a, b in spans
                   if a >= start and b <= end]


def _best_window(spans: list[tuple[int, int]], width: int) -> int:
    """Where a window of ``width`` characters covering the most marks starts."""
    best, best_count, first = 0, 0, 0
    for last, (_, end) in enumerate(spans):
        while end - spans[first][0] > width:
            first += 1
        if last - first + 1 > best_count:
            best, best_count = spans[first][0], last - first + 1
    return max(0, best - width // 8)     # a little context before the first mark
