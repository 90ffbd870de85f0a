"""A long document is published as several pages (regindex.site.parts), and every
link into it still lands: on its own page, an anchor of another part is sent on to
that part; anchors.json lists every anchor under the document's page."""

from __future__ import annotations

import json

import pytest

from regindex.library import Library
from regindex.site import build_site, page_anchors, parts
from regindex.site.pages import site_pages
from regindex.site.render import render_document
from regindex.site.crossrefs import CrossReferences

from .browser import CHROMIUM
from .conftest import ROOT

ARTICLES = 120
SLUG = "07-qd-mh-2024"

# An illustrative document written by the tests (not a real text): many articles, so
# that with small part sizes it is "long".
FRONT = """---
number: 07-QĐ/MH
type: Quy định
title: về thử chia văn bản dài (văn bản minh họa)
issued: 2024-06-01
status: in-force
illustrative: true
---
Điều 1. Điều đầu tiên
1. Văn bản minh họa dùng để thử chia trang, xem Điều {last}.
"""
ARTICLE = """Điều {n}. Nội dung thử số {n}
1. Khoản thứ nhất của điều {n}, văn bản minh họa.
2. Khoản thứ hai của điều {n}, xem khoản 1 Điều 1.
"""


@pytest.fixture()
def long_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "SPLIT_BYTES", 20_000)
    monkeypatch.setattr(parts, "PART_BYTES", 8_000)
    folder = tmp_path / "regulations"
    folder.mkdir()
    text = FRONT.format(last=ARTICLES) + "".join(ARTICLE.format(n=n) for n in range(2, ARTICLES + 1))
    (folder / f"{SLUG}.md").write_text(text, encoding="utf-8")
    return folder


def test_a_long_document_is_cut_into_parts_that_keep_every_element(long_folder):
    library = Library.load(long_folder)
    document = library.documents[0]
    whole = render_document(document, library, CrossReferences(library))
    pages = [page for page in site_pages(library) if page.src_uri != "index.md"]
    assert len(pages) >= 3
    assert pages[0].src_uri == f"{SLUG}.md"
    assert [page.src_uri for page in pages[1:]] == [f"{SLUG}-phan-{n}.md"
                                                  for n in range(2, len(pages) + 1)]
    every = page_anchors(whole.html)
    on_pages = [anchor for page in pages for anchor in page_anchors(page.html)]
    assert sorted(on_pages) == sorted(every), "each element on exactly one page"
    # the document's page lists, as reachable, the anchors of the other parts
    assert sorted(page_anchors(pages[0].html) + list(pages[0].forwarded)) == sorted(every)
    # each page is a fraction of the whole, and its table of contents is its own
    assert all(len(page.html) < len(whole.html) / 2 for page in pages)
    assert f"dieu-{ARTICLES}" in {entry["id"] for entry in pages[-1].toc}


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_a_link_to_an_article_of_another_part_lands_on_it(long_folder, tmp_path, browser):
    site = build_site(long_folder, tmp_path / "site", config_file=ROOT / "mkdocs.yml").site_dir
    anchors = json.loads((site / "anchors.json").read_text(encoding="utf-8"))["pages"]
    assert f"dieu-{ARTICLES}-khoan-2" in anchors[f"{SLUG}.html"]
    page = browser.new_page()
    try:
        page.goto((site / f"{SLUG}.html").as_uri() + f"#dieu-{ARTICLES}-khoan-2")
        page.wait_for_url(f"**/{SLUG}-phan-*.html#dieu-{ARTICLES}-khoan-2")
        assert page.locator(f"#dieu-{ARTICLES}-khoan-2").is_visible()
        # within a part, a citation of an article on another part lands there too
        page.locator("a[href='#dieu-1-khoan-1']").first.click()
        page.wait_for_url(f"**/{SLUG}.html#dieu-1-khoan-1")
        assert page.locator("#dieu-1-khoan-1").is_visible()
    finally:
        page.close()
