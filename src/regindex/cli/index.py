"""`regindex index`: build or refresh the search index of a regulations folder."""

from __future__ import annotations

import json
import sys

import click

from . import cli, folder_option, json_option


def index_option(function):
    """--index: the search index folder (shared by `index` and `search`)."""
    return click.option("--index", "index_path", type=click.Path(file_okay=False),
                        help="Thư mục chỉ mục tìm kiếm (mặc định: .regindex/index/ cạnh "
                             "thư mục văn bản).")(function)


def open_index(folder: str, index_path: str | None):
    from ..index import SearchIndex, default_index_path
    return SearchIndex(index_path or default_index_path(folder))


def report_failures(update) -> None:
    for error in update.failed:
        click.echo(f"cảnh báo: {error}\n  (chỉ mục giữ nội dung cũ của tệp này cho tới khi "
                   "tệp được sửa)", err=True)


@cli.command("index")
@folder_option
@index_option
@click.option("--rebuild", is_flag=True,
              help="Lập lại toàn bộ chỉ mục (kết quả tách từ đã lưu vẫn được dùng lại).")
@json_option
def index_command(folder, index_path, rebuild, as_json):
    """Lập hoặc cập nhật chỉ mục tìm kiếm cho thư mục văn bản.

    Chỉ những tệp đã thay đổi được lập chỉ mục lại; nếu lệnh bị ngắt giữa chừng, chỉ
    mục cũ vẫn dùng được. `regindex search` tự cập nhật chỉ mục, nên lệnh này chỉ cần
    khi muốn lập chỉ mục trước. Thoát với mã 1 khi có tệp không đọc được.
    """
    from ..index import folder_sources
    index = open_index(folder, index_path)
    update = index.sync(folder_sources(folder), rebuild=rebuild)
    report_failures(update)
    if as_json:
        click.echo(json.dumps({
            "index": str(index.path), "indexed": update.indexed, "removed": update.removed,
            "records": update.records, "segmented_characters": update.segmented,
            "failed": [str(error) for error in update.failed],
        }, ensure_ascii=False, indent=2))
    elif update.changed:
        click.echo(f"đã lập chỉ mục {len(update.indexed)} tệp ({update.records} mục), "
                   f"bỏ {len(update.removed)} tệp: {index.path}")
    else:
        click.echo(f"chỉ mục đã cập nhật, không có gì thay đổi: {index.path}")
    sys.exit(1 if update.failed else 0)
