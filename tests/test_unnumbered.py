"""A document without a number (Điều lệ Đảng, Cương lĩnh, some Thông báo): its record
has `name` in place of `number`; every surface (check, show, cite, search, export,
the site) works with it. The text is illustrative, written for these tests."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from click.testing import CliRunner

from regindex import Library
from regindex.cli import cli

from .conftest import ROOT

RECORD = textwrap.dedent("""\
    ---
    name: Điều lệ Đảng
    type: Điều lệ
    issuer: Ban Biên tập regindex
    issued: 2011-01-19
    illustrative: true
    note: văn bản minh họa do dự án tự soạn để kiểm thử văn bản không có số hiệu
    ---
    ĐIỀU LỆ MINH HỌA
    (văn bản minh họa, không phải văn bản chính thức)
    Chương I
    NHỮNG ĐIỀU CHUNG
    Điều 1. Phạm vi
    Điều lệ minh họa này nói về sổ tay của một chi bộ giả định.
    Điều 5. Sổ tay chi bộ
    1. Mỗi chi bộ giả định có một cuốn sổ tay bìa xanh.
    2. Sổ tay được giữ ở văn phòng.
    """)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "regulations"
    path.mkdir()
    (path / "dieu-le-dang-2011.md").write_text(RECORD, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


def test_the_record_reads_with_a_name_and_a_slug_from_it(folder):
    [document] = Library.load(folder).documents
    assert (document.slug, document.name, document.meta.number) == \
        ("dieu-le-dang-2011", "Điều lệ Đảng", None)
    assert document.citation(document.get("dieu-5-khoan-1")) == "khoản 1 Điều 5 Điều lệ Đảng"


def test_a_record_with_neither_number_nor_name_is_refused(folder):
    path = folder / "dieu-le-dang-2011.md"
    path.write_text(RECORD.replace("name: Điều lệ Đảng\n", ""), encoding="utf-8")
    result = run("check", folder)
    assert result.exit_code == 1
    assert "thiếu số hiệu (number)" in result.output and "name: Điều lệ Đảng" in result.output


def test_check_accepts_it_and_warns_of_a_name_beside_a_number(folder):
    result = run("check", folder)
    assert result.exit_code == 0, result.output
    path = folder / "dieu-le-dang-2011.md"
    path.write_text(RECORD.replace("name: Điều lệ Đảng\n", "number: 01-ĐL/MH\nname: Điều lệ Đảng\n"),
                    encoding="utf-8")
    result = run("check", folder)
    assert "'name' chỉ dành cho văn bản không có số hiệu" in result.output


def test_show_finds_it_by_name_and_by_slug(folder):
    for key in ("Điều lệ Đảng", "dieu-le-dang-2011"):
        result = run("show", key, "-d", folder, "--json")
        assert result.exit_code == 0, result.output
        facts = json.loads(result.output)
        assert (facts["slug"], facts["name"], facts["number"]) == \
            ("dieu-le-dang-2011", "Điều lệ Đảng", None)
    result = run("show", "dieu-le-dang-2011", "dieu-5-khoan-2", "-d", folder)
    assert result.output.startswith("khoản 2 Điều 5 Điều lệ Đảng\n")


def test_it_is_cited_by_its_name(folder):
    result = run("cite", "khoản 1 Điều 5 Điều lệ Đảng", "-d", folder)
    assert result.exit_code == 0, result.output
    assert "dieu-le-dang-2011.html#dieu-5-khoan-1" in result.output


def test_search_finds_it(folder, tmp_path):
    result = run("search", "so tay bia xanh", "-d", folder, "--index", tmp_path / "index",
                 "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert hits[0]["citation"] == "khoản 1 Điều 5 Điều lệ Đảng"
    assert hits[0]["url"] == "dieu-le-dang-2011.html#dieu-5-khoan-1"


def test_export_and_the_site_give_it_as_json(folder, tmp_path):
    result = run("export", "Điều lệ Đảng", "-d", folder)
    assert result.exit_code == 0, result.output
    exported = json.loads(result.output)
    assert exported["name"] == "Điều lệ Đảng"
    site = tmp_path / "site"
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        built = run("build", "-d", folder, "--site-dir", site)
    finally:
        os.chdir(here)
    assert built.exit_code == 0, built.output
    page = (site / "dieu-le-dang-2011.html").read_text(encoding="utf-8")
    assert "Điều lệ Đảng" in page and 'id="dieu-5-khoan-1"' in page
    assert json.loads((site / "dieu-le-dang-2011.json").read_text(encoding="utf-8")) == exported
