"""`regindex index`: build or refresh the search index of a regulations folder."""

from __future__ import annotations

import json
import sys

import click

from . import cli, folder_option, jobs_option, json_option


def index_option(function):
    """--index: the search index folder (shared by `index` and `search`)."""
    return click.option("--index", "index_path", type=click.Path(file_okay=False),
                        help="Thư mục chỉ mục tìm kiếm (mặc định: .regindex/index/ cạnh "
                             "thư mục văn bản).")(function)


def open_index(folder: str, index_path: str | None):
    """The folder's index (``--index`` or ``.regindex/index/<folder>/``), with the
    segmentation cache the site build shares (``.regindex/segments.sqlite``)."""
    from ..index import SearchIndex, default_index_path, segment_cache_path
    return SearchIndex(index_path or default_index_path(folder),
                       segments=segment_cache_path(folder))


def report_failures(update) -> None:
    if update.repaired:
        click.echo(f"cảnh báo: chỉ mục không nhất quán ({'; '.join(update.repaired)}); "
                   "đã lập lại toàn bộ chỉ mục", err=True)
    for error in update.failed:
        click.echo(f"cảnh báo: {error}\n  (chỉ mục giữ nội dung cũ của tệp này cho tới khi "
                   "tệp được sửa)", err=True)


@cli.command("index")
@folder_option
@index_option
@click.option("--rebuild", is_flag=True,
              help="Lập lại toàn bộ chỉ mục (kết quả tách từ đã lưu vẫn được dùng lại).")
@jobs_option("tách từ")
@json_option
def index_command(folder, index_path, rebuild, jobs, as_json):
    """Lập hoặc cập nhật chỉ mục tìm kiếm cho thư mục văn bản.

    Chỉ những tệp đã thay đổi được lập chỉ mục lại; nếu lệnh bị ngắt giữa chừng, chỉ
    mục cũ vẫn dùng được. `regindex search` tự cập nhật chỉ mục, nên lệnh này chỉ cần
    khi muốn lập chỉ mục trước. Trên màn hình, tiến độ (số tệp, tốc độ, thời gian còn
    lại) hiện trong khi lập. Thoát với mã 1 khi có tệp không đọc được.
    """
    from ..index import folder_sources
    index = open_index(folder, index_path)
    update = index.sync(folder_sources(folder), workers=jobs, rebuild=rebuild, wait=None)
    report_failures(update)
    if as_json:
        click.echo(json.dumps({
            "index": str(index.path), "indexed": update.indexed, "removed": update.removed,
            "records": update.records, "segmented_characters": update.segmented,
            "failed": [str(error) for error in update.failed], "repaired": update.repaired,
        }, ensure_ascii=False, indent=2))
    elif update.changed:
        click.echo(f"đã lập chỉ mục {len(update.indexed)} tệp ({update.records} mục), "
                   f"bỏ {len(update.removed)} tệp: {index.path}")
    else:
        click.echo(f"chỉ mục đã cập nhật, không có gì thay đổi: {index.path}")
    sys.exit(1 if update.failed else 0)


SEARCH_WAIT = 3
"""Seconds a search waits for another process updating the index before it answers
from the index as it is."""


def sync_for_search(index, folder: str) -> None:
    """Bring the index up to date before a search. When it cannot be updated (the
    index folder is read-only or the disk full, or another process is updating it) but
    an index exists, say so and search the index as it is."""
    from ..index import IndexBusy, IndexUnwritable, folder_sources
    sources = folder_sources(folder)
    try:
        report_failures(index.sync(sources, wait=SEARCH_WAIT if index.exists() else None))
    except (IndexUnwritable, IndexBusy) as exc:
        if not index.exists():
            raise
        click.echo(f"lưu ý: {exc.message}; kết quả lấy từ chỉ mục hiện có, có thể chưa "
                   "gồm thay đổi mới nhất của văn bản.", err=True)
