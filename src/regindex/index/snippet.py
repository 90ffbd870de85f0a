"""The part of a record's text to show for a hit, with the query's words marked.

Marking compares folded syllables, so it needs no segmentation and marks "dang vien"
in "Đảng viên" as the search found it.
"""

from __future__ import annotations

from ..analysis import Term, tokenize

__all__ = ["snippet", "SNIPPET_WIDTH"]

SNIPPET_WIDTH = 220
"""Characters of text shown for a hit (a whole unit when it is short)."""


def snippet(text: str, terms: list[Term], width: int = SNIPPET_WIDTH
            ) -> tuple[str, list[tuple[int, int]]]:
    """(text shown, [start, end) of each marked word in it)."""
    wanted = {syllable for term in terms for syllable in term.folded.split(" ")}
    line = " ".join(text.split())
    spans = [(token.start, token.end) for token in tokenize(line) if token.folded in wanted]
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
