"""The site's search box in Debian's headless Chromium, from file:// (a USB copy) and from
a web server on 127.0.0.1: finding a clause typed with or without accents, landing on
its anchor, ?q= links, the keyboard, the in-force filter, and text from a source file
shown but never run. No request may leave the site. Last, benchmarks/browser_search.py
on a slice of ALQAC."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from regindex.site import build_site

from .browser import needs_chromium, serving
from .conftest import ALQAC, REGULATIONS, ROOT

CLAUSE = "điểm a khoản 2 Điều 4 Quy định số 01-QĐ/MH"
FRAGMENT = {"accented": "sao lưu kho tài liệu ra thiết bị USB",
            "unaccented": "sao luu kho tai lieu ra thiet bi USB"}
RESULTS = ".md-search-result__item"

pytestmark = needs_chromium

# An imported text is untrusted: this illustrative document carries markup in a clause.
HOSTILE = """---
number: 09-QĐ/MH
type: Quy định
title: về thử hiển thị văn bản nhập (văn bản minh họa)
issued: 2024-06-01
status: in-force
illustrative: true
---
Điều 1. Nội dung thử
1. Đoạn văn thử nghiệm <img src=x onerror="window.pwned=1"> hiển thị nguyên dạng.
"""


def _build_and_serve(root: Path, folder: Path):
    """The site of ``folder`` built into <root>/regindex/: (folder, URL) while served."""
    build_site(folder, root / "regindex", config_file=ROOT / "mkdocs.yml")
    with serving(root) as base:
        yield root / "regindex", base + "regindex/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The shipped regulations' site, as a folder and at a URL."""
    yield from _build_and_serve(tmp_path_factory.mktemp("www"), REGULATIONS)


