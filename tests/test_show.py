"""`regindex show`: a document's attributes, or one element with its citation."""

import json

from click.testing import CliRunner

from regindex.cli import cli

from .conftest import REGULATIONS


def show(*args):
    return CliRunner().invoke(cli, ["show", "-d", str(REGULATIONS), *args])


def test_show_element_prints_vietnamese_citation_and_text():
    result = show("01-QĐ/MH", "dieu-7-khoan-1-diem-dd")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first == "điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH"
    assert "01-qd-mh-2024.html#dieu-7-khoan-1-diem-dd" in result.output
    assert "đ)" in result.output


def test_show_document_marks_unverified_and_status():
    result = show("124-qd-tw-2023")
    assert result.exit_code == 0, result.output
    assert "Hết hiệu lực" in result.output
    assert "Người ký: (chưa xác minh)" in result.output
    assert "366-QĐ/TW" in result.output
    assert "regindex import" in result.output     # metadata-only: says how to add the text


def test_show_json_by_number():
    record = json.loads(show("124-QĐ/TW", "--json").output)
    assert record["slug"] == "124-qd-tw-2023"
    assert record["replaced_by"] == [{"number": "366-QĐ/TW", "issued": "2025-08-30"}]


def test_show_element_json():
    record = json.loads(show("01-qd-mh-2024", "dieu-4-khoan-2-diem-a", "--json").output)
    assert record["citation"] == "điểm a khoản 2 Điều 4 Quy định số 01-QĐ/MH"
    assert record["url"] == "01-qd-mh-2024.html#dieu-4-khoan-2-diem-a"


def test_unknown_document_and_element_are_clean_errors():
    for args in (["999-QĐ/TW"], ["01-qd-mh-2024", "dieu-99"], ["124-qd-tw-2023", "dieu-12"]):
        result = show(*args)
        assert result.exit_code == 1
        assert "lỗi:" in result.output and "Traceback" not in result.output


def test_list_without_arguments():
    result = show()
    assert result.exit_code == 0
    assert "124-qd-tw-2023" in result.output and "01-hd-mh-2024" in result.output
