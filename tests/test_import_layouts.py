"""Header and signature blocks as real files lay them out, and a text's identity taken
from its own header only. Every text here is illustrative, written for these tests
(numbers of the form NN-XX/MH); the layouts are those of real official files."""

from __future__ import annotations

import io
import json
import textwrap
import unicodedata

import docx
import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.importer import read_header, read_signature
from regindex.importer.extract import tidy
from regindex.importer.importer import extract_original
from regindex.library import read_document


def run(folder, *args):
    result = CliRunner().invoke(cli, ["import", "-d", str(folder), *map(str, args), "--json"])
    start = result.output.find("[")
    return result, (json.loads(result.output[start:]) if start >= 0 else None)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


BODY = """\
Điều 1. Phạm vi
1. Hướng dẫn minh họa này nói về việc giữ khoá tủ hồ sơ của một chi bộ giả định.
2. Chi uỷ giả định phân công người giữ khoá.
Điều 2. Hiệu lực
Văn bản minh họa này có hiệu lực từ ngày ký."""


def _cells(cell, lines):
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def table_docx() -> bytes:
    """Header and signature in Word tables; the number with spaces around its dash; the
    date wrapped over two paragraphs; the name several empty lines below the title."""
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    _cells(header.cell(0, 0), ["BAN BIÊN TẬP REGINDEX", "-------", "Số 07 - HD/MH"])
    _cells(header.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------", "Hà Nội, ngày 3",
                               "tháng 4 năm 2024"])
    document.add_paragraph("HƯỚNG DẪN")
    document.add_paragraph("về giữ khoá tủ hồ sơ (văn bản minh họa)")
    for line in BODY.split("\n"):
        document.add_paragraph(line)
    signature = document.add_table(rows=1, cols=2)
    _cells(signature.cell(0, 0), ["Nơi nhận:", "- Các chi bộ (minh họa),", "- Lưu."])
    _cells(signature.cell(0, 1), ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "", "(Đã ký)", "", "",
                                  "Lê Thị Minh Họa"])
    document.add_paragraph("Mẫu 01")
    document.add_paragraph("QUYẾT ĐỊNH MẪU (minh họa)")
    document.add_paragraph("T/M CHI BỘ")
    document.add_paragraph("BÍ THƯ")
    document.add_paragraph("Nguyễn Văn A")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_tables_wrapped_date_spaced_number_and_a_form_placeholder(tmp_path):
    result, [record] = run(tmp_path / "regulations", write(tmp_path, "hd.docx", table_docx()))
    assert result.exit_code == 0, result.output
    assert (record["number"], record["type"], record["issued"], record["issuer"]) == \
        ("07-HD/MH", "Hướng dẫn", "2024-04-03", "Ban Biên tập regindex")
    assert record["signer"] == "Lê Thị Minh Họa (Phó Trưởng ban)"   # not the form's "Nguyễn Văn A"
    assert record["slug"] == "07-hd-mh-2024"


HTML = """<html><body><div class="noidung">
<table><tr><td><p><b>BAN BIÊN TẬP REGINDEX</b></p><p>*</p><p>Số: 08-HD/MH</p></td>
<td><p><b>ĐẢNG CỘNG SẢN VIỆT NAM</b></p><p><i>Hà Nội, ngày 19 / tháng 11 năm 2024</i></p></td>
</tr></table>
<p><b>HƯỚNG DẪN</b></p><p>về giữ khoá tủ hồ sơ (văn bản minh họa)</p>
{body}
<p>Nơi nhận: - Các chi bộ (minh họa), - Lưu.</p>
<p><b>K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN</b> Lê Văn Minh Họa</p>
</div></body></html>"""


def test_html_header_table_and_a_one_line_kt_signature(tmp_path):
    page = HTML.format(body="".join(f"<p>{line}</p>" for line in BODY.split("\n")))
    result, [record] = run(tmp_path / "regulations", write(tmp_path, "hd.html", page))
    assert result.exit_code == 0, result.output
    assert (record["number"], record["issued"], record["issuer"]) == \
        ("08-HD/MH", "2024-11-19", "Ban Biên tập regindex")
    assert record["signer"] == "Lê Văn Minh Họa (Phó Trưởng ban)"


