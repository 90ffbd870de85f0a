"""Align two ordered lists of texts by content, not by position or number.

Each text is a set of features (its syllables and syllable pairs, lower case), each
feature weighted by its rarity over both lists (IDF): two texts are alike when they
share rare words and phrases. One sparse product gives every old × new overlap at
once. Then:

1. one-to-one matches, best first (weighted Jaccard ≥ ``MATCH``), ties broken by
   position; then, between two neighbouring matches kept in order, the texts left over
   on both sides match at a lower score (``GAP``: reworded in place);
2. each new text still unmatched that mostly comes from one old text (``PART`` of its
   weight is in that old text) is part of a *split* of it; each old text still
   unmatched that mostly went into one new text was *merged* into it;
3. a one-to-one match is *moved* when it leaves the longest run of matches kept in
   order, or when its container (chapter) is not the one its old container became.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse

__all__ = ["Match", "align", "overlaps", "CHANGES", "MATCH", "PART", "GAP"]

CHANGES = ("same", "reworded", "moved", "split", "merged", "new", "removed")

MATCH = 0.3
"""Weighted Jaccard from which two texts are one element, reworded (tuned with
benchmarks/diff_alignment.py)."""

PART = 0.6
"""Share of a text's weight found in another from which it is a part of it (split or
merged)."""

GAP = 0.15
"""Weighted Jaccard enough for two texts left over at the same place (between the same
two matched neighbours) to be one element, heavily reworded."""

WORD = re.compile(r"""
    [^\W_]+        # a run of letters and digits: a syllable, or a number's digits
""", re.X)


@dataclass(frozen=True)
class Match:
    """One aligned pair: indexes into the old and new lists (None for new / removed)."""

    old: int | None
    new: int | None
    change: str
    similarity: float = 0.0


def _features(text: str) -> set:
    words = WORD.findall(text.lower())
    return set(words).union(zip(words, words[1:]))


def overlaps(old: Sequence[str], new: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shared weight matrix old × new, weight of each old text, of each new text)."""
    vocabulary: dict = {}
    columns, lengths = [], []
    for text in (*old, *new):
        features = _features(text)
        columns += [vocabulary.setdefault(f, len(vocabulary)) for f in features]
        lengths.append(len(features))
    columns_array = np.asarray(columns, dtype=np.int64)
    rows = np.concatenate([[0], np.cumsum(lengths)])
    frequency = np.bincount(columns_array, minlength=len(vocabulary))
    weights = np.log1p((len(old) + len(new)) / np.maximum(frequency, 1))
    matrix = sparse.csr_matrix((weights[columns_array], columns_array, rows),
                               shape=(len(lengths), len(vocabulary)))
    a, b = matrix[:len(old)], matrix[len(old):]
    present = b.copy()
    present.data[:] = 1.0       # weighted × present: the weight of the shared features
    shared = (a @ present.T).toarray()
    return shared, np.asarray(a.sum(axis=1)).ravel(), np.asarray(b.sum(axis=1)).ravel()


def align(old: Sequence[str], new: Sequence[str], *,
          old_groups: Sequence[str | None] | None = None,
          new_groups: Sequence[str | None] | None = None,
          match: float = MATCH, part: float = PART, gap: float = GAP) -> list[Match]:
    """Every pair of ``old`` and ``new`` texts that are one element, and every text
    with no counterpart (see the module docstring). ``*_groups`` name each text's
    container, for "moved to another chapter"."""
    if not old or not new:
        return ([Match(i, None, "removed") for i in range(len(old))]
                + [Match(None, j, "new") for j in range(len(new))])
    shared, old_weight, new_weight = overlaps(old, new)
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.nan_to_num(shared / (old_weight[:, None] + new_weight[None, :] - shared))
        old_part = np.nan_to_num(shared / old_weight[:, None])     # of old i, found in new j
        new_part = np.nan_to_num(shared / new_weight[None, :])     # of new j, found in old i
    for i in np.flatnonzero(old_weight == 0):   # texts without words match exactly
        jaccard[i] = [1.0 if _same(old[i], other) else 0.0 for other in new]

    pairs = _one_to_one(jaccard, match)
    pairs += _in_gaps(pairs, jaccard, gap)
    links = dict.fromkeys(pairs, None)
    taken_old = {i for i, _ in pairs}
    taken_new = {j for _, j in pairs}
    for j in range(len(new)):
        if j not in taken_new and new_weight[j]:
            i = int(np.argmax(new_part[:, j]))
            if new_part[i, j] >= part:
                links[(i, j)] = None
    for i in range(len(old)):
        if i not in taken_old and old_weight[i]:
            j = int(np.argmax(old_part[i]))
            if old_part[i, j] >= part:
                links[(i, j)] = None

    old_count = Counter(i for i, _ in links)
    new_count = Counter(j for _, j in links)
    moved = _moved([(i, j) for i, j in links if old_count[i] == new_count[j] == 1],
                   old_groups, new_groups)
    matches = []
    for i, j in links:
        if old_count[i] > 1:
            change = "split"
        elif new_count[j] > 1:
            change = "merged"
        elif (i, j) in moved:
            change = "moved"
        else:
            change = "same" if _same(old[i], new[j]) else "reworded"
        matches.append(Match(i, j, change, round(float(jaccard[i, j]), 3)))
    matches += [Match(i, None, "removed") for i in range(len(old)) if i not in old_count]
    matches += [Match(None, j, "new") for j in range(len(new)) if j not in new_count]
    return matches


