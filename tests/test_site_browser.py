"""The built site in Debian's headless Chromium, opened from file:// (a USB copy) and
from a sub-folder of a web server on 127.0.0.1: the catalog on a phone and a desktop,
following a cross reference, copying a citation (with and without a public address),
the succession chain, printing to PDF, the 404 page, and no request leaving the site.
Screenshots of the catalog and a document page are saved under test-artifacts/."""

from __future__ import annotations

import re

import pytest

from regindex.site import build_site

from .browser import needs_chromium, serving
from .conftest import REGULATIONS, ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
HIGHLIGHT = "rgb(255, 241, 184)"      # --rx-target in regindex.css
PUBLIC = "https://vanban.example.vn/kho/"
FORMAL = "Quy định số 01-QĐ/MH ngày 15/3/2024 của Ban Biên tập regindex (minh họa)"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site built into <root>/regindex/, and that root served on a free port."""
    root = tmp_path_factory.mktemp("www")
    build_site(REGULATIONS, root / "regindex", config_file=ROOT / "mkdocs.yml")
    with serving(root) as base:
        yield root / "regindex", base + "regindex/"


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    """The site built with ``site_url`` set in mkdocs.yml (a public address)."""
    root = tmp_path_factory.mktemp("public")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    (root / "mkdocs.yml").write_text(f"site_url: {PUBLIC}\n{config}", encoding="utf-8")
    return build_site(REGULATIONS, root / "site", config_file=root / "mkdocs.yml").site_dir


def _page(browser, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context, context.new_page()


@pytest.fixture(params=["file", "http"])
def site(request, served, browser):
    """(base URL of the site, page) with every request the page makes recorded; the test
    fails if any of them leaves the site."""
    folder, http_base = served
    base = folder.as_uri() + "/" if request.param == "file" else http_base
    context, page = _page(browser)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield base, page
    context.close()
    outside = [url for url in requests if not url.startswith((base, "data:", "blob:"))]
    assert outside == [], "requests outside the site"
    assert requests, "the request log recorded nothing"


def _shown(page) -> list[str]:
    return [row.locator("td a").first.inner_text()
            for row in page.locator("tr.rx-row").all() if row.is_visible()]


def test_catalog_filters_by_type_issuer_year_and_status_and_sorts(site):
    base, page = site
    page.goto(base + "index.html")
    assert page.locator("h1").first.inner_text() == "Danh mục văn bản"
    assert page.locator("tr.rx-row").count() == 13
    assert page.locator("ol.rx-lineage").nth(1).inner_text().split("\n")[0] == "132-QĐ/TW"
    page.select_option('select[name="status"]', "in-force")
    shown = _shown(page)
    assert "124-QĐ/TW" not in shown and "366-QĐ/TW" in shown
    assert page.locator(".rx-count").inner_text() == f"Hiển thị {len(shown)}/13 văn bản."
    page.select_option('select[name="status"]', "")
    page.select_option('select[name="type"]', "Hướng dẫn")
    page.select_option('select[name="issuer"]', "Ban Tổ chức Trung ương")
    assert _shown(page) == ["43-HD/BTCTW", "25-HD/BTCTW", "16-HD/BTCTW"]
    page.select_option('select[name="sort"]', "oldest")
    assert _shown(page) == ["16-HD/BTCTW", "25-HD/BTCTW", "43-HD/BTCTW"]
    page.select_option('select[name="year"]', "2023")
    assert _shown(page) == ["25-HD/BTCTW"]
    assert not page.locator(".rx-group--illustrative").is_visible()
    page.locator("button.rx-reset").click()
    page.wait_for_function("document.querySelectorAll('tr.rx-row:not([hidden])').length == 13")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_catalog_status_is_visible_without_scrolling_sideways(served, browser, viewport):
    folder, _ = served
    context, page = _page(browser, viewport)
    page.goto((folder / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    for row in page.locator("tr.rx-row").all():
        status = row.locator(".rx-col-status .rx-status")
        status.scroll_into_view_if_needed()
        box = status.bounding_box()
        assert status.is_visible() and box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"], row.inner_text()
    title = page.locator("tr.rx-row .rx-col-title").first.bounding_box()
    assert title["width"] > 250, "the title is not squeezed to a word a line"
    for name in ("01-qd-mh-2024.html", "132-qd-tw-2018.html", "404.html"):
        page.goto((folder / name).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
    context.close()


def test_following_a_cross_reference_lands_on_the_clause_marked(site):
    base, page = site
    page.goto(base + "02-qd-mh-2024.html")
    page.locator('a.rx-ref[href="01-qd-mh-2024.html#dieu-4-khoan-2-diem-a"]').click()
    page.wait_for_url("**/01-qd-mh-2024.html#dieu-4-khoan-2-diem-a")
    point = page.locator("#dieu-4-khoan-2-diem-a")
    assert point.evaluate("element => element.matches(':target')")
    assert point.evaluate("element => getComputedStyle(element).backgroundColor") == HIGHLIGHT
    box = point.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= box["y"] < 900, "the clause is in view, below the header"
    unmarked = page.locator("#dieu-4-khoan-2-diem-b")
    assert unmarked.evaluate("element => getComputedStyle(element).backgroundColor") != HIGHLIGHT


def _copy_citation(page, eid: str) -> str:
    """Open the menu on the element's number and copy its citation; the clipboard."""
    page.locator(f"#{eid} a.rx-num").first.click()
    menu = page.locator(".rx-menu")
    assert menu.is_visible()
    menu.get_by_text("Sao chép trích dẫn").click()
    page.locator("#rx-copy-status").wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_citation_gives_the_formal_citation_and_never_a_local_path(site):
    base, page = site
    page.goto(base + "01-qd-mh-2024.html")
    copied = _copy_citation(page, "dieu-7-khoan-1-diem-dd")
    assert copied == f"điểm đ khoản 1 Điều 7 {FORMAL}"
    assert page.locator("#rx-copy-status").inner_text() == f"Đã sao chép: {copied}"
    assert page.locator(".rx-menu").count() == 0, "the menu closes after copying"
    page.locator(".rx-summary a.rx-num").click()
    page.keyboard.press("Escape")
    assert page.locator(".rx-menu").count() == 0
    page.locator(".rx-summary a.rx-num").click()
    page.locator(".rx-menu").get_by_text("Sao chép trích dẫn").click()
    page.wait_for_function(f"document.getElementById('rx-copy-status').textContent"
                           f" === 'Đã sao chép: {FORMAL}'")
    assert page.evaluate("navigator.clipboard.readText()") == FORMAL


