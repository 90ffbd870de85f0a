"""`regindex export`: a document as JSON, its facts and the tree of its elements."""

from __future__ import annotations

import json

import click

from ..library import Library
from ..present import document_export
from . import cli, folder_option


@cli.command("export")
@click.argument("document", metavar="SỐ_HIỆU_HOẶC_MÃ")
@folder_option
def export_command(document, folder):
    """In văn bản DOCUMENT (số hiệu, tên gọi hoặc mã, ví dụ 124-QĐ/TW, 124-qd-tw-2023)
    dạng JSON: các thông tin như `show --json`, và `elements`: cây các phần tử
    {eid, kind, num, heading, text, children}, ghép `text` theo thứ tự được lại nguyên
    nội dung văn bản."""
    doc = Library.load(folder).lookup(document)
    click.echo(json.dumps(document_export(doc), ensure_ascii=False, indent=2))
