"""The home page: every document with its number, type, title, issuer, issue date and
status (with the whole succession chain), under the replacement lineages (132 → 124 →
366 …) drawn from the front matter. Rows carry their facts as data attributes: the
site's script filters them by type, issuer, year and status and sorts them; on a narrow
screen the stylesheet lays each row out as a card with its status at the top."""

from __future__ import annotations

import datetime as dt
from html import escape

from ..library import Library
from ..model import Document
from ..present import succession, vi_date
from ..vocabulary import DOCUMENT_TYPES
from .render import ILLUSTRATIVE_NOTICE

__all__ = ["catalog_html", "document_groups", "lineages"]

ILLUSTRATIVE_GROUP = "Văn bản minh họa"

OFFICIAL_GROUP = "Văn bản"

# Sort orders offered: (value, label); the first is the order the page is written in.
SORTS = (("newest", "Mới ban hành trước"), ("oldest", "Cũ trước"), ("number", "Theo số hiệu"),
         ("status", "Theo tình trạng"))

# Status order when sorting by status: in force first.
STATUS_RANK = {"in-force": 0, "not-yet": 1, "partly-expired": 2, "expired": 3}


def document_groups(library: Library) -> list[tuple[str, list[Document]]]:
    """Official documents by type (known types first), newest first; illustrative last."""
    official = [doc for doc in library.documents if not doc.meta.illustrative]
    types = sorted({doc.meta.type for doc in official},
                   key=lambda t: (DOCUMENT_TYPES.index(t) if t in DOCUMENT_TYPES
                                  else len(DOCUMENT_TYPES), t))
    groups = [(kind, _newest_first(doc for doc in official if doc.meta.type == kind))
              for kind in types]
    illustrative = _newest_first(doc for doc in library.documents if doc.meta.illustrative)
    return groups + ([(ILLUSTRATIVE_GROUP, illustrative)] if illustrative else [])


def _newest_first(documents) -> list[Document]:
    return sorted(documents, key=lambda doc: (doc.meta.issued is not None, doc.meta.issued),
                  reverse=True)


def lineages(library: Library) -> list[list[tuple[Document, bool]]]:
    """Every replacement chain, oldest first: [(document, link from the previous one is
    verified)]. A chain starts at a document that replaces nothing in the library."""
    def successors(document: Document) -> list[tuple[Document, bool]]:
        found = []
        for ref in document.meta.replaced_by:
            successor = library.get(ref)
            if successor is not None:
                verified = ("replaced_by" not in document.meta.unverified
                            and "replaces" not in successor.meta.unverified)
                found.append((successor, verified))
        return found

    chains: list[list[tuple[Document, bool]]] = []

    def follow(chain: list[tuple[Document, bool]]) -> None:
        seen = [document for document, _ in chain]
        following = [step for step in successors(chain[-1][0]) if step[0] not in seen]
        if not following:
            chains.append(chain)
        for step in following:
            follow(chain + [step])

    starts = [doc for doc in library.documents if successors(doc)
              and not any(library.get(ref) for ref in doc.meta.replaces)]
    for start in sorted(starts, key=lambda doc: doc.meta.issued or doc.number):
        follow([(start, True)])
    return chains


def catalog_html(library: Library, built: dt.date | None = None) -> str:
    count = len(library.documents)
    return "\n".join([
        '<div class="rx-page rx-catalog-page">',
        "<h1>Danh mục văn bản</h1>",
        f'<p class="rx-lead">{count} văn bản. Mỗi văn bản có trang riêng: thông tin, tình '
        "trạng hiệu lực, quan hệ thay thế và hướng dẫn, và nội dung từng điều, khoản, điểm "
        "khi đã nhập văn bản gốc.</p>",
        f'<p class="rx-dates">{_dates(library, built or dt.date.today())}</p>',
        _lineages_html(library),
        _documents_html(library),
        "</div>",
    ])


