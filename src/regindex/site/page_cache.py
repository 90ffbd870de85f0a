"""Rendered document pages kept between builds, so that a build renders only the
documents that changed (``.regindex/site/pages/`` beside the regulations folder).

A page is kept under a key that changes with everything its HTML is made of: the
regindex code that renders it, the document's source file, the source files of every
document it links to or is linked from (a citation's link, class and hint, the "cited
by" lists, the relation panel come from those), and what its citations resolved to
(which also depends on documents it does not link to: a second document with the
same number makes a citation ambiguous). Editing one document re-renders it and its
neighbours; everything else is read back.

A cache entry that cannot be read is rendered again: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..errors import RegindexError
from ..importer.writer import write_atomic
from ..library import Library
from ..model import Document
from .crossrefs import CrossReferences
from .render import RELATIONS, RenderedDocument

__all__ = ["PageCache", "page_cache_folder"]

PACKAGE = Path(__file__).resolve().parents[1]


def page_cache_folder(folder: Path | str) -> Path:
    """``.regindex/site/pages/`` in the folder that holds the regulations folder."""
    return Path(folder).resolve().parent / ".regindex" / "site" / "pages"


@lru_cache(maxsize=1)
def _code() -> str:
    """A digest of regindex's own files: another version renders pages again."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".txt", ".yml", ".yaml") and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class PageCache:
    """The kept pages of a library's documents."""

    def __init__(self, library: Library, references: CrossReferences):
        self.library, self.references = library, references
        self.folder = page_cache_folder(library.folder)
        self.sources = {id(document): _source_digest(document) for document in library.documents}
        self.kept = self.rendered = 0

    def key(self, document: Document) -> str | None:
        """The page's key, or None for a document with no source file (not kept)."""
        own = self.sources.get(id(document))
        if own is None:
            return None
        neighbours: set[int] = set()
        resolved = []
        for node in document.root.walk():
            for citation in self.references.citations(node):
                resolved.append([citation.start, citation.end, citation.text, citation.problem,
                                 [target.record() for target in citation.targets]])
                neighbours.update(id(t.document) for t in citation.targets if t.document)
            citing = self.references.cited_by(document, node.eid) if node.eid else []
            neighbours.update(id(other) for other, _ in citing)
        neighbours.update(id(other) for other, _ in self.references.cited_by(document))
        relations = []
        for name in RELATIONS:
            for ref in getattr(document.meta, name) or ():
                other = self.library.get(ref)
                relations.append(other.slug if other is not None else None)
                if other is not None:
                    neighbours.add(id(other))
        neighbours.discard(id(document))
        digest = hashlib.sha256()
        for part in (_code(), own, *sorted(self.sources.get(n) or "" for n in neighbours)):
            digest.update(part.encode())
        digest.update(json.dumps([resolved, relations], ensure_ascii=False, default=str).encode())
        return digest.hexdigest()

    def get(self, document: Document, key: str | None) -> RenderedDocument | None:
        if key is None:
            return None
        try:
            kept = json.loads((self.folder / f"{document.slug}.json").read_text(encoding="utf-8"))
            if kept["key"] != key:
                return None
            self.kept += 1
            return RenderedDocument(kept["html"], kept["toc"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, document: Document, key: str | None, page: RenderedDocument) -> None:
        self.rendered += 1
        if key is None:
            return
        data = json.dumps({"key": key, "html": page.html, "toc": page.toc}, ensure_ascii=False)
        try:
            write_atomic(self.folder / f"{document.slug}.json", data.encode("utf-8"),
                         self.folder.parent)
        except RegindexError:
            pass        # a read-only place: the build goes on, rendering every time

    def prune(self) -> None:
        """Drop the pages of documents no longer in the library."""
        slugs = {document.slug for document in self.library.documents}
        for path in self.folder.glob("*.json"):
            if path.stem not in slugs:
                path.unlink(missing_ok=True)


def _source_digest(document: Document) -> str | None:
    if document.path is None:
        return None
    try:
        return hashlib.sha256(Path(document.path).read_bytes()).hexdigest()
    except OSError:
        return None
