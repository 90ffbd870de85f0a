"""Citations: the forms Vietnamese texts use, found, read and resolved — never guessed.

The table holds real-world citation forms, resolved against the shipped `regulations/`
(real documents are metadata only; the `minh-hoa/` samples have illustrative bodies).
Running-text snippets below are written for these tests and are illustrative.
"""

import json
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from regindex import Library, parse_source
from regindex.citations import find_citations, parse_citation
from regindex.cli import cli

from .conftest import REGULATIONS


def ok(number, eid=None):
    """The document is identified and the element is in the knowledge base."""
    return (number, eid, True, True)


def absent(number, eid):
    """The document is identified; the element is not in the knowledge base."""
    return (number, eid, True, False)


def unresolved(number=None, eid=None):
    return (number, eid, False, False)


Q01, H01 = "01-QĐ/MH", "01-HD/MH"

TABLE = [
    # a document by number, with and without "số", with its date
    ("Quy định số 124-QĐ/TW", [ok("124-QĐ/TW")]),
    ("Quy định 124-QĐ/TW", [ok("124-QĐ/TW")]),
    ("124-QĐ/TW", [ok("124-QĐ/TW")]),
    ("số 124-QĐ/TW", [ok("124-QĐ/TW")]),
    ("Quy định số 124-QĐ/TW, ngày 04/10/2023", [ok("124-QĐ/TW")]),
    ("Quy định số 124-QĐ/TW ngày 04 tháng 10 năm 2023", [ok("124-QĐ/TW")]),
    ("Quy định số 01-QĐ/MH năm 2024", [ok(Q01)]),
    ("quy định 124-qđ/tw", [ok("124-QĐ/TW")]),
    ("Quy định 124", [ok("124-QĐ/TW")]),
    ("Hướng dẫn số 25-HD/BTCTW, ngày 10/11/2023", [ok("25-HD/BTCTW")]),
    ("Hướng dẫn 25-HD/BTCTW", [ok("25-HD/BTCTW")]),
    ("Hướng dẫn số 43-HD/BTCTW", [ok("43-HD/BTCTW")]),
    ("Hướng dẫn 16-HD/BTCTW", [ok("16-HD/BTCTW")]),
    ("Quy định số 132-QĐ/TW", [ok("132-QĐ/TW")]),
    ("Quy định 366-QĐ/TW", [ok("366-QĐ/TW")]),
    ("Quy định số 125-QĐ/TW", [ok("125-QĐ/TW")]),
    ("Quy định 138-QĐ/TW", [ok("138-QĐ/TW")]),
    # numbers reused across terms: the date decides, a date that matches nothing does not
    ("Quy định số 97-QĐ/TW", [ok("97-QĐ/TW")]),
    ("Quy định số 97-QĐ/TW, ngày 22/3/2004", [ok("97-QĐ/TW")]),
    ("Quy định số 97-QĐ/TW, ngày 07/02/2023", [unresolved("97-QĐ/TW")]),
    ("Hướng dẫn số 25-HD/BTCTW ngày 10/11/2024", [unresolved("25-HD/BTCTW")]),
    ("Quy định số 124-QĐ/TW, ngày 31/02/2023", [unresolved("124-QĐ/TW")]),
    # elements of a metadata-only document: identified, not yet in the knowledge base
    ("Điều 12 Quy định 124-QĐ/TW", [absent("124-QĐ/TW", "dieu-12")]),
    ("khoản 2 Điều 12 của Quy định số 124-QĐ/TW", [absent("124-QĐ/TW", "dieu-12-khoan-2")]),
    ("điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW",
     [absent("124-QĐ/TW", "dieu-12-khoan-2-diem-a")]),
    ("Điều 12 Quy định 124", [absent("124-QĐ/TW", "dieu-12")]),
    # elements of a document with a body
    ("Điều 3 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-3")]),
    ("khoản 2 Điều 4 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-4-khoan-2")]),
    ("điểm a khoản 2 Điều 4 Quy định 01-QĐ/MH", [ok(Q01, "dieu-4-khoan-2-diem-a")]),
    ("điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-7-khoan-1-diem-dd")]),
    ("Chương II Quy định số 01-QĐ/MH", [ok(Q01, "chuong-ii")]),
    ("Phần II Quy định số 02-QĐ/MH", [ok("02-QĐ/MH", "phan-ii")]),
    ("điểm c khoản 2 Điều 4 Quy định số 02-QĐ/MH", [ok("02-QĐ/MH", "dieu-4-khoan-2-diem-c")]),
    ("khoản 2, Điều 4, Quy định số 01-QĐ/MH", [ok(Q01, "dieu-4-khoan-2")]),   # as often typed
    ("Điều 99 Quy định số 01-QĐ/MH", [absent(Q01, "dieu-99")]),
    # lists and ranges
    ("Điều 5, Điều 6 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-5"), ok(Q01, "dieu-6")]),
    ("Điều 5 và Điều 6 Quy định 01-QĐ/MH", [ok(Q01, "dieu-5"), ok(Q01, "dieu-6")]),
    ("Điều 4, 5 Quy định số 02-QĐ/MH", [ok("02-QĐ/MH", "dieu-4"), ok("02-QĐ/MH", "dieu-5")]),
    ("các Điều 5 và 6 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-5"), ok(Q01, "dieu-6")]),
    ("khoản 1, 2 Điều 6 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-6-khoan-1"), ok(Q01, "dieu-6-khoan-2")]),
    ("khoản 1 và khoản 2 Điều 3 Quy định số 01-QĐ/MH",
     [ok(Q01, "dieu-3-khoan-1"), ok(Q01, "dieu-3-khoan-2")]),
    ("điểm a, b và c khoản 1 Điều 7 Quy định số 01-QĐ/MH",
     [ok(Q01, f"dieu-7-khoan-1-diem-{p}") for p in "abc"]),
    ("điểm a, điểm d Điều 8 Quy định số 01-QĐ/MH", [ok(Q01, "dieu-8-diem-a"), ok(Q01, "dieu-8-diem-d")]),
    ("điểm a khoản 2 Điều 4 và khoản 1 Điều 6 Quy định số 01-QĐ/MH",
     [ok(Q01, "dieu-4-khoan-2-diem-a"), ok(Q01, "dieu-6-khoan-1")]),
    ("từ Điều 2 đến Điều 4 Quy định số 01-QĐ/MH", [ok(Q01, f"dieu-{n}") for n in (2, 3, 4)]),
    ("từ khoản 1 đến khoản 3 Điều 4 Quy định số 01-QĐ/MH",
     [ok(Q01, f"dieu-4-khoan-{n}") for n in (1, 2, 3)]),
    ("từ điểm a đến điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH",
     [ok(Q01, f"dieu-7-khoan-1-diem-{p}") for p in ("a", "b", "c", "d", "dd")]),
    # guidance sections, appendices and forms
    ("mục 1.2 Hướng dẫn số 01-HD/MH", [ok(H01, "muc-1-2")]),
    ("mục 1.2.1 Hướng dẫn số 01-HD/MH", [ok(H01, "muc-1-2-1")]),
    ("điểm đ mục 2.1 Hướng dẫn số 01-HD/MH", [ok(H01, "muc-2-1-diem-dd")]),
    ("Phụ lục 1 kèm theo Hướng dẫn số 01-HD/MH", [ok(H01, "phu-luc-1")]),
    ("mục 2 Phụ lục 1 Hướng dẫn số 01-HD/MH", [ok(H01, "phu-luc-1-muc-2")]),
    ("Mẫu 01 kèm theo Hướng dẫn số 01-HD/MH", [ok(H01, "mau-01")]),
    ("Mẫu số 01 ban hành kèm theo Hướng dẫn số 01-HD/MH, ngày 01/4/2024", [ok(H01, "mau-01")]),
    # what cannot be identified is reported, never guessed
    ("Quy định số 999-QĐ/TW", [unresolved("999-QĐ/TW")]),
    ("Điều 5 Quyết định số 99-QĐ/TW", [unresolved("99-QĐ/TW", "dieu-5")]),
    ("Điều 8 Điều lệ Đảng", [unresolved(None, "dieu-8")]),
    ("Điều 12", [unresolved(None, "dieu-12")]),
    ("Quy định này", [unresolved()]),
]


