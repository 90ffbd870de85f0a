"""Word-level changes between two texts, in Vietnamese words.

The words are the project's segmentation (``regindex.analysis``: "đảng viên" is one
word, not two syllables), compared in order with ``difflib``. Each side comes back as
segments of its own text, exactly as written, each marked changed or not: the old side
marks what was deleted, the new side what was inserted.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..analysis import SEGMENTER, Segmenter

__all__ = ["Segment", "word_diff"]


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


def word_diff(old: str, new: str, segmenter: Segmenter = SEGMENTER
              ) -> tuple[list[Segment], list[Segment]]:
    """(segments of ``old`` with deleted words marked, segments of ``new`` with
    inserted words marked); concatenated, each side gives its text back unchanged."""
    old_words, new_words = segmenter.words(old), segmenter.words(new)
    matcher = difflib.SequenceMatcher(None, [w.text for w in old_words],
                                      [w.text for w in new_words], autojunk=False)
    old_changed, new_changed = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old_changed.append((i1, i2))
            new_changed.append((j1, j2))
    return _segments(old, old_words, old_changed), _segments(new, new_words, new_changed)


def _segments(text: str, words, changed: list[tuple[int, int]]) -> list[Segment]:
    """``text`` cut at the changed runs of ``words`` (a run covers the gaps between
    its words, not the spaces around it)."""
    segments, cursor = [], 0
    for first, end in changed:
        if first == end:
            continue
        start, stop = words[first].start, words[end - 1].end
        if start > cursor:
            segments.append(Segment(text[cursor:start], False))
        segments.append(Segment(text[start:stop], True))
        cursor = stop
    if cursor < len(text):
        segments.append(Segment(text[cursor:], False))
    return segments
