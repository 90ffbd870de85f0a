"""Keeping the index in step with its sources, incrementally and atomically.

Every record carries the term ``<source key>@<fingerprint>`` of the source it came
from, so the index itself says which version of each source it holds: a sync reads
those terms, re-indexes the sources whose fingerprint changed, removes those that
are gone, and commits once. A Whoosh commit replaces the table of contents in one
rename, so an interrupted sync leaves the previous index as it was. A new index (first
build, a new ``SCHEMA_VERSION``, or a rebuild) is built beside the old one and moved
into place when complete. A source that cannot be read keeps its previous records.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as whoosh_index
from whoosh.index import LockError

from ..analysis import SEGMENTER, SegmentCache
from ..errors import RegindexError
from ..library import read_document
from ..model import Document
from .records import records
from .schema import SCHEMA_VERSION, fields, schema

__all__ = ["Source", "Update", "SearchIndex", "folder_sources", "default_index_path"]

WRITER_MEMORY_MB = 256
"""Memory Whoosh may use to sort postings before spilling to disk."""

LOCK_WAIT = 30
"""Seconds to wait for another process that is updating the same index."""


@dataclass(frozen=True)
class Source:
    """A document the index follows: ``key`` names it (a file's path in the folder),
    ``fingerprint`` changes whenever its content does, ``load`` reads it."""

    key: str
    fingerprint: str
    load: Callable[[], Document]

    @property
    def term(self) -> str:
        return f"{self.key}@{self.fingerprint}"


@dataclass
class Update:
    """What a sync did."""

    indexed: list[str] = field(default_factory=list)    # source keys (re)indexed
    removed: list[str] = field(default_factory=list)    # source keys no longer there
    failed: list[RegindexError] = field(default_factory=list)   # kept their old records
    records: int = 0
    segmented: int = 0                                  # characters not in the cache

    @property
    def changed(self) -> bool:
        return bool(self.indexed or self.removed)


def default_index_path(folder: Path | str) -> Path:
    """``.regindex/index/`` in the folder that holds the regulations folder."""
    return Path(folder).resolve().parent / ".regindex" / "index"


def folder_sources(folder: Path | str) -> list[Source]:
    """The source files of a regulations folder (the files ``Library.load`` reads),
    fingerprinted by content."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RegindexError(f"không tìm thấy thư mục văn bản: {folder}",
                            hint="Chạy lệnh trong thư mục dự án, hoặc chỉ rõ thư mục bằng "
                                 "-d, ví dụ: regindex search -d regulations/ …")
    return [Source(path.relative_to(folder).as_posix(),
                   hashlib.sha256(path.read_bytes()).hexdigest()[:20],
                   lambda path=path: read_document(path))
            for path in sorted(folder.rglob("*.md"))
            if "sources" not in path.relative_to(folder).parts]


class SearchIndex:
    """The index in folder ``path``: Whoosh files in ``v<SCHEMA_VERSION>/`` and the
    segmentation cache in ``segments.sqlite``."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.whoosh_path = self.path / f"v{SCHEMA_VERSION}"

    def exists(self) -> bool:
        return whoosh_index.exists_in(self.whoosh_path)

    def open(self):
        """The Whoosh index (see ``sync`` to build it)."""
        if not self.exists():
            raise RegindexError(f"chưa có chỉ mục tìm kiếm ở {self.path}",
                                hint="Chạy `regindex index` để lập chỉ mục.")
        return whoosh_index.open_dir(self.whoosh_path)

    def sync(self, sources: Iterable[Source], workers: int | None = None,
             rebuild: bool = False) -> Update:
        """Bring the index in step with ``sources`` (see the module docstring);
        ``rebuild`` builds a new index even if the current one is up to date."""
        sources = {source.key: source for source in sources}
        fresh = rebuild or not self.exists()
        target = self.path / f"v{SCHEMA_VERSION}.new-{os.getpid()}" if fresh else self.whoosh_path
        if fresh:
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            ix = whoosh_index.create_in(target, schema())
        else:
            ix = whoosh_index.open_dir(target)
        with ix.reader() as reader:
            held = {term for term in reader.field_terms("source")
                    if reader.postings("source", term).is_active()}   # skip deleted records
        update, loaded, failed = Update(), [], set()
        for source in sources.values():
            if source.term in held:
                continue
            try:
                loaded.append((source, source.load()))
            except RegindexError as exc:
                update.failed.append(exc)
                failed.add(source.key)
        stale = [term for term in held
                 if _key(term) not in failed
                 and (_key(term) not in sources or sources[_key(term)].term != term)]
        update.indexed = [source.key for source, _ in loaded]
        update.removed = sorted({_key(term) for term in stale} - set(sources))
        if fresh and update.failed and self.exists():
            shutil.rmtree(target, ignore_errors=True)   # rebuilding would lose their records
            return Update(failed=update.failed)
        if update.changed or fresh:
            self._write(ix, loaded, stale, update, workers)
        if fresh:
            self._move_into_place(target)
        return update

    def _write(self, ix, loaded, stale, update: Update, workers) -> None:
        """Delete ``stale`` records and add those of ``loaded``, indexing each record
        as soon as its text is segmented (worker processes segment the next ones)."""
        found = [(source.term, record) for source, document in loaded
                 for record in records(document)]
        try:
            writer = ix.writer(limitmb=WRITER_MEMORY_MB, timeout=LOCK_WAIT)
        except LockError:
            raise RegindexError(f"chỉ mục {self.path} đang được một tiến trình khác cập nhật",
                                hint="Đợi lệnh kia chạy xong rồi chạy lại.") from None
        SEGMENTER.cache = SegmentCache(self.path / "segments.sqlite")
        try:
            for term in stale:
                writer.delete_by_term("source", term)
            added = 0
            texts = [text for _, record in found for text in (record.heading, record.text)]
            for batch in SEGMENTER.batches(texts, workers):
                update.segmented += sum(map(len, batch))
                while added < len(found) and _segmented(found[added][1]):
                    writer.add_document(**fields(found[added][1], found[added][0]))
                    added += 1
            for term, record in found[added:]:
                writer.add_document(**fields(record, term))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            SEGMENTER.cache.close()
            SEGMENTER.cache = None
        update.records = len(found)

    def _move_into_place(self, built: Path) -> None:
        """Make the new index at ``built`` the current one, and drop older versions."""
        if self.whoosh_path.exists():
            self.whoosh_path.rename(self.path / f"v{SCHEMA_VERSION}.old-{os.getpid()}")
        try:
            built.rename(self.whoosh_path)
        except OSError:                        # another process got there first
            shutil.rmtree(built, ignore_errors=True)
        for other in self.path.glob("v*"):
            if other.is_dir() and other != self.whoosh_path and ".new-" not in other.name:
                shutil.rmtree(other, ignore_errors=True)


def _segmented(record) -> bool:
    return SEGMENTER.knows(record.heading) and SEGMENTER.knows(record.text)


def _key(term: str) -> str:
    return term.rpartition("@")[0]
