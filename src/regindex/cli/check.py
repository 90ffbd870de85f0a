"""`regindex check`: validate a regulations folder."""

from __future__ import annotations

import json
import sys

import click

from ..check import check_library, fix_files
from ..library import Library
from . import cli, folder_option, json_option


@cli.command("check")
@click.argument("folder_argument", required=False, metavar="[FOLDER]",
                type=click.Path(file_okay=False))
@folder_option
@click.option("--fix", is_flag=True,
              help="Chuẩn hóa các tệp (UTF-8 NFC, LF, bỏ BOM) trước khi kiểm tra.")
@click.option("--anchors", "old_anchors", type=click.Path(dir_okay=False), default=None,
              metavar="OLD.json",
              help="Báo mọi liên kết (trang, điều, khoản, điểm) có trong OLD.json (tệp "
                   "anchors.json của một lần dựng trước) mà thư mục hiện nay không còn tạo ra.")
@json_option
def check_command(folder_argument, folder, fix, old_anchors, as_json):
    """Kiểm tra thư mục văn bản FOLDER (mặc định: regulations/).

    Báo lỗi khai báo, quan hệ giữa các văn bản, mã trùng, đánh số sai thứ tự; mỗi
    thông báo nêu tệp, dòng và cách sửa. Với --anchors, báo cả các liên kết cũ sẽ hỏng.
    Thoát với mã 1 khi có lỗi. FOLDER cũng ghi được bằng -d/--folder như các lệnh khác.
    """
    folder = folder_argument or folder
    if fix:
        for path in fix_files(folder):
            click.echo(f"đã chuẩn hóa: {path}", err=True)
    library = Library.load(folder)
    found = check_library(library)
    if old_anchors:
        from ..site import lost_anchor_diagnostics   # MkDocs: only when asked
        found += lost_anchor_diagnostics(library, old_anchors)
    errors = sum(1 for d in found if d.level == "error")
    if as_json:
        click.echo(json.dumps({
            "documents": len(library.documents),
            "errors": errors,
            "warnings": len(found) - errors,
            "diagnostics": [d.__dict__ for d in found],
        }, ensure_ascii=False, indent=2))
    else:
        for diagnostic in found:
            click.echo(str(diagnostic))
        click.echo(f"{len(library.documents)} văn bản, {errors} lỗi, "
                   f"{len(found) - errors} cảnh báo.", err=bool(found))
    sys.exit(1 if errors else 0)
