"""regindex: a knowledge base for Vietnamese Party regulation texts.

Parse each regulation into its structure, index it for Vietnamese full-text search and
publish it as a static, cross-linked site that also works offline.
"""

from .errors import EncodingError, ParseError, RegindexError, SourceError
from .ids import clean_num, document_slug, element_id
from .library import Library, parse_source, read_document
from .model import Diagnostic, DocRef, Document, Metadata, Node
from .parse import parse_body

__all__ = [
    "Library", "Document", "Metadata", "DocRef", "Node", "Diagnostic",
    "read_document", "parse_source", "parse_body",
    "document_slug", "element_id", "clean_num",
    "RegindexError", "SourceError", "ParseError", "EncodingError",
]
