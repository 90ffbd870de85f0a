"""`regindex diff`: what changed from a regulation to the one replacing it."""

from __future__ import annotations

import json

import click

from ..diff import CHANGE_LABELS, compare, predecessor
from ..library import Library
from ..model import cite_path
from . import cli, folder_option, json_option

SUMMARY = ("new", "removed", "reworded", "moved", "split", "merged", "same")


@cli.command("diff")
@click.argument("old_or_new", metavar="CŨ_HOẶC_MỚI")
@click.argument("new", required=False, metavar="[MỚI]")
@folder_option
@json_option
def diff_command(old_or_new, new, folder, as_json):
    """So sánh văn bản MỚI với văn bản CŨ (số hiệu hoặc mã): regindex diff CŨ MỚI.
    Chỉ ghi một văn bản thì so sánh nó với văn bản nó thay thế (trường replaces).
    Các điều được ghép theo nội dung, không theo số: giữ nguyên, sửa đổi, di chuyển,
    tách, gộp, mới, bỏ; rồi đến khoản, điểm trong các điều đã ghép."""
    library = Library.load(folder)
    if new is None:
        new_doc = library.lookup(old_or_new)
        old_doc = predecessor(library, new_doc)
    else:
        old_doc, new_doc = library.lookup(old_or_new), library.lookup(new)
    comparison = compare(old_doc, new_doc)
    if as_json:
        click.echo(json.dumps(comparison.record(), ensure_ascii=False, indent=2))
        return
    click.echo(f"So sánh {new_doc.name} với {old_doc.name}")
    click.echo("  " + ", ".join(f"{CHANGE_LABELS[c]}: {comparison.counts[c]}" for c in SUMMARY))
    for pair in comparison.pairs:
        if pair.change == "same":
            continue
        old = cite_path(pair.old) if pair.old else "—"
        new_label = cite_path(pair.new) if pair.new else "—"
        click.echo(f"{'  ' * (pair.depth + 1)}{old} → {new_label}: {CHANGE_LABELS[pair.change]}")
