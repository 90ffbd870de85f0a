"""Compare two versions of a regulation, element by element ("Những điểm mới").

``compare(old, new)`` aligns the two structures by content, not by number (``align``:
articles, then clauses and points inside matched articles) and gives a ``Comparison``
of ``Pair``s, each "same", "reworded", "moved", "split", "merged", "new" or "removed".
``word_diff`` marks the words (the project's Vietnamese segmentation) deleted and
inserted inside a pair.
"""

from .align import CHANGES, Match, align
from .compare import (CHANGE_LABELS, Comparison, Pair, compare, own_text, predecessor,
                      replaced_pairs, unit_text)
from .words import Segment, word_diff

__all__ = ["compare", "Comparison", "Pair", "predecessor", "replaced_pairs", "unit_text",
           "own_text", "CHANGE_LABELS", "CHANGES", "align", "Match", "word_diff", "Segment"]
