"""Official files (.docx, .doc, .pdf, .html, .txt, web pages) → regulation source files."""

from .fetch import Original, read_original
from .header import Header, Signature, read_header, read_signature
from .identity import Identity, identify
from .importer import ImportResult, extract_original, import_file, refused_record

__all__ = ["import_file", "ImportResult", "refused_record", "extract_original", "Original",
           "read_original", "Header", "Signature", "read_header", "read_signature",
           "Identity", "identify"]