def _dates(library: Library, built: dt.date) -> str:
    """As of when the statuses were checked (the oldest check counts), and the build."""
    official = [doc for doc in library.documents if not doc.meta.illustrative]
    checked = sorted(doc.meta.checked for doc in official if doc.meta.checked)
    if checked and checked[0] == checked[-1]:
        status = f"Tình trạng tính đến ngày {vi_date(checked[0])}"
    elif checked:
        status = (f"Tình trạng kiểm tra từ ngày {vi_date(checked[0])} đến ngày "
                  f"{vi_date(checked[-1])} (ngày của từng văn bản ghi trên trang của nó)")
    else:
        status = "Chưa ghi ngày kiểm tra tình trạng"
    unchecked = len(official) - len(checked)
    if checked and unchecked:
        status += f"; {unchecked} văn bản chưa ghi ngày kiểm tra"
    return f"{status} · Bản dựng ngày {vi_date(built)}"


def _status_class(document: Document) -> str:
    return f"rx-status--{document.meta.status or 'unknown'}"


def _lineages_html(library: Library) -> str:
    chains = lineages(library)
    if not chains:
        return ""
    rows = "".join(_chain_html(chain) for chain in chains)
    return ('<section class="rx-lineages" id="quan-he-thay-the"><h2>Quan hệ thay thế</h2>'
            f"{rows}"
            '<p class="rx-legend">Mũi tên: <span class="rx-legend-arrow">→</span> được thay '
            'thế bởi; <span class="rx-legend-arrow rx-legend-arrow--unverified">⇢</span> '
            "quan hệ chưa xác minh.</p></section>")


def _chain_html(chain: list[tuple[Document, bool]]) -> str:
    label = " → ".join(document.number for document, _ in chain)
    steps = []
    for document, verified in chain:
        css = f"rx-lineage-step {_status_class(document)}" + ("" if verified else " rx-unverified")
        doubt = "" if verified else '<span class="rx-note">chưa xác minh</span>'
        steps.append(
            f'<li class="{css}"><a href="{escape(document.url())}">'
            f'<strong>{escape(document.number)}</strong>'
            f'<span class="rx-lineage-date">{vi_date(document.meta.issued)}</span>'
            f'<span class="rx-status">{escape(document.meta.status_label)}</span>{doubt}</a></li>')
    return f'<ol class="rx-lineage" aria-label="{escape(label)}">{"".join(steps)}</ol>'


def _documents_html(library: Library) -> str:
    official = _newest_first(doc for doc in library.documents if not doc.meta.illustrative)
    illustrative = _newest_first(doc for doc in library.documents if doc.meta.illustrative)
    groups = [(OFFICIAL_GROUP, official)] if official else []
    groups += [(ILLUSTRATIVE_GROUP, illustrative)] if illustrative else []
    tables = "".join(_group_html(name, documents, library) for name, documents in groups)
    return ('<section class="rx-catalog" id="danh-muc"><h2>Các văn bản</h2>'
            f"{_controls(library)}<div class=\"rx-groups\">{tables}</div></section>")


def _controls(library: Library) -> str:
    """Filters and sort order (shown by the script, which applies them)."""
    documents = library.documents

    def choice(name: str, label: str, values: list[tuple[str, str]]) -> str:
        options = "".join(f'<option value="{escape(value)}">{escape(text)}</option>'
                          for value, text in values)
        return (f'<label class="rx-control"><span>{label}</span><select name="{name}">'
                f'<option value="">Tất cả</option>{options}</select></label>')

    types = sorted({d.meta.type for d in documents},
                   key=lambda t: (DOCUMENT_TYPES.index(t) if t in DOCUMENT_TYPES
                                  else len(DOCUMENT_TYPES), t))
    issuers = sorted({d.meta.issuer for d in documents if d.meta.issuer})
    years = sorted({d.meta.issued.year for d in documents if d.meta.issued}, reverse=True)
    statuses = sorted({d.meta.status or "unknown" for d in documents},
                      key=lambda s: STATUS_RANK.get(s, 9))
    labels = {d.meta.status or "unknown": d.meta.status_label for d in documents}
    sort = "".join(f'<option value="{value}">{text}</option>' for value, text in SORTS)
    return ('<form class="rx-controls" hidden aria-label="Lọc và sắp xếp danh mục">'
            + choice("type", "Loại", [(t, t) for t in types])
            + choice("issuer", "Cơ quan ban hành", [(i, i) for i in issuers])
            + choice("year", "Năm", [(str(y), str(y)) for y in years])
            + choice("status", "Tình trạng", [(s, labels[s]) for s in statuses])
            + f'<label class="rx-control"><span>Sắp xếp</span><select name="sort">{sort}'
            '</select></label><button type="reset" class="rx-reset">Bỏ lọc</button>'
            '<p class="rx-count" role="status"></p></form>')