TABS = """\
BAN BIÊN TẬP REGINDEX\tĐẢNG CỘNG SẢN VIỆT NAM
Số 09-HD/MH\tHà Nội, ngày 05 tháng 5 năm 2024
HƯỚNG DẪN
về giữ khoá tủ hồ sơ (văn bản minh họa)
{body}
T/M BAN BIÊN TẬP REGINDEX Trần Văn Ví Dụ
"""


def test_cells_joined_by_tabs_and_a_one_line_tm_signature(tmp_path):
    result, [record] = run(tmp_path / "regulations",
                           write(tmp_path, "hd.txt", TABS.format(body=BODY)))
    assert result.exit_code == 0, result.output
    assert (record["number"], record["issued"], record["letterhead"]) == \
        ("09-HD/MH", "2024-05-05", None)
    assert (record["issuer"], record["signer"]) == ("Ban Biên tập regindex", "Trần Văn Ví Dụ")


@pytest.mark.parametrize("name, content", [
    ("hd.docx", table_docx()),
    ("hd.html", HTML.format(body="".join(f"<p>{line}</p>" for line in BODY.split("\n")))),
    ("hd.txt", TABS.format(body=BODY)),
])
def test_stored_body_is_the_extracted_text(tmp_path, name, content):
    source = write(tmp_path, name, content)
    result, [record] = run(tmp_path / "regulations", source)
    document = read_document(tmp_path / "regulations" / f"{record['slug']}.md")
    assert document.text == tidy(unicodedata.normalize("NFC", extract_original(source).text))
    assert "giữ khoá" in document.text and "Chi uỷ" in document.text      # never "khóa", "ủy"


CITED = textwrap.dedent("""\
    ---
    number: 01-QĐ/MH
    type: Quy định
    issued: 2024-01-10
    illustrative: true
    ---
    """)

DRAFT = """\
ỦY BAN NHÂN DÂN MINH HỌA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số:      /QĐ-UBND\tMinh Họa, ngày    tháng    năm 2024
QUYẾT ĐỊNH
về việc minh họa (dự thảo)
Căn cứ Quy định số 01-QĐ/MH, ngày 10/01/2024 của Ban Biên tập regindex;
Điều 1. Thực hiện Quy định số 01-QĐ/MH.
"""


