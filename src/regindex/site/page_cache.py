"""What the site build makes of each document, kept between builds so that a build
redoes only the documents that changed (``.regindex/site/`` beside the regulations
folder, one per regulations folder): rendered pages (``pages/``) and each document's
share of the search index (``index/``, see ``search_index.collect``).

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

import datetime as dt
import hashlib
import json
from importlib import metadata
from functools import lru_cache
from pathlib import Path

from ..errors import RegindexError
from ..importer.writer import write_atomic
from ..library import Library
from ..model import Document
from .crossrefs import CrossReferences
from .render import RELATIONS, RenderedDocument

__all__ = ["PageCache", "DocumentCache", "source_key", "page_cache_folder"]

PACKAGE = Path(__file__).resolve().parents[1]


def page_cache_folder(folder: Path | str) -> Path:
    """``.regindex/site/<folder name>/pages/`` in the folder that holds the regulations
    folder (one per regulations folder: each drops what its documents no longer use)."""
    folder = Path(folder).resolve()
    return folder.parent / ".regindex" / "site" / folder.name / "pages"


@lru_cache(maxsize=1)
def _code() -> str:
    """A digest of regindex's own files and of the segmentation model's version:
    another version makes everything again."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("underthesea").encode())
    except metadata.PackageNotFoundError:
        pass
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".txt", ".yml", ".yaml") and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class DocumentCache:
    """JSON kept per document (``<slug>.json``) in ``.regindex/site/<folder>/<kind>/``, each
    under a key; what is not there, not readable or of another key is None."""

    def __init__(self, folder: Path | str, kind: str):
        self.folder = page_cache_folder(folder).parent / kind

    def get(self, document: Document, key: str | None) -> dict | None:
        if key is None:
            return None
        try:
            kept = json.loads((self.folder / f"{document.slug}.json").read_text(encoding="utf-8"))
            if kept["key"] != key:
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return kept

    def put(self, document: Document, key: str | None, data: dict) -> None:
        if key is None:
            return
        text = json.dumps({**data, "key": key}, ensure_ascii=False, separators=(",", ":"))
        try:
            write_atomic(self.folder / f"{document.slug}.json", text.encode("utf-8"),
                         self.folder.parent)
        except RegindexError:
            pass        # a read-only place: the build goes on, making everything again

    def prune(self, documents: list[Document]) -> None:
        """Drop what is kept for documents no longer in the library."""
        slugs = {document.slug for document in documents}
        for path in self.folder.glob("*.json"):
            if path.stem not in slugs:
                path.unlink(missing_ok=True)


def source_key(document: Document) -> str | None:
    """A key of what the document's own source makes (with this code), or None for a
    document with no source file."""
    own = _source_digest(document)
    return None if own is None else hashlib.sha256((_code() + own).encode()).hexdigest()


class PageCache:
    """The kept pages of a library's documents."""

    def __init__(self, library: Library, references: CrossReferences):
        self.library, self.references = library, references
        self.store = DocumentCache(library.folder, "pages")
        self.sources = {id(document): _source_digest(document) for document in library.documents}

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
        digest.update(dt.date.today().isoformat().encode())   # the page shows its build date
        for part in (_code(), own, *sorted(self.sources.get(n) or "" for n in neighbours)):
            digest.update(part.encode())
        digest.update(json.dumps([resolved, relations], ensure_ascii=False, default=str).encode())
        return digest.hexdigest()

    def get(self, document: Document, key: str | None) -> RenderedDocument | None:
        kept = self.store.get(document, key)
        try:
            return RenderedDocument(kept["html"], kept["toc"]) if kept else None
        except (KeyError, TypeError):
            return None

    def put(self, document: Document, key: str | None, page: RenderedDocument) -> None:
        self.store.put(document, key, {"html": page.html, "toc": page.toc})

    def prune(self) -> None:
        """Drop the pages of documents no longer in the library."""
        self.store.prune(self.library.documents)


def _source_digest(document: Document) -> str | None:
    if document.path is None:
        return None
    try:
        return hashlib.sha256(Path(document.path).read_bytes()).hexdigest()
    except OSError:
        return None
