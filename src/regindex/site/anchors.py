"""Link stability: the list of every page and anchor a build publishes
(``site/anchors.json``), and what an older list has that the current one lost."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from ..errors import RegindexError
from ..library import Library
from ..model import Diagnostic
from .pages import SitePage, site_pages

__all__ = ["ANCHORS_FILE", "page_anchors", "anchors_json", "read_anchors", "lost_anchors",
           "lost_anchor_diagnostics"]

ANCHORS_FILE = "anchors.json"
FORMAT = "regindex-anchors/1"


# Our pages write every attribute value escaped, so an id never holds a quote.
ID = re.compile(r"""
    \s id="          # an id attribute (never inside text: text escapes its quotes)
    (?P<id>[^"]+)    # its value
    "                # end of the value
    """, re.X)


def page_anchors(html: str) -> list[str]:
    """Every ``id`` of a page's content (as ``SitePage`` writes it), in order."""
    return [unescape(match["id"]) for match in ID.finditer(html)]


def site_anchors(pages: list[SitePage]) -> dict[str, list[str]]:
    return {page.dest_uri: page_anchors(page.html) + list(page.forwarded) for page in pages}


def anchors_json(pages: list[SitePage]) -> str:
    return json.dumps({"format": FORMAT, "pages": site_anchors(pages)},
                      ensure_ascii=False, indent=1)


def read_anchors(path: Path | str) -> dict[str, list[str]]:
    """The pages and anchors of an ``anchors.json`` written by an earlier build."""
    hint = f"Dùng tệp {ANCHORS_FILE} do `regindex build` ghi trong thư mục trang (site/)."
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError:
        raise RegindexError("không tìm thấy hoặc không mở được tệp", file=path, hint=hint) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise RegindexError("tệp danh sách liên kết không phải JSON hợp lệ", file=path,
                            line=line, hint=hint) from None
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict) or data.get("format") != FORMAT or not all(
            isinstance(ids, list) for ids in pages.values()):
        raise RegindexError(f"tệp không phải danh sách liên kết dạng {FORMAT}", file=path,
                            hint=hint)
    return pages


def lost_anchors(old: dict[str, list[str]],
                 new: dict[str, list[str]]) -> list[tuple[str, str | None]]:
    """(page, anchor) of ``old`` missing from ``new``; anchor None when the whole page is gone."""
    lost = []
    for page, ids in old.items():
        if page not in new:
            lost.append((page, None))
            continue
        present = set(new[page])
        lost += [(page, anchor) for anchor in ids if anchor not in present]
    return lost


def lost_anchor_diagnostics(library: Library, old_path: Path | str) -> list[Diagnostic]:
    """One error per page of ``old_path`` that lost anchors (or is gone), naming them."""
    lost: dict[str, list[str | None]] = {}
    for page, anchor in lost_anchors(read_anchors(old_path), site_anchors(site_pages(library))):
        lost.setdefault(page, []).append(anchor)
    hint = ("Liên kết người dùng đã lưu hoặc in (bài giảng, tài liệu tập huấn) tới đây sẽ "
            "hỏng. Nếu không cố ý, khôi phục số hiệu, ngày ban hành hoặc cách đánh số điều, "
            "khoản, điểm; nếu cố ý, báo cho người dùng địa chỉ mới.")
    return [Diagnostic("error",
                       f"trang {page} không còn" if anchors == [None] else
                       f"{page} mất {len(anchors)} liên kết: "
                       + ", ".join(f"#{anchor}" for anchor in anchors),
                       str(old_path), None, hint)
            for page, anchors in lost.items()]
