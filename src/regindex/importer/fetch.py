"""Reading an official file as it was received: from disk, or downloaded from a URL."""

from __future__ import annotations

import http.client
import re
import socket
import threading
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


class _Deadline:
    """Cuts a download's connections when its time is up, wherever it is waiting (the
    headers, a redirect, the body): a server that trickles a byte at a time cannot keep
    the import waiting past ``DEADLINE``."""

    def __init__(self, seconds: float):
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def watching(self, connection_class):
        deadline = self

        class Watched(connection_class):
            def connect(self):
                super().connect()
                deadline.sockets.append(self.sock)

        return Watched

    def expire(self):
        self.expired = True
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)     # wakes a blocked read
            except OSError:
                pass


class _Watching:
    """An urllib handler whose connections a ``_Deadline`` may cut."""

    def __init__(self, deadline: _Deadline, *args):
        super().__init__(*args)
        self.deadline = deadline

    def do_open(self, http_class, request, **options):
        return super().do_open(self.deadline.watching(http_class), request, **options)


class _HTTPHandler(_Watching, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_Watching, urllib.request.HTTPSHandler):
    pass


def _download(url: str) -> Original:
    """The body of ``url``, within ``DEADLINE`` seconds in all and ``MAX_DOWNLOAD`` bytes."""
    request = urllib.request.Request(url, headers={"User-Agent": "regindex-import"})
    deadline = _Deadline(DEADLINE)
    opener = urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline))
    deadline.timer.start()
    size = 0
    try:
        with opener.open(request, timeout=min(TIMEOUT, DEADLINE)) as response:
            headers: Message = response.headers
            declared = headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_DOWNLOAD:
                raise _too_large(url)
            chunks = []
            while chunk := response.read1(_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_DOWNLOAD:
                    raise _too_large(url)
            data = b"".join(chunks)
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise _too_slow(url, size) from None
        reason = (f"máy chủ trả lời {exc.code} {exc.reason}"
                  if isinstance(exc, urllib.error.HTTPError)
                  else getattr(exc, "reason", None) or exc)
        raise SourceError(f"không tải được trang: {reason}", file=url, hint=_SAVE_HINT) from None
    finally:
        deadline.timer.cancel()
    if deadline.expired:            # cut while reading: what came is not the whole page
        raise _too_slow(url, size)
    declared = headers.get_content_type() if headers.get("Content-Type") else None
    suffix = MEDIA_TYPES.get(declared) or next(
        (s for s in SUFFIXES if PurePosixPath(urlsplit(url).path).suffix.lower() == s), ".html")
    return Original(url, data, suffix, url=url, charset=headers.get_content_charset())


def _too_slow(url: str, size: int) -> SourceError:
    return SourceError(f"trang tải quá chậm: chưa xong sau {DEADLINE} giây ({size // 1024} KB)",
                       file=url, hint=_SAVE_HINT)


_SAVE_HINT = ("Kiểm tra địa chỉ và kết nối mạng; hoặc mở trang bằng trình duyệt, lưu lại "
              "(Ctrl+S) rồi nhập tệp đã lưu.")


def _too_large(url: str) -> SourceError:
    return SourceError(f"trang tải về quá lớn (hơn {MAX_DOWNLOAD // 1024 // 1024} MB)", file=url,
                       hint="Tải tệp về máy rồi nhập tệp đã tải.")
