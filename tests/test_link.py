"""`regindex link`: every citation of a briefing checked, reported, and linked to the site."""

import json
import re
import shutil

import docx
import pytest
from bs4 import BeautifulSoup
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
    assert ("  Quy định số 124-QĐ/TW (124-qd-tw-2023.html): hết hiệu lực từ ngày 30/08/2025; "
            "thay thế bởi Quy định số 366-QĐ/TW, ngày 30/08/2025\n"
            "    dòng 7: “Quy định số 124-QĐ/TW, ngày 04/10/2023”\n") in result.output
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


# --- what trainers hit (issue 12, items 9 to 13); briefings written for the tests ---------

def test_a_number_with_its_year_is_recognised(tmp_path):
    notes = tmp_path / "ghi-chu.md"
    notes.write_text("Theo Quy định 132 năm 2018 và Quy định 124 năm 2023; trong 5 năm 2023.\n",
                     encoding="utf-8")
    found = records(notes)
    assert [(r["text"], r["number"], r["issued"]) for r in found] == [
        ("Quy định 132 năm 2018", "132-QĐ/TW", "2018-03-08"),
        ("Quy định 124 năm 2023", "124-QĐ/TW", "2023-10-04")]
    assert (tmp_path / "ghi-chu.linked.md").read_text(encoding="utf-8").startswith(
        "Theo [Quy định 132 năm 2018](<132-qd-tw-2018.html>) và "
        "[Quy định 124 năm 2023](<124-qd-tw-2023.html>);")
    wrong_year = tmp_path / "sai-nam.md"
    wrong_year.write_text("Quy định 124 năm 2018.\n", encoding="utf-8")
    assert [r["flags"] for r in records(wrong_year)] == [["unresolved"]]


def test_the_base_url_is_joined_as_a_folder_and_checked(tmp_path):
    notes = tmp_path / "ghi-chu.md"
    notes.write_text("Điều 12 Quy định 124-QĐ/TW.\n", encoding="utf-8")
    for base in ("https://vanban.example.vn/kho", "https://vanban.example.vn/kho/"):
        assert [r["url"] for r in records(notes, "--base-url", base)] == [
            "https://vanban.example.vn/kho/124-qd-tw-2023.html#dieu-12"]
    for wrong in ("not a url", "vanban.example.vn/kho", "file:///tmp/site/", "javascript:x"):
        result = link(notes, "--base-url", wrong)
        assert result.exit_code == 1 and "địa chỉ gốc của trang không hợp lệ" in result.output
        assert "Traceback" not in result.output


BRIEFING = """\
# Ghi chú tập huấn (minh họa)

Xem Điều 3 và Điều 5 Quy định 124-QĐ/TW; khoản 2 Điều 4 Quy định 05-QĐ/MH.
Điều 15 Quy định 05-QĐ/MH, Điều 5, Quy định số 03-QĐ/MH và Hướng dẫn số 01-HD/MH.
"""


