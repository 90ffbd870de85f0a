"""`regindex show`: a document's attributes, or one element's text and citation."""

from __future__ import annotations

import json

import click

from ..errors import RegindexError
from ..library import Library
from ..present import document_facts, element_record, fact_rows
from . import cli, folder_option, json_option


@cli.command("show")
@click.argument("document", required=False)
@click.argument("eid", required=False)
@folder_option
@json_option
def show_command(document, eid, folder, as_json):
    """In thông tin văn bản DOCUMENT (số hiệu hoặc mã, ví dụ 124-QĐ/TW hay
    124-qd-tw-2023), hoặc nội dung và trích dẫn của phần tử EID (ví dụ dieu-12-khoan-2).
    Không có DOCUMENT: liệt kê mọi văn bản."""
    library = Library.load(folder)
    if document is None:
        rows = [document_facts(doc) for doc in library.documents]
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        for doc in library.documents if not as_json else []:
            click.echo(f"{doc.slug:<22} {doc.name:<32} {doc.meta.status_label}")
        return
    doc = library.lookup(document)
    if eid is None:
        facts = document_facts(doc)
        if as_json:
            click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        else:
            click.echo(_facts_text(doc))
        return
    node = doc.get(eid.removeprefix("#"))
    if node is None:
        known = ", ".join(n.eid for n in list(doc.elements())[:8])
        raise RegindexError(
            f"{doc.name} không có phần tử {eid!r}",
            hint=("Văn bản này chưa có nội dung: nhập văn bản gốc bằng `regindex import`."
                  if not doc.has_body else f"Mã phần tử có dạng: {known} …"))
    record = element_record(doc, node)
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(record["citation"])
        click.echo(record["url"])
        click.echo()
        click.echo(record["text"].rstrip())


def _facts_text(doc) -> str:
    lines = [doc.name + (f" {doc.meta.title}" if doc.meta.title else "")]
    lines += [f"  {label}: {value}" for label, value in fact_rows(doc)]
    if doc.has_body:
        count = sum(1 for _ in doc.elements())
        lines.append(f"  Nội dung: {count} phần tử có thể trích dẫn "
                     f"(regindex show {doc.slug} dieu-1 …)")
    else:
        lines.append("  Nội dung: chưa nhập văn bản gốc (dùng `regindex import TỆP`).")
    return "\n".join(lines)
