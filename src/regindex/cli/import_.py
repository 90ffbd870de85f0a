"""`regindex import`: official files or web pages → regulation source files."""

from __future__ import annotations

import sys

import click

from ..errors import RegindexError
from ..library.schema import FIELDS
from ..present import vi_date
from . import cli, folder_option

COUNTED = (("part", "phần"), ("chapter", "chương"), ("division", "mục"), ("article", "điều"),
           ("clause", "khoản"), ("point", "điểm"), ("indent", "tiết"),
           ("section", "mục hướng dẫn"), ("appendix", "phụ lục"), ("form", "mẫu"))
ALWAYS_COUNTED = ("article", "clause", "point", "appendix")
STATES = {"created": "đã tạo", "updated": "đã cập nhật", "unchanged": "không thay đổi"}
DRY_STATES = {"created": "sẽ tạo", "updated": "sẽ cập nhật", "unchanged": "không thay đổi"}


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="TỆP_HOẶC_URL...")
@click.option("--number", help="Số hiệu văn bản khi phần đầu văn bản không ghi rõ, "
                               "ví dụ 124-QĐ/TW.")
@click.option("--issued", type=click.DateTime(["%Y-%m-%d"]),
              help="Ngày ban hành (YYYY-MM-DD) khi phần đầu văn bản không ghi rõ.")
@click.option("--force", is_flag=True, help="Ghi đè cả nội dung đã được sửa bằng tay.")
@click.option("--dry-run", is_flag=True, help="Chỉ cho xem kết quả, không ghi tệp nào.")
@folder_option
def import_command(sources, number, issued, force, dry_run, folder):
    """Nhập văn bản gốc (.docx, .html, .htm, .txt hoặc địa chỉ trang web) vào thư mục văn bản.

    Nhận ra phần đầu (cơ quan ban hành, số hiệu, nơi và ngày ban hành, loại và trích
    yếu), cấu trúc, phần ký và phụ lục; ghi <thư mục>/<mã>.md, bổ sung vào bản ghi có
    sẵn của văn bản đó mà không mất trường nào; giữ bản gốc trong <thư mục>/sources/.
    Tệp TCVN3, VNI, Windows-1258, UTF-16 được tự chuyển sang Unicode.
    """
    from ..importer import import_file   # HTML and Word readers: only for this command
    if (number or issued) and len(sources) > 1:
        raise click.UsageError("--number và --issued chỉ dùng khi nhập một tệp.")
    failed = 0
    for source in sources:
        try:
            result = import_file(source, folder, number=number, force=force, dry_run=dry_run,
                                 issued=issued.date() if issued else None)
        except RegindexError as exc:
            click.echo(f"lỗi: {exc}", err=True)
            failed += 1
            continue
        click.echo(_report(result, dry_run))
        if dry_run and result.state != "unchanged":
            click.echo(f"\n--- {result.path} ---\n{result.text}")
    if failed:
        sys.exit(1)


def _report(result, dry_run: bool) -> str:
    document = result.document
    counts = result.counts()
    found = ", ".join(f"{counts[kind]} {label}" for kind, label in COUNTED
                      if counts[kind] or kind in ALWAYS_COUNTED)
    state = (DRY_STATES if dry_run else STATES)[result.state]
    header, signature = result.header, result.signature
    printed = [header.letterhead, header.number and f"số {header.number}",
               header.place, header.issued and f"ngày {vi_date(header.issued)}",
               header.type, header.title]
    signed = [signature.body and f"T/M {signature.body}", signature.office, signature.name]
    lines = [
        f"{result.path}: {state} từ {result.original.name} (bảng mã {result.encoding})",
        f"  {document.name}, ngày {vi_date(document.meta.issued)}",
        f"  Phần đầu: {', '.join(filter(None, printed)) or '(không nhận ra)'}",
        f"  Phần ký: {', '.join(filter(None, signed)) or '(không nhận ra)'}",
        f"  Tìm thấy: {found}",
    ]
    if result.filled:
        lines.append("  Lấy từ văn bản gốc: " + ", ".join(FIELDS[name].label
                                                          for name in result.filled))
    lines.append(f"  Bản gốc: {result.source_path}")
    lines += [f"  cảnh báo: {warning}" for warning in result.warnings]
    return "\n".join(lines)
