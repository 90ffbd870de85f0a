"""Reading an official file as it was received: from disk, or downloaded from a URL."""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..errors import SourceError

__all__ = ["Original", "read_original", "SUFFIXES"]

SUFFIXES = (".html", ".htm", ".docx", ".doc", ".pdf", ".txt")
"""The kinds of file the importer reads."""

MEDIA_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/pdf": ".pdf",
}
"""What a web server's Content-Type says a download is."""

MAX_DOWNLOAD = 50 * 1024 * 1024
DEADLINE = 60  # seconds for the whole download, however slowly the server sends
TIMEOUT = 20   # seconds without a byte from the server
_CHUNK = 64 * 1024
_URL = re.compile(r"https?://", re.I)


@dataclass(frozen=True)
class Original:
    """The bytes of an official file, its kind (a suffix) and where it came from."""

    name: str                     # the file path or the URL, for messages
    data: bytes
    suffix: str
    url: str | None = None
    charset: str | None = None    # the charset a web server declared


def read_original(source: str | Path) -> Original:
    """An official file from a path or an http(s) URL."""
    if _URL.match(str(source)):
        return _download(str(source))
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"không nhập được tệp kiểu {suffix or '(không có đuôi)'}", file=path,
                          hint=f"Các kiểu tệp nhập được: {', '.join(SUFFIXES)}. Với kiểu khác, mở "
                               "tệp và lưu lại dưới dạng .docx hoặc .txt.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"không đọc được tệp: {exc.strerror or exc}", file=path,
                          hint="Kiểm tra lại đường dẫn và quyền đọc tệp.") from None
    return Original(str(path), data, suffix)


def _download(url: str) -> Original:
    """The body of ``url``, within ``DEADLINE`` seconds in all and ``MAX_DOWNLOAD`` bytes:
    a server that trickles a byte at a time cannot keep the import waiting."""
    request = urllib.request.Request(url, headers={"User-Agent": "regindex-import"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=min(TIMEOUT, DEADLINE)) as response:
            headers: Message = response.headers
            declared = headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_DOWNLOAD:
                raise _too_large(url)
            chunks, size = [], 0
            while chunk := response.read1(_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_DOWNLOAD:
                    raise _too_large(url)
                if time.monotonic() - started > DEADLINE:
                    raise SourceError(f"trang tải quá chậm: chưa xong sau {DEADLINE} giây "
                                      f"({size // 1024} KB)", file=url, hint=_SAVE_HINT)
            data = b"".join(chunks)
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = (f"máy chủ trả lời {exc.code} {exc.reason}"
                  if isinstance(exc, urllib.error.HTTPError)
                  else getattr(exc, "reason", None) or exc)
        raise SourceError(f"không tải được trang: {reason}", file=url, hint=_SAVE_HINT) from None
    declared = headers.get_content_type() if headers.get("Content-Type") else None
    suffix = MEDIA_TYPES.get(declared) or next(
        (s for s in SUFFIXES if PurePosixPath(urlsplit(url).path).suffix.lower() == s), ".html")
    return Original(url, data, suffix, url=url, charset=headers.get_content_charset())


_SAVE_HINT = ("Kiểm tra địa chỉ và kết nối mạng; hoặc mở trang bằng trình duyệt, lưu lại "
              "(Ctrl+S) rồi nhập tệp đã lưu.")


def _too_large(url: str) -> SourceError:
    return SourceError(f"trang tải về quá lớn (hơn {MAX_DOWNLOAD // 1024 // 1024} MB)", file=url,
                       hint="Tải tệp về máy rồi nhập tệp đã tải.")
