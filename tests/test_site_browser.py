"""The built site in Debian's headless Chromium, opened from file:// (a USB copy) and
from a sub-folder of a web server on 127.0.0.1: the catalog, following a cross reference,
copying a citation, the successor banner, printing, and no request leaving the site.
Screenshots of the catalog and a document page are saved under test-artifacts/."""

from __future__ import annotations

import pytest

from regindex.site import build_site

from .browser import needs_chromium, serving
from .conftest import REGULATIONS, ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
HIGHLIGHT = "rgb(255, 241, 184)"      # --rx-target in regindex.css

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site built into <root>/regindex/, and that root served on a free port."""
    root = tmp_path_factory.mktemp("www")
    build_site(REGULATIONS, root / "regindex", config_file=ROOT / "mkdocs.yml")
    with serving(root) as base:
        yield root / "regindex", base + "regindex/"


@pytest.fixture(params=["file", "http"])
def site(request, served, browser):
    """(base URL of the site, page) with every request the page makes recorded; the test
    fails if any of them leaves the site."""
    folder, http_base = served
    base = folder.as_uri() + "/" if request.param == "file" else http_base
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield base, page
    context.close()
    outside = [url for url in requests if not url.startswith((base, "data:", "blob:"))]
    assert outside == [], "requests outside the site"
    assert requests, "the request log recorded nothing"


def test_catalog_opens_and_filters_by_status(site):
    base, page = site
    page.goto(base + "index.html")
    assert page.locator("h1").first.inner_text() == "Danh mục văn bản"
    rows = page.locator("tr.rx-row")
    assert rows.count() == 13
    assert page.locator("ol.rx-lineage").nth(1).inner_text().split("\n")[0] == "132-QĐ/TW"
    page.locator('label[for="loc-con-hieu-luc"]').click()
    shown = [row.locator("td a").first.inner_text() for row in rows.all() if row.is_visible()]
    assert "124-QĐ/TW" not in shown and "366-QĐ/TW" in shown
    page.locator('label[for="loc-tat-ca"]').click()
    assert all(row.is_visible() for row in rows.all())


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


def test_copy_citation_yields_the_vietnamese_citation_and_url(site):
    base, page = site
    page.goto(base + "01-qd-mh-2024.html")
    page.locator("#dieu-7-khoan-1-diem-dd > p > .rx-actions > button.rx-copy").click()
    expected = ("điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH "
                f"({base}01-qd-mh-2024.html#dieu-7-khoan-1-diem-dd)")
    page.locator("#rx-copy-status").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.locator("#rx-copy-status").inner_text() == f"Đã sao chép: {expected}"


def test_expired_document_shows_its_successor(site):
    base, page = site
    page.goto(base + "124-qd-tw-2023.html")
    banner = page.locator(".rx-banner--expired")
    assert banner.is_visible()
    assert "Hết hiệu lực từ ngày 30/08/2025" in banner.inner_text()
    banner.locator("a").click()
    page.wait_for_url("**/366-qd-tw-2025.html")
    assert "366-QĐ/TW" in page.locator("h1").inner_text()


def test_a_document_prints_without_navigation_and_with_its_address(site):
    base, page = site
    page.goto(base + "01-qd-mh-2024.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".rx-copy").first.is_visible()
    source = page.locator(".rx-print-source")
    assert source.inner_text() == f"Quy định số 01-QĐ/MH — {base}01-qd-mh-2024.html"


def test_screenshots_of_catalog_and_document(served, browser):
    folder, _ = served
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for device, viewport in {"desktop": {"width": 1280, "height": 900},
                             "phone": {"width": 390, "height": 844}}.items():
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
