"""The site's search index split in shards, so that a page loads only what a query needs.

The single script of ``search_index`` holds every record's words, and the engine builds
its postings from them when it loads: at the scale of the whole codified law (347 k
records) that is one 49 MB script for every page. Here the same index is written as:

- ``search/regindex-core.js``: what the scoring needs up front: the documents, each
  record's document and heading path, the stored length of each heading path and the
  fields' average lengths; which postings shards are not empty (a word whose shard is
  empty is not in the index: it loads nothing). No vocabulary: at 42× it was three
  quarters of the core, and reading it most of the time to a first result.
- ``search/p/<n>.js``, postings shards: for each word form, its text (the first piece
  of the vocabulary that is that form, which the engine reads as before) and the
  records (and heading paths) that hold it, with its frequency there. A form is
  written in the shard of each of its folded syllables (``bucket``), so that a query
  word needs one shard per syllable, whatever form holds it and whether it is typed
  with accents or not; and once the shard of a syllable is in, every form having it
  is known (the query analysis asks for the shard of a run's first syllable before
  it reads the run as a word).
- ``search/r/<n>.js``, record shards: consecutive records' citations and texts (as
  piece numbers of the vocabulary) and their heading paths, with the pieces they use
  (text and word form), for the extracts and the phrase scores of the best hits.
- ``search/c/<n>.js``, completion shards: the folded words starting with the
  character of code n, sorted, with their numbers of records, to complete the first
  syllable of a word being typed ("ngu" → "người", "nguyên" …).
- ``search/l/<n>.js``, length shards: the class of the stored text and syllables
  field lengths of a range of records (a length byte rounded down to a multiple of
  ``LENGTH_CLASS``), for the records a query's terms find: a lower bound of each
  length, so an upper bound of each record's score.
- ``search/m/<n>.js``, measures shards: the exact stored lengths of a few records,
  for the records whose bound reaches the best exact scores (the engine's
  ``resolveBounds``): at 42× a question touching 189 k records needs the exact
  lengths of 76 (those of all were 567 KB of gzip).
- ``search/e/<n>.js``, element shards: the citable elements of document n (every
  "dieu 5 khoan 2" and its id), for a citation query naming it: at 42× they were
  2.7 MB of the core.

Every shard is a script calling ``RegindexShards.add(name, data)``: a page opened from
file:// may load a script, not fetch a file. The loader (site_overrides/…/
regindex-shards.js) runs the engine of regindex-search.js on them unchanged, loading
the shards its scoring asks for, so results are those of the single script.

The word forms, their folded syllables and the field lengths are computed here as the
engine computes them (lower case, its one-character folding, Whoosh's token counts),
since the engine no longer sees every text.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable

from ..analysis import SEGMENTER, SegmentCache, Segmenter, tokenize
from ..index.build import segment_cache_path
from ..index.schema import syllable_forms
from ..library import Library
from ..model import Document
from ..normalise import analysis_form, fold_diacritics
from .page_cache import DocumentCache
from .search_index import Collected, collect, scoring, stream_code, varint

__all__ = ["CORE_FILE", "SHARDS_FORMAT", "search_shards", "site_search_shards", "shard_script",
           "bucket"]

CORE_FILE = "search/regindex-core.js"
SHARDS_FORMAT = 5
CALLBACK = "RegindexShards.add"
POSTINGS_SIZE = 24_000
"""Characters of postings aimed at per postings shard (before gzip)."""
RECORDS_SIZE = 1_500
"""Characters aimed at per record shard: the best hits of a query fall in different
shards, so they stay small."""
LENGTHS_RECORDS = 8192
"""Records per shard of length classes: a query needs those of every record it finds."""
LENGTH_CLASS = 16
"""Length bytes per class: a class's least length bounds a record's score closely
enough that a question needs the exact lengths of few more records than it ranks
(docs/scale.md)."""
MEASURES_RECORDS = 256
"""Records per shard of exact lengths: a query needs those of a few records, anywhere."""

def bucket(syllable: str, buckets: int) -> int:
    """The postings shard of a folded syllable: FNV-1a over its UTF-16 code units, as
    the loader computes it."""
    h = 0x811C9DC5
    data = syllable.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = ((h ^ (data[i] | data[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


@dataclass
class _Forms:
    """The engine's word forms (``readForms``): number of each piece (-1 for a
    separator), and per form its first piece, folded text, syllable keys and token
    counts."""

    of_piece: list[int]
    first: list[int]
    folded: list[str]
    syllables: list[list[str]]
    words: list[int]          # tokens in `text`/`heading`: the form, and its folded form if other

    def bucketed(self, form: int) -> set[str]:
        """The keys of the postings shards holding ``form``: its syllables folded (a
        syllable with accents is gathered from the shard of its folded form, which
        holds every form having it)."""
        return {fold_diacritics(syllable) for syllable in self.syllables[form]}

    @classmethod
    def read(cls, collected: Collected) -> "_Forms":
        numbers: dict[str, int] = {}
        of_piece, first, folded_forms, syllables, words = [-1], [], [], [], []
        for piece, (text, is_word) in enumerate(collected.ranked, start=1):
            if not is_word:
                of_piece.append(-1)
                continue
            exact = " ".join(analysis_form(text).lower().split())
            form = numbers.get(exact)
            if form is None:
                form = numbers[exact] = len(syllables)
                folded = fold_diacritics(exact)
                first.append(piece)
                folded_forms.append(folded)
                syllables.append([found for token in tokenize(exact)
                                  for found in syllable_forms(token)])
                words.append(1 if folded == exact else 2)
            of_piece.append(form)
        return cls(of_piece, first, folded_forms, syllables, words)


def _postings(texts: list[list[int]], of_piece: list[int], forms: int) -> list[dict[int, int]]:
    """Per form, {text number: frequency} over ``texts`` (in text order)."""
    found: list[dict[int, int]] = [{} for _ in range(forms)]
    for t, text in enumerate(texts):
        for piece in text:
            form = of_piece[piece]
            if form >= 0:
                holding = found[form]
                holding[t] = holding.get(t, 0) + 1
    return found


def _code(postings: dict[int, int]) -> str:
    """Postings as their count, then (gap from the previous number, frequency) pairs."""
    out, last = [varint(len(postings))], 0
    for number, frequency in postings.items():
        out.append(varint(number - last) + varint(frequency))
        last = number
    return "".join(out)


def _byte(table: list[int], length: int) -> int:
    """A field length as the number of its Whoosh byte (rounded up to its table)."""
    return bisect_left(table, length)


def _power_of_two(value: float) -> int:
    n = 1
    while n < value:
        n *= 2
    return n


def shard_script(name: str, data: dict) -> str:
    """A shard as the script that hands it to the loader. U+2028/2029 are escaped: raw,
    they end a line inside a string for JavaScript before ES2019."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{CALLBACK}({json.dumps(name)},{text});\n"


