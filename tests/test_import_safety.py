"""`regindex import` loses nothing and hangs on nothing: a record and the copy of its
original are written together or not at all, files follow the umask, a slow or huge
download and a .docx zip bomb are refused fast, bad --number values are clear errors,
and a NUL between two words keeps them apart."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.errors import SourceError
from regindex.importer import docx as docx_module
from regindex.importer import fetch, writer
from regindex.importer.writer import sha256
from regindex.library import read_document

from .conftest import REGULATIONS
from .test_import_docx import official_docx
from .test_import_records import PAGE_124, folder, page  # noqa: F401  (fixtures)
from .test_import_text import TEXT


def run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert "Traceback" not in result.output and "lỗi không mong đợi" not in result.output, \
        result.output
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def consistent(folder: Path, slug: str) -> bool:
    """The record's sha256 is that of the copy of the original beside it."""
    record = read_document(folder / f"{slug}.md")
    copy = folder / record.meta.source["file"]
    return sha256(copy.read_bytes()) == record.meta.source["sha256"]


def test_a_record_folder_that_cannot_be_written_changes_no_source_copy(folder, page,
                                                                       monkeypatch):
    assert run("import", "-d", folder, page).exit_code == 0
    page.write_text(PAGE_124.replace("Người ghi sổ ký tên", "Người ghi sổ ký, ghi họ tên"),
                    encoding="utf-8")
    before = files(folder)
    real = writer.tempfile.mkstemp

    def read_only_records(*args, dir=None, **kwargs):
        if Path(dir).resolve() == folder.resolve():      # regulations/ read-only, sources/ not
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(writer.tempfile, "mkstemp", read_only_records)
    result = run("import", "-d", folder, page)
    assert result.exit_code == 1
    assert "không có quyền ghi" in result.output and "Chưa tệp nào bị thay đổi" in result.output
    assert files(folder) == before
    assert consistent(folder, "124-qd-tw-2023")


def test_a_write_stopped_after_its_commit_is_completed_by_the_next_import(folder, page,
                                                                         monkeypatch):
    assert run("import", "-d", folder, page).exit_code == 0
    page.write_text(PAGE_124.replace("Người ghi sổ ký tên", "Người ghi sổ ký, ghi họ tên"),
                    encoding="utf-8")
    real, calls = os.replace, []

    def second_rename_fails(source, target):
        calls.append(target)
        if str(target).endswith(".md") and len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(source, target)

    monkeypatch.setattr(writer.os, "replace", second_rename_fails)
    result = run("import", "-d", folder, page)
    assert result.exit_code == 1 and "ghi nốt" in result.output
    monkeypatch.undo()
    assert run("import", "-d", folder, page).exit_code == 0
    assert consistent(folder, "124-qd-tw-2023")
    assert "ghi họ tên" in (folder / "124-qd-tw-2023.md").read_text(encoding="utf-8")
    assert [p.name for p in folder.rglob(".*")] == []


def test_imported_files_follow_the_umask_and_a_reimport_keeps_their_mode(folder, page):
    old = os.umask(0o022)
    try:
        assert run("import", "-d", folder, page).exit_code == 0
    finally:
        os.umask(old)
    record, copy = folder / "124-qd-tw-2023.md", folder / "sources" / "124-qd-tw-2023.html"
    assert copy.stat().st_mode & 0o777 == 0o644
    assert (folder / "sources").stat().st_mode & 0o777 == 0o755
    record.chmod(0o664)
    page.write_text(PAGE_124.replace("Người ghi sổ ký tên", "Người ghi sổ ký, ghi họ tên"),
                    encoding="utf-8")
    assert run("import", "-d", folder, page).exit_code == 0
    assert record.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize("number, says", [
    ("1" * 300 + "-QĐ/TW", "tối đa"),
    ("///", "không có chữ số hay chữ cái"),
])
def test_an_impossible_number_option_is_a_clear_error(tmp_path, number, says):
    source = tmp_path / "van-ban.txt"
    source.write_text(TEXT, encoding="utf-8")
    before = files(tmp_path)
    result = run("import", "-d", tmp_path / "regulations", source, "--number", number)
    assert result.exit_code == 1 and "--number" in result.output and says in result.output
    assert files(tmp_path) == before


def test_a_slug_taken_by_another_readable_record_says_which_record(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    (folder / "06-qd-mh-2024.md").write_text(      # another number, the same slug
        "---\nnumber: 06/QĐ-MH\ntype: Quy định\nissued: 2024-08-12\n---\n", encoding="utf-8")
    source = tmp_path / "van-ban.txt"
    source.write_text(TEXT, encoding="utf-8")       # its header: "Số 06-QĐ/MH"
    result = run("import", "-d", folder, source)
    assert result.exit_code == 1
    assert "không đọc được" not in result.output
    assert "06-qd-mh-2024.md" in result.output and "06/QĐ-MH" in result.output


def test_a_nul_between_words_keeps_them_apart(tmp_path):
    folder = tmp_path / "regulations"
    source = tmp_path / "van-ban.txt"
    body = TEXT.replace("Điều 1.", "Điều\x001.", 1)
    assert body != TEXT
    source.write_bytes(body.replace(" ", "\x00", 3).encode("utf-8"))
    result = run("import", "-d", folder, source)
    assert result.exit_code == 0, result.output
    imported = next(folder.glob("*.md")).read_text(encoding="utf-8")
    assert "\x00" not in imported
    words = TEXT.split(" ", 3)
    assert " ".join(words[:3]).splitlines()[-1] in imported, "words stay apart"


# --- untrusted downloads and packages -------------------------------------------------------


class Trickle(BaseHTTPRequestHandler):
    """Sends a page (at /trang) or its headers (at /dau) one byte at a time, a little
    under the read timeout apart."""

    def do_GET(self):
        self.send_response(200)
        trickled = b"X-Slow: " + b"x" * 200 + b"\r\n\r\n" if self.path == "/dau" else b""
        if not trickled:
            self.send_header("Content-Type", "text/html")
            self.end_headers()
        else:
            self.flush_headers()
        try:
            for byte in trickled or b"x" * 200:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def trickle():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/trang"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/trang", "/dau"], ids=["body", "headers"])
