"""`regindex link`: check the citations of a briefing and write a copy linked to the site."""

from __future__ import annotations

import json

import click

from ..library import Library
from ..model import Document
from ..present import vi_date
from . import cli, folder_option, json_option


@cli.command("link")
@click.argument("source", metavar="TÀI_LIỆU")
@click.option("-o", "--output", metavar="TỆP",
              help="Tệp ghi bản có liên kết (mặc định: <tên>.linked<đuôi> cạnh tài liệu).")
@click.option("--base-url", default="", metavar="URL",
              help="Địa chỉ gốc của trang, ví dụ https://vanban.example.vn/ (mặc định: liên "
                   "kết tương đối, đặt bản sao cạnh index.html của trang).")
@folder_option
@json_option
def link_command(source, output, base_url, folder, as_json):
    """Kiểm tra mọi trích dẫn trong TÀI_LIỆU (.md, .txt, .html, .docx) và ghi một bản sao
    có liên kết từng trích dẫn tới trang văn bản.

    Báo trích dẫn văn bản đã hết hiệu lực (kèm văn bản thay thế và ngày), trích dẫn
    điều, khoản, điểm không có trong văn bản, và trích dẫn không xác định được.
    """
    library = Library.load(folder)
    from ..link import link_file   # HTML and Word writers: only for this command
    report = link_file(source, library, output, base_url=base_url)
    if as_json:
        click.echo(json.dumps({"output": str(report.output),
                               "citations": [finding.record() for finding in report.findings]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(_report(report, library))


def _report(report, library: Library) -> str:
    citations = report.citations
    unresolved = {finding.citation for finding in report.flagged("unresolved")}
    lines = [f"Đã ghi bản có liên kết: {report.output}",
             f"{len(citations)} trích dẫn: {len(citations) - len(unresolved)} xác định được, "
             f"{len(unresolved)} không xác định được.", ""]
    lines += [_finding(finding, library) for finding in report.findings]
    return "\n".join(lines)


def _finding(finding, library: Library) -> str:
    head = f"dòng {finding.line}: “{finding.citation.text}”"
    target = finding.target
    if "unresolved" in finding.flags:
        return f"{head}: không xác định được: {target.problem or finding.citation.problem}"
    document = target.document
    where = finding.url or "không liên kết"
    line = f"{head} → {target.citation} ({where}): {_replacement(document, library)}"
    if "missing" in finding.flags:
        line += f"\n  không có trong văn bản: {target.problem or target.citation}"
    elif "no-text" in finding.flags:
        line += f"\n  chưa kiểm tra được: {document.name} chưa được nhập văn bản gốc"
    return line


def _replacement(document: Document, library: Library) -> str:
    """"hết hiệu lực từ ngày 30/08/2025; thay thế bởi …", following the successors to the
    one in force."""
    text = document.meta.status_label.lower()
    if document.meta.expired_on:
        text += f" từ ngày {vi_date(document.meta.expired_on)}"
    seen = {document.slug}
    while document.meta.status in ("expired", "partly-expired") and document.meta.replaced_by:
        successors = [(ref, library.get(ref)) for ref in document.meta.replaced_by]
        text += ("; thay thế bởi " if len(seen) == 1 else ", văn bản này nay cũng "
                 f"{document.meta.status_label.lower()}, thay thế bởi ") + ", ".join(
            f"{successor.name}, ngày {vi_date(ref.issued)}" if successor else str(ref)
            for ref, successor in successors)
        document = successors[0][1]
        if document is None or document.slug in seen:
            break
        seen.add(document.slug)
    return text
