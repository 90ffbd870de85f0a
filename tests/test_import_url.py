"""`regindex import URL`: a page downloaded from a server (here, one on 127.0.0.1)."""

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.library import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "import"


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {"": "text/html; charset=utf-8"}

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    served = tmp_path / "www"
    served.mkdir()
    shutil.copy(FIXTURES / "portal-page.html", served / "van-ban")   # no suffix: the type decides
    handler = functools.partial(QuietHandler, directory=str(served))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_downloads_and_imports_like_a_saved_one(tmp_path, server):
    folder = tmp_path / "regulations"
    url = f"{server}/van-ban"
    result = CliRunner().invoke(cli, ["import", "-d", str(folder), url])
    assert result.exit_code == 0, result.output
    document = read_document(folder / "05-qd-mh-2024.md")
    assert document.get("dieu-2-khoan-1-diem-c") is not None
    assert document.meta.source["url"] == url
    assert document.meta.source["file"] == "sources/05-qd-mh-2024.html"
    assert (folder / "sources" / "05-qd-mh-2024.html").read_bytes() == \
        (FIXTURES / "portal-page.html").read_bytes()


def test_a_missing_page_is_a_clear_error(tmp_path, server):
    result = CliRunner().invoke(cli, ["import", "-d", str(tmp_path), f"{server}/khong-co"])
    assert result.exit_code == 1
    assert "không tải được trang" in result.output and "404" in result.output
    assert "Ctrl+S" in result.output and "Traceback" not in result.output