def test_the_summary_is_grouped_by_what_to_do_and_strict_fails(tmp_path):
    folder = tmp_path / "regulations"
    shutil.copytree(REGULATIONS, folder)
    for year in (2023, 2024):        # one number, two documents: ambiguous without a date
        (folder / f"03-qd-mh-{year}.md").write_text(
            f"---\nnumber: 03-QĐ/MH\ntype: Quy định\nissued: {year}-01-02\nillustrative: true"
            "\n---\n", encoding="utf-8")
    notes = tmp_path / "ghi-chu.md"
    notes.write_text(BRIEFING, encoding="utf-8")
    run = ["link", "-d", str(folder), str(notes)]
    result = CliRunner().invoke(cli, run)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "6 trích dẫn: 2 đúng, 4 cần sửa."
    assert lines[3:] == [
        "Văn bản đã hết hiệu lực: dẫn văn bản thay thế (1):",
        "  Quy định số 124-QĐ/TW (124-qd-tw-2023.html): hết hiệu lực từ ngày 30/08/2025; "
        "thay thế bởi Quy định số 366-QĐ/TW, ngày 30/08/2025",
        "    dòng 3: “Điều 3 và Điều 5 Quy định 124-QĐ/TW”",
        "",
        "Điều, khoản, điểm không có trong văn bản: kiểm tra lại số (1):",
        "  dòng 4: “Điều 15 Quy định 05-QĐ/MH”: không có Điều 15 Quy định số 05-QĐ/MH",
        "",
        "Không xác định được văn bản: ghi đủ số hiệu (và ngày ban hành) (1):",
        f"  dòng 4: “Điều 5”: {lines[-4].split('“Điều 5”: ')[1]}",
        "",
        "Nhiều văn bản cùng số hiệu: ghi thêm ngày ban hành (1):",
        f"  dòng 4: “Quy định số 03-QĐ/MH”: {lines[-1].split('”: ')[1]}",
    ]
    assert "02/01/2023" in lines[-1] and "02/01/2024" in lines[-1]
    assert CliRunner().invoke(cli, [*run, "--strict"]).exit_code == 1
    clean = tmp_path / "dung.md"
    clean.write_text("Theo khoản 2 Điều 4 Quy định 05-QĐ/MH.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["link", "-d", str(folder), str(clean), "--strict"])
    assert result.exit_code == 0 and "1 trích dẫn: 1 đúng, 0 cần sửa." in result.output


def test_locations_are_true_lines_for_html_and_paragraphs_for_word(tmp_path):
    page = tmp_path / "ghi-chu.html"
    page.write_text("<html>\n<body>\n<p>Điều 1 Quy định 01-QĐ/MH, Điều 2 Quy định 01-QĐ/MH "
                    "và Điều 3 Quy định 01-QĐ/MH.</p>\n\n<ul>\n<li>x</li>\n"
                    "<li>Theo\nĐiều 4 Quy định 01-QĐ/MH</li></ul></body></html>",
                    encoding="utf-8")
    assert [(r["text"][:7], r["line"]) for r in records(page)] == [
        ("Điều 1 ", 3), ("Điều 2 ", 3), ("Điều 3 ", 3), ("Điều 4 ", 8)]
    notes = docx.Document()
    notes.add_paragraph("Mở đầu.")
    notes.add_paragraph("")
    notes.add_paragraph("Theo Điều 99 Quy định 01-QĐ/MH.")
    source = tmp_path / "ghi-chu.docx"
    notes.save(source)
    assert [(r["line"], r["where"]) for r in records(source)] == [(None, "đoạn 3")]
    result = link(source)
    assert "đoạn 3: “Điều 99 Quy định 01-QĐ/MH”" in result.output and "dòng" not in result.output


def test_split_html_lists_ranges_word_headers_near_numbers_and_doubtful_relations(tmp_path):
    page = tmp_path / "ghi-chu.html"
    page.write_text("<p><b>Điều 12</b> Quy định 124-QĐ/TW; điểm a, b khoản 2 Điều 4 Quy định "
                    "01-QĐ/MH; từ Điều 5 đến Điều 7 Quy định 01-QĐ/MH.</p>", encoding="utf-8")
    found = records(page)
    assert found[0]["text"] == "Điều 12 Quy định 124-QĐ/TW" and found[0]["eid"] == "dieu-12"
    linked = BeautifulSoup((tmp_path / "ghi-chu.linked.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert [(a.get_text(), a["href"]) for a in linked.find_all("a")] == [
        ("Điều 12", "124-qd-tw-2023.html#dieu-12"),
        ("Quy định 124-QĐ/TW", "124-qd-tw-2023.html#dieu-12"),
        ("điểm a", "01-qd-mh-2024.html#dieu-4-khoan-2-diem-a"),
        ("b khoản 2 Điều 4 Quy định 01-QĐ/MH", "01-qd-mh-2024.html#dieu-4-khoan-2-diem-b"),
        ("từ Điều 5", "01-qd-mh-2024.html#dieu-5"),
        ("Điều 7 Quy định 01-QĐ/MH", "01-qd-mh-2024.html#dieu-7")]
    assert linked.b.get_text() == "Điều 12" and linked.p.get_text() == BeautifulSoup(
        page.read_text(encoding="utf-8"), "html.parser").p.get_text()

    notes = docx.Document()
    notes.add_paragraph("Quy định số 1245-QĐ/TW và Hướng dẫn số 16-HD/BTCTW.")
    notes.sections[0].header.paragraphs[0].text = "Tài liệu về Quy định số 124-QĐ/TW"
    notes.sections[0].footer.paragraphs[0].text = "Xem Điều 99 Quy định 01-QĐ/MH"
    source = tmp_path / "ghi-chu.docx"
    notes.save(source)
    result = link(source)
    assert result.exit_code == 0, result.output
    assert ("đoạn 1: “Quy định số 1245-QĐ/TW”: Quy định số 1245-QĐ/TW chưa có trong kho; "
            "có phải Quy định số 124-QĐ/TW (124-qd-tw-2023.html)?") in result.output
    assert ("thay thế bởi Hướng dẫn số 25-HD/BTCTW, ngày 10/11/2023 (quan hệ thay thế chưa "
            "xác minh), văn bản này nay cũng hết hiệu lực, thay thế bởi Hướng dẫn số "
            "43-HD/BTCTW") in result.output
    assert "đầu trang, đoạn 1: “Quy định số 124-QĐ/TW”" in result.output
    assert "chân trang, đoạn 1: “Điều 99 Quy định 01-QĐ/MH”: không có Điều 99" in result.output
    header = docx.Document(tmp_path / "ghi-chu.linked.docx").sections[0].header.paragraphs[0]
    assert [(h.text, h.url) for h in header.hyperlinks] == [
        ("Quy định số 124-QĐ/TW", "124-qd-tw-2023.html")]
    flags = {r["text"]: r["flags"] for r in records(source)}
    assert flags["Hướng dẫn số 16-HD/BTCTW"] == ["expired", "unverified"]
