"""The site's own search index: what the browser needs to search with no server.

It holds the records of the Whoosh index (``regindex.index.records``) as their
segmented words: the same segmentation (``regindex.analysis.SEGMENTER``) that fills the
Whoosh fields. From the words, the engine of
``site_overrides/assets/javascripts/regindex-search.js`` builds when it loads the very
fields Whoosh has (``text`` and ``heading`` with exact and folded forms, ``syllables``)
and scores them as ``regindex.index.rank`` does, so it ranks as ``regindex search``.

Why the words and not postings: a result must show its text, so the text is in the
index anyway, and written as word numbers it is smaller than as characters. Postings
on top would make the index larger than the text; built in the browser they cost a few
tens of milliseconds once. The index is a script assigning one global
(``REGINDEX_SEARCH_INDEX``): a page opened from file:// may load a script, not fetch.

Format 1:

- ``vocabulary``: every distinct piece of the texts: words as written ("Tài liệu",
  syllables joined as in the text) and the separators between them (", ", ".\\n"),
  most frequent first; ``separators`` lists the numbers of the separators.
- ``stream``/``pathStream``: each record's text, then each heading path, as the
  numbers of its pieces (``varint``), each text closed by ``END``. Two words in a row
  stand for two words separated by one space, the commonest separator.
- ``records``: columns, one entry per record in index order: ``document``, ``eid``,
  ``cite`` (the element part of its citation), ``path`` (its heading path).
- ``documents``: name, page URL, status and what replaced it.
- ``scoring``: the weights, field boosts and BM25 parameters of
  ``regindex.index.search``, Whoosh's table of stored field lengths, then what only the
  browser does.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from whoosh.util.numeric import byte_to_length

from ..analysis import SEGMENTER, SegmentCache, Segmenter
from ..analysis.query import LONGEST_WORD
from ..index.build import segment_cache_path
from ..index.lookup import browser_row
from ..index.records import Record, records
from ..index.search import (BM25, EXACT_WEIGHT, EXPIRED_FACTOR, FIELD_BOOSTS, FOLDED_WEIGHT,
                            IN_FORCE, SYLLABLE_WEIGHT)
from ..index.snippet import SNIPPET_WIDTH
from ..library import Library
from ..model import Document, cite_path
from .page_cache import DocumentCache, source_key

__all__ = ["SEARCH_INDEX_FILE", "GLOBAL", "FORMAT", "site_search_index", "search_payload",
           "search_index_script", "payload_sizes", "varint", "pieces", "collect",
           "Collected", "scoring", "stream_code"]

SEARCH_INDEX_FILE = "search/regindex-index.js"
"""Where the site carries the index (the search UI loads it from the site root)."""

GLOBAL = "REGINDEX_SEARCH_INDEX"
FORMAT = 1
END = 0
"""The stream number that closes a text."""

BROWSER_SCORING = {
    "prefix": 0.5,        # a completion of the word being typed, against a whole word's 1
    "completions": 8,     # most completions tried for the word being typed
    "adjacent": 0.3,      # each pair of neighbouring query words found as typed
    "phrase": 2.0,        # the whole query found as typed
    "candidates": 50,     # best records that get the phrase scores
}
"""What only the browser does; see the engine's docstring."""

BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def varint(value: int) -> str:
    """``value`` in base-64 digits of five bits, low first; a digit ≥ 32 says more follow."""
    digits = []
    while value >= 32:
        digits.append(BASE64[32 + value % 32])
        value //= 32
    digits.append(BASE64[value])
    return "".join(digits)


def pieces(text: str, segmenter: Segmenter = SEGMENTER) -> list[tuple[str, bool]]:
    """``text`` as (piece, is_word) in order, as the words Whoosh indexes and the
    separators around them; a single space between two words is left out."""
    found, at = [], 0
    for word in segmenter.words(text):
        separator = text[at:word.start]
        if separator and not (separator == " " and found and found[-1][1]):
            found.append((separator, False))
        found.append((text[word.start:word.end], True))
        at = word.end
    if text[at:]:
        found.append((text[at:], False))
    return found


class _Streams:
    """Texts as piece numbers, numbered by frequency once all are in."""

    def __init__(self):
        self.counts: Counter[tuple[str, bool]] = Counter()
        self.texts: dict[str, list[list[tuple[str, bool]]]] = {"stream": [], "pathStream": []}

    def add(self, stream: str, found: list) -> None:
        """A text's ``pieces`` (as lists too, as JSON gives them back)."""
        found = [tuple(piece) for piece in found]
        self.counts.update(found)
        self.texts[stream].append(found)

    def numbered(self) -> tuple[list[tuple[str, bool]], dict[str, list[list[int]]]]:
        """(the pieces, most frequent first: piece n is ``ranked[n - 1]``; each stream's
        texts as piece numbers). The piece texts are dropped as they are numbered."""
        ranked = [piece for piece, _ in self.counts.most_common()]
        number = {piece: n for n, piece in enumerate(ranked, start=END + 1)}
        texts = {}
        for name, found in self.texts.items():
            texts[name] = [[number[piece] for piece in text] for text in found]
            found.clear()
        return ranked, texts


