"""Regulation source files: the front-matter schema, reading, and the loaded folder."""

from .library import DEFAULT_FOLDER, Library, number_key
from .schema import FIELDS, RECIPROCAL
from .source import parse_source, read_document

__all__ = ["Library", "DEFAULT_FOLDER", "number_key", "FIELDS", "RECIPROCAL",
           "parse_source", "read_document"]
