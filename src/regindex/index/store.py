"""The index on disk: one SQLite file of records and of compact postings per term.

Each term's postings are two arrays, record numbers (``uint32``) and term frequencies
(``uint16``), stored as blobs keyed by (field, term): a query reads the postings of its
own terms and nothing else, so a new process answers without loading the index, and a
query costs in proportion to the postings of its terms. A sync that adds records adds
one more *chunk* of postings to each term it touches (a term's chunks are merged when
there are ``MAX_CHUNKS``); removed records stay in the postings, and are left out by the
``live`` array, until a rebuild.

Per-record arrays (field lengths as Whoosh quantises them into one byte, status code,
live flag) are kept as blobs in ``meta`` and read whole when the index is opened: a few
bytes per record.

A write is one SQLite transaction: a process killed while writing leaves the index as
it was (SQLite rolls the journal back on the next open). Writers take the index's lock
first (``build.py``).
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

__all__ = ["Store", "FIELDS", "Row", "FORMAT", "LENGTHS", "length_bytes"]

FORMAT = 3
"""Raise it when the tables or the analysis change: the index is then rebuilt."""

FIELDS = ("text", "heading", "syllables")
"""The ranked fields, numbered by position (``postings.field``)."""

MAX_CHUNKS = 8
"""Chunks of postings a term may have before a sync merges them into one."""

DOCUMENT_SHOWN = ("number", "issued", "slug", "status", "replaced_by", "illustrative")
"""What a hit shows that is the same for every record of a document: stored once in
``documents``, not in each record."""

TABLES = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE sources (key TEXT PRIMARY KEY, term TEXT NOT NULL UNIQUE);
CREATE TABLE records (docnum INTEGER PRIMARY KEY, source TEXT NOT NULL, key TEXT,
                      slug TEXT, status TEXT, kind TEXT, heading TEXT, text TEXT, shown TEXT);
CREATE INDEX records_source ON records (source);
CREATE INDEX records_slug ON records (slug);
CREATE TABLE documents (slug TEXT PRIMARY KEY, shown TEXT);
CREATE TABLE postings (field INTEGER, term TEXT, chunk INTEGER, ids BLOB, tfs BLOB,
                       PRIMARY KEY (field, term, chunk));
"""


class Row:
    """A record ready to store: its columns, and per field its term → frequency and
    length (number of tokens, as Whoosh counted them)."""

    __slots__ = ("key", "slug", "status", "kind", "heading", "text", "shown", "terms",
                 "lengths")

    def __init__(self, key, slug, status, kind, heading, text, shown,
                 terms: tuple[dict[str, int], ...], lengths: tuple[int, ...]):
        self.key, self.slug, self.status, self.kind = key, slug, status, kind
        self.heading, self.text, self.shown = heading, text, shown
        self.terms, self.lengths = terms, lengths


LENGTHS = np.array([round((1.033 ** byte - 1) * 27) for byte in range(256)], dtype=np.int64)
"""The field length each length byte stands for: Whoosh's table (``byte_to_length`` of
``whoosh.util.numeric``, which the browser index ships too), on which the ranking was
tuned. Kept here so that searching imports no Whoosh."""


def length_bytes(lengths) -> np.ndarray:
    """Field lengths as one byte each, rounded down to a ``LENGTHS`` entry, as Whoosh's
    ``length_to_byte`` does."""
    return np.minimum(np.searchsorted(LENGTHS, np.asarray(lengths), side="left"),
                      255).astype(np.uint8)


