"""`regindex import`: official files or web pages → regulation source files."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import click

from ..errors import RegindexError
from ..library.schema import FIELDS
from ..present import vi_date
from ..progress import Progress
from ..vocabulary import KINDS
from . import cli, folder_option, json_option

if TYPE_CHECKING:
    from ..importer import ImportResult

COUNTED = (("part", "phần"), ("chapter", "chương"), ("division", "mục"), ("article", "điều"),
           ("clause", "khoản"), ("point", "điểm"), ("indent", "tiết"),
           ("section", "mục hướng dẫn"), ("appendix", "phụ lục"), ("form", "mẫu"),
           ("attachment", "văn bản kèm theo"))
ALWAYS_COUNTED = ("article", "clause", "point", "appendix")
STATES = {"created": "đã tạo", "updated": "đã cập nhật", "unchanged": "không thay đổi"}
DRY_STATES = {"created": "sẽ tạo", "updated": "sẽ cập nhật", "unchanged": "không thay đổi"}


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="TỆP_HOẶC_URL...")
@click.option("--number", help="Số hiệu văn bản khi phần đầu văn bản không ghi rõ, "
                               "ví dụ 124-QĐ/TW.")
@click.option("--issued", type=click.DateTime(["%Y-%m-%d"]),
              help="Ngày ban hành (YYYY-MM-DD) khi phần đầu văn bản không ghi rõ.")
@click.option("--name", help="Tên gọi của văn bản không có số hiệu, ví dụ \"Điều lệ Đảng\".")
@click.option("--force", is_flag=True, help="Ghi đè cả nội dung đã được sửa bằng tay.")
@click.option("--dry-run", is_flag=True, help="Chỉ cho xem kết quả, không ghi tệp nào.")
@folder_option
@json_option
def import_command(sources, number, issued, name, force, dry_run, folder, as_json):
    """Nhập văn bản gốc (.docx, .html, .htm, .txt hoặc địa chỉ trang web) vào thư mục văn bản.

    Nhận ra phần đầu (cơ quan ban hành, số hiệu, nơi và ngày ban hành, loại và trích
    yếu), cấu trúc, phần ký và phụ lục; ghi <thư mục>/<mã>.md, bổ sung vào bản ghi có
    sẵn của văn bản đó mà không mất trường nào; giữ bản gốc trong <thư mục>/sources/.
    Tệp TCVN3, VNI, Windows-1258, UTF-16 được tự chuyển sang Unicode.
    """
    from ..importer import import_file, refused_record   # HTML and Word readers: only here
    if (number or issued or name) and len(sources) > 1:
        raise click.UsageError("--number, --issued và --name chỉ dùng khi nhập một tệp.")
    failed, records = 0, []
    sizes = [_size(source) for source in sources]
    shown = Progress("nhập văn bản", len(sources), sum(sizes),
                     enabled=None if len(sources) > 1 else False)
    for source, size in zip(sources, sizes):
        try:
            result = import_file(source, folder, number=number, name=name, force=force,
                                 dry_run=dry_run, issued=issued.date() if issued else None)
        except RegindexError as exc:
            shown.close()
            click.echo(f"lỗi: {exc}", err=True)
            records.append(refused_record(source, exc))
            failed += 1
            shown.advance(files=1, size=size)
            continue
        records.append(result.record())
        if not as_json:
            shown.close()       # the report replaces the progress line, which comes back
            click.echo(_report(result, dry_run))
            if dry_run and result.state != "unchanged":
                click.echo(f"\n--- {result.path} ---\n{result.text}")
        shown.advance(files=1, size=size)
    shown.close()
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


def _size(source: str) -> int:
    """Bytes of a local file (0 for a web address or a missing file)."""
    try:
        return os.path.getsize(source)
    except OSError:
        return 0


def _report(result: ImportResult, dry_run: bool) -> str:
    """The facts recognised and the structure found, in Vietnamese, one fact a line."""
    record = result.record()
    counts = result.counts()
    found = ", ".join(f"{counts[kind]} {label}" for kind, label in COUNTED
                      if counts[kind] or kind in ALWAYS_COUNTED)
    found += "".join(f", {n} {KINDS[kind].cite.lower()}" for kind, n in counts.items()
                     if kind not in dict(COUNTED) and kind in KINDS)
    state = (DRY_STATES if dry_run else STATES)[result.state]
    signature = result.signature
    signed = [signature.body and f"T/M {signature.body}", signature.office, signature.name]
    facts = [("Mã văn bản", record["slug"]), ("Số hiệu", record["number"]),
             ("Tên gọi", record["name"] if not record["number"] else None),
             ("Loại văn bản", record["type"]), ("Trích yếu", record["title"]),
             ("Cơ quan ban hành", record["issuer"]), ("Tiêu đề cơ quan", record["letterhead"]),
             ("Nơi, ngày ban hành", ", ".join(filter(None, [
                 record["place"], result.document.meta.issued
                 and f"ngày {vi_date(result.document.meta.issued)}"]))),
             ("Người ký", record["signer"]),
             ("Phần ký", ", ".join(filter(None, signed)) or "(không nhận ra)")]
    lines = [f"{result.path}: {state} từ {result.original.name} (bảng mã {result.encoding})",
             f"  {result.document.name}, ngày {vi_date(result.document.meta.issued)}"]
    lines += [f"  {label}: {value}" for label, value in facts if value]
    lines.append(f"  Tìm thấy: {found}")
    if result.filled:
        lines.append("  Lấy từ văn bản gốc: " + ", ".join(FIELDS[name].label
                                                          for name in result.filled))
    lines.append(f"  Bản gốc: {result.source_path}")
    lines += [f"  cảnh báo: {warning}" for warning in result.warnings]
    return "\n".join(lines)