def test_a_server_that_trickles_bytes_cannot_outlast_the_deadline(tmp_path, trickle,
                                                                   monkeypatch, path):
    monkeypatch.setattr(fetch, "DEADLINE", 1.5)
    started = time.monotonic()
    result = run("import", "-d", tmp_path / "regulations", trickle.replace("/trang", path))
    assert time.monotonic() - started < 5
    assert result.exit_code == 1 and "quá chậm" in result.output
    assert not (tmp_path / "regulations").exists()


def test_a_download_over_the_size_limit_is_refused(tmp_path, trickle, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_DOWNLOAD", 3)
    result = run("import", "-d", tmp_path / "regulations", trickle)
    assert result.exit_code == 1 and "quá lớn" in result.output


def bomb(parts: dict[str, bytes]) -> bytes:
    """A package that looks like a .docx around the given parts."""
    real = zipfile.ZipFile(io.BytesIO(official_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in real.infolist():
            package.writestr(entry, real.read(entry))
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("parts", [
    {"word/media/image1.png": b"\0" * (64 * 1024 * 1024)},                   # one huge part
    {f"word/media/p{i}.xml": b"" for i in range(docx_module.MAX_ENTRIES + 1)},  # many parts
], ids=["ratio", "entries"])
def test_a_docx_zip_bomb_is_refused_before_decompressing(tmp_path, parts):
    source = tmp_path / "bom.docx"
    source.write_bytes(bomb(parts))
    started = time.monotonic()
    result = run("import", "-d", tmp_path / "regulations", source)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1 and "tệp .docx bất thường" in result.output
    with pytest.raises(SourceError, match="bất thường"):
        docx_module.open_docx(source.read_bytes(), file=source)


def test_a_large_package_over_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_module, "MAX_UNPACKED", 1024)
    with pytest.raises(SourceError, match="MB khi giải nén"):
        docx_module.open_docx(official_docx(), file="x.docx")


def test_an_ordinary_docx_still_opens(tmp_path):
    assert docx_module.open_docx(official_docx(), file="x.docx") is not None


def test_check_reports_a_source_copy_that_is_not_the_recorded_one(folder, page):
    assert run("import", "-d", folder, page).exit_code == 0
    assert run("check", folder).exit_code == 0
    (folder / "sources" / "124-qd-tw-2023.html").write_text("<p>khác</p>", encoding="utf-8")
    result = run("check", folder)
    assert result.exit_code == 1
    assert "124-qd-tw-2023.md:" in result.output and "sha256" in result.output


def test_a_linked_copy_follows_the_umask(tmp_path):
    notes = tmp_path / "bai.md"
    notes.write_text("Theo Điều 1 Quy định 01-QĐ/MH.\n", encoding="utf-8")
    old = os.umask(0o002)
    try:
        result = run("link", "-d", REGULATIONS, notes, "-o", tmp_path / "bai.linked.md")
    finally:
        os.umask(old)
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "bai.linked.md").stat().st_mode & 0o777 == 0o664


def test_a_write_killed_after_its_commit_is_finished_by_the_next_run(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (tmp_path / "sources").mkdir()
    record, copy = tmp_path / "a.md", tmp_path / "sources" / "a.html"
    record.write_text("old record", encoding="utf-8")
    copy.write_text("old copy", encoding="utf-8")
    staged = [(tmp_path / f".a.md.{dead}.abcd1234.tmp", record),
              (tmp_path / "sources" / f".a.html.{dead}.abcd1234.tmp", copy)]
    staged[1][0].write_text("new copy", encoding="utf-8")     # renamed before the kill
    os.replace(staged[1][0], copy)
    staged[0][0].write_text("new record", encoding="utf-8")
    journal = tmp_path / f".regindex-write.{dead}.abcd1234.journal"
    journal.write_text(json.dumps([[str(t), str(p)] for t, p in staged]), encoding="utf-8")
    stray = tmp_path / "sources" / f".b.html.{dead}.efgh5678.tmp"
    stray.write_text("half", encoding="utf-8")
    for directory in (tmp_path, tmp_path / "sources"):
        writer.finish_writes(directory)
    assert record.read_text(encoding="utf-8") == "new record"
    assert copy.read_text(encoding="utf-8") == "new copy"
    assert not journal.exists() and not stray.exists()
