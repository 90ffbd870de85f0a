"""The Whoosh index and `regindex search`: finding the intended clause with or without
diacritics, phrases, filters, expired documents, malformed queries, incremental and
atomic builds, and the `index` and `search` commands.

The folders written here hold the project's own illustrative texts."""

import json
import shutil

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.errors import RegindexError
from regindex.index import SearchIndex, Searcher, folder_sources, parse_query
from regindex.index import build as build_module
from regindex.index.store import FORMAT
from regindex.normalise import fold_diacritics

from .conftest import REGULATIONS, ROOT

FRONT = """---
number: {number}
type: Quy định
title: {title} (văn bản minh họa)
issuer: Ban Biên tập regindex (minh họa)
issued: {issued}
status: {status}
{relations}illustrative: true
---
"""

OLD_RULES = FRONT.format(
    number="05-QĐ/MH", title="về giữ gìn sổ sách của chi bộ", issued="2020-01-15",
    status="expired", relations="expired_on: 2024-06-01\nreplaced_by:\n"
    "  - {number: 06-QĐ/MH, issued: 2024-06-01}\n") + """Điều 1. Sổ ghi chép
1. Chi bộ giữ sổ ghi chép sinh hoạt bằng giấy, cất trong tủ có khóa.
2. Bí thư chi bộ ký xác nhận sổ vào cuối mỗi quý.
Điều 2. Bàn giao sổ
Khi thay đổi bí thư, sổ được bàn giao có biên bản.
"""

NEW_RULES = FRONT.format(
    number="06-QĐ/MH", title="về sổ ghi chép điện tử của chi bộ", issued="2024-06-01",
    status="in-force", relations="replaces:\n  - {number: 05-QĐ/MH, issued: 2020-01-15}\n"
) + """Điều 1. Sổ ghi chép điện tử
1. Chi bộ giữ sổ ghi chép sinh hoạt trên máy tính và sao lưu mỗi tháng.
2. Bí thư chi bộ ký số xác nhận sổ vào cuối mỗi quý.
Điều 2. Bán thanh lý máy cũ
Máy tính cũ của chi bộ được bán thanh lý sau khi xóa dữ liệu.
"""


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """A searcher over the shipped regulations, indexed in a temporary folder."""
    index = SearchIndex(tmp_path_factory.mktemp("shipped") / "index")
    index.sync(folder_sources(REGULATIONS))
    with Searcher(index) as searcher:
        yield searcher


@pytest.fixture()
def folder(tmp_path):
    """A small folder of two illustrative documents, the first replaced by the second."""
    regulations = tmp_path / "regulations"
    regulations.mkdir()
    (regulations / "05-qd-mh-2020.md").write_text(OLD_RULES, encoding="utf-8")
    (regulations / "06-qd-mh-2024.md").write_text(NEW_RULES, encoding="utf-8")
    return regulations


def search(*args):
    return CliRunner().invoke(cli, ["search", *args])


@pytest.mark.parametrize("query", [
    "sao lưu kho tài liệu ra thiết bị USB", "sao luu kho tai lieu ra thiet bi usb",
    "SAO LƯU KHO TÀI LIỆU RA THIẾT BỊ USB", "sao lưu kho tài liệu ra thiết bị USB mỗi quý",
])
def test_finds_the_intended_point_with_or_without_diacritics(shipped, query):
    hits = shipped.search(query, limit=3)
    # 05-QĐ/MH, which replaced 01-QĐ/MH, words this point as its khoản 1 Điều 4.
    assert (hits[0].slug, hits[0].eid) in {("01-qd-mh-2024", "dieu-4-khoan-2-diem-a"),
                                           ("05-qd-mh-2025", "dieu-4-khoan-1")}
    point = next(hit for hit in hits if hit.slug == "01-qd-mh-2024")   # expired: yields
    assert point.eid == "dieu-4-khoan-2-diem-a"
    assert point.citation == "điểm a khoản 2 Điều 4 Quy định số 01-QĐ/MH"
    assert point.url == "01-qd-mh-2024.html#dieu-4-khoan-2-diem-a"


