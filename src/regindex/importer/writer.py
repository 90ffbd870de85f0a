"""Writing an imported document: its source file, merged front matter, atomic writes.

An existing record (say the metadata-only ``124-qd-tw-2023.md``) keeps its front matter
as written, byte for byte, comments included: the importer only adds the fields it was
missing and replaces ``source``. The ``source`` mapping records the original file, its
sha256, and ``body_sha256``, the hash of the body as imported: a body whose hash no
longer matches was edited by hand and is not overwritten without ``--force``.
Every write goes to a temporary file renamed into place, and only inside the folder;
a record and the copy of its original are written together or not at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from pathlib import Path

import yaml

from ..errors import RegindexError, from_os_error
from ..library.schema import FIELDS
from ..library.source import FENCE

__all__ = ["sha256", "front_matter", "merge_front_matter", "source_file", "write_atomic",
           "write_together", "finish_writes", "new_file_mode", "process_running"]


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _field_lines(name: str, value) -> list[str]:
    text = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=float("inf"))
    return text.rstrip("\n").split("\n")


def front_matter(values: dict[str, object]) -> str:
    """A new record's front matter (between the fences), fields in ``FIELDS`` order."""
    return "\n".join(line for name in FIELDS if values.get(name) is not None
                     for line in _field_lines(name, values[name]))


def merge_front_matter(front: str, updates: dict[str, object]) -> str:
    """``front`` with each field of ``updates`` set: a field already there (with a value
    or empty) has its lines replaced, a new one goes after the fields that precede it
    in ``FIELDS`` order. Every other line is kept as it was."""
    lines = front.split("\n") if front else []
    for name in (name for name in FIELDS if name in updates):
        spans = _spans("\n".join(lines))
        new = _field_lines(name, updates[name])
        if name in spans:
            start, end = spans[name]
            lines[start:end] = new
            continue
        before = [spans[other][1] for other in list(FIELDS)[:list(FIELDS).index(name)]
                  if other in spans]
        at = max(before) if before else 0
        lines[at:at] = new
    return "\n".join(lines)


def _spans(front: str) -> dict[str, tuple[int, int]]:
    """Top-level key → (first line, line after its value), 0-based within ``front``."""
    node = yaml.compose(front, Loader=yaml.SafeLoader)
    if node is None:
        return {}
    return {key.value: (key.start_mark.line,
                        value.end_mark.line + (1 if value.end_mark.column else 0))
            for key, value in node.value}


def source_file(front: str, body: str) -> str:
    """The text of a source file."""
    return f"{FENCE}\n{front}\n{FENCE}\n{body}"


def new_file_mode(*, directory: bool = False) -> int:
    """The mode a new file (0666) or folder (0777) gets under the process umask, as
    ``open`` and ``mkdir`` would give it: temporary files are made 0600 and fixed."""
    umask = os.umask(0o022)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


_TEMPORARY = re.compile(r"""
    \. (?P<name> .+ ) \.             # .<file name>.
    (?P<pid> \d+ ) \.                 # <id of the writing process>.
    [a-z0-9_]+ \. (?: tmp | journal ) # <random>.tmp, or the journal of a write
    \Z""", re.X)


def _temporary(path: Path) -> Path:
    """A new empty temporary file beside ``path``, named for the writing process."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=path.parent)
    os.close(handle)
    return Path(name)


def process_running(pid: int) -> bool:
    """Whether process ``pid`` still runs (its temporary files may still be in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def finish_writes(directory: Path) -> None:
    """Complete or clean what a killed or failed write left in ``directory``: a journal
    (the renames of a write that had committed) is carried out; temporary files are
    removed. What another running process is writing is left alone."""
    try:
        leftovers = [(path, _TEMPORARY.match(path.name)) for path in Path(directory).iterdir()
                     if path.name.startswith(".")]
    except OSError:
        return
    # Our own process writes one transaction at a time: its leftovers are from a failed one.
    dead = [path for path, match in leftovers
            if match and (int(match["pid"]) == os.getpid() or not process_running(int(match["pid"])))]
    for journal in (path for path in dead if path.suffix == ".journal"):
        try:
            for temporary, target in json.loads(journal.read_text(encoding="utf-8")):
                if Path(temporary).exists():
                    os.replace(temporary, target)
            journal.unlink()
        except (OSError, ValueError):
            continue          # left for the next run; the old files are still whole
    for temporary in (path for path in dead if path.suffix == ".tmp"):
        temporary.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes, folder: Path) -> None:
    """Write ``data`` to ``path`` (inside ``folder``) through a temporary file and a rename,
    so that a failure leaves the old file whole."""
    write_together({Path(path): data}, folder)


def write_together(files: dict[Path, bytes], folder: Path) -> None:
    """Write every file of ``files`` (path → bytes, all inside ``folder``), or none.

    Each file is first written whole beside its target; then a journal listing the
    renames is committed, the renames done and the journal removed. A failure before
    the journal changes nothing; a kill after it is completed by ``finish_writes`` on the
    next run. A new file gets the mode the umask gives; a replaced one keeps its mode.
    """
    folder = Path(folder).resolve()
    targets = {Path(path).resolve(): data for path, data in files.items()}
    for path in targets:
        if not path.is_relative_to(folder):
            raise RegindexError(f"từ chối ghi ra ngoài thư mục văn bản: {path}", file=path,
                                hint=f"regindex chỉ ghi vào {folder}.")
    staged: list[tuple[Path, Path]] = []
    journal = None
    try:
        for directory in {folder, *(path.parent for path in targets)}:
            directory.mkdir(parents=True, exist_ok=True)
            finish_writes(directory)
        for path, data in targets.items():
            staged.append((_temporary(path), path))
            _write_file(staged[-1][0], data, _mode(path))
        if len(staged) > 1:
            pending = _temporary(folder / "regindex-write")
            _write_file(pending, json.dumps([[str(t), str(p)] for t, p in staged]).encode(),
                        0o600)
            os.replace(pending, pending.with_suffix(".journal"))     # the commit point
            journal = pending.with_suffix(".journal")
        for temporary, path in staged:
            os.replace(temporary, path)
            _sync_directory(path.parent)
    except OSError as exc:
        exc.filename = exc.filename or str(staged[-1][1] if staged else next(iter(targets)))
        if journal is None:
            raise from_os_error(exc, "không ghi được tệp",
                                "Chưa tệp nào bị thay đổi.") from None
        raise from_os_error(exc, "không ghi xong các tệp",
                            "Chạy lại lệnh: các tệp sẽ được ghi nốt.") from None
    finally:
        if journal is None:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
        for leftover in folder.glob(f".regindex-write.{os.getpid()}.*.tmp"):
            leftover.unlink(missing_ok=True)
    if journal is not None:
        journal.unlink(missing_ok=True)


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return new_file_mode()


def _write_file(path: Path, data: bytes, mode: int) -> None:
    with open(path, "wb") as out:
        os.fchmod(out.fileno(), mode)
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _sync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the system allows it)."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
