"""`regindex import` of .txt files in every encoding offices use: one tree whatever the bytes."""

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.library import read_document
from regindex.normalise import encode_legacy

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# Illustrative text written for these tests (no capital letter with a tone, which TCVN3 lacks).
TEXT = (FIXTURES / "quy-dinh-minh-hoa.txt").read_text(encoding="utf-8")

ELEMENTS = [
    "mo-dau",
    "chuong-i", "dieu-1", "dieu-1-khoan-1", "dieu-1-khoan-2",
    "dieu-2", "dieu-2-khoan-1", "dieu-2-khoan-2", "dieu-2-khoan-2-diem-a",
    "dieu-2-khoan-2-diem-b", "dieu-2-khoan-2-diem-c", "dieu-2-khoan-3",
    "dieu-2-khoan-3-tiet-1", "dieu-2-khoan-3-tiet-2",
    "chuong-ii", "dieu-3", "phu-luc-1",
]

# The encoding as the user knows it → (its bytes, the name `source.encoding` records).
ENCODINGS = {
    "utf-8": (lambda text: text.encode("utf-8"), "utf-8"),
    "utf-8 with BOM": (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
    "utf-16": (lambda text: text.encode("utf-16"), "utf-16"),
    "windows-1258": (lambda text: encode_legacy(text, "cp1258"), "cp1258"),
    "tcvn3": (lambda text: encode_legacy(text, "tcvn3"), "tcvn3"),
    "vni": (lambda text: encode_legacy(text, "vni"), "vni"),
}


def run_import(folder, *args):
    return CliRunner().invoke(cli, ["import", "-d", str(folder), *map(str, args)])


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_imports_to_the_same_tree(tmp_path, encoding):
    encode, recorded = ENCODINGS[encoding]
    source = tmp_path / "van-ban.txt"
    source.write_bytes(encode(TEXT.replace("\n", "\r\n")))   # as Notepad saves it
    folder = tmp_path / "regulations"
    folder.mkdir()
    result = run_import(folder, source)
    assert result.exit_code == 0, result.output
    document = read_document(folder / "06-qd-mh-2024.md")
    assert [node.eid for node in document.elements()] == ELEMENTS
    assert document.get("dieu-2-khoan-2-diem-a").body == "Năm họp, viết đủ bốn chữ số;"
    assert document.text == TEXT
    meta = document.meta
    assert (meta.number, meta.type, str(meta.issued)) == ("06-QĐ/MH", "Quy định", "2024-08-12")
    assert meta.title == "về lưu trữ biên bản họp chi bộ (văn bản minh họa)"
    assert meta.signer == "Lê Văn Minh Họa (Trưởng ban)"
    assert meta.issuer == "Ban Biên tập"
    assert meta.source["encoding"] == recorded
    assert (folder / "sources" / "06-qd-mh-2024.txt").read_bytes() == source.read_bytes()


def test_the_report_says_what_was_found(tmp_path):
    source = tmp_path / "van-ban.txt"
    source.write_bytes(encode_legacy(TEXT, "tcvn3"))
    result = run_import(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert "bảng mã tcvn3" in result.output
    assert "2 chương, 3 điều, 5 khoản, 3 điểm, 2 tiết, 1 phụ lục" in result.output
    assert "Quy định số 06-QĐ/MH, ngày 12/08/2024" in result.output


def test_bytes_of_no_known_encoding_are_a_clear_error_and_write_nothing(tmp_path):
    source = tmp_path / "hong.txt"
    source.write_bytes(bytes(range(128, 256)) * 20)
    folder = tmp_path / "regulations"
    folder.mkdir()
    result = run_import(folder, source)
    assert result.exit_code == 1
    assert "hong.txt" in result.output and "bảng mã" in result.output
    assert "Traceback" not in result.output
    assert list(folder.iterdir()) == []
