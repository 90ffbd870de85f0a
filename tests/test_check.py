"""`regindex check`: the shipped folder is clean; each kind of broken input is reported
with its file and line, exit status 1, and never a traceback."""

import datetime as dt
import json
import unicodedata

from click.testing import CliRunner

from regindex.check import check_library
from regindex.cli import cli
from regindex.library import Library

from .conftest import REGULATIONS

GOOD = """---
number: 01-QĐ/TEST
type: Quy định
issued: 2024-01-02
status: in-force
illustrative: true
---
Điều 1. Một
1. Khoản một.
a) điểm a;
b) điểm b.
"""


def run(*args):
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def write(folder, name, text, *, encoding="utf-8", newline="\n"):
    path = folder / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def test_shipped_regulations_are_clean():
    result = run(REGULATIONS)
    assert result.exit_code == 0, result.output
    assert " 0 lỗi" in result.output


def test_a_good_file_passes(tmp_path):
    write(tmp_path, "01-qd-test-2024.md", GOOD)
    assert run(tmp_path).exit_code == 0


def broken_folder(tmp_path):
    write(tmp_path, "bad-yaml.md", "---\nnumber: 02-QĐ/TEST\ntype: [Quy định\n---\n")
    write(tmp_path, "no-number.md", "---\ntype: Quy định\nissued: 2024-01-02\n---\n")
    write(tmp_path, "dangling.md", GOOD.replace("01-QĐ/TEST", "03-QĐ/TEST").replace(
        "status: in-force", "status: expired\nexpired_on: 2024-05-01\n"
        "replaced_by:\n  - {number: 99-QĐ/TEST, issued: 2024-05-01}"))
    write(tmp_path, "dup-article.md", GOOD.replace("01-QĐ/TEST", "04-QĐ/TEST")
          + "Điều 1. Lặp lại\n")
    write(tmp_path, "dd-before-d.md", GOOD.replace("01-QĐ/TEST", "05-QĐ/TEST")
          .replace("b) điểm b.", "b) điểm b;\nc) c;\nđ) đ;\nd) d."))
    write(tmp_path, "nfd.md", unicodedata.normalize(
        "NFD", GOOD.replace("01-QĐ/TEST", "06-QĐ/TEST")))
    write(tmp_path, "crlf.md", GOOD.replace("01-QĐ/TEST", "07-QĐ/TEST"), newline="\r\n")
    write(tmp_path, "bom.md", "\ufeff" + GOOD.replace("01-QĐ/TEST", "08-QĐ/TEST"))
    return tmp_path


def test_broken_fixtures_are_each_reported_with_file_and_line(tmp_path):
    result = run(broken_folder(tmp_path))
    assert result.exit_code == 1
    out = result.output
    expected = {
        "bad-yaml.md:3": "YAML",
        "no-number.md:": "số hiệu",
        "dangling.md:7": "99-QĐ/TEST",
        "dup-article.md:12": "trùng Điều 1",
        "dd-before-d.md:14": "điểm d",
        "nfd.md:": "NFC",
        "crlf.md:1": "CRLF",
        "bom.md:1": "BOM",
    }
    for where, what in expected.items():
        lines = [line for line in out.splitlines() if where in line]
        assert lines, f"nothing reported at {where}:\n{out}"
        assert any(what in line for line in lines), f"{where}: expected {what!r} in {lines}"
    assert "→" in out          # every message says what to do


def test_fix_normalises_files_then_they_pass(tmp_path):
    write(tmp_path, "01-qd-test-2024.md", GOOD, newline="\r\n")
    assert run(tmp_path).exit_code == 1
    assert run(tmp_path, "--fix").exit_code == 0
    assert b"\r\n" not in (tmp_path / "01-qd-test-2024.md").read_bytes()


def test_one_way_relation_is_an_error(tmp_path):
    write(tmp_path, "01-qd-test-2024.md", GOOD.replace(
        "status: in-force", "status: in-force\nreplaces:\n  - {number: 02-QĐ/TEST, issued: 2020-01-01}"))
    write(tmp_path, "02-qd-test-2020.md", GOOD.replace("01-QĐ/TEST", "02-QĐ/TEST")
          .replace("2024-01-02", "2020-01-01"))
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "quan hệ một chiều" in result.output and "replaced_by" in result.output


def test_json_output_lists_diagnostics(tmp_path):
    result = run(broken_folder(tmp_path), "--json")
    report = json.loads(result.output)
    assert report["errors"] >= 7
    assert all({"level", "message", "file", "line", "hint"} <= set(d) for d in report["diagnostics"])


def test_missing_folder_is_a_clean_error(tmp_path):
    result = run(tmp_path / "nowhere")
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_a_status_checked_more_than_a_year_ago_is_a_warning(tmp_path):
    write(tmp_path, "01-qd-test-2024.md", GOOD.replace("status: in-force\n",
                                                       "status: in-force\nchecked: 2025-11-20\n"))
    library = Library.load(tmp_path)
    assert check_library(library, today=dt.date(2026, 11, 19)) == []
    stale = check_library(library, today=dt.date(2026, 12, 2))
    assert [(d.level, d.line) for d in stale] == [("warning", 6)]
    assert "20/11/2025" in stale[0].message and "quá một năm" in stale[0].message


def test_shipped_records_say_when_their_status_was_checked():
    official = [d for d in Library.load(REGULATIONS).documents if not d.meta.illustrative]
    assert official and all(d.meta.checked for d in official)
