"""`regindex import` into a folder of records: merging, re-importing, hand edits, dry runs."""

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.library import read_document
from regindex.library.source import split_front_matter
from regindex.normalise import encode_legacy

from .conftest import REGULATIONS
from .test_import_docx import official_docx
from .test_import_text import TEXT

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# The illustrative portal page, numbered as if it were the official 124-QĐ/TW (only here,
# in a temporary folder: its text is made up).
PAGE_124 = (FIXTURES / "portal-page.html").read_text(encoding="utf-8") \
    .replace("05-QĐ/MH", "124-QĐ/TW") \
    .replace("ngày 01 tháng 6 năm 2024", "ngày 04 tháng 10 năm 2023")


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "regulations"
    shutil.copytree(REGULATIONS, copy, ignore=shutil.ignore_patterns("sources"))
    return copy


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "quy-dinh-124.html"
    path.write_text(PAGE_124, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_metadata_record_gets_its_body_without_losing_a_line(folder, page):
    record = folder / "124-qd-tw-2023.md"
    before, _, _ = split_front_matter(record.read_text(encoding="utf-8"), record)
    result = run("import", "-d", folder, page)
    assert result.exit_code == 0, result.output
    assert f"{record}: đã cập nhật" in result.output
    after, body, _ = split_front_matter(record.read_text(encoding="utf-8"), record)
    kept = [line for line in after.split("\n") if line in before.split("\n")]
    assert kept == before.split("\n")             # every line, in its order
    document = read_document(record)
    assert document.meta.signer == "Trần Văn Ví Dụ (Trưởng ban)"   # it had none
    assert document.meta.title.startswith("về kiểm điểm")          # kept, and the difference said
    assert "bản ghi có sẵn ghi" in result.output and "giữ bản ghi có sẵn" in result.output
    assert document.get("dieu-2-khoan-1-diem-c") is not None
    assert document.meta.source["file"] == "sources/124-qd-tw-2023.html"
    assert (folder / "sources" / "124-qd-tw-2023.html").read_text(encoding="utf-8") == PAGE_124
    check = run("check", folder, "--json")
    assert json.loads(check.output)["errors"] == 0, check.output


SOURCES = {
    "portal.html": lambda: (FIXTURES / "portal-page.html").read_bytes(),
    "unsafe.html": lambda: (FIXTURES / "unsafe-page.html").read_bytes(),
    "numbered.docx": official_docx,
    "tcvn3.txt": lambda: encode_legacy(TEXT, "tcvn3"),
    "vni.txt": lambda: encode_legacy(TEXT, "vni"),
    "cp1258.txt": lambda: encode_legacy(TEXT, "cp1258"),
}


@pytest.mark.parametrize("name", SOURCES)
def test_reimport_is_idempotent_and_the_folder_checks_clean(folder, tmp_path, name):
    source = tmp_path / name
    source.write_bytes(SOURCES[name]())
    assert run("import", "-d", folder, source).exit_code == 0
    first = files(folder)
    again = run("import", "-d", folder, source)
    assert again.exit_code == 0
    assert "không thay đổi" in again.output
    assert files(folder) == first
    check = run("check", folder, "--json")
    assert json.loads(check.output)["errors"] == 0, check.output


def test_a_hand_edit_is_never_overwritten_without_force(folder, page):
    record = folder / "124-qd-tw-2023.md"
    assert run("import", "-d", folder, page).exit_code == 0
    edited = record.read_text(encoding="utf-8").replace("Sổ theo dõi được lập", "Sổ được lập")
    record.write_text(edited, encoding="utf-8")
    refused = run("import", "-d", folder, page)
    assert refused.exit_code == 1
    assert f"{record}:" in refused.output and "sửa bằng tay" in refused.output
    assert "--force" in refused.output
    assert record.read_text(encoding="utf-8") == edited
    forced = run("import", "-d", folder, page, "--force")
    assert forced.exit_code == 0, forced.output
    assert "Sổ theo dõi được lập" in record.read_text(encoding="utf-8")


def test_a_body_typed_in_by_hand_is_not_replaced(folder, tmp_path):
    sample = folder / "minh-hoa" / "01-qd-mh-2024.md"
    before = sample.read_bytes()
    page = tmp_path / "mau.html"
    page.write_text(PAGE_124.replace("124-QĐ/TW", "01-QĐ/MH")
                    .replace("ngày 04 tháng 10 năm 2023", "ngày 15 tháng 3 năm 2024"),
                    encoding="utf-8")
    result = run("import", "-d", folder, page)
    assert result.exit_code == 1 and "--force" in result.output
    assert sample.read_bytes() == before


def test_an_updated_original_replaces_an_imported_body(folder, page):
    assert run("import", "-d", folder, page).exit_code == 0
    page.write_text(PAGE_124.replace("Người ghi sổ ký tên", "Người ghi sổ ký và ghi rõ họ tên"),
                    encoding="utf-8")
    result = run("import", "-d", folder, page)
    assert result.exit_code == 0 and "đã cập nhật" in result.output
    document = read_document(folder / "124-qd-tw-2023.md")
    assert "ghi rõ họ tên" in document.get("dieu-2-khoan-2").body


def test_dry_run_shows_the_result_and_writes_nothing(folder, page):
    before = files(folder)
    result = run("import", "-d", folder, page, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "sẽ cập nhật" in result.output
    assert "Tìm thấy: 2 chương, 3 điều, 4 khoản, 3 điểm, 1 phụ lục" in result.output
    assert "Điều 2. Nội dung ghi sổ" in result.output       # the file it would write
    assert files(folder) == before


def test_missing_number_or_date_says_what_to_pass(folder, tmp_path):
    undated = tmp_path / "khong-ngay.html"
    undated.write_text(PAGE_124.replace("Hà Nội, ngày 04 tháng 10 năm 2023", ""), encoding="utf-8")
    result = run("import", "-d", folder, undated)
    assert result.exit_code == 1
    assert "không tìm thấy ngày ban hành" in result.output
    # the date of a record with the same number is never offered: only the text says its date
    assert "2023-10-04" not in result.output and "--issued YYYY-MM-DD" in result.output
    assert run("import", "-d", folder, undated, "--issued", "2023-10-04").exit_code == 0

    unnumbered = tmp_path / "khong-so.html"
    unnumbered.write_text(PAGE_124.replace("Số 124-QĐ/TW", "").replace("Quy định số 124-QĐ/TW", ""),
                          encoding="utf-8")
    result = run("import", "-d", folder, unnumbered)
    assert result.exit_code == 1 and "--number 124-QĐ/TW" in result.output
    assert "Traceback" not in result.output


def test_a_failed_write_loses_nothing(folder, page, monkeypatch):
    before = files(folder)

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("import", "-d", folder, page)
    assert result.exit_code == 1
    assert "không ghi được tệp" in result.output and "đĩa đã đầy" in result.output
    assert files(folder) == before       # no half-written file, no temporary file left
