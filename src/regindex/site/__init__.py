"""The static site: pages generated from the regulations folder by an MkDocs plugin,
built and served through MkDocs, with the list of anchors kept stable across builds."""

from .anchors import (ANCHORS_FILE, anchors_json, lost_anchor_diagnostics, lost_anchors,
                      page_anchors, read_anchors)
from .build import SITE_MARKER, BuildResult, build_site, serve_site
from .catalog import catalog_html, document_groups, lineages
from .crossrefs import CrossReferences, linked_html
from .pages import SitePage, site_nav, site_pages
from .render import render_document

__all__ = [
    "build_site", "serve_site", "BuildResult", "SITE_MARKER",
    "site_pages", "site_nav", "SitePage", "render_document", "catalog_html",
    "document_groups", "lineages", "CrossReferences", "linked_html",
    "ANCHORS_FILE", "anchors_json", "page_anchors", "read_anchors", "lost_anchors",
    "lost_anchor_diagnostics",
]