def test_copy_citation_adds_the_public_address_when_the_site_has_one(public, browser):
    context, page = _page(browser)
    page.goto((public / "01-qd-mh-2024.html").as_uri())
    copied = _copy_citation(page, "dieu-4-khoan-2-diem-a")
    assert copied == (f"điểm a khoản 2 Điều 4 {FORMAL} "
                      f"({PUBLIC}01-qd-mh-2024.html#dieu-4-khoan-2-diem-a)")
    page.locator("#dieu-4 a.rx-num").first.click()
    link = page.locator('.rx-menu [data-action="copy"]').nth(1)
    assert link.inner_text() == "Sao chép liên kết"
    assert link.get_attribute("data-copy") == f"{PUBLIC}01-qd-mh-2024.html#dieu-4"
    page.emulate_media(media="print")
    assert page.locator(".rx-print-source").inner_text() == f"{FORMAL} — {PUBLIC}01-qd-mh-2024.html"
    context.close()


def test_expired_document_shows_the_whole_chain_of_successors(site):
    base, page = site
    page.goto(base + "132-qd-tw-2018.html")
    banner = page.locator(".rx-banner--expired")
    assert banner.is_visible()
    text = banner.inner_text()
    assert re.search(r"124-QĐ/TW, ngày 04/10/2023 \(hết hiệu lực từ ngày 30/08/2025\) →\s*"
                     r"Quy định số 366-QĐ/TW, ngày 30/08/2025 \(còn hiệu lực\)", text), text
    assert page.locator(".rx-summary").inner_text().count("Hết hiệu lực") == 1
    assert "Tình trạng tính đến ngày 01/11/2026" in page.locator(".rx-dates").inner_text()
    banner.locator("a").nth(1).click()
    page.wait_for_url("**/366-qd-tw-2025.html")
    assert "366-QĐ/TW" in page.locator("h1").inner_text()


def test_a_document_prints_its_text_only_with_citation_and_dates(site):
    base, page = site
    page.goto(base + "01-qd-mh-2024.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator("details.rx-cited-by").first.is_visible()
    source = page.locator(".rx-print-source")
    assert source.inner_text() == FORMAL, "no local file path, no address without site_url"
    assert page.locator(".rx-print-end").inner_text().startswith(f"{FORMAL}. Chưa ghi ngày")
    added = page.evaluate("""[...document.querySelectorAll('#noi-dung *')]
        .map(e => getComputedStyle(e, '::after').content)
        .filter(c => c !== 'none' && c !== 'normal' && c !== '""')""")
    assert added == [], "nothing is inserted into the official text"
    assert "Quy định này quy định" in page.locator("#dieu-1-khoan-1").inner_text()
    margins = page.locator("#rx-print-margins").text_content()
    assert f'@top-left {{ content: "{FORMAL}"; }}' in margins and "Bản dựng ngày" in margins


def test_a_printed_document_takes_few_pages(served, browser):
    folder, _ = served
    context, page = _page(browser)
    page.goto((folder / "01-qd-mh-2024.html").as_uri())
    pdf = page.pdf(format="A4")
    context.close()
    pages = re.search(rb"<<[^<>]*/Type\s*/Pages\b[^<>]*>>", pdf).group()
    count = int(re.search(rb"/Count\s+(\d+)", pages).group(1))
    assert 2 <= count <= 4, f"{count} pages: a chapter must not start a new page"


def test_the_404_page_works_in_a_sub_folder_and_from_a_file(site):
    base, page = site
    page.goto(base + "404.html")
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.evaluate("getComputedStyle(document.documentElement)"
                         ".getPropertyValue('--rx-in-force').trim()") == "#1b7f3b"
    page.get_by_text("Về danh mục văn bản").click()
    page.wait_for_url(base + "index.html")


def test_screenshots_of_catalog_and_document(served, browser):
    folder, _ = served
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for device, viewport in {"desktop": DESKTOP, "phone": PHONE}.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, (file, anchor) in {"catalog": ("index.html", ""),
                                     "document": ("01-qd-mh-2024.html", "#dieu-4-khoan-2-diem-a"),
                                     }.items():
            page.goto((folder / file).as_uri() + anchor)
            page.wait_for_timeout(300)         # let the header settle after the jump
            path = SCREENSHOTS / f"{name}-{device}.png"
            page.screenshot(path=str(path), full_page=name == "catalog")
            assert path.stat().st_size > 10_000
        context.close()
