"""Word segmentation: which neighbouring syllables of a text form one word.

underthesea's CRF model (``word_tokenize``) decides first; the domain word list
(``domain_words.txt``) then joins the terms of Party texts the model splits ("cấp ủy",
"xếp loại"), but only where the model put word boundaries around the term, so a term
never cuts a word the model found. Numbers and document numbers stay single words.

A segmentation is stored as its *joins*: one byte per pair of neighbouring tokens, 1
where the second continues the word of the first. ``Segmenter`` remembers joins by
content for the process and, given a ``SegmentCache``, on disk: unchanged text is
segmented once. ``Segmenter.prepare`` and ``Segmenter.batches`` segment many texts
in worker processes; ``Segmenter.stream`` does so for a stream of groups of texts
(the records of one document), keeping only a few groups in memory.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from typing import Iterable, Iterator, TypeVar

from ..normalise import analysis_form
from .cache import SegmentCache
from .tokens import TOKEN, Token, canonical_number, tokenize

__all__ = ["Word", "Segmenter", "SEGMENTER", "domain_words", "crf_joins", "words_from",
           "word_runs", "word_form"]

PARALLEL_CHARS = 200_000
"""Below this many characters to segment, starting worker processes costs more than
it saves (each loads the CRF model)."""

T = TypeVar("T")

CHUNK = 64
"""Texts per batch: the unit of work of a worker process, and of progress."""


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text: its syllables joined by one space, as written."""

    text: str
    start: int
    end: int
    kind: str       # "syllable" (a word of syllables), "number" or "docnumber"


@lru_cache(maxsize=None)
def domain_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First syllable → the domain terms starting with it, longest first."""
    rows = resources.files(__package__).joinpath("domain_words.txt").read_text("utf-8")
    terms: dict[str, list[tuple[str, ...]]] = {}
    for row in rows.splitlines():
        if row.strip() and not row.lstrip().startswith("#"):
            syllables = tuple(analysis_form(row).lower().split())
            terms.setdefault(syllables[0], []).append(syllables)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in terms.items()}


@lru_cache(maxsize=None)
def recipe() -> bytes:
    """What a segmentation depends on besides the text: the model's version, the
    domain words and the token pattern. A change gives every text a new cache key."""
    parts = [metadata.version("underthesea"), repr(sorted(domain_words().items())), TOKEN.pattern]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=8).digest()


def content_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16, salt=recipe()).digest()


def crf_joins(text: str, tokens: list[Token]) -> bytearray:
    """The joins underthesea's model makes between ``tokens`` of ``text``."""
    from underthesea import word_tokenize   # 0.7 s to import: only when text is new

    # word_tokenize returns words as its syllables joined by spaces; with token
    # normalisation off they are the text's own characters (but ð → đ).
    search = text.replace("ð", "đ").replace("Ð", "Đ")
    continued, cursor = set(), 0
    for word in word_tokenize(text, use_token_normalize=False):
        for i, piece in enumerate(word.split(" ")):
            at = search.find(piece, cursor)
            if at < 0:
                break
            if i:
                continued.add(at)
            cursor = at + len(piece)
    return bytearray(
        before.joinable and after.joinable and after.start in continued
        and text[before.end:after.start].isspace()
        for before, after in zip(tokens, tokens[1:]))


def join_domain_words(text: str, tokens: list[Token], joins: bytearray) -> bytearray:
    """``joins`` with the domain terms joined, where the model's boundaries allow."""
    terms = domain_words()
    i = 0
    while i < len(tokens):
        candidates = terms.get(tokens[i].text.lower(), ())
        length = _domain_term_at(text, tokens, joins, i, candidates) if candidates else 0
        if length:
            joins[i:i + length - 1] = b"\1" * (length - 1)
        i += max(length, 1)
    return joins


def _domain_term_at(text, tokens, joins, i, candidates) -> int:
    """Syllables of the longest domain term starting at token ``i``; 0 if none fits."""
    if i and joins[i - 1]:
        return 0        # token i continues a word: a term would cut it
    for term in candidates:
        end = i + len(term)
        if end > len(tokens) or (end < len(tokens) and joins[end - 1]):
            continue    # runs past the text, or would cut the word after it
        span = tokens[i:end]
        if all(t.joinable and t.text.lower() == s for t, s in zip(span, term)) and all(
                joins[k] or text[tokens[k].end:tokens[k + 1].start] == " "
                for k in range(i, end - 1)):
            return len(term)
    return 0


def segment_joins(text: str) -> bytes:
    """The joins of ``text``: the model's, then the domain terms'."""
    tokens = tokenize(text)
    return bytes(join_domain_words(text, tokens, crf_joins(text, tokens)))


def _segment_all(texts: list[str]) -> list[bytes]:
    return [segment_joins(text) for text in texts]


def word_runs(tokens: list[Token], joins: bytes) -> Iterator[list[Token]]:
    """The tokens of each word, in order, given the tokens' joins."""
    run = []
    for i, token in enumerate(tokens):
        run.append(token)
        if i == len(tokens) - 1 or not joins[i]:
            yield run
            run = []


