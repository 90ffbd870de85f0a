"""Building and serving the site through MkDocs' Python API.

``build_site`` builds into a staging folder beside the target and swaps it in only when
the build succeeded, so a failed build leaves the previous site as it was; it replaces
only a folder a build made. ``serve_site`` serves the last good site while a change
fails to build.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.livereload import LiveReloadServer
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..errors import RegindexError, from_os_error
from ..importer.writer import new_file_mode, process_running
from .anchors import ANCHORS_FILE, read_anchors

__all__ = ["build_site", "serve_site", "BuildResult", "CONFIG_FILE", "SITE_MARKER"]

CONFIG_FILE = Path("mkdocs.yml")


@dataclass
class BuildResult:
    site_dir: Path
    pages: int                  # pages made from the regulations: catalog and documents
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to report them in our own words."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_errors(what: str, hint: str):
    """MkDocs' logging collected, and its failures turned into a RegindexError."""
    logger, collect = logging.getLogger("mkdocs"), _Collect()
    logger.addHandler(collect)
    try:
        yield collect.messages
    except MkDocsException as exc:
        reasons = collect.messages or [exc.format_message()]
        raise RegindexError(f"{what}:\n" + "\n".join(f"  {reason}" for reason in reasons),
                            hint=hint) from None
    finally:
        logger.removeHandler(collect)


def _config(config_file: Path, folder: Path | str, **options):
    if not Path(config_file).is_file():
        raise RegindexError(f"không tìm thấy tệp cấu hình trang {config_file}",
                            hint="Chạy lệnh trong thư mục dự án regindex (nơi có mkdocs.yml).")
    folder = Path(folder)
    if not folder.is_dir():
        raise RegindexError(f"không tìm thấy thư mục văn bản: {folder}",
                            hint="Chỉ rõ thư mục bằng -d, ví dụ: regindex build -d regulations")
    return load_config(str(config_file), docs_dir=str(folder.resolve()), **options)


SITE_MARKER = ".regindex-site"
"""A file in every site ``build_site`` writes: only a folder holding it (or an empty
one) is ever replaced, so that ``--site-dir`` pointing at the user's files deletes
nothing."""

_LEGACY_SITE = ("anchors.json", "search/regindex-index.js")
"""What every site built before the marker existed holds: such a folder is ours too."""


def build_site(folder: Path | str, site_dir: Path | str | None = None, *,
               config_file: Path | str = CONFIG_FILE, strict: bool = False,
               jobs: int | None = None) -> BuildResult:
    """Build the site from ``folder`` into ``site_dir`` (default: mkdocs.yml's site_dir),
    rendering pages in ``jobs`` processes (default: mkdocs.yml's, else one per core).

    The site is built into a staging folder beside the target and swapped in only when
    the build succeeded; a failed build leaves the previous site as it was. A target
    that is a symbolic link (a web root) is replaced where it points."""
    with _mkdocs_errors("lỗi cấu hình trang", "Kiểm tra mkdocs.yml."):
        config = _config(Path(config_file), folder, strict=strict)
    if jobs is not None and "regindex" in config.plugins:
        config.plugins["regindex"].config["jobs"] = jobs
    shown = Path(site_dir) if site_dir else Path(config.site_dir)
    target = Path(os.path.realpath(shown))
    _ensure_replaceable(target, shown, Path(folder), Path(config_file))
    kept = (f"Trang cũ trong {shown} vẫn giữ nguyên." if target.exists()
            else f"Chưa ghi gì vào {shown}.")
    warnings = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        warnings += _clean_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-{os.getpid()}-",
                                        dir=target.parent))
    except OSError as exc:
        raise from_os_error(exc, f"không tạo được thư mục tạm cạnh {shown}", kept) from None
    config.site_dir = str(staging)
    try:
        with _mkdocs_errors("dựng trang thất bại", f"{kept} Sửa lỗi rồi chạy lại."
                            ) as messages:
            build(config)
        (staging / SITE_MARKER).write_text(
            "Thư mục này do `regindex build` tạo; lần dựng sau sẽ thay toàn bộ.\n",
            encoding="utf-8")
        os.chmod(staging, _mode(target))
        warnings += list(messages)
        warnings += _swap(staging, target, shown, kept)
    except OSError as exc:
        raise from_os_error(exc, "dựng trang thất bại", kept) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = len(read_anchors(target / ANCHORS_FILE))
    return BuildResult(shown, pages, warnings)


