"""Every front-matter value is checked on load against its field's kind: a bad value is
reported at its file and line with the form to write, and the other documents keep
working in every command. Circular and self relations are errors."""

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.library import Library

GOOD = """---
number: {number}
type: Quy định
issued: {issued}
status: in-force
illustrative: true
{extra}---
Điều 1. Một
1. Khoản một có từ kiểm điểm.
"""


def record(folder, number, issued, extra=""):
    slug = number.lower().replace("đ", "d").replace("/", "-").replace("-qd-", "-qd-")
    path = folder / f"{slug}-{issued[:4]}.md"
    path.write_text(GOOD.format(number=number, issued=issued, extra=extra), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert "Traceback" not in result.output
    assert "lỗi không mong đợi" not in result.output
    return result


def folder_with(tmp_path, field, value):
    """Two good documents and a third whose ``field`` line holds ``value``."""
    record(tmp_path, "01-QĐ/TEST", "2024-01-02")
    record(tmp_path, "02-QĐ/TEST", "2024-01-03")
    bad = record(tmp_path, "03-QĐ/TEST", "2024-01-04")
    lines = bad.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[at] = f"{field}: {value}"
    bad.write_text("\n".join(lines), encoding="utf-8")
    return bad, at + 1


@pytest.mark.parametrize("field, value, says", [
    ("issued", "2024-13-45", "không có tháng 13"),
    ("issued", "2025-02-30", "không có ngày 30"),
    ("issued", "10/02/2025", "ghi 2025-02-10"),
    ("number", "[1, 2]", "cần một chuỗi"),
    ("number", "'///'", "không có chữ số hay chữ cái"),
    ("number", "03-QD-MH", "ghi 03-QĐ/MH"),
    ("type", "Quy dinh", "ghi 'Quy định'"),
    ("status", "con-hieu-luc", "ghi in-force"),
])
def test_a_bad_value_is_reported_at_its_line_and_the_rest_still_works(tmp_path, field, value,
                                                                      says):
    bad, line = folder_with(tmp_path, field, value)
    result = run("check", tmp_path)
    assert result.exit_code == 1
    reported = [text for text in result.output.splitlines() if f"{bad.name}:{line}:" in text]
    assert reported and says in reported[0], result.output
    assert len([text for text in result.output.splitlines() if ": lỗi:" in text]) == 1, \
        "one mistake, one error (no other file blamed)"
    assert "None" not in result.output
    shown = run("show", "-d", tmp_path, "01-QĐ/TEST")
    assert shown.exit_code == 0 and "01-QĐ/TEST" in shown.output
    found = run("search", "-d", tmp_path, "kiểm điểm")
    assert found.exit_code == 0 and "01-QĐ/TEST" in found.output


def test_check_accepts_the_folder_as_option_like_every_command(tmp_path):
    folder_with(tmp_path, "issued", "2025-02-30")
    assert run("check", "-d", tmp_path).exit_code == 1
    assert run("check", "--folder", tmp_path).exit_code == 1


def test_an_unknown_type_is_a_warning_that_keeps_the_document(tmp_path):
    bad, line = folder_with(tmp_path, "type", "Điều lệ mẫu")
    result = run("check", tmp_path)
    assert result.exit_code == 0
    assert f"{bad.name}:{line}: cảnh báo" in result.output
    assert len(Library.load(tmp_path).documents) == 3


@pytest.mark.parametrize("relations, cycle", [
    ({"01": "replaced_by: [{number: 01-QĐ/TEST, issued: 2024-01-02}]\n"}, "01-QĐ/TEST"),
    ({"01": "replaces: [{number: 02-QĐ/TEST, issued: 2024-01-03}]\n"
            "replaced_by: [{number: 02-QĐ/TEST, issued: 2024-01-03}]\n",
      "02": "replaces: [{number: 01-QĐ/TEST, issued: 2024-01-02}]\n"
            "replaced_by: [{number: 01-QĐ/TEST, issued: 2024-01-02}]\n"},
     "01-QĐ/TEST → 02-QĐ/TEST → 01-QĐ/TEST"),
    ({"01": "replaces: [{number: 02-QĐ/TEST, issued: 2024-01-03}]\n"
            "replaced_by: [{number: 03-QĐ/TEST, issued: 2024-01-04}]\n",
      "02": "replaces: [{number: 03-QĐ/TEST, issued: 2024-01-04}]\n"
            "replaced_by: [{number: 01-QĐ/TEST, issued: 2024-01-02}]\n",
      "03": "replaces: [{number: 01-QĐ/TEST, issued: 2024-01-02}]\n"
            "replaced_by: [{number: 02-QĐ/TEST, issued: 2024-01-03}]\n"},
     "→ 01-QĐ/TEST"),
])
def test_check_reports_circular_and_self_relations(tmp_path, relations, cycle):
    for n, issued in (("01", "2024-01-02"), ("02", "2024-01-03"), ("03", "2024-01-04")):
        record(tmp_path, f"{n}-QĐ/TEST", issued, relations.get(n, ""))
    result = run("check", tmp_path)
    assert result.exit_code == 1
    assert cycle in result.output
    assert "vòng" in result.output or "chính nó" in result.output


def test_a_chain_of_replacements_is_not_a_cycle(tmp_path):
    record(tmp_path, "01-QĐ/TEST", "2024-01-02",
           "replaced_by: [{number: 02-QĐ/TEST, issued: 2024-01-03}]\n")
    record(tmp_path, "02-QĐ/TEST", "2024-01-03",
           "replaces: [{number: 01-QĐ/TEST, issued: 2024-01-02}]\n"
           "replaced_by: [{number: 03-QĐ/TEST, issued: 2024-01-04}]\n")
    record(tmp_path, "03-QĐ/TEST", "2024-01-04",
           "replaces: [{number: 02-QĐ/TEST, issued: 2024-01-03}]\n")
    result = run("check", tmp_path)
    assert "vòng" not in result.output and " 0 lỗi" in result.output, result.output


def test_check_fix_skips_a_file_that_is_not_utf8_and_fixes_the_rest(tmp_path):
    good = record(tmp_path, "01-QĐ/TEST", "2024-01-02")
    good.write_bytes(good.read_bytes().replace(b"\n", b"\r\n"))
    (tmp_path / "zz-latin1.md").write_bytes("---\nnumber: 02-QĐ/TEST\n".encode("cp1258"))
    (tmp_path / "aa-latin1.md").write_bytes("---\nnumber: 03-QĐ/TEST\n".encode("cp1258"))
    result = run("check", "--fix", tmp_path)
    assert result.exit_code == 1
    assert b"\r\n" not in good.read_bytes()
    assert "aa-latin1.md:2" in result.output and "zz-latin1.md:2" in result.output
    assert "UTF-8" in result.output


def test_unknown_document_hint_names_a_command_that_exists(tmp_path):
    record(tmp_path, "01-QĐ/TEST", "2024-01-02")
    result = run("show", "-d", tmp_path, "99-QĐ/TEST")
    assert result.exit_code == 1
    assert "--list" not in result.output and "`regindex show`" in result.output


def test_two_numbers_that_make_one_page_are_an_error_naming_both(tmp_path):
    record(tmp_path, "05/HD-MH", "2024-01-02")
    (tmp_path / "khac.md").write_text(GOOD.format(number="05-HD/MH", issued="2024-01-02",
                                                  extra=""), encoding="utf-8")
    result = run("check", tmp_path)
    assert result.exit_code == 1
    assert "trùng mã trang 05-hd-mh-2024" in result.output
    assert "05/HD-MH" in result.output and "05-HD/MH" in result.output
