"""PDF files with a text layer (.pdf): the text of each page, through pypdf.

pypdf is pure Python, maintained, and reads the text layer with the fonts' ToUnicode
maps, which is what official portals' PDFs (exported from Word) carry. A scanned PDF
has pages of images and no text: it is refused with the advice to run OCR first.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ..errors import SourceError
from .extract import Extract

__all__ = ["extract_pdf"]

PDF_MAGIC = b"%PDF-"


def extract_pdf(data: bytes, *, file: str | Path) -> Extract:
    """The text of a PDF, page after page, one line per line of text."""
    import pypdf          # imported here: only a .pdf needs it
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # damaged-but-readable files warn
    if not data.lstrip()[:5] == PDF_MAGIC:
        raise SourceError("tệp không phải PDF", file=file,
                          hint="Kiểm tra lại tệp; mở bằng trình đọc PDF rồi lưu lại.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("tệp PDF có mật khẩu", file=file,
                              hint="Mở tệp bằng mật khẩu, lưu lại bản không mật khẩu rồi nhập.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except Exception:      # pypdf raises many kinds on a damaged file
        raise SourceError("tệp PDF hỏng, không đọc được", file=file,
                          hint="Mở tệp bằng trình đọc PDF để kiểm tra; tải lại tệp gốc "
                               "rồi nhập.") from None
    if not any(page.strip() for page in pages):
        raise SourceError("tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng chữ (OCR) "
                          "trước khi nhập", file=file,
                          hint="Chạy OCR tiếng Việt trên tệp (ví dụ bằng phần mềm quét) để có "
                               "PDF có chữ hoặc .docx, rồi nhập tệp đó; tốt hơn, tìm bản "
                               ".docx hoặc trang web của văn bản.")
    return Extract("\n".join(page.rstrip("\n") for page in pages), "utf-8")
