"""Official files (.docx, .html, .txt, web pages) → regulation source files."""

from .fetch import Original, read_original
from .header import Header, Signature, read_header, read_signature
from .importer import ImportResult, import_file, refused_record

__all__ = ["import_file", "ImportResult", "refused_record", "Original", "read_original",
           "Header", "Signature", "read_header", "read_signature"]