class Store:
    """An open index file. ``Store.create`` makes a new one; ``Store(path)`` opens one
    for reading, ``Store(path, writable=True)`` for a sync."""

    def __init__(self, path: Path | str, writable: bool = False, *, _db=None):
        self.path = Path(path)
        if _db is not None:
            self.db = _db
        elif writable:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        else:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                      timeout=60, isolation_level=None)
        self.statuses: list[str] = json.loads(self._meta("statuses") or "[]")
        self.size = int(self._meta("size") or 0)
        self.lengths = np.frombuffer(self._meta("lengths") or b"", dtype=np.uint8).reshape(
            self.size, len(FIELDS)).copy()
        self.status = np.frombuffer(self._meta("status") or b"", dtype=np.uint8).copy()
        self.live = np.frombuffer(self._meta("live") or b"", dtype=bool).copy()
        self.removed = not self.live.all()      # postings then need filtering
        self._known: dict[tuple[str, str], bool] = {}
        self.pending: dict[tuple[int, str], tuple[array, array]] = {}
        self.pending_postings = 0

    @classmethod
    def create(cls, path: Path | str) -> Store:
        db = sqlite3.connect(path, isolation_level=None)
        db.executescript(TABLES)
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        return cls(path, _db=db)

    def _meta(self, name: str):
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # Reading

    @property
    def format(self) -> int:
        return int(self._meta("format") or 0)

    @property
    def count(self) -> int:
        """Live records."""
        return int(self.live.sum())

    def sources(self) -> dict[str, str]:
        """source key → its term (``<key>@<fingerprint>``) for every source indexed."""
        return dict(self.db.execute("SELECT key, term FROM sources"))

    def has_term(self, field: str, term: str) -> bool:
        found = self._known.get((field, term))
        if found is None:
            found = self.db.execute(
                "SELECT 1 FROM postings WHERE field = ? AND term = ? LIMIT 1",
                (FIELDS.index(field), term)).fetchone() is not None
            self._known[field, term] = found
        return found

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(record numbers, term frequencies) of a term, removed records left out."""
        rows = self.db.execute("SELECT ids, tfs FROM postings WHERE field = ? AND term = ?",
                               (FIELDS.index(field), term)).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint16)
        ids = np.concatenate([np.frombuffer(ids, dtype=np.uint32) for ids, _ in rows]) \
            if len(rows) > 1 else np.frombuffer(rows[0][0], dtype=np.uint32)
        tfs = np.concatenate([np.frombuffer(tfs, dtype=np.uint16) for _, tfs in rows]) \
            if len(rows) > 1 else np.frombuffer(rows[0][1], dtype=np.uint16)
        if not self.removed:
            return ids, tfs
        live = self.live[ids]
        return ids[live], tfs[live]

    def where(self, column: str, *values: str) -> np.ndarray:
        """A mask of the live records whose ``column`` (slug or status) is one of ``values``."""
        mask = np.zeros(self.size, dtype=bool)
        if column == "status":
            codes = [self.statuses.index(v) for v in values if v in self.statuses]
            mask = np.isin(self.status, codes)
        elif column == "slug":
            marks = ",".join("?" * len(values))
            found = [d for d, in self.db.execute(
                f"SELECT docnum FROM records WHERE slug IN ({marks})", values)]
            mask[found] = True
        else:
            raise ValueError(column)
        return mask & self.live

    def stored(self, docnum: int) -> dict:
        """What a hit shows: ``shown`` (see ``schema.fields``), ``text``, ``heading``."""
        shown, text, heading, document = self.db.execute(
            "SELECT records.shown, text, heading, documents.shown FROM records "
            "JOIN documents USING (slug) WHERE docnum = ?", (docnum,)).fetchone()
        return {"shown": {**json.loads(document), **json.loads(shown), "heading": heading},
                "text": text, "heading": heading}

    def document(self, slug: str) -> dict | None:
        """The stored fields of a document's own record (key ``slug``), or None."""
        row = self.db.execute("SELECT docnum FROM records WHERE slug = ? AND key = ?",
                              (slug, slug)).fetchone()
        return self.stored(row[0]) if row and self.live[row[0]] else None

    def documents(self) -> Iterator[dict]:
        """The stored fields of every document's own record."""
        for slug, in self.db.execute("SELECT slug FROM documents").fetchall():
            if (stored := self.document(slug)) is not None:
                yield stored

    def problems(self) -> list[str]:
        """What is inconsistent in the index (empty when it is sound)."""
        found = []
        if self.format != FORMAT:
            found.append(f"định dạng {self.format}, cần {FORMAT}")
            return found
        records = self.db.execute("SELECT count(*) FROM records").fetchone()[0]
        if records != self.count or len(self.live) != self.size:
            found.append(f"{records} mục nhưng bảng đánh dấu ghi {self.count}")
        sources = self.db.execute("SELECT count(*) FROM sources").fetchone()[0]
        held = self.db.execute("SELECT count(DISTINCT source) FROM records").fetchone()[0]
        if held > sources:
            found.append(f"mục của {held} phiên bản tệp nhưng chỉ {sources} tệp")
        return found

    # Writing (inside ``transaction``)

    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self._put_meta()
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def remove(self, terms: Iterable[str]) -> None:
        """Remove the records of these source terms (and the sources)."""
        for term in terms:
            docnums = [d for d, in self.db.execute(
                "SELECT docnum FROM records WHERE source = ?", (term,))]
            self.live[docnums] = False
            self.removed = self.removed or bool(docnums)
            self.db.execute("DELETE FROM records WHERE source = ?", (term,))
            self.db.execute("DELETE FROM sources WHERE term = ?", (term,))

    def add_source(self, key: str, term: str) -> None:
        self.db.execute("INSERT INTO sources VALUES (?, ?)", (key, term))

    def add(self, rows: list[Row], source: str) -> None:
        """Store ``rows``, records of the source term ``source``; their postings wait in
        ``self.pending`` for ``flush``."""
        first = self.size
        self._grow(first + len(rows))
        self.db.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(first + i, source, row.key, row.slug, row.status, row.kind, row.heading,
              row.text, json.dumps({name: value for name, value in row.shown.items()
                                    if name not in DOCUMENT_SHOWN and name != "heading"},
                                   ensure_ascii=False))
             for i, row in enumerate(rows)])
        self.db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?)", {
            row.slug: json.dumps({name: row.shown[name] for name in DOCUMENT_SHOWN},
                                 ensure_ascii=False) for row in rows}.items())
        pending = self.pending
        for i, row in enumerate(rows):
            docnum = first + i
            self.lengths[docnum] = length_bytes(row.lengths)
            if row.status not in self.statuses:
                self.statuses.append(row.status)
            self.status[docnum] = self.statuses.index(row.status)
            for field, counts in enumerate(row.terms):
                self.pending_postings += len(counts)
                for term, tf in counts.items():
                    ids_tfs = pending.get((field, term))
                    if ids_tfs is None:
                        ids_tfs = pending[field, term] = (array("I"), array("I"))
                    ids_tfs[0].append(docnum)
                    ids_tfs[1].append(tf)

    def flush(self) -> None:
        """Write the postings waiting in memory, one chunk per term; a term with
        ``MAX_CHUNKS`` chunks gets one merged chunk instead."""
        chunk = int(self._meta("chunks") or 0)
        rows = []
        for (field, term), (ids, tfs) in self.pending.items():
            ids = np.frombuffer(ids, dtype=np.uint32)
            tfs = np.minimum(np.frombuffer(tfs, dtype=np.uint32), 65535).astype(np.uint16)
            if chunk and self.db.execute(
                    "SELECT count(*) FROM postings WHERE field = ? AND term = ?",
                    (field, term)).fetchone()[0] >= MAX_CHUNKS:
                old_ids, old_tfs = self.postings(FIELDS[field], term)
                self.db.execute("DELETE FROM postings WHERE field = ? AND term = ?",
                                (field, term))
                ids, tfs = np.concatenate([old_ids, ids]), np.concatenate([old_tfs, tfs])
            rows.append((field, term, chunk, ids.tobytes(), tfs.tobytes()))
        self.db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?, ?)", rows)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('chunks', ?)", (chunk + 1,))
        self.pending, self.pending_postings = {}, 0

    def _grow(self, size: int) -> None:
        """Make room for records up to ``size`` (arrays grow by half at least, so that
        many small additions do not copy them each time)."""
        if size > len(self.live):
            grow = max(size, len(self.live) * 3 // 2) - len(self.live)
            self.lengths = np.concatenate([self.lengths, np.zeros((grow, len(FIELDS)), np.uint8)])
            self.status = np.concatenate([self.status, np.zeros(grow, np.uint8)])
            self.live = np.concatenate([self.live, np.zeros(grow, bool)])
        self.live[self.size:size] = True
        self.size = max(self.size, size)

    def _put_meta(self) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
            ("size", self.size), ("statuses", json.dumps(self.statuses)),
            ("lengths", self.lengths[:self.size].tobytes()),
            ("status", self.status[:self.size].tobytes()),
            ("live", self.live[:self.size].tobytes())])