def observed(targets):
    return [(t["number"], t["eid"], t["resolved"], t["exists"]) for t in targets]


@pytest.fixture(scope="module")
def library():
    return Library.load(REGULATIONS)


def test_the_table_covers_forty_forms():
    assert len(TABLE) >= 40
    assert len({text for text, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize("text,expected", TABLE, ids=[text for text, _ in TABLE])
def test_typed_citation_resolves_to_its_targets(library, text, expected):
    citations = parse_citation(text, library)
    assert [c.text for c in citations] == [text]          # the whole string is one citation
    assert observed([t.record() for t in citations[0].targets]) == expected
    if not all(resolved for _, _, resolved, _ in expected):
        assert citations[0].problem                        # says why


@pytest.mark.parametrize("text,expected", TABLE, ids=[text for text, _ in TABLE])
def test_cite_command_json_gives_the_same_targets(text, expected):
    result = CliRunner().invoke(cli, ["cite", "-d", str(REGULATIONS), "--json", text])
    assert result.exit_code == 0, result.output
    assert observed(json.loads(result.output)) == expected


def test_target_carries_url_canonical_citation_and_status(library):
    [citation] = parse_citation("điểm a khoản 2 Điều 12 của Quy định 124-QĐ/TW", library)
    [target] = citation.targets
    assert target.citation == "điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW"
    assert target.url == "124-qd-tw-2023.html#dieu-12-khoan-2-diem-a"   # stable before import
    assert target.status == "expired" and str(target.issued) == "2023-10-04"
    assert target.document.slug == "124-qd-tw-2023"

    [citation] = parse_citation("Mẫu số 01 kèm theo Hướng dẫn số 01-HD/MH", library)
    assert citation.targets[0].citation == "Mẫu 01 Hướng dẫn số 01-HD/MH"
    assert citation.targets[0].url == "01-hd-mh-2024.html#mau-01"


def test_missing_element_of_a_document_with_body_says_why(library):
    [citation] = parse_citation("khoản 9 Điều 5 Quy định số 01-QĐ/MH", library)
    [target] = citation.targets
    assert (target.resolved, target.exists, target.url) == (True, False, None)
    assert target.citation == "khoản 9 Điều 5 Quy định số 01-QĐ/MH"
    assert "không có khoản 9 Điều 5" in citation.problem


def test_unresolved_citations_give_a_vietnamese_reason(library):
    reasons = {text: parse_citation(text, library)[0].problem for text in (
        "Quy định số 999-QĐ/TW", "Quy định số 97-QĐ/TW, ngày 07/02/2023",
        "Điều 8 Điều lệ Đảng", "Điều 12", "Quy định số 124-QĐ/TW, ngày 31/02/2023")}
    assert "chưa có trong kho" in reasons["Quy định số 999-QĐ/TW"]
    assert "22/03/2004" in reasons["Quy định số 97-QĐ/TW, ngày 07/02/2023"]   # what the library has
    assert "Điều lệ Đảng" in reasons["Điều 8 Điều lệ Đảng"]
    assert "ghi thêm số hiệu" in reasons["Điều 12"]
    assert "không có thật" in reasons["Quy định số 124-QĐ/TW, ngày 31/02/2023"]


# -- running text, read in the context of a document and element -------------------------

@pytest.fixture(scope="module")
def regulation(library):
    return library.lookup("01-qd-mh-2024")


@pytest.fixture(scope="module")
def guidance(library):
    return library.lookup("01-hd-mh-2024")


def found(text, library, current=None, node=None):
    return [(c.text, [(t.number, t.eid, t.resolved, t.exists) for t in c.targets])
            for c in find_citations(text, library, current, node)]


RUNNING = [
    ("theo khoản 2 Điều này", [("khoản 2 Điều này", [ok(Q01, "dieu-7-khoan-2")])]),
    ("quy định tại Điều này", [("Điều này", [ok(Q01, "dieu-7")])]),
    ("các điểm b, c khoản này", [("các điểm b, c khoản này",
                                  [ok(Q01, "dieu-7-khoan-1-diem-b"), ok(Q01, "dieu-7-khoan-1-diem-c")])]),
    ("trừ trường hợp tại điểm đ", [("điểm đ", [ok(Q01, "dieu-7-khoan-1-diem-dd")])]),
    ("các Điều trong Chương này", [("Chương này", [ok(Q01, "chuong-ii")])]),
    ("Quy định này áp dụng", [("Quy định này", [ok(Q01)])]),
    ("như Điều 3 Quy định này", [("Điều 3 Quy định này", [ok(Q01, "dieu-3")])]),
    ("theo Điều 3", [("Điều 3", [ok(Q01, "dieu-3")])]),
    ("Điều 8 Điều lệ Đảng", [("Điều 8 Điều lệ Đảng", [unresolved(None, "dieu-8")])]),
    ("mức khoản 2 triệu đồng trong 3 năm", []),
]


@pytest.mark.parametrize("text,expected", RUNNING, ids=[text for text, _ in RUNNING])
def test_running_text_reads_self_references_against_the_element(library, regulation, text, expected):
    clause = regulation.get("dieu-7-khoan-1")
    assert found(text, library, regulation, clause) == expected


def test_guidance_bare_article_means_the_regulation_it_guides(library, guidance):
    section = guidance.get("muc-4-2")
    text = "Theo điểm đ khoản 1 Điều 7; xem mục 2.1 và Phụ lục 1 kèm theo Hướng dẫn này."
    assert found(text, library, guidance, section) == [
        ("điểm đ khoản 1 Điều 7", [ok(Q01, "dieu-7-khoan-1-diem-dd")]),
        ("mục 2.1 và Phụ lục 1 kèm theo Hướng dẫn này", [ok(H01, "muc-2-1"), ok(H01, "phu-luc-1")]),
    ]


def test_spans_point_into_the_text_and_headings_are_not_citations(library, regulation):
    article = regulation.get("dieu-5")
    text = article.full_text()
    citations = find_citations(text, library, regulation, article)
    assert citations and all(text[c.start:c.end] == c.text for c in citations)
    assert not any(c.start == 0 for c in citations)      # "Điều 5." is the heading itself
    header = regulation.get("mo-dau").text
    assert [c.text for c in find_citations(header, library, regulation)] == [
        "Quy định số 124-QĐ/TW, ngày 04/10/2023"]         # not its own "Số 01-QĐ/MH" line


def test_every_cross_reference_in_the_samples_resolves(library):
    seen = 0
    for document in library.documents:
        for node in document.root.walk():
            for citation in find_citations(node.text, library, document, node):
                seen += 1
                assert citation.resolved, (document.number, node.eid, citation.text, citation.problem)
                for target in citation.targets:
                    assert target.exists or not target.document.has_body, (citation.text, target)
    assert seen >= 50


# -- libraries that hold a number twice, and guidance of several regulations --------------

def write(folder, name, front, body=""):
    (folder / name).write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n{body}", encoding="utf-8")


@pytest.fixture
def reused(tmp_path):
    """Two illustrative regulations sharing one number, and a guidance of both."""
    body = "Điều 1. Phạm vi (minh họa)\n1. Nội dung minh họa.\n"
    write(tmp_path, "05-qd-mh-2019.md", "number: 05-QĐ/MH\ntype: Quy định\nissued: 2019-01-02", body)
    write(tmp_path, "05-qd-mh-2024.md", "number: 05-QĐ/MH\ntype: Quy định\nissued: 2024-02-03", body)
    write(tmp_path, "07-hd-mh-2024.md", """
        number: 07-HD/MH
        type: Hướng dẫn
        issued: 2024-03-04
        guides:
          - {number: 05-QĐ/MH, issued: 2019-01-02}
          - {number: 05-QĐ/MH, issued: 2024-02-03}
        """, "1. Hướng dẫn minh họa.\n")
    return Library.load(tmp_path)


def test_a_reused_number_needs_its_date(reused):
    [bare] = parse_citation("khoản 1 Điều 1 Quy định số 05-QĐ/MH", reused)
    assert not bare.resolved and "nhiều văn bản" in bare.problem
    assert "02/01/2019" in bare.problem and "03/02/2024" in bare.problem
    [dated] = parse_citation("khoản 1 Điều 1 Quy định số 05-QĐ/MH, ngày 03/02/2024", reused)
    assert dated.resolved and dated.targets[0].url == "05-qd-mh-2024.html#dieu-1-khoan-1"
    [by_year] = parse_citation("Quy định 05-QĐ/MH năm 2019", reused)
    assert by_year.targets[0].url == "05-qd-mh-2019.html"
    [wrong] = parse_citation("Quy định số 05-QĐ/MH, ngày 01/01/2020", reused)
    assert not wrong.resolved


def test_guidance_of_several_regulations_does_not_guess(reused):
    guidance = reused.lookup("07-HD/MH")
    [citation] = find_citations("theo Điều 1", reused, guidance, guidance.get("muc-1"))
    assert not citation.resolved and "2 văn bản" in citation.problem


# -- the command ------------------------------------------------------------------------

def cite(*args):
    return CliRunner().invoke(cli, ["cite", "-d", str(REGULATIONS), *args])


def test_cite_prints_url_citation_status_and_text():
    result = cite("điểm", "đ", "khoản", "1", "Điều", "7", "Quy", "định", "01-QĐ/MH")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH"
    assert lines[1].strip() == "01-qd-mh-2024.html#dieu-7-khoan-1-diem-dd"
    assert "minh họa" in result.output and "đ) " in result.output


def test_cite_of_an_expired_document_names_its_successor():
    result = cite("khoản 2 Điều 12 Quy định số 124-QĐ/TW")
    assert result.exit_code == 0, result.output
    assert "124-qd-tw-2023.html#dieu-12-khoan-2" in result.output
    assert "Hết hiệu lực từ ngày 30/08/2025" in result.output
    assert "Quy định số 366-QĐ/TW (366-qd-tw-2025.html)" in result.output
    assert "regindex import" in result.output


def test_cite_json_fields():
    [record] = json.loads(cite("--json", "Hướng dẫn số 25-HD/BTCTW, ngày 10/11/2023").output)
    assert record == {
        "number": "25-HD/BTCTW", "issued": "2023-11-10", "eid": None,
        "url": "25-hd-btctw-2023.html", "status": "expired", "resolved": True, "exists": True,
        "citation": "Hướng dẫn số 25-HD/BTCTW", "problem": None, "candidates": [],
        "text": None}


def test_cite_reports_unknown_documents_and_rejects_non_citations():
    unknown = cite("Điều 5 Quy định số 999-QĐ/TW")
    assert unknown.exit_code == 0
    assert "không xác định được" in unknown.output and "999-QĐ/TW" in unknown.output
    nothing = cite("xếp loại đảng viên")
    assert nothing.exit_code == 1
    assert "lỗi: không nhận ra trích dẫn nào" in nothing.output and "Traceback" not in nothing.output


# -- robustness and real statute text ----------------------------------------------------

WORDS = st.sampled_from(["Điều", "khoản", "điểm", "mục", "Chương", "Phụ lục", "Mẫu", "này",
                         "Quy định", "Hướng dẫn", "số", "từ", "đến", "các", "và", ",", "của",
                         "ngày", "1", "12", "đ", "a", "II", "1.2", "124-QĐ/TW", "01-HD/MH",
                         "31/02/2023", "04/10/2023", "\n", "năm", "tháng", "99999"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=25))
def test_random_text_never_crashes_the_finder(library, words):
    text = " ".join(words)
    for citation in find_citations(text, library) + parse_citation(text, library):
        assert citation.targets
        assert citation.text.strip() == citation.text


def test_statute_self_references_resolve_in_a_real_law(alqac_laws):
    law = alqac_laws[0]
    body = "".join(f"Điều {a['id']}. {a['text']}\n" for a in law["articles"])
    document = parse_source(f"---\nnumber: 1/2000/QH10\ntype: Luật\nissued: 2000-01-01\n---\n{body}")
    library = Library(REGULATIONS, [document])
    citations = [c for node in document.root.walk()
                 for c in find_citations(node.text, library, document, node)]
    internal = [c for c in citations if "này" in c.text]
    assert len(internal) > 20
    assert all(c.resolved for c in internal), [(c.text, c.problem) for c in internal if not c.resolved]
    missing = [(c.text, t.eid) for c in internal for t in c.targets if not t.exists]
    assert missing == []


def test_a_briefing_self_reference_is_not_a_citation():
    """In a briefing (no current document) "các văn bản này" means the texts at hand."""
    library = Library.load(REGULATIONS)
    found = find_citations("Quán triệt các văn bản này và Quy định số 125-QĐ/TW.", library)
    assert [citation.text for citation in found] == ["Quy định số 125-QĐ/TW"]
