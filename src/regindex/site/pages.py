"""Every page of the site, made from a library: the catalog, one page per document, and
one comparison page per document and the one it replaced ("Những điểm mới").

A ``SitePage`` is the page's HTML (all source text escaped) with its title and table of
contents. MkDocs gets it as a Markdown file holding only the front matter (the title,
escaped too, since the theme prints titles as they are); the plugin hands MkDocs the
HTML itself, so that Markdown does not re-parse every page only to pass it through.

Documents whose page is not kept from an earlier build are rendered in worker processes
when there are enough of them (``render_documents``); the pages are the same, in the
same order, as one process makes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from html import escape
from typing import Iterator

import yaml

from ..diff import compare, replaced_pairs
from ..errors import RegindexError
from ..library import Library
from ..model import Document
from ..progress import Progress
from .catalog import catalog_html, document_groups
from .compare import comparison_page
from .crossrefs import CrossReferences
from .page_cache import PageCache
from .parts import split_document
from .render import RenderedDocument, render_document

__all__ = ["SitePage", "site_pages", "site_nav", "render_documents", "CATALOG_TITLE",
           "PARALLEL_SIZE", "WORKER_SIZE"]

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


def site_pages(library: Library, *, keep: bool = False, jobs: int | None = None
               ) -> list[SitePage]:
    """The pages of ``library`` (a long document as several, see ``parts``); with
    ``keep``, document pages are kept between builds (``PageCache``) and only those
    whose sources changed are rendered, in ``jobs`` processes (default: one per core)
    when there is enough to render (see ``PARALLEL_SIZE``)."""
    references = CrossReferences(library)
    cache = PageCache(library, references) if keep else None
    documents = [document for _, group in document_groups(library) for document in group]
    sizes = [_size(document) for document in documents]
    shown = Progress("dựng trang", len(documents), sum(sizes))
    keys: list[str | None] = []
    made: list[list[SitePage] | None] = []       # each document's pages, None until rendered
    for document, size in zip(documents, sizes):
        keys.append(cache.key(document) if cache else None)
        kept = cache.get(document, keys[-1]) if cache else None
        made.append(None if kept is None else _document_pages(document, kept))
        if kept is not None:
            shown.advance(files=1, size=size)
    missing = [position for position, found in enumerate(made) if found is None]
    rendered = render_documents([documents[position] for position in missing], library,
                                references, jobs=jobs)
    for position, page in zip(missing, rendered):
        if cache:
            cache.put(documents[position], keys[position], page)
        made[position] = _document_pages(documents[position], page)
        shown.advance(files=1, size=sizes[position])
    shown.close()
    if cache:
        cache.prune()
    pages = [SitePage("index.md", CATALOG_TITLE, catalog_html(library), hide=("toc",))]
    pages += [page for found in made for page in found]
    for new, old in replaced_pairs(library):
        page = comparison_page(compare(old, new))
        pages.append(SitePage(f"{page.name}.md", page.title, page.html, page.toc,
                              twin=page.twin, in_nav=False))
    return pages


PARALLEL_SIZE = 4_000_000
"""Bytes of source to render below which one process renders them all. A worker pays for
each page of the library's memory it touches (a copy: the first write, even a reference
count), which made rendering in workers take 1.35× the CPU time (Pháp điển 10× and 42×,
benchmarks/site_build.py): below half a second of rendering the few tenths saved are
not worth starting them."""

WORKER_SIZE = 16_000_000
"""Bytes of source a worker renders before a fresh one takes over: a worker keeps the
copies of the pages of every document it rendered: two workers rendering all of the
Pháp điển 42× added about 580 MB (PSS) to one process's 970 MB, against about 200 MB when
replaced every 16 MB, for the same CPU time."""

_WORK: tuple[list[Document], Library, CrossReferences] | None = None
"""What the worker processes render: set before they are forked, so that each inherits
the library and its cross references and receives only a document's position."""


def render_documents(documents: list[Document], library: Library,
                     references: CrossReferences, *, jobs: int | None = None
                     ) -> Iterator[RenderedDocument]:
    """``render_document`` of each of ``documents``, in order. With ``jobs`` > 1
    (default: one per core), two documents or more and at least ``PARALLEL_SIZE`` bytes
    of source, in ``jobs`` worker processes, forked anew for each ``jobs × WORKER_SIZE``
    bytes (and ``jobs`` documents at least); where fork is not available, in this
    process. A render that fails raises its error as it would here; a worker that dies
    (out of memory) is a ``RegindexError``."""
    sizes = [_size(document) for document in documents]
    jobs = jobs or os.cpu_count() or 1
    if (jobs < 2 or len(documents) < 2 or sum(sizes) < PARALLEL_SIZE
            or "fork" not in multiprocessing.get_all_start_methods()):
        yield from (render_document(document, library, references) for document in documents)
        return
    start = total = 0
    for end, size in enumerate(sizes, start=1):
        total += size
        if total >= jobs * WORKER_SIZE and end - start >= jobs or end == len(documents):
            yield from _render_in_workers(documents[start:end], library, references, jobs)
            start, total = end, 0


def _render_in_workers(documents: list[Document], library: Library,
                       references: CrossReferences, jobs: int) -> Iterator[RenderedDocument]:
    global _WORK
    if len(documents) == 1:
        yield render_document(documents[0], library, references)
        return
    jobs = min(jobs, len(documents))
    _WORK = (documents, library, references)
    gc.freeze()        # the workers' collector then leaves the shared pages unwritten
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        results = pool.map(_render_at, range(len(documents)))     # forks the workers
    finally:
        gc.unfreeze()
        _WORK = None
    try:
        yield from results
    except BrokenProcessPool:
        raise RegindexError(
            "một tiến trình dựng trang bị dừng đột ngột (có thể do hết bộ nhớ)",
            hint=f"Chạy lại với ít tiến trình hơn, ví dụ --jobs {max(1, jobs // 2)}.") from None
    finally:
        pool.shutdown(cancel_futures=True)


def _render_at(position: int) -> RenderedDocument:
    documents, library, references = _WORK
    return render_document(documents[position], library, references)


def _document_pages(document: Document, page: RenderedDocument) -> list[SitePage]:
    return [SitePage(part.src_uri, part.title, part.html, part.toc, forwarded=part.forwarded)
            for part in split_document(document, page)]


def site_nav(library: Library) -> list:
    """The navigation, grouped as the catalog is (MkDocs ``nav`` form). Pages get no
    title here so that the theme uses their escaped front-matter title."""
    return ["index.md"] + [{escape(name): [f"{doc.slug}.md" for doc in documents]}
                           for name, documents in document_groups(library)]


def _size(document) -> int:
    """Bytes of a document's source file (for the progress line, and to tell whether
    rendering is worth worker processes)."""
    try:
        return document.path.stat().st_size if document.path else 0
    except OSError:
        return 0
