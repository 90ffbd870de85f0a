"""`regindex cite`: read a citation typed by a trainer; print its link and text."""

from __future__ import annotations

import json

import click

from ..citations import Target, parse_citation
from ..errors import RegindexError
from ..library import Library
from ..present import vi_date
from . import cli, folder_option, json_option


@cli.command("cite")
@click.argument("text", nargs=-1, required=True)
@folder_option
@json_option
def cite_command(text, folder, as_json):
    """Đọc trích dẫn TEXT (ví dụ "điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW") và in
    liên kết (<mã>.html#<mã phần tử>), trích dẫn chuẩn, tình trạng hiệu lực và nội dung
    phần tử nếu đã nhập văn bản gốc. Danh sách, khoảng ("khoản 1, 2 Điều 8", "từ Điều 5
    đến Điều 8") cho nhiều kết quả."""
    typed = " ".join(text)
    library = Library.load(folder)
    targets = [target for citation in parse_citation(typed, library) for target in citation.targets]
    if not targets:
        raise RegindexError(
            f"không nhận ra trích dẫn nào trong “{typed}”",
            hint="Ghi theo thứ tự điểm, khoản, Điều rồi văn bản, ví dụ: "
                 "regindex cite \"điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW\"")
    if as_json:
        records = [{**target.record(), "text": _text(target)} for target in targets]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    click.echo("\n\n".join(_describe(target, library) for target in targets))


def _text(target: Target) -> str | None:
    node = target.node
    return node.full_text().rstrip() if node is not None and target.eid else None


def _describe(target: Target, library: Library) -> str:
    lines = [target.citation]
    if not target.resolved:
        lines.append(f"  không xác định được: {target.problem}")
        for eid in target.candidates:       # an ambiguous citation: what it may mean
            node = target.document.get(eid)
            lines.append(f"  - {target.document.citation(node)}: {target.document.url(node)}")
        return "\n".join(lines)
    document = target.document
    lines.append(f"  {target.url or document.url()}")
    lines.append(f"  Tình trạng: {_status(document, library)}")
    if document.meta.illustrative:
        lines.append("  Văn bản minh họa do dự án tự soạn, không phải văn bản chính thức.")
    if target.problem:
        lines.append(f"  không tìm thấy: {target.problem}")
    elif not target.exists:
        lines.append(f"  {document.name} chưa có nội dung: nhập văn bản gốc bằng "
                     "`regindex import TỆP` để xem nội dung.")
    if (text := _text(target)) is not None:
        lines += ["", text]
    return "\n".join(lines)


def _status(document, library: Library) -> str:
    meta = document.meta
    status = meta.status_label
    if meta.expired_on:
        status += f" từ ngày {vi_date(meta.expired_on)}"
    if meta.status in ("expired", "partly-expired") and meta.replaced_by:
        successors = []
        for ref in meta.replaced_by:
            successor = library.get(ref)
            successors.append(f"{successor.name} ({successor.url()})" if successor else str(ref))
        status += "; thay thế bởi " + ", ".join(successors)
    return status
