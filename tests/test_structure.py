"""Layouts of real Party and state texts beyond the plain Quy định: an instrument issued
"kèm theo" a decision, Hướng dẫn with sentence-case Roman parts and sections restarting
in each part, a Mẫu holding a sample decision, a one-line signature, a text copied as one
paragraph. Fixtures are illustrative (tests/fixtures/structure/, written by the project);
the real files in ../shared/corpora/real/ are read where present and never committed."""

import json
import os
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex import read_document
from regindex.citations import find_citations, parse_citation
from regindex.cli import cli
from regindex.index.records import records
from regindex.library import Library
from regindex.parse import parse_body
from regindex.site.crossrefs import CrossReferences
from regindex.site.render import render_document
from regindex.vocabulary import KINDS

from .conftest import SHARED
from .test_golden_samples import GOLDEN, outline

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
REAL = SHARED / "corpora" / "real"


@pytest.mark.parametrize("name", ["05-qd-mh-2024", "06-hd-mh-2024", "07-hd-mh-2024"])
def test_fixture_tree_matches_golden(name):
    """Kinds, numbers, ids and citations of every element (regenerate with
    REGINDEX_UPDATE_GOLDEN=1 after an intended change and review the diff)."""
    expected = GOLDEN / f"structure-{name}.txt"
    actual = outline(sample(name))
    if os.environ.get("REGINDEX_UPDATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def sample(name):
    return read_document(FIXTURES / f"{name}.md")


def counts(root):
    return Counter(node.kind for node in root.walk())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The illustrative fixtures as a regulations folder."""
    target = tmp_path_factory.mktemp("structure")
    for path in FIXTURES.glob("*-mh-*.md"):
        shutil.copy(path, target)
    return target


@pytest.fixture(scope="module")
def library(folder):
    return Library.load(folder)


def targets(library, text):
    return [target for citation in parse_citation(text, library) for target in citation.targets]


@pytest.mark.parametrize("name", ["05-qd-mh-2024", "06-hd-mh-2024", "07-hd-mh-2024"])
def test_fixtures_round_trip_are_illustrative_and_have_unique_ids(name):
    document = sample(name)
    body = (FIXTURES / f"{name}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert document.text == body
    assert document.meta.illustrative
    ids = [node.eid for node in document.root.walk() if node.eid]
    assert len(ids) == len(set(ids))
    assert not [d for d in document.diagnostics if d.level == "error"]


# -- an attached Quy chế ---------------------------------------------------------------

def test_attached_quy_che_is_a_sub_document_with_its_own_structure():
    document = sample("05-qd-mh-2024")
    top = [node.kind for node in document.root.children]
    assert top == ["header", "article", "article", "article", "signature", "attachment"]
    attachment = document.get("quy-che")
    assert attachment.kind == "attachment" and attachment.label == "Quy chế"
    assert attachment.heading == "sử dụng phòng đọc tài liệu (văn bản minh họa)"
    inside = counts(attachment)
    assert (inside["chapter"], inside["article"], inside["clause"], inside["point"]) == (3, 8, 6, 3)
    assert [n.eid for n in attachment.walk() if n.kind == "article"] == \
        [f"quy-che-dieu-{n}" for n in range(1, 9)]
    assert document.get("dieu-3").parent is document.root       # the decision's own
    assert document.get("quy-che-dieu-3").text.startswith("Điều 3. Đăng ký đọc")
    assert document.get("quy-che-mo-dau").text.split("\n")[3] == "QUY CHẾ"


def test_the_decisions_signature_ends_where_the_quy_che_starts():
    document = sample("05-qd-mh-2024")
    [signature] = [n for n in document.root.walk() if n.kind == "signature"]
    assert signature.parent is document.root
    assert signature.text.rstrip().endswith("(Đã ký)\nNguyễn Văn Minh Họa")
    assert "Chương" not in signature.text and "QUY CHẾ" not in signature.text
    assert document.get("quy-che-mo-dau").text.startswith("ĐẢNG BỘ MINH HỌA\nBAN THƯỜNG VỤ\n*\n")


DECISION = """QUYẾT ĐỊNH
Điều 1. Ban hành Quy chế mẫu.
Điều 2. Có hiệu lực từ ngày ký.
T/M BAN THƯỜNG VỤ
BÍ THƯ
NGUYỄN VĂN MINH HỌA
BAN THƯỜNG VỤ
*
QUY CHẾ
mẫu (minh họa)
Chương I
CHUNG
Điều 1. Một.
Điều 2. Hai.
"""


def test_an_attachment_without_a_kem_theo_line_is_found_by_its_restarted_numbering():
    parse = parse_body(DECISION)
    root = parse.root
    assert [n.kind for n in root.children] == ["header", "article", "article", "signature",
                                               "attachment"]
    signature, attachment = root.children[3:]
    assert signature.text.endswith("BÍ THƯ\nNGUYỄN VĂN MINH HỌA\n")      # a name in capitals
    assert attachment.children[0].text.startswith("BAN THƯỜNG VỤ\n*\nQUY CHẾ\n")
    assert [n.eid for n in attachment.walk() if n.kind == "article"] == \
        ["quy-che-dieu-1", "quy-che-dieu-2"]
    assert parse.diagnostics == []
    assert root.full_text() == DECISION


@pytest.mark.parametrize("issued_with", [
    "(Ban hành kèm theo Quyết định số 09-QĐ/MH)", "(Ban hành theo Quyết định số 09-QĐ/MH)",
    "Kèm theo Quyết định số 09-QĐ/MH", "[Ban hành kèm theo Quyết định số 09-QĐ/MH]",
])
def test_the_kem_theo_line_in_its_usual_wordings(issued_with):
    text = (f"Điều 1. Ban hành Quy định mẫu.\nT/M BAN\nNguyễn Văn Minh Họa\n"
            f"QUY ĐỊNH\nvề việc minh họa\n{issued_with}\nĐiều 5. Năm.\n")
    root = parse_body(text).root
    assert [n.eid for n in root.children] == ["dieu-1", "ky-ban-hanh", "quy-dinh"]
    assert root.children[2].children[-1].eid == "quy-dinh-dieu-5"


def test_an_attachment_after_a_signing_title_without_t_m():
    text = ("Điều 1. Ban hành Quy chế mẫu.\nBÍ THƯ\n(Đã ký)\nNguyễn Văn Minh Họa\n\n"
            "QUY CHẾ\nmẫu (minh họa)\nChương I\nCHUNG\nĐiều 1. Một.\n")
    root = parse_body(text).root
    assert [n.kind for n in root.children] == ["article", "signature", "attachment"]
    assert root.children[1].text == "BÍ THƯ\n(Đã ký)\nNguyễn Văn Minh Họa\n\n"


def test_structure_after_a_signature_is_structure_again():
    root = parse_body("Điều 1. Một.\nT/M BAN\nNguyễn Văn Minh Họa\nĐiều 2. Hai.\n").root
    assert [n.kind for n in root.children] == ["article", "signature", "article"]
    assert root.children[1].text == "T/M BAN\nNguyễn Văn Minh Họa\n"


def test_a_signing_title_with_a_name_below_opens_the_signature():
    text = ("Điều 1. Luật này có hiệu lực từ ngày ký (minh họa).\n"
            "CHỦ TỊCH QUỐC HỘI MINH HỌA\n(Đã ký)\nLê Văn Minh Họa\n")
    root = parse_body(text).root
    assert [n.kind for n in root.children] == ["article", "signature"]
    assert root.children[1].text == "CHỦ TỊCH QUỐC HỘI MINH HỌA\n(Đã ký)\nLê Văn Minh Họa\n"
    heading = parse_body("Chương I\nTRƯỞNG BAN VÀ PHÓ TRƯỞNG BAN\nĐiều 1. Một.\n").root
    assert [n.kind for n in heading.children] == ["chapter"]


def test_attached_elements_cite_the_instrument_and_the_decision():
    document = sample("05-qd-mh-2024")
    assert document.citation(document.get("quy-che-dieu-5")) == \
        "Điều 5 Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH"
    assert document.citation(document.get("quy-che-dieu-3-khoan-2-diem-a")) == \
        "điểm a khoản 2 Điều 3 Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH"
    assert document.citation(document.get("quy-che")) == \
        "Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH"
    assert document.citation(document.get("dieu-3")) == "Điều 3 Quyết định số 05-QĐ/MH"


@pytest.mark.parametrize("text, eid", [
    ("Điều 5 Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH", "quy-che-dieu-5"),
    ("khoản 2 Điều 3 Quy chế kèm theo Quyết định 05-QĐ/MH", "quy-che-dieu-3-khoan-2"),
    ("Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH", "quy-che"),
    ("Điều 3 Quyết định số 05-QĐ/MH", "dieu-3"),
])
def test_typed_citations_of_an_attached_instrument_resolve(library, text, eid):
    [target] = targets(library, text)
    assert (target.resolved, target.exists, target.eid) == (True, True, eid)
    assert target.url == f"05-qd-mh-2024.html#{eid}"


def test_citations_of_an_absent_attached_element_say_why(library):
    [target] = targets(library, "Điều 9 Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH")
    assert not target.exists
    assert target.problem == "Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH không có Điều 9"
    [target] = targets(library, "Điều 2 Điều lệ ban hành kèm theo Quyết định số 05-QĐ/MH")
    assert not target.exists and "không có Điều lệ ban hành kèm theo" in target.problem


def test_running_text_inside_the_quy_che_cites_the_quy_che(library):
    document = library.by_slug("05-qd-mh-2024")

    def cited(eid):
        node = document.get(eid)
        return [(c.text, t.eid) for c in find_citations(node.text, library, document, node)
                for t in c.targets]

    assert cited("quy-che-dieu-4") == [("khoản 2 Điều 3 Quy chế này", "quy-che-dieu-3-khoan-2")]
    assert cited("quy-che-dieu-6") == [("Điều 3 và Điều 5", "quy-che-dieu-3"),
                                       ("Điều 3 và Điều 5", "quy-che-dieu-5")]
    assert ("Điều 5 Quy chế ban hành kèm theo Quyết định này", "quy-che-dieu-5") in cited("dieu-3")


def test_attached_elements_are_searched_and_shown(library):
    document = library.by_slug("05-qd-mh-2024")
    found = {record.eid: record for record in records(document)}
    assert "Chương II" in found["quy-che-dieu-3-khoan-1"].heading
    assert "quy-che-dieu-8" in found
    page = render_document(document, library, CrossReferences(library))
    assert 'id="quy-che-dieu-5"' in page.html and 'id="dieu-3"' in page.html
    assert "Điều 5 Quy chế ban hành kèm theo Quyết định số 05-QĐ/MH" in page.html
    assert any(entry["id"] == "quy-che" for entry in page.toc[-1]["children"])


def test_attachment_is_a_kind_of_the_vocabulary():
    assert KINDS["attachment"].addressable


# -- Hướng dẫn: sentence-case parts, sections restarting in each part --------------------

def test_sentence_case_roman_parts_scope_restarting_sections():
    document = sample("06-hd-mh-2024")
    parts = [n for n in document.root.children if n.kind == "part"]
    assert [p.num for p in parts] == ["I", "II", "III"]
    assert [n.eid for n in parts[1].walk() if n.kind == "section"] == [
        "phan-ii-muc-1", "phan-ii-muc-1-1", "phan-ii-muc-1-2", "phan-ii-muc-2", "phan-ii-muc-2-1"]
    assert document.citation(document.get("phan-ii-muc-1-2-diem-a")) == \
        "điểm a mục 1.2 Phần II Hướng dẫn số 06-HD/MH"
    assert not [d for d in document.diagnostics if "trùng" in d.message]


def test_a_one_line_k_t_signature_is_the_signature():
    document = sample("06-hd-mh-2024")
    last = document.root.children[-1]
    assert last.kind == "signature"
    assert last.text == "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN Trần Thị Minh Họa\n"


def test_sections_numbered_through_the_text_keep_unscoped_ids():
    text = "I. Về một\n1. Một\n1.1. Một một\nII. Về hai\n2. Hai\n2.1. Hai một\n"
    root = parse_body(text).root
    assert [n.eid for n in root.walk() if n.kind == "section"] == \
        ["muc-1", "muc-1-1", "muc-2", "muc-2-1"]
    assert [n.eid for n in root.children] == ["phan-i", "phan-ii"]


@pytest.mark.parametrize("first, second, eid", [
    ("Phần I", "Phần II", "phan-ii-muc-1-1"),
    ("PHẦN THỨ NHẤT", "PHẦN THỨ HAI", "phan-2-muc-1-1"),
    ("I- QUY ĐỊNH CHUNG", "II- TỔ CHỨC THỰC HIỆN", "phan-ii-muc-1-1"),
    ("I/ MỤC ĐÍCH", "II/ NỘI DUNG", "phan-ii-muc-1-1"),
    ("I. “Về” một", "II) Về hai", "phan-ii-muc-1-1"),
])
def test_every_part_layout_scopes_restarting_sections(first, second, eid):
    text = f"{first}\n1. Một\n1.1. Một một\n{second}\n1. Một\n1.1. Một một\n"
    parse = parse_body(text)
    assert [n.kind for n in parse.root.children] == ["part", "part"]
    assert parse.root.children[1].children[0].children[0].eid == eid
    assert [d for d in parse.diagnostics if d.level == "error"] == []


def test_sentence_case_roman_lines_are_parts_only_in_sequence_and_outside_articles():
    root = parse_body("Điều 1. Một\nI. Trong điều\n").root
    assert counts(root)["part"] == 0
    root = parse_body("1. Mục một\nII. Không theo thứ tự\n").root
    assert counts(root)["part"] == 0
    root = parse_body("I- QUY ĐỊNH CHUNG\nĐiều 1. Một\nII- TỔ CHỨC\nĐiều 2. Hai\n").root
    assert [n.num for n in root.children] == ["I", "II"]


def test_part_scoped_citation_resolves_and_a_bare_one_is_ambiguous(library):
    [target] = targets(library, "mục 1.1 Phần II Hướng dẫn số 06-HD/MH")
    assert (target.resolved, target.exists, target.eid) == (True, True, "phan-ii-muc-1-1")
    [target] = targets(library, "mục 1.1 Hướng dẫn số 06-HD/MH")
    assert target.ambiguous and not target.resolved and target.url is None
    assert target.candidates == ("phan-i-muc-1-1", "phan-ii-muc-1-1")
    assert "mục 1.1 Phần I" in target.problem and "mục 1.1 Phần II" in target.problem


def test_ambiguous_citation_in_running_text_is_not_linked(library):
    document = library.by_slug("06-hd-mh-2024")
    node = document.get("phan-iii-muc-1")
    found = {c.text: c for c in find_citations(node.text, library, document, node)}
    assert found["mục 1.1"].targets[0].candidates == ("phan-i-muc-1-1", "phan-ii-muc-1-1")
    assert found["mục 2.1 Phần II"].targets[0].eid == "phan-ii-muc-2-1"
    page = render_document(document, library, CrossReferences(library)).html
    assert 'rx-ref--unresolved" title="“mục 1.1 Hướng dẫn số 06-HD/MH” ứng với 2' in page


def test_cite_reports_an_ambiguous_citation_with_its_candidates(folder):
    result = CliRunner().invoke(cli, ["cite", "-d", str(folder), "--json",
                                      "mục 1.1 Hướng dẫn số 06-HD/MH"])
    [record] = json.loads(result.output)
    assert record["candidates"] == ["phan-i-muc-1-1", "phan-ii-muc-1-1"]
    assert record["resolved"] is False and record["url"] is None


def test_cite_lists_the_candidates_of_an_ambiguous_citation(folder):
    result = CliRunner().invoke(cli, ["cite", "-d", str(folder), "mục 1.1 Hướng dẫn số 06-HD/MH"])
    assert "không xác định được" in result.output
    assert "- mục 1.1 Phần II Hướng dẫn số 06-HD/MH: 06-hd-mh-2024.html#phan-ii-muc-1-1" \
        in result.output


def test_link_reports_an_ambiguous_citation_and_links_an_attached_article(folder, tmp_path):
    briefing = tmp_path / "bai.txt"
    briefing.write_text("Xem mục 1.1 Hướng dẫn số 06-HD/MH và Điều 5 Quy chế ban hành kèm "
                        "theo Quyết định số 05-QĐ/MH.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["link", str(briefing), "-d", str(folder), "--json"])
    ambiguous, attached = json.loads(result.output)["citations"]
    assert ambiguous["flags"] == ["unresolved"] and "ứng với 2 phần tử" in ambiguous["problem"]
    assert attached["url"] == "05-qd-mh-2024.html#quy-che-dieu-5"
    linked = (tmp_path / "bai.linked.txt").read_text(encoding="utf-8")
    assert "06-hd-mh-2024.html" not in linked
    assert "<05-qd-mh-2024.html#quy-che-dieu-5>" in linked


def test_check_reports_no_duplicate_for_official_numbering(folder):
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert "trùng" not in result.output, result.output
    assert result.exit_code == 0, result.output


def test_check_still_reports_a_number_repeated_in_one_scope():
    parse = parse_body("I. Về một\n1. Một\n1. Lặp lại\nII. Về hai\n1. Hai\n")
    assert [d.message for d in parse.diagnostics if "trùng" in d.message] == \
        ["trùng mục 1 (mã phan-i-muc-1)"]
    # the official text is published as issued: a repeated number never blocks the build
    assert all(d.level == "warning" for d in parse.diagnostics)


# -- a Mẫu holding a sample decision --------------------------------------------------

def test_a_sample_decision_in_a_form_stays_in_the_form():
    document = sample("07-hd-mh-2024")
    assert [n.kind for n in document.root.children] == \
        ["header", "section", "section", "section", "signature", "form"]
    assert counts(document.root)["article"] == 0
    assert counts(document.root)["signature"] == 1
    form = document.get("mau-01")
    assert "Điều 3. Quyết định này" in form.full_text()
    assert form.full_text().rstrip().endswith("T/M CHI ỦY\nBÍ THƯ\nNguyễn Văn A")
    [signature] = [n for n in document.root.walk() if n.kind == "signature"]
    assert "Nguyễn Văn A" not in signature.text and "Lê Văn Minh Họa" in signature.text


@pytest.mark.parametrize("heading, eid", [
    ("MẪU SỐ 02", "mau-02"), ("Mẫu 02/HD", "mau-02"), ("Mẫu số 02-KĐ", "mau-02"),
    ("PHỤ LỤC SỐ 2", "phu-luc-2"), ("Phụ lục số 2", "phu-luc-2"), ("PHỤ LỤC II", "phu-luc-ii"),
])
def test_form_and_appendix_headings_as_written_keep_their_content(heading, eid):
    text = f"1. Một.\nT/M BAN\nNguyễn Văn Minh Họa\n{heading}\nĐiều 1. Mẫu.\nT/M CHI BỘ\nNguyễn Văn A\n"
    root = parse_body(text).root
    assert [n.eid for n in root.children] == ["muc-1", "ky-ban-hanh", eid]
    assert root.children[2].full_text().endswith("Điều 1. Mẫu.\nT/M CHI BỘ\nNguyễn Văn A\n")


# -- real files (../shared/corpora/real, present in CI) --------------------------------

def real_text(name):
    path = REAL / name
    if not path.exists():
        pytest.skip("../shared/corpora/real is absent (it is present in CI)")
    return path


@pytest.mark.parametrize("name", ["383-QD-TW-2025.txt", "383-QD-TW-2025.cells.txt"])
def test_real_quy_dinh_383_with_roman_parts(name):
    text = unicodedata.normalize("NFC", real_text(name).read_text(encoding="utf-8"))
    parse = parse_body(text)
    found = counts(parse.root)
    assert (found["part"], found["article"], found["clause"], found["point"]) == (4, 23, 94, 36)
    assert parse.root.full_text() == text
    assert not [d for d in parse.diagnostics if d.level == "error"]
    [signature] = [n for n in parse.root.walk() if n.kind == "signature"]
    assert "Trần Cẩm Tú" in signature.text


@pytest.mark.parametrize("name, expected", [
    ("383-QD-TW-2025.html", {"part": 4, "article": 23, "clause": 94, "point": 36}),
    ("384-QD-TW-2025.html", {"chapter": 3, "article": 20, "clause": 65, "point": 33,
                             "appendix": 1}),
])
def test_real_saved_pages(name, expected):
    from regindex.importer.html import extract_html
    text = extract_html(real_text(name).read_bytes(), file=name).text
    parse = parse_body(text)
    found = counts(parse.root)
    assert {kind: found[kind] for kind in expected} == expected
    assert parse.root.full_text() == text
    [signature] = [n for n in parse.root.walk() if n.kind == "signature"]
    assert "Trần Cẩm Tú" in signature.text


def test_real_dieu_le_copied_as_one_paragraph():
    text = unicodedata.normalize("NFC", real_text("DieuLe-Dang-2011.txt").read_text(encoding="utf-8"))
    parse = parse_body(text)
    found = counts(parse.root)
    assert (found["chapter"], found["article"], found["clause"]) == (12, 48, 156)
    assert parse.root.full_text() == text
    articles = [n for n in parse.root.walk() if n.kind == "article"]
    assert [n.num for n in articles] == [str(n) for n in range(1, 49)]
    assert not [d for d in parse.diagnostics if d.level == "error"]


@pytest.mark.parametrize("name, expected, signature", [
    ("ND-26-2026.docx", {"chapter": 5, "division": 6, "article": 31, "clause": 203, "point": 267},
     "PHÓ THỦ TƯỚNG\nBùi Thanh Sơn"),
    ("Luat-69-2025-QH15.docx", {"article": 48}, "CHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn"),
])
def test_real_word_files_structure_and_signature(name, expected, signature):
    from regindex.importer.docx import extract_docx
    text = extract_docx(real_text(name).read_bytes(), file=name).text
    parse = parse_body(text)
    found = counts(parse.root)
    assert {kind: found[kind] for kind in expected} == expected
    [signed] = [n for n in parse.root.children if n.kind == "signature"]
    assert signed.text.rstrip().endswith(signature)
    assert parse.root.full_text() == text
