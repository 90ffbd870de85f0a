"""The home page: every document with its number, type, title, issue date and status,
grouped by type (illustrative texts apart) and filterable by status with plain HTML and
CSS, under the replacement lineages (132 → 124 → 366 …) drawn from the front matter."""

from __future__ import annotations

from html import escape

from ..library import Library
from ..model import Document
from ..present import vi_date
from ..vocabulary import DOCUMENT_TYPES
from .render import ILLUSTRATIVE_NOTICE

__all__ = ["catalog_html", "document_groups", "lineages"]

ILLUSTRATIVE_GROUP = "Văn bản minh họa"

# Status filters: (input id, label, statuses shown; None = all).
FILTERS = (
    ("loc-tat-ca", "Tất cả", None),
    ("loc-con-hieu-luc", "Còn hiệu lực", ("in-force",)),
    ("loc-het-hieu-luc", "Hết hiệu lực (toàn bộ hoặc một phần)", ("expired", "partly-expired")),
)


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


def catalog_html(library: Library) -> str:
    count = len(library.documents)
    return "\n".join([
        '<div class="rx-page rx-catalog-page">',
        "<h1>Danh mục văn bản</h1>",
        f'<p class="rx-lead">{count} văn bản. Mỗi văn bản có trang riêng: thông tin, tình '
        "trạng hiệu lực, quan hệ thay thế và hướng dẫn, và nội dung từng điều, khoản, điểm "
        "khi đã nhập văn bản gốc.</p>",
        _lineages_html(library),
        _documents_html(library),
        "</div>",
    ])


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
    inputs = "".join(
        f'<input type="radio" name="rx-loc" class="rx-filter-input" id="{ident}"'
        f'{" checked" if shown is None else ""}>' for ident, _, shown in FILTERS)
    labels = "".join(f'<label for="{ident}">{text}</label>' for ident, text, _ in FILTERS)
    groups = "".join(_group_html(name, documents) for name, documents in document_groups(library))
    return ('<section class="rx-catalog" id="danh-muc"><h2>Các văn bản</h2>'
            f'{inputs}<div class="rx-filter" role="group" aria-label="Lọc theo tình trạng">'
            f'<span class="rx-filter-label">Lọc theo tình trạng:</span> {labels}</div>'
            f'<div class="rx-groups">{groups}</div></section>')


def _group_html(name: str, documents: list[Document]) -> str:
    illustrative = name == ILLUSTRATIVE_GROUP and all(d.meta.illustrative for d in documents)
    note = f'<p class="rx-note">{escape(ILLUSTRATIVE_NOTICE)}</p>' if illustrative else ""
    rows = "".join(_row_html(document) for document in documents)
    css = "rx-group rx-group--illustrative" if illustrative else "rx-group"
    return (f'<section class="{css}"><h3>{escape(name)}</h3>{note}'
            '<table class="rx-documents"><thead><tr><th>Số hiệu</th><th>Loại</th>'
            "<th>Trích yếu</th><th>Ngày ban hành</th><th>Tình trạng</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")


def _row_html(document: Document) -> str:
    meta = document.meta
    badges = ""
    if meta.illustrative:
        badges += '<span class="rx-badge rx-badge--illustrative">minh họa</span>'
    if not document.has_body:
        badges += '<span class="rx-badge">chưa có nội dung</span>'
    status = f'<span class="rx-status">{escape(meta.status_label)}</span>'
    if meta.expired_on:
        status += f'<span class="rx-note">từ {vi_date(meta.expired_on)}</span>'
    return (f'<tr class="rx-row {_status_class(document)}">'
            f'<td><a href="{escape(document.url())}">{escape(document.number)}</a>{badges}</td>'
            f"<td>{escape(meta.type)}</td><td>{escape(meta.title or '')}</td>"
            f"<td>{vi_date(meta.issued)}</td><td>{status}</td></tr>")