def _group_html(name: str, documents: list[Document], library: Library) -> str:
    illustrative = name == ILLUSTRATIVE_GROUP
    note = f'<p class="rx-note">{escape(ILLUSTRATIVE_NOTICE)}</p>' if illustrative else ""
    rows = "".join(_row_html(document, library) for document in documents)
    css = "rx-group rx-group--illustrative" if illustrative else "rx-group"
    return (f'<section class="{css}"><h3>{escape(name)}</h3>{note}'
            '<table class="rx-documents"><thead><tr><th>Số hiệu</th><th>Loại</th>'
            "<th>Trích yếu</th><th>Cơ quan ban hành</th><th>Ngày ban hành</th>"
            "<th>Tình trạng</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")


def _row_html(document: Document, library: Library) -> str:
    meta = document.meta
    badges = ""
    if meta.illustrative:
        badges += '<span class="rx-badge rx-badge--illustrative">minh họa</span>'
    if not document.has_body:
        badges += '<span class="rx-badge">chưa có nội dung</span>'
    if meta.title:
        title = escape(meta.title)
    else:
        title = ('<span class="rx-note">Trích yếu chưa xác minh</span>'
                 if "title" in meta.unverified else '<span class="rx-note">Chưa ghi trích yếu'
                 "</span>")
    issued = vi_date(meta.issued)
    data = {"type": meta.type, "issuer": meta.issuer or "", "number": document.number,
            "year": str(meta.issued.year) if meta.issued else "",
            "status": meta.status or "unknown",
            "rank": str(STATUS_RANK.get(meta.status or "", 9)),
            "issued": meta.issued.isoformat() if meta.issued else ""}
    attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in data.items())
    return (f'<tr class="rx-row {_status_class(document)}"{attributes}>'
            f'<td class="rx-col-number"><a href="{escape(document.url())}">'
            f'{escape(document.number)}</a>{badges}</td>'
            f'<td class="rx-col-type">{escape(meta.type)}</td>'
            f'<td class="rx-col-title">{title}</td>'
            f'<td class="rx-col-issuer">{escape(meta.issuer or "")}</td>'
            f'<td class="rx-col-issued">{issued}</td>'
            f'<td class="rx-col-status">{_status_html(document, library)}</td></tr>')


def _status_html(document: Document, library: Library) -> str:
    """The status, its date, and every document that replaced it in turn."""
    meta = document.meta
    html = f'<span class="rx-status">{escape(meta.status_label)}</span>'
    if meta.expired_on:
        html += f' <span class="rx-note">từ {vi_date(meta.expired_on)}</span>'
    steps = []
    for step in succession(document, library.get):
        name = escape(step.ref.number)
        css = f"rx-chain-step rx-status--{step.status or 'unknown'}"
        if step.document is not None:
            name = (f'<a href="{escape(step.document.url())}" '
                    f'title="{escape(step.document.meta.status_label)}">{name}</a>')
        if not step.verified:
            name += ' <span class="rx-note">(chưa xác minh)</span>'
        steps.append(f'<span class="{css}">{name}</span>')
    if steps:
        html += f'<span class="rx-chain">thay thế bởi {" → ".join(steps)}</span>'
    return html
