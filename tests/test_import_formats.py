"""`regindex import` of Word 97–2003 (.doc) and PDF files with a text layer; a scanned
PDF is refused with the advice to run OCR. The files are written at test time from
illustrative text (tests/officefiles.py)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.importer.extract import tidy
from regindex.importer.importer import extract_original
from regindex.library import read_document

from .officefiles import scanned_pdf, text_pdf, word97

LINES = [
    "BAN BIÊN TẬP REGINDEX", "Số 12-QĐ/MH", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hà Nội, ngày 3 tháng 4 năm 2024", "QUY ĐỊNH", "về giữ khoá tủ hồ sơ (văn bản minh họa)",
    "Điều 1. Phạm vi", "1. Quy định minh họa này nói về khoá tủ hồ sơ của chi bộ giả định.",
    "2. Chi uỷ giả định giữ khoá.", "Điều 2. Hiệu lực",
    "Văn bản minh họa này có hiệu lực từ ngày ký.",
]
SIGNATURE = ["T/M BAN BIÊN TẬP REGINDEX", "TRƯỞNG BAN", "(Đã ký)", "Trần Văn Ví Dụ"]


def doc_bytes() -> bytes:
    """The header as a two-column Word table, body paragraphs, a signature table."""
    header = ("BAN BIÊN TẬP REGINDEX\rSố 12-QĐ/MH\x07ĐẢNG CỘNG SẢN VIỆT NAM\r"
              "Hà Nội, ngày 3 tháng 4 năm 2024\x07\x07")
    signature = "Nơi nhận:\r- Lưu.\x07" + "\r".join(SIGNATURE) + "\x07\x07"
    return word97(header + "\r".join(LINES[4:]) + "\r" + signature)


def run(folder, source):
    result = CliRunner().invoke(cli, ["import", "-d", str(folder), str(source), "--json"])
    return result, json.loads(result.output[result.output.find("["):])


@pytest.mark.parametrize("name, content", [
    ("quy-dinh.doc", doc_bytes()),
    ("quy-dinh-doi-ten.docx", doc_bytes()),          # a .doc saved under a .docx name
    ("quy-dinh.pdf", text_pdf(LINES + SIGNATURE)),
])
def test_doc_and_pdf_import_like_any_official_file(tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    result, [record] = run(tmp_path / "regulations", source)
    assert result.exit_code == 0, result.output
    assert (record["number"], record["type"], record["issued"], record["issuer"]) == \
        ("12-QĐ/MH", "Quy định", "2024-04-03", "Ban Biên tập regindex")
    assert record["signer"] == "Trần Văn Ví Dụ (Trưởng ban)"
    assert {kind: record["counts"].get(kind) for kind in ("article", "clause")} == \
        {"article": 2, "clause": 2}
    document = read_document(tmp_path / "regulations" / "12-qd-mh-2024.md")
    assert document.text == tidy(unicodedata.normalize("NFC", extract_original(source).text))
    assert "giữ khoá." in document.text and "Chi uỷ" in document.text


def test_8_bit_pieces_of_a_doc_are_read_as_windows_1252(tmp_path):
    source = tmp_path / "cu.doc"
    source.write_bytes(word97("Dong mot\rDong hai: \u00e9t\r", compressed=True))
    assert extract_original(source).text == "Dong mot\nDong hai: \u00e9t"


def test_a_scanned_pdf_needs_ocr_and_a_damaged_doc_is_a_clear_error(tmp_path):
    scanned, damaged = tmp_path / "quet.pdf", tmp_path / "hong.doc"
    scanned.write_bytes(scanned_pdf())
    damaged.write_bytes(doc_bytes()[:1500])
    result = CliRunner().invoke(cli, ["import", "-d", str(tmp_path / "r"), str(scanned),
                                      str(damaged)])
    assert result.exit_code == 1
    assert "quet.pdf: tệp PDF không có lớp chữ" in result.output and "OCR" in result.output
    assert "hong.doc: tệp .doc hỏng" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").rglob("*.md"))
