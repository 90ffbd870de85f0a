"""Every page of the site, made from a library: the catalog, one page per document, and
one comparison page per document and the one it replaced ("Những điểm mới").

A ``SitePage`` is the page's HTML (all source text escaped) with its title and table of
contents. MkDocs gets it as a Markdown file holding only the front matter (the title,
escaped too, since the theme prints titles as they are); the plugin hands MkDocs the
HTML itself, so that Markdown does not re-parse every page only to pass it through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import yaml

from ..diff import compare, replaced_pairs
from ..library import Library
from ..progress import Progress
from .catalog import catalog_html, document_groups
from .compare import comparison_page
from .crossrefs import CrossReferences
from .page_cache import PageCache
from .parts import split_document
from .render import render_document

__all__ = ["SitePage", "site_pages", "site_nav", "CATALOG_TITLE"]

CATALOG_TITLE = "Danh mục văn bản"


@dataclass(frozen=True)
class SitePage:
    src_uri: str                # "124-qd-tw-2023.md"
    title: str                  # plain text
    html: str
    toc: list[dict] = field(default_factory=list)
    hide: tuple[str, ...] = ()  # material's page-level switches ("toc", "navigation")
    twin: str | None = None     # JSON published beside the page (``<name>.json``)
    in_nav: bool = True
    forwarded: tuple[str, ...] = ()   # anchors of a long document's other parts, sent on

    @property
    def dest_uri(self) -> str:
        return self.src_uri.removesuffix(".md") + ".html"

    @property
    def markdown(self) -> str:
        """The file MkDocs reads: front matter only (the body is ``html``)."""
        meta = {"title": escape(self.title)}
        if self.hide:
            meta["hide"] = list(self.hide)
        return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n"


def site_pages(library: Library, *, keep: bool = False) -> list[SitePage]:
    """The pages of ``library`` (a long document as several, see ``parts``); with
    ``keep``, document pages are kept between builds (``PageCache``) and only those
    whose sources changed are rendered."""
    references = CrossReferences(library)
    cache = PageCache(library, references) if keep else None
    pages = [SitePage("index.md", CATALOG_TITLE, catalog_html(library), hide=("toc",))]
    sizes = {id(document): _size(document) for document in library.documents}
    shown = Progress("dựng trang", len(sizes), sum(sizes.values()))
    for _, documents in document_groups(library):
        for document in documents:
            key = cache.key(document) if cache else None
            rendered = cache.get(document, key) if cache else None
            if rendered is None:
                rendered = render_document(document, library, references)
                if cache:
                    cache.put(document, key, rendered)
            pages += [SitePage(part.src_uri, part.title, part.html, part.toc,
                               forwarded=part.forwarded)
                      for part in split_document(document, rendered)]
            shown.advance(files=1, size=sizes[id(document)])
    shown.close()
    if cache:
        cache.prune()
    for new, old in replaced_pairs(library):
        page = comparison_page(compare(old, new))
        pages.append(SitePage(f"{page.name}.md", page.title, page.html, page.toc,
                              twin=page.twin, in_nav=False))
    return pages


def site_nav(library: Library) -> list:
    """The navigation, grouped as the catalog is (MkDocs ``nav`` form). Pages get no
    title here so that the theme uses their escaped front-matter title."""
    return ["index.md"] + [{escape(name): [f"{doc.slug}.md" for doc in documents]}
                           for name, documents in document_groups(library)]


def _size(document) -> int:
    """Bytes of a document's source file (for the progress line)."""
    try:
        return document.path.stat().st_size if document.path else 0
    except OSError:
        return 0
