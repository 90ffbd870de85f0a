"""The comparison page "So sánh 05-QĐ/MH với 01-QĐ/MH": built from the shipped samples,
read as HTML (summary, lists, pairs, JSON twin, escaping), then in Debian's Chromium
from file:// (a permalink lands on its pair; a phone shows the pairs stacked without
sideways scrolling). Screenshots are saved under test-artifacts/."""

from __future__ import annotations

import json
import textwrap

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from regindex.cli import cli
from regindex.site import build_site

from .browser import needs_chromium
from .conftest import REGULATIONS, ROOT

PAGE = "05-qd-mh-2025-so-sanh-01-qd-mh-2024.html"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("compare") / "site"
    build_site(REGULATIONS, target, config_file=ROOT / "mkdocs.yml")
    return target


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_page_summarises_the_changes_and_lists_new_and_removed_elements(site):
    page = soup(site / PAGE)
    assert page.h1.get_text(" ", strip=True) == "So sánh Quy định số 05-QĐ/MH với Quy định số 01-QĐ/MH"
    counts = {li["data-change"]: int(li.find(class_="rx-count-n").get_text())
              for li in page.select(".rx-counts li")}
    assert counts == {"new": 4, "removed": 4, "reworded": 15, "moved": 1, "split": 2, "merged": 1}
    new = [a["href"] for a in page.select(".rx-list-new li > a:first-child")]
    assert "05-qd-mh-2025.html#dieu-5" in new and "05-qd-mh-2025.html#dieu-2-khoan-5" in new
    removed = [a.get_text() for a in page.select(".rx-list-removed li > a:first-child")]
    assert "Điều 8 Quy định số 01-QĐ/MH" in removed
    assert page.find(class_="rx-banner--illustrative") is not None


def test_each_pair_has_a_permalink_and_marks_words(site):
    page = soup(site / PAGE)
    pair = page.find(id="dieu-8-khoan-3-diem-b")
    assert "rx-pair--reworded" in pair["class"]
    assert pair.find("a", class_="rx-permalink")["href"] == "#dieu-8-khoan-3-diem-b"
    assert [d.get_text() for d in pair.select(".rx-side--old del")] == ["3"]
    assert [i.get_text() for i in pair.select(".rx-side--new ins")] == ["6"]
    assert pair.select_one(".rx-side--old a")["href"] == "01-qd-mh-2024.html#dieu-7-khoan-1-diem-b"
    split = [p for p in page.select(".rx-pair--split") if p.get("id") in ("dieu-3", "dieu-4")]
    assert len(split) == 2
    assert page.find(id="bo-dieu-8") is not None
    listed = json.loads((site / "anchors.json").read_text(encoding="utf-8"))["pages"]
    assert "dieu-8-khoan-3-diem-b" in listed[PAGE]


def test_documents_link_their_comparison_and_the_json_twin_is_the_cli_output(site):
    for slug in ("05-qd-mh-2025", "01-qd-mh-2024"):
        links = [a["href"] for a in soup(site / f"{slug}.html").select("a.rx-compare-link")]
        assert links == [PAGE]
    assert soup(site / "124-qd-tw-2023.html").select("a.rx-compare-link") == []
    twin = json.loads((site / PAGE.replace(".html", ".json")).read_text(encoding="utf-8"))
    cli_output = CliRunner().invoke(cli, ["diff", "05-QĐ/MH", "--json", "-d", str(REGULATIONS)])
    assert twin == json.loads(cli_output.output)


def test_hostile_text_is_escaped_on_the_page(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    front = "---\nnumber: {n}\ntype: Quy định\nissued: {d}\nillustrative: true\n{rel}\n---\n"
    (folder / "01-qd-ts-2020.md").write_text(front.format(
        n="01-QĐ/TS", d="2020-01-01", rel="replaced_by: [{number: 02-QĐ/TS, issued: 2021-01-01}]")
        + "Điều 1. Họp chi bộ\n1. Chi bộ họp mỗi tháng một lần vào ngày đầu tháng.\n",
        encoding="utf-8")
    (folder / "02-qd-ts-2021.md").write_text(front.format(
        n="02-QĐ/TS", d="2021-01-01", rel="replaces: [{number: 01-QĐ/TS, issued: 2020-01-01}]")
        + textwrap.dedent("""\
            Điều 1. Họp chi bộ
            1. Chi bộ họp mỗi tháng một lần <script>alert(1)</script> vào ngày đầu tháng.
            """), encoding="utf-8")
    build_site(folder, tmp_path / "site", config_file=ROOT / "mkdocs.yml")
    page = soup(tmp_path / "site" / "02-qd-ts-2021-so-sanh-01-qd-ts-2020.html")
    pair = page.find(id="dieu-1-khoan-1")
    assert "<script>alert(1)</script>" in pair.select_one(".rx-side--new").get_text()
    assert "alert(1)" in "".join(i.get_text() for i in pair.select("ins"))
    assert pair.find("script") is None


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture()
def page_at(site, browser):
    contexts = []

    def open_page(fragment: str, width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((site / PAGE).as_uri() + fragment)
        return page, requests

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [1280])
@needs_chromium[0]
@needs_chromium[1]
def test_permalink_lands_on_its_pair_and_summary_is_shown(page_at, site, width):
    page, requests = page_at("#dieu-8-khoan-3-diem-b", width, 900)
    assert page.locator(".rx-count--new .rx-count-n").inner_text() == "4"
    assert page.locator(".rx-count--removed").is_visible()
    pair = page.locator("#dieu-8-khoan-3-diem-b")
    assert pair.evaluate("element => element.matches(':target')")
    box = pair.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= box["y"] < 900, "the pair is in view, below the header"
    old, new = pair.locator(".rx-side--old").bounding_box(), pair.locator(".rx-side--new").bounding_box()
    assert old["x"] + old["width"] <= new["x"], "side by side on a wide screen"
    assert all(url.startswith(site.as_uri()) for url in requests), "no request leaves the site"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "so-sanh.png"))


@needs_chromium[0]
@needs_chromium[1]
def test_phone_shows_pairs_stacked_without_sideways_scrolling(page_at):
    page, _ = page_at("#dieu-3", 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    pair = page.locator("#dieu-3")
    old, new = pair.locator(".rx-side--old").bounding_box(), pair.locator(".rx-side--new").bounding_box()
    assert new["y"] >= old["y"] + old["height"], "the new text is below the old one"
    assert 0 <= pair.bounding_box()["y"] < 844
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "so-sanh-dien-thoai.png"))