@dataclass
class Collected:
    """What both layouts of the index are made of (see ``collect``)."""

    documents: list[dict]
    columns: dict[str, list]          # document, eid, cite, path: one entry per record
    ranked: list[tuple[str, bool]]    # piece n + 1 is ranked[n]: (its text, is a word)
    texts: list[list[int]]            # each record's text as piece numbers
    paths: list[list[int]]            # each heading path as piece numbers

    @property
    def vocabulary(self) -> list[str]:
        return [""] + [text for text, _ in self.ranked]

    @property
    def separators(self) -> list[int]:
        return [n for n, (_, is_word) in enumerate(self.ranked, start=END + 1) if not is_word]


def stream_code(texts: list[list[int]]) -> str:
    """Texts as one stream (``varint`` numbers, each text closed by ``END``)."""
    return "".join("".join(varint(n) for n in text) + varint(END) for text in texts)


def _document_row(document: Document, lookup) -> dict:
    meta = document.meta
    return {
        **browser_row(document, lookup),        # citation and number queries, succession
        "name": document.name,
        "url": document.url(),
        "status": meta.status or "",
        "label": meta.status_label,
        "illustrative": meta.illustrative,
    }


def collect(documents: Iterable[Document], segmenter: Segmenter = SEGMENTER,
            kept: DocumentCache | None = None) -> Collected:
    """The records of ``documents`` (in the order the Whoosh index adds them) as
    numbered pieces, with their columns and the documents' rows. With ``kept``, each
    document's share (its records' columns and pieces) is kept between builds under
    the key of its source: only changed documents are read and segmented again."""
    documents = list(documents)
    shares = [kept.get(document, source_key(document)) if kept else None
              for document in documents]
    missing = {n: records(document) for n, document in enumerate(documents)
               if shares[n] is None}
    segmenter.prepare([text for found in missing.values() for record in found
                       for text in (record.heading, record.text)])
    for n, found in missing.items():
        shares[n] = _share(found, segmenter)
        if kept:
            kept.put(documents[n], source_key(documents[n]), shares[n])
    streams = _Streams()
    paths: dict[str, int] = {}
    columns: dict[str, list] = {"document": [], "eid": [], "cite": [], "path": []}
    for n, share in enumerate(shares):
        for eid, cite, heading, text in share["records"]:
            streams.add("stream", text)
            if heading not in paths:
                paths[heading] = len(paths)
                streams.add("pathStream", share["headings"][heading])
            columns["document"].append(n)
            columns["eid"].append(eid)
            columns["cite"].append(cite)
            columns["path"].append(paths[heading])
    ranked, texts = streams.numbered()
    lookup = Library(None, documents).get      # successors among the indexed documents
    return Collected([_document_row(document, lookup) for document in documents], columns,
                     ranked, texts["stream"], texts["pathStream"])


def _share(found: list[Record], segmenter: Segmenter) -> dict:
    """A document's part of the index: per record [eid, cite, heading, pieces of its
    text], and the pieces of its headings."""
    headings: dict[str, list] = {}
    rows = []
    for record in found:
        if record.heading not in headings:
            headings[record.heading] = pieces(record.heading, segmenter)
        rows.append([record.eid or "", cite_path(record.node) if record.node is not None else "",
                     record.heading, pieces(record.text, segmenter)])
    return {"records": rows, "headings": headings}


def scoring() -> dict:
    """The ``scoring`` entry of the index (see the module docstring)."""
    return {
        "k1": BM25["K1"], "b": BM25["B"],
        "exact": EXACT_WEIGHT, "folded": FOLDED_WEIGHT, "syllable": SYLLABLE_WEIGHT,
        "boosts": FIELD_BOOSTS, "longestWord": LONGEST_WORD, "inForce": list(IN_FORCE),
        "expired": EXPIRED_FACTOR,
        "lengths": [byte_to_length(byte) for byte in range(256)], "snippet": SNIPPET_WIDTH,
        **BROWSER_SCORING,
    }


def search_payload(documents: Iterable[Document] | Collected,
                   segmenter: Segmenter = SEGMENTER) -> dict:
    """The browser's index of ``documents`` (in the order the Whoosh index adds them)
    as one payload (format 1)."""
    found = documents if isinstance(documents, Collected) else collect(documents, segmenter)
    return {
        "format": FORMAT,
        "scoring": scoring(),
        "documents": found.documents,
        "records": found.columns,
        "vocabulary": found.vocabulary,
        "separators": found.separators,
        "stream": stream_code(found.texts),
        "pathStream": stream_code(found.paths),
    }


def site_search_index(library: Library) -> str:
    """The index script of ``library``'s site. Segmentations are kept with those of
    the folder's search index (``segment_cache_path``): a text is segmented once for
    both, and a rebuild segments only what changed."""
    cache = SegmentCache(segment_cache_path(library.folder))
    try:
        return search_index_script(search_payload(library.documents, Segmenter(cache)))
    finally:
        cache.close()


def search_index_script(payload: dict) -> str:
    """The payload as the script the site loads. U+2028/2029 are escaped: raw, they
    end a line inside a string for JavaScript before ES2019."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"var {GLOBAL} = {data};\n"


def payload_sizes(script: str) -> tuple[int, int]:
    """(bytes, gzip bytes) of the index script, as a server would send it."""
    raw = script.encode("utf-8")
    return len(raw), len(gzip.compress(raw, compresslevel=9, mtime=0))