def test_unaccented_query_ranks_like_the_accented_one(shipped):
    accented = [(h.slug, h.eid) for h in shipped.search("bản sao ngoại tuyến", limit=5)]
    plain = [(h.slug, h.eid) for h in shipped.search("ban sao ngoai tuyen", limit=5)]
    # 01-QĐ/MH and its successor 05-QĐ/MH share clauses word for word: near ties.
    assert accented[:2] == plain[:2] and set(accented[:4]) == set(plain[:4])


def test_exact_diacritics_rank_higher(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    with Searcher(index) as searcher:
        assert searcher.search("bàn giao", limit=1)[0].eid == "dieu-2"
        assert searcher.search("bàn giao", limit=1)[0].slug == "05-qd-mh-2020"
        assert searcher.search("bán thanh lý", limit=1)[0].slug == "06-qd-mh-2024"
        both = {hit.slug for hit in searcher.search("ban", limit=10)}
        assert both == {"05-qd-mh-2020", "06-qd-mh-2024"}        # folded finds both
        assert {hit.slug for hit in searcher.search("bán", limit=10)} == {"06-qd-mh-2024"}


@pytest.mark.parametrize("query, text, marked", [
    ("xếp loại cán bộ 2025", "Căn cứ khoản 2 Điều 4, xếp loại cán bộ năm 2025 hơn",
     ["xếp", "loại", "cán", "bộ", "2025"]),
    ("xep loai can bo 2 dieu", "Căn cứ khoản 2 Điều 4, xếp loại cán bộ năm 2025 hơn",
     ["Căn", "xếp", "loại", "cán", "bộ"]),
    ("hôn nhân khoản 2 Điều 4", "Căn cứ khoản 2 Điều 4, hôn nhân và hơn nữa, khoản 3",
     ["khoản", "2", "Điều", "4", "hôn", "nhân"]),
])
def test_marks_follow_what_the_search_matched(query, text, marked):
    """Accented syllables mark only themselves; "khoản", "Điều" and small numbers only
    within a citation the query has. The browser marks the same (tests/js)."""
    from regindex.analysis import analyse_query
    from regindex.index.snippet import marks
    terms = analyse_query(query, lambda folded: folded in {"xep loai", "can bo", "hon nhan"})
    assert [text[a:b] for a, b in marks(text, terms)] == marked


def test_an_accented_word_never_finds_a_look_alike_word(shipped):
    for hit in shipped.search("cán bộ", limit=20):
        assert "căn" not in [hit.snippet[a:b].lower() for a, b in hit.highlights]


def test_snippet_marks_the_words_searched(shipped):
    hit = shipped.search("sao luu USB", limit=1)[0]
    marked = [fold_diacritics(hit.snippet[a:b]).lower() for a, b in hit.highlights]
    assert set(marked) == {"sao", "luu", "usb"}


def test_a_quoted_phrase_must_occur_as_written(shipped):
    hits = shipped.search('"bản sao ngoại tuyến" thiết bị', limit=20)
    assert hits
    for hit in hits:
        assert "ban sao ngoai tuyen" in fold_diacritics(hit.snippet + " " + hit.heading).lower()
    loose = shipped.search("ngoại tuyến bản sao", limit=20)
    assert len(loose) > len(shipped.search('"ngoại tuyến bản sao"', limit=20))


def test_document_number_finds_the_document_and_its_citations(shipped):
    hits = shipped.search("124-QĐ/TW", limit=5)
    assert hits[0].citation == "Quy định số 124-QĐ/TW" and hits[0].eid is None
    assert any(hit.slug == "01-qd-mh-2024" for hit in hits)
    assert shipped.search("124-qd/tw", limit=1)[0].slug == "124-qd-tw-2023"


@pytest.mark.parametrize("query, says", [
    ('"xếp loại đảng viên', "ngoặc kép chưa đóng"),
    ("  ...  ", "không có từ nào"),
    ('"" chi bộ', "không có từ nào"),
])
def test_malformed_queries_are_clear_errors(query, says):
    with pytest.raises(RegindexError, match=says):
        parse_query(query)


def test_malformed_query_on_the_command_line(folder, tmp_path):
    result = search('"xep loai', "-d", str(folder), "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    assert "ngoặc kép chưa đóng" in result.output and "Traceback" not in result.output


def test_search_json_records(folder, tmp_path):
    result = search("so ghi chep", "-d", str(folder), "--index", str(tmp_path / "index"),
                    "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and {"number", "issued", "eid", "citation", "url", "score", "snippet"} <= set(hits[0])
    assert all(hit["url"] == f"{hit['slug']}.html" + (f"#{hit['eid']}" if hit["eid"] else "")
               for hit in hits)
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)


def test_expired_results_are_marked_with_their_successor(folder, tmp_path):
    result = search("sổ ghi chép giấy", "-d", str(folder), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0, result.output
    first = result.output.split("\n\n")[0]
    assert "khoản 1 Điều 1 Quy định số 05-QĐ/MH" in first
    assert "Hết hiệu lực; được thay thế bởi 06-QĐ/MH, ngày 01/06/2024 (06-qd-mh-2024.html)" in first


def test_in_force_and_doc_filters(folder, tmp_path):
    common = ["-d", str(folder), "--index", str(tmp_path / "index"), "--json"]
    everything = json.loads(search("so ghi chep", *common).stdout)
    assert {hit["number"] for hit in everything} == {"05-QĐ/MH", "06-QĐ/MH"}
    in_force = json.loads(search("so ghi chep", "--in-force", *common).stdout)
    assert {hit["number"] for hit in in_force} == {"06-QĐ/MH"}
    one = json.loads(search("so ghi chep", "--doc", "05-QĐ/MH", *common).stdout)
    assert {hit["number"] for hit in one} == {"05-QĐ/MH"}
    assert len(json.loads(search("so ghi chep", "-n", "2", *common).stdout)) == 2
    unknown = search("so", "--doc", "99-QĐ/MH", *common[:-1])
    assert unknown.exit_code == 1 and "99-QĐ/MH" in unknown.output


def test_search_refreshes_the_index_when_a_source_changes(folder, tmp_path):
    common = ["-d", str(folder), "--index", str(tmp_path / "index"), "--json"]
    assert json.loads(search("thanh lý", *common).stdout)[0]["eid"] == "dieu-2"
    path = folder / "06-qd-mh-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("thanh lý", "đấu giá"),
                    encoding="utf-8")
    hits = json.loads(search("thanh lý", *common).stdout)
    assert all(hit["number"] != "06-QĐ/MH" for hit in hits)
    assert json.loads(search("đấu giá", *common).stdout)[0]["number"] == "06-QĐ/MH"
    path.unlink()
    assert json.loads(search("đấu giá", *common).stdout) == []


def test_incremental_sync_reindexes_only_what_changed(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    assert len(index.sync(folder_sources(folder)).indexed) == 2
    unchanged = index.sync(folder_sources(folder))
    assert not unchanged.changed and unchanged.records == 0
    (folder / "05-qd-mh-2020.md").write_text(OLD_RULES.replace("tủ có khóa", "két sắt"),
                                             encoding="utf-8")
    update = index.sync(folder_sources(folder))
    assert update.indexed == ["05-qd-mh-2020.md"] and update.segmented > 0
    with Searcher(index) as searcher:
        assert searcher.search("két sắt", limit=1)[0].eid == "dieu-1-khoan-1"
        assert searcher.search("tủ có khóa", limit=1)[0].eid != "dieu-1-khoan-1"


def test_a_broken_source_keeps_its_previous_records(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    (folder / "05-qd-mh-2020.md").write_text("không có phần khai báo\n", encoding="utf-8")
    update = index.sync(folder_sources(folder))
    assert update.failed and "05-qd-mh-2020.md:1" in str(update.failed[0])
    with Searcher(index) as searcher:
        assert searcher.search("tủ có khóa", limit=1)[0].slug == "05-qd-mh-2020"
    result = CliRunner().invoke(cli, ["index", "-d", str(folder), "--index", str(index.path)])
    assert result.exit_code == 1 and "05-qd-mh-2020.md:1" in result.output


def test_an_interrupted_sync_leaves_the_previous_index_usable(folder, tmp_path, monkeypatch):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    (folder / "06-qd-mh-2024.md").write_text(NEW_RULES.replace("thanh lý", "đấu giá"),
                                             encoding="utf-8")

    def interrupted(record, source):
        raise KeyboardInterrupt
    monkeypatch.setattr(build_module, "fields", interrupted)
    with pytest.raises(KeyboardInterrupt):
        index.sync(folder_sources(folder))
    with pytest.raises(KeyboardInterrupt):
        index.sync(folder_sources(folder), rebuild=True)
    with Searcher(index) as searcher:
        assert searcher.search("thanh lý", limit=1)[0].slug == "06-qd-mh-2024"
    monkeypatch.undo()
    assert index.sync(folder_sources(folder)).indexed == ["06-qd-mh-2024.md"]


def test_index_command_builds_then_reports_nothing_to_do(folder, tmp_path):
    args = ["index", "-d", str(folder), "--index", str(tmp_path / "index")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "đã lập chỉ mục 2 tệp" in first.output
    again = CliRunner().invoke(cli, args)
    assert "không có gì thay đổi" in again.output
    rebuilt = CliRunner().invoke(cli, [*args, "--rebuild", "--json"])
    assert json.loads(rebuilt.stdout)["indexed"] == ["05-qd-mh-2020.md", "06-qd-mh-2024.md"]


def test_default_index_lives_beside_the_regulations_folder(folder):
    result = search("so ghi chep", "-d", str(folder), "--json")
    assert result.exit_code == 0, result.output
    assert (folder.parent / ".regindex" / "index" / "regulations" / f"index-v{FORMAT}.sqlite").exists()
    assert (folder.parent / ".regindex" / "segments.sqlite").exists()
    shutil.rmtree(folder.parent / ".regindex")


def test_removed_records_are_never_ranked(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    (folder / "05-qd-mh-2020.md").unlink()
    assert index.sync(folder_sources(folder)).removed == ["05-qd-mh-2020.md"]
    with Searcher(index) as searcher:
        assert searcher.ranker.count < searcher.ranker.size     # still in the postings
        hits = searcher.search("sổ ghi chép bí thư chi bộ", limit=20)
    assert hits and all(hit.slug != "05-qd-mh-2020" for hit in hits)


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    """A searcher over the shipped regulations that reads citations and numbers."""
    from regindex.library import Library
    index = SearchIndex(tmp_path_factory.mktemp("named") / "index")
    index.sync(folder_sources(REGULATIONS))
    with Searcher(index, library=lambda: Library.load(REGULATIONS)) as searcher:
        yield searcher


CITATION_QUERIES = json.loads((ROOT / "tests" / "conformance" / "citations.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CITATION_QUERIES, ids=[case["query"] for case in CITATION_QUERIES])
def test_the_citation_and_number_queries_of_the_conformance_table(named, case):
    """The browser answers the same table (tests/test_search_js.py)."""
    first = named.search(case["query"], limit=3)[0]
    assert first.named == case["named"]
    if case["named"]:
        assert (first.citation, first.url) == (case["citation"], case["url"])
        assert case.get("note", "") in (first.note or "")


def test_a_serial_shared_by_documents_finds_them_newest_first(named):
    hits = [hit for hit in named.search("01", limit=10) if hit.named]
    assert len(hits) >= 2 and all(hit.number.startswith("01-") for hit in hits)
    assert [hit.issued for hit in hits] == sorted((hit.issued for hit in hits), reverse=True)


@pytest.mark.parametrize("query, citation, url", [
    ("khoản 2 điều 4 quy định 01-QĐ/MH", "khoản 2 Điều 4 Quy định số 01-QĐ/MH",
     "01-qd-mh-2024.html#dieu-4-khoan-2"),
    ("khoan 2 dieu 4 quy dinh 01-QD/MH", "khoản 2 Điều 4 Quy định số 01-QĐ/MH",
     "01-qd-mh-2024.html#dieu-4-khoan-2"),
    ("k2 Đ4 QĐ 01-QĐ/MH", "khoản 2 Điều 4 Quy định số 01-QĐ/MH",
     "01-qd-mh-2024.html#dieu-4-khoan-2"),
    ("Điều 7 Quy định 01-QĐ/MH", "Điều 7 Quy định số 01-QĐ/MH", "01-qd-mh-2024.html#dieu-7"),
    ("điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH",
     "điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH", "01-qd-mh-2024.html#dieu-7-khoan-1-diem-dd"),
])
def test_a_citation_typed_as_a_query_puts_the_cited_element_first(named, query, citation, url):
    first = named.search(query, limit=5)[0]
    assert (first.named, first.citation, first.url) == ("Trích dẫn", citation, url)
    assert first.snippet    # its text, to read at once


def test_a_cited_document_without_text_says_so_and_names_its_successor(named):
    first = named.search("dieu 12 quy dinh 124", limit=3)[0]
    assert first.citation == "Điều 12 Quy định số 124-QĐ/TW" and first.named == "Trích dẫn"
    assert "chưa có nội dung" in first.note and "366-QĐ/TW" in first.note


@pytest.mark.parametrize("query, number", [
    ("124/QĐ-TW", "124-QĐ/TW"), ("43-HD", "43-HD/BTCTW"), ("25-HD/BTC", "25-HD/BTCTW"),
    ("QĐ 124", "124-QĐ/TW"), ("124", "124-QĐ/TW"), ("qd 366", "366-QĐ/TW"),
])
def test_a_variant_of_a_document_number_finds_the_document(named, query, number):
    first = named.search(query, limit=3)[0]
    assert first.number == number and first.eid is None and first.named


def test_a_plain_query_names_nothing(named):
    assert not any(hit.named for hit in named.search("xếp loại đảng viên", limit=10))


def test_in_force_ranks_above_expired_when_scores_are_close(named):
    hits = named.search("xep loai chat luong dang vien", limit=5)
    ranks = {hit.number: rank for rank, hit in enumerate(hits) if hit.eid is None}
    assert ranks["366-QĐ/TW"] < ranks["16-HD/BTCTW"]
    old = next(hit for hit in hits if hit.number == "16-HD/BTCTW")
    assert old.succession == ["25-HD/BTCTW", "43-HD/BTCTW"]


def test_the_cli_labels_the_cited_element_and_shows_the_whole_succession(tmp_path):
    common = ["-d", str(REGULATIONS), "--index", str(tmp_path / "index")]
    result = search("Điều 12 Quy định 132", *common, "-n", "3")
    assert result.exit_code == 0, result.output
    first = result.output.split("\n\n")[0]
    assert first.startswith("1. Trích dẫn: Điều 12 Quy định số 132-QĐ/TW")
    assert "124-QĐ/TW" in first and "→ 366-QĐ/TW" in first
    found = json.loads(search("43-HD", *common, "--json").stdout)
    assert found[0]["number"] == "43-HD/BTCTW" and found[0]["named"] == "Số hiệu"


@pytest.mark.parametrize("query", ["đảng\u200bviên", "đảng\u200dviên", "đảng\u00adviên",
                                   "Ðảng viên", "đảng\u00a0viên"])
def test_invisible_characters_and_lookalikes_in_a_query_find_the_words(shipped, query):
    assert [hit.url for hit in shipped.search(query, limit=50)] == \
        [hit.url for hit in shipped.search("đảng viên", limit=50)]