def _same(old: str, new: str) -> bool:
    """Same words in the same order: a change of spacing or punctuation alone is none."""
    return old == new or WORD.findall(old) == WORD.findall(new)


def _one_to_one(jaccard: np.ndarray, match: float) -> list[tuple[int, int]]:
    """Greedy best-first matching; among equal scores the pair nearest in position."""
    rows, cols = np.nonzero(jaccard >= match)
    if not len(rows):
        return []
    n_old, n_new = jaccard.shape
    distance = np.abs(rows / n_old - cols / n_new)
    order = np.lexsort((distance, -np.round(jaccard[rows, cols], 3)))
    taken_old, taken_new, pairs = set(), set(), []
    for k in order:
        i, j = int(rows[k]), int(cols[k])
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j))
    return pairs


def _in_gaps(pairs: list[tuple[int, int]], jaccard: np.ndarray,
             gap: float) -> list[tuple[int, int]]:
    """One-to-one matches ≥ ``gap`` among the texts left over between two neighbouring
    matches kept in order (an element reworded in place)."""
    pairs = sorted(pairs)
    anchors = [pairs[k] for k in _longest_increasing([j for _, j in pairs])]
    anchors = [(-1, -1), *anchors, jaccard.shape]
    taken_old, taken_new = {i for i, _ in pairs}, {j for _, j in pairs}
    found = []
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        olds = [i for i in range(i0 + 1, i1) if i not in taken_old]
        news = [j for j in range(j0 + 1, j1) if j not in taken_new]
        if olds and news:
            block = jaccard[np.ix_(olds, news)]
            found += [(olds[a], news[b]) for a, b in _one_to_one(block, gap)]
    return found


def _moved(pairs: list[tuple[int, int]], old_groups, new_groups) -> set[tuple[int, int]]:
    """The one-to-one pairs out of order (not in the longest increasing run of new
    positions, taken in old order) or under a container other than their old one's."""
    pairs = sorted(pairs)
    kept = set(_longest_increasing([j for _, j in pairs]))
    moved = {pair for k, pair in enumerate(pairs) if k not in kept}
    if old_groups is not None and new_groups is not None:
        votes: dict[str, Counter] = {}
        for i, j in pairs:
            if old_groups[i] is not None:
                votes.setdefault(old_groups[i], Counter())[new_groups[j]] += 1
        became = {group: counter.most_common(1)[0][0] for group, counter in votes.items()}
        moved |= {(i, j) for i, j in pairs
                  if old_groups[i] is not None and new_groups[j] != became[old_groups[i]]}
    return moved


def _longest_increasing(values: list[int]) -> list[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``."""
    tails, tail_index, previous = [], [], [-1] * len(values)
    for k, value in enumerate(values):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < value:
                lo = mid + 1
            else:
                hi = mid
        if lo:
            previous[k] = tail_index[lo - 1]
        if lo == len(tails):
            tails.append(value)
            tail_index.append(k)
        else:
            tails[lo] = value
            tail_index[lo] = k
    run, k = [], tail_index[-1] if tail_index else -1
    while k >= 0:
        run.append(k)
        k = previous[k]
    return run[::-1]