def test_a_draft_with_a_blank_number_is_refused_and_never_filed_as_what_it_cites(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    (folder / "01-qd-mh-2024.md").write_text(CITED, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.rglob("*")}
    for extra in ([], ["--number", "01-QĐ/MH"], ["--issued", "2024-01-10"]):
        result, [record] = run(folder, write(tmp_path, "du-thao.txt", DRAFT), *extra)
        assert result.exit_code == 1
        assert record["action"] == "refused"
        assert "để trống số hiệu" in record["error"] and "Số: /QĐ-UBND" in record["error"]
        assert "01-qd-mh-2024" not in (record["hint"] or "")
    assert {p.name: p.read_bytes() for p in folder.rglob("*")} == before


GUIDE = """\
BAN BIÊN TẬP REGINDEX\tĐẢNG CỘNG SẢN VIỆT NAM
Số 02-HD/MH\tHà Nội, ngày 19
tháng 11 năm 2024
HƯỚNG DẪN
thực hiện Quy định số 01-QĐ/MH (văn bản minh họa)
Căn cứ Quy định số 01-QĐ/MH, ngày 10/01/2024;
1. Hướng dẫn minh họa theo Điều 1 Quy định số 01-QĐ/MH, ngày 10 tháng 01 năm 2024.
T/M BAN BIÊN TẬP REGINDEX
Trần Văn Ví Dụ
"""


def test_a_guidance_with_a_wrapped_date_is_filed_as_itself_not_as_what_it_cites(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    (folder / "01-qd-mh-2024.md").write_text(CITED, encoding="utf-8")
    result, [record] = run(folder, write(tmp_path, "hd.txt", GUIDE))
    assert result.exit_code == 0, result.output
    assert (record["number"], record["issued"], record["action"]) == \
        ("02-HD/MH", "2024-11-19", "created")
    assert (folder / "01-qd-mh-2024.md").read_text(encoding="utf-8") == CITED


def test_number_date_or_type_contradicting_the_header_is_refused_naming_both(tmp_path):
    folder = tmp_path / "regulations"
    source = write(tmp_path, "hd.txt", GUIDE)
    _, [record] = run(folder, source, "--number", "03-HD/MH")
    assert "02-HD/MH" in record["error"] and "03-HD/MH" in record["error"]
    _, [record] = run(folder, source, "--issued", "2024-11-20")
    assert "19/11/2024" in record["error"] and "20/11/2024" in record["error"]
    folder.mkdir()
    wrong_date = folder / "02-hd-mh-2024.md"
    wrong_date.write_text("---\nnumber: 02-HD/MH\ntype: Hướng dẫn\nissued: 2024-11-18\n---\n",
                          encoding="utf-8")
    result, [record] = run(folder, source)
    assert result.exit_code == 1
    assert "19/11/2024" in record["error"] and "18/11/2024" in record["error"]
    wrong_date.write_text("---\nnumber: 02-HD/MH\ntype: Quy định\nissued: 2024-11-19\n---\n",
                          encoding="utf-8")
    _, [record] = run(folder, source)
    assert record["action"] == "refused" and "Quy định" in record["error"] \
        and "Hướng dẫn" in record["error"]


CHARTER = """\
BAN BIÊN TẬP REGINDEX
ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 02 tháng 02 năm 2024
ĐIỀU LỆ CÂU LẠC BỘ MINH HỌA
(văn bản minh họa, không có số hiệu)
Chương I
NHỮNG ĐIỀU CHUNG
Điều 1. Câu lạc bộ minh họa giữ sổ tay chung.
"""


def test_a_document_without_a_number_is_imported_under_its_name(tmp_path):
    folder = tmp_path / "regulations"
    source = write(tmp_path, "dieu-le.txt", CHARTER)
    result, [record] = run(folder, source)
    assert result.exit_code == 1 and "--name" in record["hint"]
    result, [record] = run(folder, source, "--name", "Điều lệ Câu lạc bộ Minh họa")
    assert result.exit_code == 0, result.output
    assert (record["slug"], record["number"], record["name"], record["type"]) == \
        ("dieu-le-cau-lac-bo-minh-hoa-2024", None, "Điều lệ Câu lạc bộ Minh họa", "Điều lệ")
    front = (folder / "dieu-le-cau-lac-bo-minh-hoa-2024.md").read_text(encoding="utf-8")
    assert "name: Điều lệ Câu lạc bộ Minh họa" in front and "number:" not in front
    again, [record] = run(folder, source, "--name", "Điều lệ Câu lạc bộ Minh họa")
    assert record["action"] == "unchanged"
    _, [record] = run(tmp_path / "other", source, "--name", "Điều lệ Minh họa", "--dry-run")
    assert (record["action"], record["dry_run"]) == ("created", True)
    assert not (tmp_path / "other").exists()


def test_plain_report_shows_the_facts_and_counts_in_vietnamese(tmp_path):
    result = CliRunner().invoke(cli, ["import", "-d", str(tmp_path / "regulations"),
                                      str(write(tmp_path, "hd.txt", GUIDE))])
    assert result.exit_code == 0, result.output
    for line in ("Số hiệu: 02-HD/MH", "Loại văn bản: Hướng dẫn",
                 "Cơ quan ban hành: Ban Biên tập regindex", "Người ký: Trần Văn Ví Dụ",
                 "Nơi, ngày ban hành: Hà Nội, ngày 19/11/2024", "Mã văn bản: 02-hd-mh-2024"):
        assert f"  {line}\n" in result.output
    assert "Tìm thấy: 0 điều, 0 khoản, 0 điểm, 1 mục hướng dẫn, 0 phụ lục" in result.output


DECISION = """\
BAN BIÊN TẬP REGINDEX\tĐẢNG CỘNG SẢN VIỆT NAM
Số 20-QĐ/MH\tHà Nội, ngày 06 tháng 6 năm 2024
QUYẾT ĐỊNH
ban hành Quy chế minh họa
Điều 1. Ban hành kèm theo Quyết định này Quy chế minh họa.
Điều 2. Quyết định có hiệu lực từ ngày ký.
Nơi nhận:
- Lưu.
T/M BAN BIÊN TẬP REGINDEX
TRƯỞNG BAN
Trần Văn Ví Dụ
QUY CHẾ
minh họa (Ban hành kèm theo Quyết định số 20-QĐ/MH)
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Quy chế minh họa nói về lớp học giả định.
Chương V
Học Viên
2. Đối với học viên giả định.
"""


def test_an_attached_instrument_after_the_signature_never_signs(tmp_path):
    result, [record] = run(tmp_path / "regulations", write(tmp_path, "qd.txt", DECISION))
    assert result.exit_code == 0, result.output
    assert record["signer"] == "Trần Văn Ví Dụ (Trưởng ban)"
    assert (record["number"], record["type"]) == ("20-QĐ/MH", "Quyết định")


@pytest.mark.parametrize("header, facts", [
    # cells joined by spaces on one line: the motto is never part of the issuer
    ("BAN BIÊN TẬP REGINDEX ĐẢNG CỘNG SẢN VIỆT NAM\nSố 16 - HD/MH Hà Nội, ngày 19\n"
     "tháng 11 năm 2024\nHƯỚNG DẪN\nthực hiện (minh họa)",
     ("Ban Biên tập regindex", "16-HD/MH", "Hà Nội", "2024-11-19", "Hướng dẫn")),
    # cells on lines of their own, each wrapped; the rule under the motto
    ("BAN BIÊN TẬP\nREGINDEX\nĐẢNG CỘNG SẢN\nVIỆT NAM\n---------------\nSố 17-QĐ/MH\n"
     "Hà Nội, ngày 19\ntháng 11 năm 2024\nQUY ĐỊNH\nvề sổ (minh họa)",
     ("Ban Biên tập regindex", "17-QĐ/MH", "Hà Nội", "2024-11-19", "Quy định")),
    # a state text: national motto and "Luật số:"
    ("QUỐC HỘI\t CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n-------\tĐộc lập - Tự do - Hạnh phúc\n"
     "Luật số: 01/2024/QH99\tHà Nội, ngày 14 tháng 6 năm 2024\nLUẬT\nMINH HỌA",
     ("Quốc hội", "01/2024/QH99", "Hà Nội", "2024-06-14", "Luật")),
    # "Số:" with the date on the same line, joined by spaces
    ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
     "Số: 02/2024/NĐ-CP Hà Nội, ngày 17 tháng 01 năm 2024\nNGHỊ ĐỊNH\nMINH HỌA",
     ("Chính phủ", "02/2024/NĐ-CP", "Hà Nội", "2024-01-17", "Nghị định")),
])
def test_header_layouts(header, facts):
    found = read_header(header)
    assert (found.issuer, found.number, found.place, str(found.issued), found.type) == facts


@pytest.mark.parametrize("block, facts", [
    ("T/M BAN BÍ THƯ Trần Văn Ví Dụ", ("Ban Bí thư", None, "Trần Văn Ví Dụ")),
    ("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\n(Đã ký)\n\n\nLê Văn Minh Họa",
     ("Chính phủ", "Phó Thủ tướng", "Lê Văn Minh Họa")),
    ("K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN Phạm Thị Ví Dụ", (None, "Phó Trưởng ban", "Phạm Thị Ví Dụ")),
    ("Nơi nhận:\n- Như trên,\n- Lưu.\tTL. BAN BÍ THƯ\nCHÁNH VĂN PHÒNG\nĐỗ Văn Minh Họa",
     (None, "Chánh Văn phòng", "Đỗ Văn Minh Họa")),
    ("TUQ. TRƯỞNG BAN\nVỤ TRƯỞNG\nNgô Thị Ví Dụ", (None, "Vụ trưởng", "Ngô Thị Ví Dụ")),
    ("T/M CHI BỘ\nBÍ THƯ\nNguyễn Văn A", (None, None, None)),     # a form's placeholder
])
def test_signature_layouts(block, facts):
    found = read_signature(block)
    assert (found.body, found.office, found.name) == facts
