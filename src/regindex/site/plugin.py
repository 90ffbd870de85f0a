"""The `regindex` MkDocs plugin: pages generated from the regulations folder.

Each hook hands its work to library code: ``on_files`` loads the folder and adds the
generated pages and ``anchors.json``; ``on_page_content`` gives each page its HTML and
table of contents; ``on_serve`` makes ``mkdocs serve`` rebuild when a regulation changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from ..check import check_library
from ..errors import RegindexError
from ..library import Library
from ..present import document_export
from .anchors import ANCHORS_FILE, anchors_json
from .config import RegindexConfig
from .pages import SitePage, site_nav, site_pages
from .render import original_file
from .search_shards import site_search_shards

__all__ = ["RegindexPlugin"]


class RegindexPlugin(BasePlugin[RegindexConfig]):

    def on_config(self, config):
        folder = Path(self.config.folder or config.docs_dir)
        base = Path(config.config_file_path or ".").parent
        self.folder = folder if folder.is_absolute() else base / folder
        self.pages: dict[str, SitePage] = {}

    # First, so that plugins running after us see the generated pages.
    @event_priority(100)
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        library = load_library(self.folder)
        pages = site_pages(library, keep=True, jobs=self.config.jobs)
        # The folder's own files are sources, never published as they are.
        kept = Files([file for file in files if not _inside(file, self.folder)])
        for page in pages:
            kept.append(File.generated(config, page.src_uri, content=page.markdown,
                                       inclusion=InclusionLevel.INCLUDED if page.in_nav
                                       else InclusionLevel.NOT_IN_NAV))
            if page.twin is not None:
                kept.append(File.generated(config, page.dest_uri.removesuffix(".html") + ".json",
                                           content=page.twin, inclusion=InclusionLevel.INCLUDED))
        for document in library.documents:       # "Tải văn bản gốc"
            original = original_file(document)
            if original is not None:
                kept.append(File.generated(config, original[0], abs_src_path=str(original[1]),
                                           inclusion=InclusionLevel.INCLUDED))
        kept.append(File.generated(config, ANCHORS_FILE, content=anchors_json(pages),
                                   inclusion=InclusionLevel.INCLUDED))
        for uri, content in document_exports(library).items():
            kept.append(File.generated(config, uri, content=content,
                                       inclusion=InclusionLevel.INCLUDED))
        for path, script in site_search_shards(library).items():
            kept.append(File.generated(config, path, content=script,
                                       inclusion=InclusionLevel.INCLUDED))
        self.pages = {page.src_uri: page for page in pages}
        if config.nav is None:
            config.nav = site_nav(library)
        return kept

    # First, so that plugins running after us (a search index) see the real content.
    @event_priority(100)
    def on_page_content(self, html: str, *, page, config, files) -> str:
        site_page = self.pages.get(page.file.src_uri)
        if site_page is None:
            return html
        page.toc = get_toc(site_page.toc)
        return site_page.html

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            server.watch(str(self.folder))
        return server


def load_library(folder: Path) -> Library:
    """The folder, loaded. Any error `regindex check` finds stops the build: a file that
    cannot be read would break every link to its pages, a wrong value or relation would
    be published as a fact. Warnings do not, nor a file's form (the loader publishes its
    canonical form; `check --fix` rewrites the file)."""
    try:
        library = Library.load(folder)
    except RegindexError as exc:
        raise PluginError(str(exc)) from None
    errors = [d for d in check_library(library) if d.level == "error" and not d.form_only]
    if errors:
        raise PluginError("\n".join(str(d) for d in errors)
                          + f"\n{len(errors)} lỗi: sửa các tệp trên (xem `regindex check`) "
                            "rồi dựng lại trang.")
    return library


def document_exports(library: Library) -> dict[str, str]:
    """``<slug>.json`` beside each document's page: what `regindex export` prints."""
    return {f"{document.slug}.json": json.dumps(document_export(document), ensure_ascii=False,
                                                 indent=1)
            for document in library.documents}


def _inside(file: File, folder: Path) -> bool:
    return file.abs_src_path is not None and Path(file.abs_src_path).resolve().is_relative_to(
        folder.resolve())
