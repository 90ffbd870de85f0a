"""The `regindex` MkDocs plugin: pages generated from the regulations folder.

Each hook hands its work to library code: ``on_files`` loads the folder and adds the
generated pages and ``anchors.json``; ``on_page_content`` gives each page its HTML and
table of contents; ``on_serve`` makes ``mkdocs serve`` rebuild when a regulation changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from ..check import check_library
from ..errors import RegindexError
from ..library import Library
from .anchors import ANCHORS_FILE, anchors_json
from .config import RegindexConfig
from .pages import SitePage, site_nav, site_pages
from .search_shards import site_search_shards

__all__ = ["RegindexPlugin"]

log = logging.getLogger("mkdocs.plugins.regindex")


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
        pages = site_pages(library, keep=True)
        # The folder's own files are sources, never published as they are.
        kept = Files([file for file in files if not _inside(file, self.folder)])
        for page in pages:
            kept.append(File.generated(config, page.src_uri, content=page.markdown,
                                       inclusion=InclusionLevel.INCLUDED))
        kept.append(File.generated(config, ANCHORS_FILE, content=anchors_json(pages),
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
    """The folder, loaded. A file that cannot be read stops the build (publishing
    without it would break every link to its pages); other problems are warnings."""
    try:
        library = Library.load(folder)
    except RegindexError as exc:
        raise PluginError(str(exc)) from None
    if library.diagnostics:
        raise PluginError("\n".join(str(d) for d in library.diagnostics)
                          + "\n  → Sửa các tệp trên (xem `regindex check`) rồi dựng lại trang.")
    for diagnostic in check_library(library):
        if diagnostic.level == "error":
            log.warning(str(diagnostic))
    return library


def _inside(file: File, folder: Path) -> bool:
    return file.abs_src_path is not None and Path(file.abs_src_path).resolve().is_relative_to(
        folder.resolve())
