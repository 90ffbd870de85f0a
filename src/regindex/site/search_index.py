"""The site's own search index: what the browser needs to search with no server.

It holds the same records as the Whoosh index (``regindex.index.records``), analysed by
the same ``analyse``, with the statistics Whoosh's BM25F scores with, so that the
engine of ``site_overrides/assets/javascripts/regindex-search.js`` ranks as
``regindex search`` does. It is written as a script assigning one global
(``REGINDEX_SEARCH_INDEX``): a page opened from file:// may load a script, not fetch a
file.

Format 1, compact because every page may load it:

- ``terms``: every word of the records (exact form, syllables joined by a space),
  one a line, sorted by folded form then exact form. Folded forms are not stored: the
  browser folds the terms, and the exact forms of one folded form are then adjacent.
- ``postings``/``headingPostings``: per term, space-separated, the records whose text
  has it, and the heading paths that have it, as base-64 varints (``varint``): for
  each, the gap from the previous id minus one, doubled, plus one when the frequency is
  above one, then that frequency minus two.
- ``records``: columns, one entry per record in index order: ``document``, ``eid``,
  ``cite`` (the element part of its citation), ``path`` (its heading path), ``text``
  (for the extract), and the lengths of its ``text`` and ``syllables`` fields.
- ``paths``: the distinct heading paths, with ``pathLengths``.
- ``documents``: name, page URL, status and what replaced it, per document.
- ``scoring``: the weights and BM25 parameters of ``regindex.index.search`` and the
  average field lengths; then what only the browser does (prefixes, phrase bonus).

The syllables field is not stored: its postings are those of the words holding the
syllable, which the browser merges. Field lengths are stored as Whoosh keeps them (one
byte, ``byte_to_length``), so that both sides see the same numbers.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from whoosh.util.numeric import byte_to_length, length_to_byte

from ..analysis import SEGMENTER, Segmenter, Term, analyse
from ..analysis.tokens import TOKEN
from ..index.records import Record, records
from ..index.schema import HEADING_BOOST
from ..index.search import BM25, EXACT_WEIGHT, FOLDED_WEIGHT, SYLLABLE_WEIGHT
from ..index.snippet import SNIPPET_WIDTH
from ..model import Document, cite_path
from ..normalise import fold_diacritics

__all__ = ["SEARCH_INDEX_FILE", "GLOBAL", "FORMAT", "search_payload", "search_index_script",
           "payload_sizes", "varint"]

SEARCH_INDEX_FILE = "search/regindex-index.js"
"""Where the site carries the index (the search UI loads it from the site root)."""

GLOBAL = "REGINDEX_SEARCH_INDEX"
FORMAT = 1

BROWSER_SCORING = {
    "prefix": 0.5,        # a completion of the word being typed, against a whole word's 1
    "completions": 8,     # most completions tried for the word being typed
    "adjacent": 0.3,      # bonus for query words next to each other in the text, at most
    "candidates": 50,     # best records that get the phrase bonus
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


def encode_postings(frequencies: dict[int, int]) -> str:
    """{id: frequency} as the gap-coded varints the browser decodes."""
    out, last = [], -1
    for number in sorted(frequencies):
        frequency = frequencies[number]
        out.append(varint((number - last - 1) * 2 + (frequency > 1)))
        if frequency > 1:
            out.append(varint(frequency - 2))
        last = number
    return "".join(out)


def whoosh_length(length: int) -> int:
    """A field length as Whoosh stores it (a byte) and reads it back."""
    return byte_to_length(length_to_byte(length))


def _is_docnumber(exact: str) -> bool:
    match = TOKEN.fullmatch(exact)
    return match is not None and match.lastgroup == "docnumber"


def word_tokens(terms: list[Term]) -> int:
    """Tokens of a word field (``word_analyzer``): each word, and its folded form
    when it differs."""
    return sum(1 + (term.exact != term.folded) for term in terms)


def syllable_tokens(terms: list[Term]) -> int:
    """Tokens of the syllables field: each syllable, and the serial number of a
    document number ("124" of "124-qđ/tw")."""
    return sum(term.exact.count(" ") + 1 + _is_docnumber(term.exact) for term in terms)


@dataclass
class _Builder:
    segmenter: Segmenter
    text: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    heading: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    paths: dict[str, int] = field(default_factory=dict)
    path_lengths: list[tuple[int, int]] = field(default_factory=list)   # (words, syllables)
    documents: dict[int, int] = field(default_factory=dict)            # id() → row
    document_rows: list[dict] = field(default_factory=list)
    columns: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, number: int, record: Record) -> None:
        terms = analyse(record.text, self.segmenter)
        for term in terms:
            self.text[term.exact][number] = self.text[term.exact].get(number, 0) + 1
        path = self.path(record.heading)
        heading_words, heading_syllables = self.path_lengths[path]
        text_words, syllables = word_tokens(terms), syllable_tokens(terms) + heading_syllables
        self.totals["text"] += text_words
        self.totals["heading"] += heading_words
        self.totals["syllables"] += syllables
        node = record.node
        row = self.columns
        row["document"].append(self.document(record.document))
        row["eid"].append(record.eid or "")
        row["cite"].append(cite_path(node) if node is not None else "")
        row["path"].append(path)
        row["text"].append(record.text.strip())
        row["length"].append(whoosh_length(text_words))
        row["syllables"].append(whoosh_length(syllables))

    def path(self, heading: str) -> int:
        if heading not in self.paths:
            number = self.paths[heading] = len(self.paths)
            terms = analyse(heading, self.segmenter) if heading else []
            for term in terms:
                self.heading[term.exact][number] = self.heading[term.exact].get(number, 0) + 1
            self.path_lengths.append((word_tokens(terms), syllable_tokens(terms)))
        return self.paths[heading]

    def document(self, document: Document) -> int:
        if id(document) not in self.documents:
            self.documents[id(document)] = len(self.document_rows)
            meta = document.meta
            self.document_rows.append({
                "name": document.name,
                "url": document.url(),
                "status": meta.status or "",
                "label": meta.status_label,
                "replacedBy": ", ".join(ref.number for ref in meta.replaced_by),
                "illustrative": meta.illustrative,
            })
        return self.documents[id(document)]

    def payload(self) -> dict:
        count = len(self.columns["document"])
        terms = sorted(self.text.keys() | self.heading.keys(),
                       key=lambda exact: (fold_diacritics(exact), exact))
        return {
            "format": FORMAT,
            "scoring": {
                "k1": BM25["K1"], "b": BM25["B"],
                "exact": EXACT_WEIGHT, "folded": FOLDED_WEIGHT, "syllable": SYLLABLE_WEIGHT,
                "heading": HEADING_BOOST,
                "average": {name: total / max(count, 1) for name, total in self.totals.items()},
                "snippet": SNIPPET_WIDTH,
                **BROWSER_SCORING,
            },
            "documents": self.document_rows,
            "paths": list(self.paths),
            "pathLengths": [whoosh_length(words) for words, _ in self.path_lengths],
            "records": dict(self.columns),
            "terms": "\n".join(terms),
            "postings": " ".join(encode_postings(self.text.get(t, {})) for t in terms),
            "headingPostings": " ".join(encode_postings(self.heading.get(t, {})) for t in terms),
        }


def search_payload(documents: Iterable[Document], segmenter: Segmenter = SEGMENTER) -> dict:
    """The browser's index of ``documents`` (in the order the Whoosh index adds them)."""
    found = [record for document in documents for record in records(document)]
    segmenter.prepare([text for record in found for text in (record.heading, record.text)])
    builder = _Builder(segmenter)
    for number, record in enumerate(found):
        builder.add(number, record)
    return builder.payload()


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
