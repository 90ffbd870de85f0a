"""Building and serving the site through MkDocs' Python API.

``build_site`` builds into a staging folder beside the target and swaps it in only when
the build succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import errno
import logging
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..errors import RegindexError
from .anchors import ANCHORS_FILE, read_anchors

__all__ = ["build_site", "serve_site", "BuildResult", "CONFIG_FILE"]

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


def build_site(folder: Path | str, site_dir: Path | str | None = None, *,
               config_file: Path | str = CONFIG_FILE, strict: bool = False) -> BuildResult:
    """Build the site from ``folder`` into ``site_dir`` (default: mkdocs.yml's site_dir)."""
    with _mkdocs_errors("lỗi cấu hình trang", "Kiểm tra mkdocs.yml."):
        config = _config(Path(config_file), folder, strict=strict)
    target = Path(site_dir) if site_dir else Path(config.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    config.site_dir = str(staging)
    try:
        with _mkdocs_errors("dựng trang thất bại",
                            f"Trang cũ trong {target} vẫn giữ nguyên. Sửa lỗi rồi chạy lại."
                            ) as warnings:
            build(config)
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = len(read_anchors(target / ANCHORS_FILE))
    return BuildResult(target, pages, list(warnings))


def _swap(staging: Path, target: Path) -> None:
    """Put the new site in place of the old one with renames, then drop the old one."""
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(retired / target.name)
    staging.rename(target)
    if retired is not None:
        shutil.rmtree(retired)


def serve_site(folder: Path | str, port: int = 8000, *,
               config_file: Path | str = CONFIG_FILE) -> None:
    """Build and serve the site on http://127.0.0.1:PORT, rebuilding on every change."""
    config = Path(config_file)
    _config(config, folder)          # a clear error now rather than inside the server
    logger = logging.getLogger("mkdocs")
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
    logger.addHandler(console)
    level = logger.level
    logger.setLevel(logging.INFO)     # "Serving on …" and each rebuild
    try:
        with _mkdocs_errors("dựng trang thất bại", "Sửa lỗi rồi chạy lại `regindex serve`."):
            serve(str(config), dev_addr=f"127.0.0.1:{port}",
                  docs_dir=str(Path(folder).resolve()))
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise RegindexError(f"cổng {port} đang được một chương trình khác dùng",
                            hint=f"Chọn cổng khác, ví dụ: regindex serve -p {port + 1}") from None
    finally:
        logger.removeHandler(console)
        logger.setLevel(level)
