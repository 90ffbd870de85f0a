"""`regindex link`: every citation of a briefing checked, reported, and linked to the site."""

import json
import re
import shutil

import docx
import pytest
from click.testing import CliRunner

from regindex.cli import cli

from .conftest import REGULATIONS, SHARED

SEED = SHARED / "seeds" / "000_53af989d4b3960c4.txt"

# A briefing written for these tests (illustrative): one citation of each kind of finding.
NOTES = """\
# Ghi chú tập huấn (minh họa)

Theo điểm c khoản 2 Điều 4 Quy định 01-QĐ/MH, bản sao phải được kiểm tra trước khi dùng.
Xem thêm Điều 99 Quy định 01-QĐ/MH và Điều 12 Quy định 124-QĐ/TW.
Đã có [Quy định số 125-QĐ/TW](https://example.org/125) và `Quy định số 132-QĐ/TW` trong mã.
Điều 5 nói gì? Quy định số 999-QĐ/TW không có trong kho.
"""


def link(*args):
    return CliRunner().invoke(cli, ["link", "-d", str(REGULATIONS), *map(str, args)])


def records(*args):
    result = link(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["citations"]


@pytest.fixture
def seed(tmp_path):
    if not SEED.exists():
        pytest.skip("../shared/seeds is absent")
    copy = tmp_path / "bao-cao.txt"
    shutil.copy(SEED, copy)
    return copy


def test_the_real_briefing_resolves_every_mention_and_flags_what_is_replaced(seed):
    text = seed.read_text(encoding="utf-8")
    mentions = {m.start(): m[2] for m in re.finditer(
        r"(Quy định|Hướng dẫn) số (124-QĐ/TW|125-QĐ/TW|25-HD/BTCTW|132-QĐ/TW)", text)}
    found = {record["start"]: record for record in records(seed)}
    assert len(mentions) == 16
    assert {start: found[start]["number"] for start in mentions} == mentions
    successors = {"124-QĐ/TW": [("366-QĐ/TW", "2025-08-30")],
                  "25-HD/BTCTW": [("43-HD/BTCTW", "2025-10-31")],
                  "132-QĐ/TW": [("124-QĐ/TW", "2023-10-04")], "125-QĐ/TW": []}
    issued = {"124-QĐ/TW": "2023-10-04", "125-QĐ/TW": "2023-10-10",
              "25-HD/BTCTW": "2023-11-10", "132-QĐ/TW": "2018-03-08"}
    for start, number in mentions.items():
        record = found[start]
        assert record["resolved"] and record["issued"] == issued[number]
        assert [(r["number"], r["issued"]) for r in record["replaced_by"]] == successors[number]
        assert record["flags"] == ([] if number == "125-QĐ/TW" else ["expired"])
        assert record["status"] == ("in-force" if number == "125-QĐ/TW" else "expired")
    dated = [record for record in found.values() if ", ngày" in record["text"]]
    assert [record["text"] for record in dated] == [
        "Quy định số 124-QĐ/TW, ngày 04/10/2023", "Quy định số 125-QĐ/TW, ngày 10/10/2023",
        "Hướng dẫn số 25-HD/BTCTW, ngày 10/11/2023", "Quy định số 132-QĐ/TW, ngày 08/3/2018"]


def test_the_report_names_the_successor_and_its_date(seed):
    result = link(seed)
    assert result.exit_code == 0, result.output
    assert ("“Quy định số 124-QĐ/TW, ngày 04/10/2023” → Quy định số 124-QĐ/TW "
            "(124-qd-tw-2023.html): hết hiệu lực từ ngày 30/08/2025; thay thế bởi Quy định số "
            "366-QĐ/TW, ngày 30/08/2025") in result.output
    assert "thay thế bởi Hướng dẫn số 43-HD/BTCTW, ngày 31/10/2025" in result.output
    assert ("Quy định số 132-QĐ/TW (132-qd-tw-2018.html): hết hiệu lực; thay thế bởi Quy định "
            "số 124-QĐ/TW, ngày 04/10/2023, văn bản này nay cũng hết hiệu lực") in result.output
    linked = seed.with_name("bao-cao.linked.txt").read_text(encoding="utf-8")
    assert "Quy định số 125-QĐ/TW, ngày 10/10/2023 <125-qd-tw-2023.html>" in linked
    assert linked.replace(" <124-qd-tw-2023.html>", "").count("124-qd-tw") == 0


def test_markdown_links_each_resolved_citation_and_flags_the_rest(tmp_path):
    notes = tmp_path / "ghi-chu.md"
    notes.write_text(NOTES, encoding="utf-8")
    found = records(notes, "-o", tmp_path / "ban-lien-ket.md", "--base-url", "https://vb.example/")
    by_text = {record["text"]: record for record in found}
    # 01-QĐ/MH was replaced by 05-QĐ/MH: its text is there, the citation is flagged.
    assert by_text["điểm c khoản 2 Điều 4 Quy định 01-QĐ/MH"]["flags"] == ["expired"]
    assert by_text["Điều 99 Quy định 01-QĐ/MH"]["flags"] == ["expired", "missing"]
    assert by_text["Điều 12 Quy định 124-QĐ/TW"]["flags"] == ["expired", "no-text"]
    assert by_text["Điều 5"]["flags"] == ["unresolved"]
    assert by_text["Quy định số 999-QĐ/TW"]["flags"] == ["unresolved"]
    assert "999-QĐ/TW" in by_text["Quy định số 999-QĐ/TW"]["problem"]
    for record in found:
        assert {"text", "start", "end", "number", "issued", "eid", "url", "status",
                "replaced_by", "resolved"} <= set(record)
        assert NOTES[record["start"]:record["end"]] == record["text"]
    linked = (tmp_path / "ban-lien-ket.md").read_text(encoding="utf-8")
    assert linked == NOTES.replace(
        "điểm c khoản 2 Điều 4 Quy định 01-QĐ/MH",
        "[điểm c khoản 2 Điều 4 Quy định 01-QĐ/MH]"
        "(<https://vb.example/01-qd-mh-2024.html#dieu-4-khoan-2-diem-c>)").replace(
        "Điều 12 Quy định 124-QĐ/TW",
        "[Điều 12 Quy định 124-QĐ/TW](<https://vb.example/124-qd-tw-2023.html#dieu-12>)")


def test_html_gets_anchors_and_keeps_everything_else(tmp_path):
    page = tmp_path / "ghi-chu.html"
    page.write_text("<html><body><p>Theo <b>Quy định số 125-QĐ/TW</b> &amp; "
                    "<a href='/cu'>Quy định số 124-QĐ/TW</a>.</p>"
                    "<script>var s = 'Quy định số 132-QĐ/TW';</script></body></html>",
                    encoding="utf-8")
    found = records(page)
    assert [record["number"] for record in found] == ["125-QĐ/TW", "124-QĐ/TW"]
    linked = (tmp_path / "ghi-chu.linked.html").read_text(encoding="utf-8")
    assert ('<b><a href="125-qd-tw-2023.html">Quy định số 125-QĐ/TW</a></b> &amp; '
            '<a href="/cu">Quy định số 124-QĐ/TW</a>') in linked
    assert "var s = 'Quy định số 132-QĐ/TW';" in linked


def test_word_notes_get_hyperlinks_without_losing_text_or_formatting(tmp_path):
    notes = docx.Document()
    paragraph = notes.add_paragraph("Theo ")
    paragraph.add_run("điểm c khoản 2 ").bold = True
    paragraph.add_run("Điều 4 Quy định 01-QĐ/MH và Quy định số 124-QĐ/TW.\tHết.")
    notes.add_table(rows=1, cols=1).cell(0, 0).text = "Hướng dẫn số 25-HD/BTCTW"
    source = tmp_path / "ghi-chu.docx"
    notes.save(source)
    result = link(source)
    assert result.exit_code == 0, result.output
    linked = docx.Document(tmp_path / "ghi-chu.linked.docx")
    first = linked.paragraphs[0]
    assert first.text == \
        "Theo điểm c khoản 2 Điều 4 Quy định 01-QĐ/MH và Quy định số 124-QĐ/TW.\tHết."
    assert [(h.text, h.url) for h in first.hyperlinks] == [
        ("điểm c khoản 2 Điều 4 Quy định 01-QĐ/MH", "01-qd-mh-2024.html#dieu-4-khoan-2-diem-c"),
        ("Quy định số 124-QĐ/TW", "124-qd-tw-2023.html")]
    assert first.hyperlinks[0].runs[0].bold
    cell = linked.tables[0].cell(0, 0).paragraphs[0]
    assert [h.url for h in cell.hyperlinks] == ["25-hd-btctw-2023.html"]
    assert "hết hiệu lực" in result.output


def test_the_briefing_itself_is_never_overwritten(tmp_path):
    notes = tmp_path / "ghi-chu.md"
    notes.write_text(NOTES, encoding="utf-8")
    result = link(notes, "-o", notes)
    assert result.exit_code == 1 and "không ghi đè" in result.output
    assert notes.read_text(encoding="utf-8") == NOTES
    other = tmp_path / "slides.pptx"
    other.write_bytes(b"x")
    result = link(other)
    assert result.exit_code == 1 and ".docx" in result.output and "Traceback" not in result.output
