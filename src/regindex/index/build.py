"""Keeping the index in step with its sources, incrementally, atomically, one writer
at a time.

The index (``store.Store``, one SQLite file) records which version of each source it
holds (``<source key>@<fingerprint>``): a sync re-indexes the sources whose fingerprint
changed, removes those that are gone, and commits once, so an interrupted sync leaves
the previous index as it was. A new index (first build, a new format, a rebuild, or
the repair of an inconsistent index) is written beside the old one and moved into
place when complete. A source that cannot be read keeps its previous records.

A sync holds the index's lock (``flock`` on ``lock`` in the index folder) from reading
what the index holds to committing, so concurrent syncs (two `regindex index`, or a
`search` that syncs) never add the same records twice; leftovers of killed syncs are
removed under that lock. Documents are read, segmented (worker processes, see
``Segmenter.stream``) and indexed a few at a time, so memory does not grow with the
library, and the only temporary file is the SQLite journal.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..analysis import SEGMENTER, SegmentCache
from ..errors import RegindexError
from ..library import read_document
from ..model import Document
from ..progress import Progress
from .records import records
from .schema import fields
from .store import FORMAT, Store

__all__ = ["Source", "Update", "SearchIndex", "folder_sources", "default_index_path",
           "segment_cache_path", "IndexBusy", "IndexUnwritable"]

FLUSH_POSTINGS = 4_000_000
"""Postings held in memory before they are written as a chunk (about 100 MB)."""

LOCK_WAIT = 30
"""Seconds a sync waits for another process that is updating the same index, then
says so (a whole rebuild of a large library takes longer: `regindex index` waits
as long as it takes and says it is waiting)."""


class IndexBusy(RegindexError):
    """Another process is updating the index."""


class IndexUnwritable(RegindexError):
    """The index folder cannot be written (read-only, no permission, disk full)."""


@dataclass(frozen=True)
class Source:
    """A document the index follows: ``key`` names it (a file's path in the folder),
    ``fingerprint`` changes whenever its content does, ``load`` reads it; ``size``
    (bytes) measures progress."""

    key: str
    fingerprint: str
    load: Callable[[], Document]
    size: int = 0

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
    repaired: list[str] = field(default_factory=list)   # problems found: index rebuilt
    cleaned: list[str] = field(default_factory=list)    # leftovers of killed syncs

    @property
    def changed(self) -> bool:
        return bool(self.indexed or self.removed)


def default_index_path(folder: Path | str) -> Path:
    """``.regindex/index/<folder name>/`` beside the regulations folder: each folder its
    own index (sibling folders ``qa/`` and ``qb/`` never share one)."""
    folder = Path(folder).resolve()
    return folder.parent / ".regindex" / "index" / (folder.name or "root")


def segment_cache_path(folder: Path | str) -> Path:
    """``.regindex/segments.sqlite`` beside the regulations folder: the segmentation
    cache that `index`, `search` and `build` share (keyed by content, so one cache
    serves every folder and index there)."""
    return Path(folder).resolve().parent / ".regindex" / "segments.sqlite"


def folder_sources(folder: Path | str) -> list[Source]:
    """The source files of a regulations folder (the files ``Library.load`` reads),
    fingerprinted by content."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RegindexError(f"không tìm thấy thư mục văn bản: {folder}",
                            hint="Chạy lệnh trong thư mục dự án, hoặc chỉ rõ thư mục bằng "
                                 "-d, ví dụ: regindex search -d regulations/ …")
    found = []
    for path in sorted(folder.rglob("*.md")):
        if "sources" in path.relative_to(folder).parts:
            continue
        content = path.read_bytes()
        found.append(Source(path.relative_to(folder).as_posix(),
                            hashlib.sha256(content).hexdigest()[:20],
                            lambda path=path: read_document(path), len(content)))
    return found