def _ensure_replaceable(target: Path, shown: Path, folder: Path, config_file: Path) -> None:
    """Refuse a target that holds anything a build did not make."""
    inside = [path for path in (folder, config_file)
              if Path(os.path.realpath(path)).is_relative_to(target)]
    if inside:
        raise RegindexError(f"thư mục trang {shown} chứa {inside[0]}: dựng trang vào đó sẽ "
                            "xóa mất tệp của bạn",
                            hint="Chọn một thư mục riêng cho trang, ví dụ --site-dir site.")
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise RegindexError(f"{shown} đã có và không phải thư mục; không ghi đè",
                            hint="Chọn thư mục khác bằng --site-dir, hoặc xóa tệp đó.")
    try:
        empty = next(target.iterdir(), None) is None
    except OSError as exc:
        raise from_os_error(exc, f"không đọc được thư mục {shown}", "Chưa thay đổi gì.") from None
    ours = (target / SITE_MARKER).is_file() or all((target / name).is_file()
                                                   for name in _LEGACY_SITE)
    if not (empty or ours):
        raise RegindexError(f"thư mục {shown} đã có tệp không do `regindex build` tạo; "
                            "không ghi đè (dựng trang sẽ thay toàn bộ thư mục)",
                            hint="Chọn một thư mục trống hoặc thư mục mới bằng --site-dir, "
                                 "ví dụ --site-dir site.")


_LEFTOVER = r"""
    \.{name}-                                   # a staging or retired site of {name}
    (?: new - (?P<pid> \d+ ) -                 # a staging site, by its process,
      | old - (?: \d+ - )? )?                   # a retired one (never in use)
    [a-z0-9_]{{8}}                              # tempfile's random part
    \Z"""


def _clean_leftovers(target: Path) -> list[str]:
    """Remove the staging folders of builds that were killed, and retired sites (a
    staging folder without a process id is from a build before they had one)."""
    pattern = re.compile(_LEFTOVER.format(name=re.escape(target.name)), re.X)
    warnings = []
    for path in target.parent.iterdir():
        found = pattern.match(path.name)
        if not found or not path.is_dir() or path.is_symlink():
            continue
        pid = found["pid"]
        if pid and (int(pid) == os.getpid() or process_running(int(pid))):     # still building
            continue
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():
            warnings.append(f"không xóa được thư mục tạm {path} của lần dựng trước: xóa bằng tay")
    return warnings


def _mode(target: Path) -> int:
    """The old site's mode, or what the umask gives a new folder (never tempfile's 0700)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return new_file_mode(directory=True)


def _swap(staging: Path, target: Path, shown: Path, kept: str) -> list[str]:
    """Put the new site in place of the old one with renames, then drop the old one; a
    site in place whose old copy cannot be removed is a warning, not a failure."""
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-{os.getpid()}-",
                                        dir=target.parent))
        try:
            target.rename(retired / target.name)
        except OSError as exc:
            retired.rmdir()
            raise from_os_error(exc, f"không thay được trang cũ {shown}", kept) from None
    staging.rename(target)
    if retired is None:
        return []
    shutil.rmtree(retired, ignore_errors=True)
    if retired.exists():
        return [f"trang mới đã ở {shown}, nhưng không xóa được trang cũ (đã dời vào {retired}): "
                "xóa thư mục đó bằng tay, hoặc lần dựng sau sẽ thử lại"]
    return []


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, answering 404 to a path no file can have."""

    def _serve_request(self, environ, start_response):
        if "\0" in environ.get("PATH_INFO", ""):       # "/%00": open() would raise
            return None
        return super()._serve_request(environ, start_response)


def serve_site(folder: Path | str, port: int = 8000, *,
               config_file: Path | str = CONFIG_FILE, jobs: int | None = None) -> None:
    """Build and serve the site on http://127.0.0.1:PORT, rebuilding on every change.

    Each rebuild goes through ``build_site``: one that fails prints its errors and the
    server goes on serving the last site that built (never a half-built one)."""
    config = _config(Path(config_file), folder)      # a clear error now, not in the server
    logger = logging.getLogger("mkdocs")
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
    # A failed rebuild is printed once, in our words (MkDocs' own error record is dropped).
    console.addFilter(lambda record: record.levelno < logging.ERROR
                      or getattr(record, "regindex", False))
    logger.addHandler(console)
    level = logger.level
    logger.setLevel(logging.INFO)     # "Serving on …" and each rebuild
    root = Path(tempfile.mkdtemp(prefix="regindex-serve-"))
    site = root / "site"

    def rebuild():
        try:
            build_site(folder, site, config_file=config_file, jobs=jobs)
        except RegindexError as exc:
            logger.error(f"{exc}\n  → Máy chủ vẫn phục vụ trang dựng thành công gần nhất.",
                         extra={"regindex": True})

    try:
        build_site(folder, site, config_file=config_file, jobs=jobs)
        server = _Server(builder=rebuild, host="127.0.0.1", port=port, root=str(site),
                         mount_path=urlsplit(config.site_url or "/").path)
        server.error_handler = lambda code: (site / "404.html").read_bytes() \
            if code == 404 and (site / "404.html").is_file() else None
        server.watch(str(Path(folder).resolve()))
        server.watch(str(Path(config_file).resolve()))
        try:
            server.serve()
        except KeyboardInterrupt:
            logger.info("Dừng máy chủ.")
        finally:
            server.shutdown()
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise RegindexError(f"cổng {port} đang được một chương trình khác dùng",
                            hint=f"Chọn cổng khác, ví dụ: regindex serve -p {port + 1}") from None
    finally:
        logger.removeHandler(console)
        logger.setLevel(level)
        shutil.rmtree(root, ignore_errors=True)
