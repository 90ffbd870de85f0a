"""`regindex link`: check the citations of a briefing and write a copy linked to the site."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from ..library import Library
from ..model import Document
from ..present import vi_date
from . import cli, folder_option, json_option

if TYPE_CHECKING:
    from ..link import Finding, LinkReport

# Each group of problems: its heading, saying what to do.
HEADINGS = {
    "expired": "Văn bản đã hết hiệu lực: dẫn văn bản thay thế",
    "missing": "Điều, khoản, điểm không có trong văn bản: kiểm tra lại số",
    "unresolved": "Không xác định được văn bản: ghi đủ số hiệu (và ngày ban hành)",
    "ambiguous": "Nhiều văn bản cùng số hiệu: ghi thêm ngày ban hành",
}


@cli.command("link")
@click.argument("source", metavar="TÀI_LIỆU")
@click.option("-o", "--output", metavar="TỆP",
              help="Tệp ghi bản có liên kết (mặc định: <tên>.linked<đuôi> cạnh tài liệu).")
@click.option("--base-url", default="", metavar="URL",
              help="Địa chỉ gốc của trang, ví dụ https://vanban.example.vn/kho/ (mặc định: "
                   "liên kết tương đối, đặt bản sao cạnh index.html của trang).")
@click.option("--strict", is_flag=True,
              help="Mã thoát 1 khi có trích dẫn cần sửa (hết hiệu lực, sai số điều khoản, "
                   "không xác định được, trùng số hiệu).")
@folder_option
@json_option
def link_command(source, output, base_url, strict, folder, as_json):
    """Kiểm tra mọi trích dẫn trong TÀI_LIỆU (.md, .txt, .html, .docx) và ghi một bản sao
    có liên kết từng trích dẫn tới trang văn bản.

    Báo, theo từng việc cần làm: trích dẫn văn bản đã hết hiệu lực (kèm các văn bản thay
    thế), điều, khoản, điểm không có trong văn bản, trích dẫn không xác định được và
    số hiệu ứng với nhiều văn bản.
    """
    library = Library.load(folder)
    from ..link import link_file   # HTML and Word writers: only for this command
    report = link_file(source, library, output, base_url=base_url)
    if as_json:
        click.echo(json.dumps({"output": str(report.output),
                               "citations": [finding.record() for finding in report.findings]},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(_report(report))
    if strict and report.has_problems:
        sys.exit(1)


def _report(report: LinkReport) -> str:
    from ..link import PROBLEMS
    citations = report.by_citation()
    problems = {kind: report.problems(kind) for kind in PROBLEMS}
    wrong = {citation for found in problems.values() for citation in found}
    unchecked = [citation for citation, findings in citations.items() if citation not in wrong
                 and any("no-text" in finding.flags for finding in findings)]
    right = len(citations) - len(wrong) - len(unchecked)
    lines = [f"Đã ghi bản có liên kết: {report.output}",
             f"{len(citations)} trích dẫn: {right} đúng, {len(wrong)} cần sửa"
             + (f", {len(unchecked)} chưa kiểm tra được điều, khoản" if unchecked else "") + "."]
    for kind in PROBLEMS:
        if not problems[kind]:
            continue
        lines += ["", f"{HEADINGS[kind]} ({len(problems[kind])}):"]
        if kind == "expired":
            lines += _expired(problems[kind])
        else:
            lines += [_problem(found) for found in problems[kind].values()]
    if unchecked:
        lines += ["", f"Chưa kiểm tra được điều, khoản: văn bản chưa có nội dung trong kho "
                      f"({len(unchecked)}):"]
        lines += [f"  {_head(citations[citation][0])}: "
                  f"{citations[citation][0].target.document.name}" for citation in unchecked]
    return "\n".join(lines)


def _head(finding: Finding) -> str:
    return f"{finding.where}: “{finding.citation.text}”"


def _expired(problems: dict) -> list[str]:
    """Each expired document once, with its successors; under it, where it is cited."""
    by_document: dict[str, list[Finding]] = {}
    for findings in problems.values():
        for finding in findings:
            by_document.setdefault(finding.target.document.slug, []).append(finding)
    lines = []
    for findings in by_document.values():
        first = findings[0]
        document = first.target.document
        lines.append(f"  {document.name} ({first.base_url + document.url()}): "
                     f"{_replacement(document, first)}")
        lines += [f"    {_head(finding)}" for finding in
                  dict((finding.citation, finding) for finding in findings).values()]
    return lines


def _problem(findings: list[Finding]) -> str:
    """One line per citation: every target with this problem."""
    first = findings[0]
    if "missing" in first.problems and all("missing" in f.problems for f in findings):
        return f"  {_head(first)}: không có " + ", ".join(
            finding.target.citation for finding in findings)
    problem = first.target.problem or first.citation.problem or "không xác định được"
    guess = (f"; có phải {first.suggestion.name} ({first.suggestion.url()})?"
             if first.suggestion else "")
    return f"  {_head(first)}: {problem}{guess}"


def _replacement(document: Document, finding: Finding) -> str:
    """"hết hiệu lực từ ngày 30/08/2025; thay thế bởi …", following the successors to the
    one in force; a replacement not verified is said to be so."""
    text = document.meta.status_label.lower()
    if document.meta.expired_on:
        text += f" từ ngày {vi_date(document.meta.expired_on)}"
    for i, step in enumerate(finding.chain):
        name = (f"{step.document.name}, ngày {vi_date(step.ref.issued)}" if step.document
                else str(step.ref))
        if finding.base_url and step.document:
            name += f" ({finding.successor_url(step.document)})"
        if not step.verified:
            name += " (quan hệ thay thế chưa xác minh)"
        if i == 0:
            text += f"; thay thế bởi {name}"
        else:
            previous = finding.chain[i - 1].document
            text += (f", văn bản này nay cũng {previous.meta.status_label.lower()}, "
                     f"thay thế bởi {name}")
    return text