def word_form(run: list[Token]) -> str:
    """A word as written: its syllables joined by one space, one spelling of numbers."""
    form = " ".join(t.text for t in run)
    return canonical_number(form) if run[0].kind == "docnumber" else form


@lru_cache(maxsize=256)
def words_from(text: str, joins: bytes) -> tuple[Word, ...]:
    """The words of ``text`` given its tokens' joins (remembered a while: the heading
    of an article is analysed again for each of its clauses and points)."""
    return tuple(Word(word_form(run), run[0].start, run[-1].end, run[0].kind)
                 for run in word_runs(tokenize(text), joins))


class Segmenter:
    """Segments texts into words, once per distinct text (see the module docstring)."""

    def __init__(self, cache: SegmentCache | None = None):
        self.cache = cache
        self.known: dict[str, bytes] = {}
        self.segmented = 0      # characters segmented by the model (not found cached)

    def words(self, text: str) -> tuple[Word, ...]:
        """The words of ``text``, read in its analysis form (offsets refer to the stored
        form, which has the same length; a word's ``text`` is in the analysis form)."""
        text = analysis_form(text)
        return words_from(text, self.joins(text))

    def joins(self, text: str) -> bytes:
        """The joins of ``text``'s tokens (segmenting it if need be)."""
        text = analysis_form(text)
        joins = self.known.get(text)
        if joins is None:
            self.prepare([text])
            joins = self.known[text]
        return joins

    def prepare(self, texts, workers: int | None = None) -> int:
        """Segment every text not segmented yet; return the characters segmented."""
        return sum(len(text) for batch in self.batches(texts, workers) for text in batch)

    def batches(self, texts, workers: int | None = None) -> Iterator[list[str]]:
        """Segment every text not segmented yet, yielding each batch of newly
        segmented texts as it is done, in order: a caller can index what is ready
        while the rest is segmented. Runs ``workers`` processes (default: one per
        core) when there is enough text to be worth starting them."""
        new = self._uncached(texts)
        batches = [new[i:i + CHUNK] for i in range(0, len(new), CHUNK)]
        workers = min(workers or os.cpu_count() or 1, len(batches))
        if workers > 1 and sum(map(len, new)) >= PARALLEL_CHARS:
            with ProcessPoolExecutor(workers) as pool:
                yield from self._learn(batches, pool.map(_segment_all, batches))
        else:
            yield from self._learn(batches, map(_segment_all, batches))

    def stream(self, groups: Iterable[tuple[T, list[str]]], workers: int | None = None
               ) -> Iterator[T]:
        """Segment the texts of each ``(item, texts)`` of ``groups`` not segmented yet,
        and yield each item, in order, once its texts are: the caller indexes a group
        (then may ``forget`` its texts) while worker processes segment the next ones.
        Groups are read only a few batches ahead, so memory stays bounded however many
        there are. Worker processes (``workers``, default one per core) start once
        ``PARALLEL_CHARS`` characters have needed segmenting."""
        workers = workers or os.cpu_count() or 1
        pool, queued, waiting, needed = None, 0, deque(), 0
        try:
            for item, texts in groups:
                new = self._uncached(texts)
                needed += sum(map(len, new))
                if pool is None and workers > 1 and needed >= PARALLEL_CHARS:
                    pool = ProcessPoolExecutor(workers)
                batches = [new[i:i + CHUNK] for i in range(0, len(new), CHUNK)]
                futures = [pool.submit(_segment_all, batch) for batch in batches] if pool else None
                queued += len(batches) if pool else 0
                waiting.append((item, batches, futures))
                while waiting and (queued > 2 * workers or waiting[0][2] is None
                                   or all(future.done() for future in waiting[0][2])):
                    item, batches, futures = waiting.popleft()
                    queued -= len(futures or ())
                    yield self._finish(item, batches, futures)
            while waiting:
                yield self._finish(*waiting.popleft())
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def forget(self, texts: Iterable[str]) -> None:
        """Drop the segmentations of ``texts`` from memory (the disk cache keeps them)."""
        for text in texts:
            self.known.pop(analysis_form(text), None)

    def _uncached(self, texts) -> list[str]:
        """The texts neither known nor in the disk cache (those in the cache become known)."""
        new = list(dict.fromkeys(t for t in map(analysis_form, texts) if t not in self.known))
        if self.cache is not None and new:
            keys = {text: content_key(text) for text in new}
            stored = self.cache.get(keys.values())
            for text in new:
                if keys[text] in stored:
                    self.known[text] = stored[keys[text]]
            new = [text for text in new if text not in self.known]
        return new

    def _finish(self, item, batches, futures):
        results = (future.result() for future in futures) if futures is not None else map(
            _segment_all, batches)
        for _ in self._learn(batches, results):
            pass
        return item

    def _learn(self, batches, results) -> Iterator[list[str]]:
        for batch, joins in zip(batches, results):
            self.known.update(zip(batch, joins))
            self.segmented += sum(map(len, batch))
            if self.cache is not None:
                self.cache.put((content_key(text), found) for text, found in zip(batch, joins))
            yield batch


SEGMENTER = Segmenter()
"""The process's segmenter, which the Whoosh analyzers use (they are pickled into the
index schema, so they hold no state of their own). The index attaches its cache."""