@pytest.fixture(scope="module")
def served_hostile(tmp_path_factory):
    """A site of the illustrative texts plus one whose clause holds markup."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "regulations"
    shutil.copytree(REGULATIONS / "minh-hoa", folder)
    (folder / "09-qd-mh-2024.md").write_text(HOSTILE, encoding="utf-8")
    yield from _build_and_serve(root, folder)


def _open(request, served_site, browser):
    folder, http_base = served_site
    base = folder.as_uri() + "/" if request.param == "file" else http_base
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return base, page, context, requests


def _close(base, context, requests):
    context.close()
    outside = [url for url in requests if not url.startswith((base, "data:", "blob:"))]
    assert outside == [], "requests outside the site"
    assert any(url.endswith("search/regindex-core.js") for url in requests)


@pytest.fixture(params=["file", "http"])
def site(request, served, browser):
    base, page, context, requests = _open(request, served, browser)
    yield base, page
    _close(base, context, requests)


@pytest.fixture(params=["file", "http"])
def hostile_site(request, served_hostile, browser):
    base, page, context, requests = _open(request, served_hostile, browser)
    yield base, page
    _close(base, context, requests)


def _titles(page) -> list[str]:
    return page.locator(f"{RESULTS} .rx-search__title").all_inner_texts()


def _search(page, base: str, query: str, start: str = "index.html") -> None:
    """Open a page, press "/" and type the query as a user would."""
    page.goto(base + start)
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(RESULTS)


@pytest.mark.parametrize("typed", ["accented", "unaccented"])
def test_typing_a_clause_finds_it_first(site, typed):
    base, page = site
    _search(page, base, FRAGMENT[typed])
    assert _titles(page)[0] == CLAUSE
    first = page.locator(RESULTS).first
    assert "Điều 4. Tổ chức và sao lưu kho tài liệu" in first.locator(".rx-search__path").inner_text()
    marked = first.locator("mark").all_inner_texts()
    assert "Sao lưu kho tài liệu ra thiết bị USB" in " ".join(marked)


def test_results_come_while_typing(site):
    base, page = site
    # 05-QĐ/MH, in force, words it like 01-QĐ/MH, which it replaced: it comes first.
    definition = "khoản 3 Điều 2 Quy định số 05-QĐ/MH"
    _search(page, base, "bản sao ngoại t")            # the word being typed completes
    assert definition in _titles(page)[:3]
    page.keyboard.type("uyến là")
    page.wait_for_function(f"document.querySelector('.rx-search__title').textContent"
                           f" === {definition!r}")


def test_clicking_a_result_lands_on_its_anchor(site):
    base, page = site
    _search(page, base, FRAGMENT["unaccented"])
    page.locator(RESULTS).first.locator("a").click()
    page.wait_for_url("**/01-qd-mh-2024.html#dieu-4-khoan-2-diem-a")
    target = page.locator("#dieu-4-khoan-2-diem-a")
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < 900
    page.wait_for_function("!document.getElementById('__search').checked")   # closed


def test_arrows_and_enter_open_a_result_escape_closes(site):
    base, page = site
    _search(page, base, FRAGMENT["accented"])
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.endswith("01-qd-mh-2024.html#dieu-4-khoan-2-diem-a")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/01-qd-mh-2024.html#dieu-4-khoan-2-diem-a")


def test_a_link_with_q_opens_the_search_with_its_results(site):
    base, page = site
    page.goto(base + "01-hd-mh-2024.html?q=" + quote("xep loai dang vien"))
    page.wait_for_selector(RESULTS)
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.locator(".md-search__input").input_value() == "xep loai dang vien"
    assert "khoản 1 Điều 7 Quy định số 01-QĐ/MH" in _titles(page)


def test_the_in_force_filter_hides_expired_documents(site):
    base, page = site
    page.goto(base + "index.html?q=" + quote("kiểm điểm đánh giá xếp loại chất lượng hằng năm"))
    page.wait_for_selector(RESULTS)
    expired = page.locator(RESULTS).filter(has_text="Quy định số 124-QĐ/TW")
    assert expired.count() == 1
    assert expired.locator(".rx-search__status").inner_text() == \
        "Hết hiệu lực — thay thế bởi 366-QĐ/TW (còn hiệu lực)"
    older = page.locator(RESULTS).filter(has_text="Quy định số 132-QĐ/TW")
    assert older.locator(".rx-search__status").inner_text() == (
        "Hết hiệu lực — thay thế bởi 124-QĐ/TW (hết hiệu lực) → 366-QĐ/TW (còn hiệu lực)")
    page.get_by_label("Chỉ văn bản còn hiệu lực").check()
    page.wait_for_function("!document.querySelector('.md-search-result__list')"
                           ".textContent.includes('124-QĐ/TW')")
    assert page.locator(".rx-search__status").count() == 0
    assert "Quy định số 366-QĐ/TW" in _titles(page)


@pytest.mark.parametrize("query, title, url", [
    ("khoan 2 dieu 4 quy dinh 01-QD/MH", "Trích dẫn: khoản 2 Điều 4 Quy định số 01-QĐ/MH",
     "**/01-qd-mh-2024.html#dieu-4-khoan-2"),
    ("điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH",
     "Trích dẫn: điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH",
     "**/01-qd-mh-2024.html#dieu-7-khoan-1-diem-dd"),
    ("124/QĐ-TW", "Số hiệu: Quy định số 124-QĐ/TW", "**/124-qd-tw-2023.html"),
])
def test_a_citation_or_a_number_typed_opens_what_it_names_on_enter(site, query, title, url):
    base, page = site
    _search(page, base, query)
    page.wait_for_function(f"document.querySelector('.rx-search__title').textContent === {title!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(url)


def test_a_cited_document_without_text_says_so_with_its_whole_succession(site):
    base, page = site
    _search(page, base, "Điều 12 Quy định 132")
    first = page.locator(RESULTS).first
    page.wait_for_function("document.querySelector('.rx-search__title').textContent"
                           " === 'Trích dẫn: Điều 12 Quy định số 132-QĐ/TW'")
    assert "chưa có nội dung" in first.locator(".rx-search__note").inner_text()
    assert first.locator(".rx-search__status").inner_text() == \
        "Hết hiệu lực — thay thế bởi 124-QĐ/TW (hết hiệu lực) → 366-QĐ/TW (còn hiệu lực)"


def test_more_results_come_on_xem_them(site):
    base, page = site
    page.goto(base + "index.html?q=" + quote("đảng viên"))
    page.wait_for_selector(RESULTS)
    assert page.locator(RESULTS).count() == 20
    assert page.locator(".rx-search__count").inner_text() == "20 kết quả đầu tiên"
    first = _titles(page)
    page.get_by_role("button", name="Xem thêm").click()
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length > 20")
    assert _titles(page)[:20] == first
    assert len(set(_titles(page))) == page.locator(RESULTS).count()


def test_the_box_on_a_document_page_searches_that_document_only(site):
    base, page = site
    page.goto(base + "02-qd-mh-2024.html")
    box = page.get_by_placeholder("Tìm trong văn bản này")
    box.fill("sao lưu kho tài liệu")
    box.press("Enter")
    page.wait_for_selector(RESULTS)
    titles = _titles(page)
    assert titles and all(title.endswith("Quy định số 02-QĐ/MH (văn bản minh họa)")
                          or "02-QĐ/MH" in title for title in titles)
    page.get_by_label("Chỉ trong văn bản này").uncheck()
    page.wait_for_function("document.querySelector('.md-search-result__list')"
                           ".textContent.includes('01-QĐ/MH')")
def test_a_page_loads_the_index_core_and_only_the_shards_of_its_query(site):
    base, page = site
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url.removeprefix(base))
            if "/search/" in r.url else None)
    page.goto(base + "index.html")
    page.wait_for_load_state("load")
    assert scripts == [], "a page that does not search loads no index"
    page.goto(base + "index.html?q=" + quote("xếp loại đảng viên"))
    page.wait_for_selector(RESULTS)
    assert scripts[0] == "search/regindex-core.js"
    assert len(scripts) == len(set(scripts)), "each shard is loaded once"
    # then postings (p/), length classes (l/), the exact lengths of the records that
    # may rank (m/) and texts of the best hits (r/)
    assert {"p", "l", "r"} <= {name.split("/")[1] for name in scripts[1:]} <= {"p", "l", "m", "r"}
    # the same query typed again needs no more postings, lengths or texts: only the
    # completions of the first syllables being typed (c/), once each
    count = len(scripts)
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").type("xếp loại đảng viên")
    page.wait_for_selector(RESULTS)
    assert all(name.startswith("search/c/") for name in scripts[count:]), scripts[count:]
    assert len(scripts) == len(set(scripts))


def test_markup_in_a_text_is_shown_never_run(hostile_site):
    base, page = hostile_site
    _search(page, base, "đoạn văn thử nghiệm")
    extract = page.locator(RESULTS).first.locator(".rx-search__snippet")
    assert '<img src=x onerror="window.pwned=1">' in extract.inner_text()
    assert extract.locator("img").count() == 0
    assert page.evaluate("window.pwned") is None


@pytest.mark.corpus
def test_benchmark_compares_the_three_engines_on_a_slice(alqac_laws, tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "browser_search.py"),
         "--corpus", str(ALQAC / "law.json"), "--questions", str(ALQAC / "train_questions.json"),
         "--limit-laws", "2", "--limit-questions", "12", "--json", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    engines = report["engines"]
    assert (report["laws"], report["questions"]) == (2, 12)
    assert set(engines) == {"browser", "regindex", "material"}
    ours, material = engines["browser"], engines["material"]
    # ours: the index core and the shards of the first question (a whole question: on
    # two laws, most of the shards, which carry postings the single script had the
    # browser build); material: its whole index. The sharded index pays off at scale
    # (benchmarks/scale_site.py); the core also carries what citation queries need.
    assert ours["payload_gzip_bytes"] < 2.5 * material["payload_gzip_bytes"]
    assert ours["stripped"]["recall@5"] > material["stripped"]["recall@5"]
    assert abs(ours["accented"]["recall@5"] - engines["regindex"]["accented"]["recall@5"]) <= 0.1
    for name in ("first_result_ms", "page_ready_ms", "query_ms_p95", "payload_bytes"):
        assert ours[name] > 0 and material[name] > 0
