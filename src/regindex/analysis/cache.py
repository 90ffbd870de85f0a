"""Segmentations kept on disk, keyed by content hash, so that a rebuild does not
segment unchanged text again.

An SQLite file: each write is one transaction, so an interrupted build leaves the
cache as it was before or after, never half written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

__all__ = ["SegmentCache"]

BATCH = 500
"""Keys per look-up query (SQLite limits the number of parameters)."""


class SegmentCache:
    """content key (bytes) → joins (bytes); see ``segment.Segmenter``."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("CREATE TABLE IF NOT EXISTS segments (key BLOB PRIMARY KEY, joins BLOB)")

    def get(self, keys: Iterable[bytes]) -> dict[bytes, bytes]:
        keys, found = list(keys), {}
        for i in range(0, len(keys), BATCH):
            batch = keys[i:i + BATCH]
            rows = self.db.execute(
                f"SELECT key, joins FROM segments WHERE key IN ({','.join('?' * len(batch))})",
                batch)
            found.update(rows)
        return found

    def put(self, items: Iterable[tuple[bytes, bytes]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO segments VALUES (?, ?)", items)

    def close(self) -> None:
        self.db.close()

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM segments").fetchone()[0]
