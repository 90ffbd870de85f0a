"""`regindex search`: ranked search over the regulations, with or without diacritics."""

from __future__ import annotations

import datetime as dt
import json

import click

from ..present import vi_date
from ..vocabulary import STATUSES
from . import cli, folder_option, json_option
from .index import index_option, open_index, sync_for_search


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--doc", "document", metavar="SỐ_HIỆU_HOẶC_MÃ",
              help="Chỉ tìm trong một văn bản (số hiệu như 124-QĐ/TW, hoặc mã như "
                   "124-qd-tw-2023).")
@click.option("--in-force", is_flag=True,
              help="Chỉ tìm trong văn bản còn hiệu lực (kể cả hết hiệu lực một phần).")
@click.option("-n", "limit", type=click.IntRange(1, 1000), default=10, show_default=True,
              metavar="N",
              help="Số kết quả tối đa.")
@folder_option
@index_option
@json_option
def search_command(query, document, in_force, limit, folder, index_path, as_json):
    """Tìm QUERY trong các văn bản, gõ có dấu hay không dấu đều được.

    Kết quả xếp theo mức liên quan, mỗi kết quả có trích dẫn (ví dụ "điểm a khoản 2
    Điều 4 Quy định số 01-QĐ/MH"), đoạn văn có từ cần tìm và địa chỉ trên trang
    (<mã văn bản>.html#<mã phần tử>). Cụm từ đặt trong ngoặc kép phải có nguyên văn,
    ví dụ: regindex search '"sao lưu" usb'. Chỉ mục tự cập nhật khi văn bản thay đổi.
    """
    from ..index import Searcher
    from ..library import Library

    index = open_index(folder, index_path)
    sync_for_search(index, folder)
    library = Library.load(folder) if document else None
    slug = library.lookup(document).slug if document else None
    with Searcher(index, library=library or (lambda: Library.load(folder))) as searcher:
        hits = searcher.search(" ".join(query), slug=slug, in_force=in_force, limit=limit)
    if as_json:
        click.echo(json.dumps([hit.record() for hit in hits], ensure_ascii=False, indent=2))
    elif not hits:
        click.echo(f"Không tìm thấy kết quả nào cho: {' '.join(query)}", err=True)
    for rank, hit in enumerate(hits if not as_json else [], start=1):
        click.echo(_hit_text(rank, hit))


def _hit_text(rank: int, hit) -> str:
    title = (f"{hit.named}: " if hit.named else "") + hit.citation \
        + (" (văn bản minh họa)" if hit.illustrative else "")
    lines = [f"{rank}. {click.style(title, bold=True)}", f"   {hit.url}"]
    if hit.note:
        lines.append(f"   ⚠ {hit.note}")
    if hit.snippet:
        lines.append(f"   {_marked(hit.snippet, hit.highlights)}")
    if hit.status in ("expired", "partly-expired"):
        successors = "; ".join(
            ref["number"]
            + (f", ngày {vi_date(dt.date.fromisoformat(ref['issued']))}" if ref["issued"] else "")
            + (f" ({ref['slug']}.html)" if ref["slug"] else "")
            for ref in hit.replaced_by)
        if len(hit.succession) > 1:     # the whole chain: what replaced the successor …
            successors += " → " + " → ".join(hit.succession[1:])
        lines.append(f"   ⚠ {STATUSES[hit.status]}"
                     + (f"; được thay thế bởi {successors}" if successors else ""))
    return "\n".join(lines) + "\n"


def _marked(text: str, spans) -> str:
    """``text`` with the searched words in bold (plain when not printed to a terminal)."""
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], click.style(text[start:end], bold=True, fg="yellow")]
        at = end
    return "".join(out) + text[at:]