def search_shards(documents: Iterable[Document] | Collected, segmenter: Segmenter = SEGMENTER,
                  *, postings_size: int = POSTINGS_SIZE,
                  records_size: int = RECORDS_SIZE,
                  lengths_records: int = LENGTHS_RECORDS,
                  measures_records: int = MEASURES_RECORDS) -> dict[str, str]:
    """The sharded index of ``documents``: {file path in the site: script}, shards of
    about ``postings_size`` and ``records_size`` characters, and the length classes of
    ``lengths_records`` records (a power of two) and exact lengths of
    ``measures_records`` records per shard."""
    found = documents if isinstance(documents, Collected) else collect(documents, segmenter)
    forms = _Forms.read(found)
    count = len(forms.syllables)
    in_text = _postings(found.texts, forms.of_piece, count)
    in_path = _postings(found.paths, forms.of_piece, count)
    files: dict[str, str] = {}

    # Postings: each form's text and code in the shard of each of its folded syllables.
    vocabulary = found.vocabulary
    codes = [varint(form) + _code(in_text[form]) + _code(in_path[form]) for form in range(count)]
    total = sum((len(code) + len(vocabulary[forms.first[form]])) * len(forms.bucketed(form))
                for form, code in enumerate(codes))
    buckets = _power_of_two(total / postings_size)
    shards: list[list[int]] = [[] for _ in range(buckets)]
    for form in range(count):
        for n in {bucket(syllable, buckets) for syllable in forms.bucketed(form)}:
            shards[n].append(form)
    for n, shard in enumerate(shards):
        if shard:
            files[f"search/p/{n}.js"] = shard_script(f"p/{n}", {
                "forms": [vocabulary[forms.first[form]] for form in shard],
                "postings": "".join(codes[form] for form in shard),
            })
    # one more than the most records a form of each shard has in its text (0: an
    # empty shard; a form may be in headings only): a word of a shard with a
    # frequent form asks for the field lengths with its postings
    most = [1 + max(len(in_text[form]) for form in shard) if shard else 0 for shard in shards]

    # Completions: the folded words by their first character (UTF-16 code unit, as the
    # engine's strings), sorted as the engine sorts strings, with their records.
    records_of: dict[str, int] = {}
    for form, folded in enumerate(forms.folded):
        records_of[folded] = records_of.get(folded, 0) + len(in_text[form])
    starting: dict[bytes, list[str]] = {}
    for folded in sorted(records_of, key=lambda word: word.encode("utf-16-be")):
        starting.setdefault(folded.encode("utf-16-be")[:2], []).append(folded)
    completion_shards = []
    for unit, words in starting.items():
        code = int.from_bytes(unit, "big")
        completion_shards.append(code)
        files[f"search/c/{code}.js"] = shard_script(f"c/{code}", {
            "words": words, "records": "".join(varint(records_of[word]) for word in words)})

    # Records: consecutive records, with the heading paths they use.
    starts, size = [0], 0
    for r, text in enumerate(found.texts):
        size += len(text) + 8
        if size >= records_size and r + 1 < len(found.texts):
            starts.append(r + 1)
            size = 0
    starts.append(len(found.texts))
    columns = found.columns
    for n, (first, end) in enumerate(zip(starts, starts[1:])):
        paths = sorted(set(columns["path"][first:end]))
        used = sorted({piece for text in found.texts[first:end] for piece in text}
                      | {piece for path in paths for piece in found.paths[path]})
        files[f"search/r/{n}.js"] = shard_script(f"r/{n}", {
            # the pieces used: their numbers (gaps), texts and word forms (+1; 0: a
            # separator), in three columns (gzip makes less of them than of rows)
            "pieces": "".join(varint(piece - last) for last, piece in zip([0] + used, used)),
            "texts": [vocabulary[piece] for piece in used],
            "forms": "".join(varint(forms.of_piece[piece] + 1) for piece in used),
            "first": first,
            "eid": columns["eid"][first:end],
            "cite": columns["cite"][first:end],
            "stream": stream_code(found.texts[first:end]),
            "paths": paths,
            "pathStream": stream_code([found.paths[p] for p in paths]),
        })

    # The core: lengths counted as the engine counts Whoosh's tokens.
    table = scoring()["lengths"]
    syllable_count = [len(s) for s in forms.syllables]

    def counts(text: list[int]) -> tuple[int, int]:
        words = syllables = 0
        for piece in text:
            form = forms.of_piece[piece]
            if form >= 0:
                words += forms.words[form]
                syllables += syllable_count[form]
        return words, syllables

    path_counts = [counts(path) for path in found.paths]
    text_counts = [counts(text) for text in found.texts]
    path_of = columns["path"]
    text_bytes = [_byte(table, words) for words, _ in text_counts]
    documents_records = [0] * len(found.documents)
    for document in columns["document"]:
        documents_records[document] += 1
    # The stored lengths of the text and syllables fields, twice: coarse (the length
    # byte's class, a lower bound) for many records per shard, and exact for few. A
    # query touching 200 k records bounds their scores from the classes, then asks
    # for the exact lengths of the few whose bound reaches the best scores only.
    syllable_bytes = [_byte(table, path_counts[path_of[r]][1] + syllables)
                      for r, (_, syllables) in enumerate(text_counts)]
    for n, first in enumerate(range(0, len(text_bytes), lengths_records)):
        files[f"search/l/{n}.js"] = shard_script(f"l/{n}", _lengths(
            [b // LENGTH_CLASS for b in text_bytes[first:first + lengths_records]],
            [b // LENGTH_CLASS for b in syllable_bytes[first:first + lengths_records]]))
    for n, first in enumerate(range(0, len(text_bytes), measures_records)):
        files[f"search/m/{n}.js"] = shard_script(f"m/{n}", _lengths(
            text_bytes[first:first + measures_records],
            syllable_bytes[first:first + measures_records]))
    # Each document's citable elements: a citation query loads its document's only.
    rows = []
    for n, row in enumerate(found.documents):
        if row["elements"]:
            files[f"search/e/{n}.js"] = shard_script(f"e/{n}", {"elements": row["elements"]})
            row = {name: value for name, value in row.items() if name != "elements"}
        rows.append(row)
    files[CORE_FILE] = shard_script("core", {
        "format": SHARDS_FORMAT,
        "scoring": scoring(),
        "documents": rows,
        "documentRecords": documents_records,
        "pieces": len(vocabulary),
        "forms": count,
        # each record's path, as the gap from the previous record's (paths are
        # numbered as records first use them: a gap is 0 or 1 but when a record
        # goes back to an earlier path)
        "path": "".join(varint(_zigzag(p - (path_of[r - 1] if r else 0)))
                        for r, p in enumerate(path_of)),
        "lengths": {
            "heading": "".join(varint(_byte(table, words)) for words, _ in path_counts),
            "shard": lengths_records,
            "class": LENGTH_CLASS,
            "measures": measures_records,
            # what the engine's `field` computes over every record's stored length
            "average": {"text": _average(table[b] for b in text_bytes),
                        "syllables": _average(table[b] for b in syllable_bytes)},
        },
        "buckets": buckets,
        # per postings shard, 1 + the most records of one of its forms (0: empty)
        "bucketRecords": "".join(varint(records) for records in most),
        "completions": sorted(completion_shards),
        "recordShards": "".join(varint(end - first) for first, end in zip(starts, starts[1:])),
    })
    return files


def site_search_shards(library: Library) -> dict[str, str]:
    """The sharded index of ``library``'s site. Segmentations are kept with those of
    the folder's Whoosh index, as ``search_index.site_search_index`` keeps them, and
    each document's share of the index is kept between builds (``collect``)."""
    cache = SegmentCache(segment_cache_path(library.folder))
    kept = DocumentCache(library.folder, "index")
    try:
        shards = search_shards(collect(library.documents, Segmenter(cache), kept))
    finally:
        cache.close()
    kept.prune(library.documents)
    return shards


def _lengths(text: list[int], syllables: list[int]) -> dict:
    """A shard of length bytes (or classes): the text's, and the syllables' as the
    gap from the text's (the two go together: the gaps are fewer distinct numbers,
    which gzip makes smaller)."""
    return {"text": "".join(map(varint, text)),
            "syllables": "".join(varint(_zigzag(y - t)) for t, y in zip(text, syllables))}


def _average(lengths: Iterable[int]) -> float:
    """The engine's average of stored lengths (an exact sum, then one division)."""
    lengths = list(lengths)
    return sum(lengths) / max(1, len(lengths)) or 1


def _zigzag(value: int) -> int:
    """A signed number as a varint's unsigned one: 0, -1, 1, -2 … → 0, 1, 2, 3 …"""
    return value * 2 if value >= 0 else -value * 2 - 1

