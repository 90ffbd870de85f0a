"""`regindex diff`: alignment by content (split, merge, move, reword, renumber), the
illustrative pair's expected alignment (golden), and the JSON contract of the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex import Library, parse_source
from regindex.cli import cli
from regindex.diff import CHANGES, align, compare, word_diff

from .conftest import REGULATIONS, ROOT

GOLDEN = Path(__file__).parent / "golden" / "diff-01-qd-mh-2024--05-qd-mh-2025.json"

# Texts of our own, each about a different matter, so that only real sources match.
TEXTS = [
    "Chi bộ họp thường kỳ mỗi tháng một lần vào ngày đầu tháng để đánh giá công việc.",
    "Đảng viên đóng đảng phí hằng tháng theo mức thu nhập đã kê khai với chi ủy.",
    "Người quản lý kho cập nhật mục lục tài liệu và ghi trạng thái hiệu lực từng văn bản.",
    "Báo cáo viên chuẩn bị bài giới thiệu chuyên đề và gửi chi ủy duyệt trước mười ngày.",
    "Biên bản sinh hoạt chi bộ được lưu giữ tại văn phòng cấp ủy trong thời hạn năm năm.",
    "Việc khen thưởng đảng viên xuất sắc thực hiện vào dịp tổng kết năm của đảng bộ.",
]


def changes(matches):
    return sorted(((m.old, m.new, m.change) for m in matches), key=repr)


def test_renumbered_articles_are_the_same_and_reordered_ones_moved():
    old = TEXTS[:4]
    new = [TEXTS[0], TEXTS[2], TEXTS[3], TEXTS[1]]
    assert changes(align(old, new)) == [(0, 0, "same"), (1, 3, "moved"), (2, 1, "same"),
                                        (3, 2, "same")]


def test_new_and_removed_articles_are_found_by_content():
    old = TEXTS[:3]
    new = [TEXTS[0], TEXTS[4], TEXTS[2]]
    assert set(changes(align(old, new))) == {
        (0, 0, "same"), (2, 2, "same"), (1, None, "removed"), (None, 1, "new")}


def test_reworded_article_keeps_its_source():
    reworded = TEXTS[1].replace("hằng tháng", "mỗi quý").replace("đã kê khai", "đã đăng ký")
    matches = align(TEXTS[:3], [TEXTS[0], reworded, TEXTS[2]])
    assert (1, 1, "reworded") in changes(matches)


def test_split_article_gives_one_pair_per_part():
    whole = TEXTS[0] + " " + TEXTS[1]
    matches = align([whole, TEXTS[2]], [TEXTS[0], TEXTS[1], TEXTS[2]])
    assert changes(matches) == [(0, 0, "split"), (0, 1, "split"), (1, 2, "same")]


def test_merged_articles_give_one_pair_per_source():
    matches = align([TEXTS[3], TEXTS[4], TEXTS[5]], [TEXTS[3], TEXTS[4] + " " + TEXTS[5]])
    assert changes(matches) == [(0, 0, "same"), (1, 1, "merged"), (2, 1, "merged")]


def test_article_moved_to_another_chapter_in_the_same_order_is_moved():
    old, new = TEXTS[:4], TEXTS[:4]
    matches = align(old, new, old_groups=["I", "I", "I", "II"],
                    new_groups=["I", "I", "II", "II"])
    assert (2, 2, "moved") in changes(matches)
    assert {m.change for m in matches} <= set(CHANGES)


def test_word_changes_are_vietnamese_words_not_characters():
    old, new = word_diff("Đảng viên đóng đảng phí hằng tháng.", "Đảng viên đóng đảng phí hằng quý.")
    assert "".join(s.text for s in old) == "Đảng viên đóng đảng phí hằng tháng."
    assert [s.text for s in old if s.changed] == ["tháng"]
    assert [s.text for s in new if s.changed] == ["quý"]
    _, new = word_diff("cán bộ", "đảng viên")
    assert [s.text for s in new if s.changed] == ["đảng viên"]


def article_source(number: str, articles: list[str]) -> str:
    front = f"---\nnumber: {number}\ntype: Quy định\nissued: 2024-01-01\nillustrative: true\n---\n"
    return front + "".join(f"Điều {i}. {text}\n" for i, text in enumerate(articles, 1))


def test_clauses_are_aligned_inside_matched_articles():
    old = parse_source(article_source("01-QĐ/TS", [
        "Họp chi bộ\n1. " + TEXTS[0] + "\n2. " + TEXTS[1] + "\n3. " + TEXTS[4]]), "cu")
    new = parse_source(article_source("02-QĐ/TS", [
        "Họp chi bộ\n1. " + TEXTS[0] + "\n2. " + TEXTS[4] + "\n3. " + TEXTS[5]]), "moi")
    pairs = [(p.old and p.old.eid, p.new and p.new.eid, p.change) for p in compare(old, new).pairs]
    assert pairs == [("dieu-1", "dieu-1", "reworded"),
                     ("dieu-1-khoan-1", "dieu-1-khoan-1", "same"),
                     ("dieu-1-khoan-2", None, "removed"),
                     ("dieu-1-khoan-3", "dieu-1-khoan-2", "same"),
                     (None, "dieu-1-khoan-3", "new")]


def test_illustrative_successor_alignment_matches_golden():
    library = Library.load(REGULATIONS)
    comparison = compare(library.by_slug("01-qd-mh-2024"), library.by_slug("05-qd-mh-2025"))
    actual = [{key: pair[key] for key in ("old", "new", "change", "kind")}
              for pair in comparison.record()["pairs"]]
    if os.environ.get("REGINDEX_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))
    # What the sample was written to show.
    found = {(p["old"], p["new"], p["change"]) for p in actual}
    assert {("dieu-4", "dieu-3", "split"), ("dieu-4", "dieu-4", "split"),
            ("dieu-6", "dieu-8", "merged"), ("dieu-7", "dieu-8", "merged"),
            ("dieu-3", "dieu-6", "moved"), (None, "dieu-5", "new"), ("dieu-8", None, "removed"),
            ("dieu-9", "dieu-10", "reworded"), ("dieu-5-khoan-4", None, "removed"),
            ("dieu-7-khoan-1-diem-c", None, "removed")} <= found


def run(*args):
    return CliRunner().invoke(cli, ["diff", *args, "-d", str(REGULATIONS)])


def test_diff_json_follows_the_contract():
    result = run("01-QĐ/MH", "05-QĐ/MH", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"] == "01-qd-mh-2024" and data["new"] == "05-qd-mh-2025"
    assert data["pairs"] and all(
        set(pair) >= {"old", "new", "change"} and pair["change"] in CHANGES
        and (pair["old"] or pair["new"]) for pair in data["pairs"])
    library = Library.load(REGULATIONS)
    old, new = library.by_slug("01-qd-mh-2024"), library.by_slug("05-qd-mh-2025")
    assert all(old.get(p["old"]) for p in data["pairs"] if p["old"])
    assert all(new.get(p["new"]) for p in data["pairs"] if p["new"])
    assert json.loads(run("05-qd-mh-2025", "--json").output) == data, "default: what it replaces"


def test_diff_text_names_the_changes_in_vietnamese():
    result = run("05-QĐ/MH")
    assert result.exit_code == 0, result.output
    assert "So sánh Quy định số 05-QĐ/MH với Quy định số 01-QĐ/MH" in result.output
    assert "Điều 3 → Điều 6: di chuyển" in result.output


@pytest.mark.parametrize("args, message", [
    (["124-QĐ/TW"], "chưa có nội dung"),
    (["01-QĐ/MH"], "không ghi văn bản nào nó thay thế"),
])
def test_diff_says_why_it_cannot_compare(args, message):
    result = run(*args)
    assert result.exit_code == 1 and message in result.output


@pytest.mark.corpus
def test_benchmark_beats_the_line_diff_on_a_law(alqac_laws):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "diff_alignment.py"), "--limit-laws", "1",
         "--rates", "20", "--seeds", "1", "--no-timing", "--json"],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {(r["engine"], r["level"]): r for r in json.loads(done.stdout)["rows"]}
    for level in ("article", "clause"):
        ours, baseline = rows["regindex", level], rows["baseline", level]
        assert ours["pairs"] > 30 and ours["f1"] >= 0.9 and ours["f1"] > baseline["f1"]