class SearchIndex:
    """The index in folder ``path``: ``index-v<FORMAT>.sqlite``, its ``lock``, and the
    segmentation cache at ``segments`` (default: ``segments.sqlite`` in the folder)."""

    def __init__(self, path: Path | str, segments: Path | str | None = None):
        self.path = Path(path)
        self.file = self.path / f"index-v{FORMAT}.sqlite"
        self.segments = Path(segments) if segments else self.path / "segments.sqlite"

    def exists(self) -> bool:
        return self.file.is_file()

    def open(self) -> Store:
        """The index, for reading (see ``sync`` to build it)."""
        if not self.exists():
            raise RegindexError(f"chưa có chỉ mục tìm kiếm ở {self.path}",
                                hint="Chạy `regindex index` để lập chỉ mục.")
        try:
            return Store(self.file)
        except sqlite3.DatabaseError as exc:
            raise RegindexError(f"không đọc được chỉ mục {self.file}: {exc}",
                                hint="Chạy `regindex index --rebuild` để lập lại chỉ mục.") from None

    def sync(self, sources: Iterable[Source], workers: int | None = None,
             rebuild: bool = False, wait: float | None = LOCK_WAIT,
             progress: bool | None = None) -> Update:
        """Bring the index in step with ``sources`` (see the module docstring);
        ``rebuild`` builds a new index even if the current one is up to date.
        ``workers``: segmentation processes (default one per core); ``wait``: seconds
        to wait for another sync (None: as long as it takes); ``progress``: show
        progress on stderr (default: when it is a terminal)."""
        sources = {source.key: source for source in sources}
        with self._writing(), self._locked(wait):
            update = Update(cleaned=self._clean_leftovers())
            current = None if rebuild else self._current(update)
            held = current.sources() if current is not None else {}
            changed = [source for source in sources.values() if held.get(source.key) != source.term]
            gone = [key for key in held if key not in sources]
            if current is not None and not changed and not gone:
                current.close()
                return update
            if current is None:
                target = self.path / f"index-v{FORMAT}.new-{os.getpid()}.sqlite"
                target.unlink(missing_ok=True)
                store = Store.create(target)
            else:
                store, target = current, None
            committed = False
            try:
                store.begin()
                store.remove(held[key] for key in gone)
                update.removed = sorted(gone)
                self._index(store, changed, held, update, workers, progress)
                if target is not None and update.failed and self.exists() and not update.repaired:
                    store.rollback()            # rebuilding would lose their records
                    return Update(failed=update.failed, cleaned=update.cleaned)
                store.commit()
                committed = True
            except BaseException:
                store.rollback()
                raise
            finally:
                store.close()
                if target is not None and not committed:
                    target.unlink(missing_ok=True)
            if target is not None:
                os.replace(target, self.file)
            return update

    def _current(self, update: Update) -> Store | None:
        """The current index for an incremental sync; None when there is none or it is
        inconsistent (then ``update.repaired`` says why, and it is rebuilt)."""
        if not self.exists():
            return None
        try:
            store = Store(self.file, writable=True)
            problems = store.problems()
        except sqlite3.DatabaseError as exc:
            if _unwritable(exc):
                raise
            store, problems = None, [str(exc)]
        if problems:
            if store is not None:
                store.close()
            update.repaired = problems
            return None
        return store

    def _index(self, store: Store, changed: list[Source], held: dict[str, str], update: Update,
               workers: int | None, progress: bool | None) -> None:
        """Read, segment and index the ``changed`` sources a few at a time."""
        def groups():
            for source in changed:
                try:
                    document = source.load()
                except RegindexError as exc:
                    update.failed.append(exc)
                    shown.advance(files=1, size=source.size)
                    continue
                found = records(document)
                yield (source, found), [text for record in found
                                        for text in (record.heading, record.text)]

        SEGMENTER.cache = SegmentCache(self.segments)
        shown = Progress("lập chỉ mục", len(changed), sum(s.size for s in changed),
                         enabled=progress)
        try:
            segmented = SEGMENTER.segmented
            for source, found in SEGMENTER.stream(groups(), workers):
                texts = [text for record in found for text in (record.heading, record.text)]
                if source.key in held:
                    store.remove([held[source.key]])
                store.add_source(source.key, source.term)
                store.add([fields(record, source.term) for record in found], source.term)
                SEGMENTER.forget(texts)
                if store.pending_postings >= FLUSH_POSTINGS:
                    store.flush()
                update.indexed.append(source.key)
                update.records += len(found)
                shown.advance(files=1, size=source.size)
            store.flush()
            update.segmented = SEGMENTER.segmented - segmented
        finally:
            shown.close()
            SEGMENTER.cache.close()
            SEGMENTER.cache = None

    @contextmanager
    def _locked(self, wait: float | None):
        """Hold the index's lock: wait up to ``wait`` seconds (None: as long as it
        takes), then raise ``IndexBusy``."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "lock", "a") as lock:
            deadline = None if wait is None else time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise IndexBusy(
                            f"chỉ mục {self.path} đang được một tiến trình khác cập nhật",
                            hint="Đợi lệnh kia chạy xong rồi chạy lại.") from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextmanager
    def _writing(self):
        """Turn a read-only, immutable or full disk into a clear error."""
        try:
            yield
        except (OSError, sqlite3.OperationalError) as exc:
            reason = _unwritable(exc)
            if not reason:
                raise
            raise IndexUnwritable(f"không ghi được chỉ mục {self.path}: {reason}",
                                  hint="Giải phóng chỗ trống trên ổ đĩa hoặc cho phép ghi vào "
                                       "thư mục này, hoặc chọn thư mục khác bằng --index."
                                  ) from None

    def _clean_leftovers(self) -> list[str]:
        """Remove what killed syncs left (``*.new-*``) and indexes of other formats
        (the Whoosh ``v1/`` folder included). Only under the lock."""
        cleaned = self._adopt_old_layout()
        for path in self.path.glob("*"):
            name = path.name
            if ".new-" in name or (name.startswith("index-v") and path != self.file
                                   and not name.endswith(("-journal", "-wal", "-shm"))) \
                    or (path.is_dir() and name[:1] == "v" and name[1:].split(".")[0].isdigit()):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                cleaned.append(name)
        return cleaned


    def _adopt_old_layout(self) -> list[str]:
        """Before indexes were kept per folder, ``.regindex/index/`` held the Whoosh
        index (``v1/``) and the segmentation cache: keep the cache (moved where it is
        now looked for), drop the old index."""
        old = self.path.parent
        if old.name != "index" or not any(old.glob("v1/*.toc")):
            return []
        cleaned = []
        for path in old.glob("v1*"):
            shutil.rmtree(path, ignore_errors=True)
            cleaned.append(f"../{path.name}")
        cache = old / "segments.sqlite"
        if cache.is_file() and not self.segments.exists():
            self.segments.parent.mkdir(parents=True, exist_ok=True)
            os.replace(cache, self.segments)
        return cleaned


def _unwritable(exc: BaseException) -> str | None:
    """Why ``exc`` means the index cannot be written, in Vietnamese; None otherwise."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "ổ đĩa đã đầy"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "thư mục chỉ đọc hoặc không có quyền ghi"
    message = str(exc).lower()
    if "disk is full" in message or "disk full" in message:
        return "ổ đĩa đã đầy"
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return "thư mục chỉ đọc hoặc không có quyền ghi"
    return None
