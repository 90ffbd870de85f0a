"""`regindex import` of .docx: automatic numbering, header and signature tables, legacy fonts.

The .docx files are built here with python-docx in the shape official files have: a
header table, a multilevel list ("Điều %1." / "%2." / "%3)") that Word numbers itself,
a signature table. The text is made up for these tests (illustrative, not official).
"""

import io

import docx
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from regindex.cli import cli
from regindex.importer.docx import extract_docx
from regindex.library import read_document
from regindex.normalise import encode_legacy

LIST_DEFINITION = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="Điều %1."/><w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
    <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
</w:abstractNum>"""
LIST = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
ARTICLE, CLAUSE, POINT, INDENT = 0, 1, 2, 3


def _numbered(paragraph, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = 90


def _article_style(document) -> str:
    """A paragraph style that numbers its paragraphs "Điều N." (as templates do)."""
    style = document.styles.add_style("Dieu", 1)
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 90
    return style.name


def _cell_paragraphs(cell, lines):
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _legacy_run(paragraph, text: str, font: str, encoding: str = "tcvn3"):
    run = paragraph.add_run(encode_legacy(text, encoding).decode("cp1252"))
    run.font.name = font
    return run


def official_docx() -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LIST_DEFINITION))
    numbering.append(parse_xml(LIST))
    article = _article_style(document)

    header = document.add_table(rows=1, cols=2)
    _cell_paragraphs(header.cell(0, 0), ["BAN BIÊN TẬP REGINDEX", "*", "Số 09-QĐ/MH"])
    _cell_paragraphs(header.cell(0, 1), ["VĂN BẢN MINH HỌA", "Hà Nội, ngày 05 tháng 10 năm 2024"])
    document.add_paragraph("QUY ĐỊNH")
    document.add_paragraph("về sổ tay báo cáo viên")
    document.add_paragraph("(văn bản minh họa, không phải văn bản chính thức)")
    document.add_paragraph("Chương I")
    _legacy_run(document.add_paragraph(), "quy định chung", ".VnTimeH")     # capitals font
    document.add_paragraph("Phạm vi", style=article)
    for level, text in [(CLAUSE, "Sổ tay ghi các buổi giới thiệu tài liệu."),
                        (CLAUSE, "Mỗi báo cáo viên giữ một sổ tay.")]:
        _numbered(document.add_paragraph(text), level)
    document.add_paragraph("Nội dung sổ tay", style=article)
    _numbered(document.add_paragraph("Mỗi trang sổ tay có:"), CLAUSE)
    _numbered(document.add_paragraph("Ngày giới thiệu;"), POINT)
    point = document.add_paragraph()
    _legacy_run(point, "Tên tài liệu được giới thiệu;", ".VnTime")
    _numbered(point, POINT)
    _numbered(document.add_paragraph("Ý kiến của người nghe, gồm:"), POINT)
    _numbered(document.add_paragraph("câu hỏi;"), INDENT)
    _numbered(document.add_paragraph("đề nghị."), INDENT)
    document.add_paragraph("")                       # an empty paragraph: no line
    _numbered(document.add_paragraph("Sổ tay được nộp lại cuối năm."), CLAUSE)
    document.add_paragraph("Hiệu lực", style=article)
    document.add_paragraph("Quy định này có hiệu lực từ ngày ký.")

    signature = document.add_table(rows=1, cols=2)
    _cell_paragraphs(signature.cell(0, 0), ["Nơi nhận:", "- Báo cáo viên (minh họa),", "- Lưu."])
    _cell_paragraphs(signature.cell(0, 1), ["T/M BAN BIÊN TẬP", "TRƯỞNG BAN", "(đã ký)",
                                            "Phạm Thị Mẫu"])
    document.add_paragraph("PHỤ LỤC 1")
    document.add_paragraph("MẪU TRANG SỔ TAY (minh họa)")
    sheet = document.add_table(rows=2, cols=3)
    for row, cells in zip(sheet.rows, [["Ngày", "Tài liệu", "Số người nghe"],
                                       ["05/10/2024", "Quy định 09-QĐ/MH", "15"]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


EXPECTED_BODY = """\
BAN BIÊN TẬP REGINDEX
*
Số 09-QĐ/MH
VĂN BẢN MINH HỌA
Hà Nội, ngày 05 tháng 10 năm 2024
QUY ĐỊNH
về sổ tay báo cáo viên
(văn bản minh họa, không phải văn bản chính thức)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi
1. Sổ tay ghi các buổi giới thiệu tài liệu.
2. Mỗi báo cáo viên giữ một sổ tay.
Điều 2. Nội dung sổ tay
1. Mỗi trang sổ tay có:
a) Ngày giới thiệu;
b) Tên tài liệu được giới thiệu;
c) Ý kiến của người nghe, gồm:
- câu hỏi;
- đề nghị.
2. Sổ tay được nộp lại cuối năm.
Điều 3. Hiệu lực
Quy định này có hiệu lực từ ngày ký.
Nơi nhận:
- Báo cáo viên (minh họa),
- Lưu.
T/M BAN BIÊN TẬP
TRƯỞNG BAN
(đã ký)
Phạm Thị Mẫu
PHỤ LỤC 1
MẪU TRANG SỔ TAY (minh họa)
Ngày\tTài liệu\tSố người nghe
05/10/2024\tQuy định 09-QĐ/MH\t15
"""


def test_numbering_tables_and_legacy_fonts_become_the_official_layout(tmp_path):
    source = tmp_path / "quy-dinh.docx"
    source.write_bytes(official_docx())
    result = CliRunner().invoke(cli, ["import", "-d", str(tmp_path / "regulations"), str(source)])
    assert result.exit_code == 0, result.output
    document = read_document(tmp_path / "regulations" / "09-qd-mh-2024.md")
    assert document.text == EXPECTED_BODY
    assert [node.eid for node in document.elements()] == [
        "mo-dau", "chuong-i", "dieu-1", "dieu-1-khoan-1", "dieu-1-khoan-2",
        "dieu-2", "dieu-2-khoan-1", "dieu-2-khoan-1-diem-a", "dieu-2-khoan-1-diem-b",
        "dieu-2-khoan-1-diem-c", "dieu-2-khoan-1-diem-c-tiet-1", "dieu-2-khoan-1-diem-c-tiet-2",
        "dieu-2-khoan-2", "dieu-3", "phu-luc-1"]
    meta = document.meta
    assert (meta.number, meta.type, str(meta.issued)) == ("09-QĐ/MH", "Quy định", "2024-10-05")
    assert meta.signer == "Phạm Thị Mẫu (Trưởng ban)"
    assert meta.source["encoding"] == "tcvn3"        # the legacy-font runs were converted
    assert "1 chương, 3 điều, 4 khoản, 3 điểm, 2 tiết, 1 phụ lục" in result.output


def test_a_restarted_list_numbers_from_its_override(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LIST_DEFINITION))
    numbering.append(parse_xml(LIST))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    for text, num_id in [("Một", "90"), ("Hai", "90"), ("Năm", "91"), ("Sáu", "91")]:
        num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 1
        num_pr.get_or_add_numId().set(qn("w:val"), num_id)
    out = io.BytesIO()
    document.save(out)
    assert extract_docx(out.getvalue(), file="x.docx").text.split("\n") == [
        "1. Một", "2. Hai", "5. Năm", "6. Sáu"]


def test_word_97_and_damaged_files_are_clear_errors(tmp_path):
    old = tmp_path / "cu.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    damaged = tmp_path / "hong.docx"
    damaged.write_bytes(official_docx()[:3000])
    result = CliRunner().invoke(cli, ["import", "-d", str(tmp_path), str(old), str(damaged)])
    assert result.exit_code == 1
    assert "cu.docx: tệp .doc hỏng hoặc không phải tệp Word 97-2003" in result.output
    assert "lưu lại thành .docx" in result.output
    assert "hong.docx: tệp .docx hỏng" in result.output
    assert "Traceback" not in result.output
