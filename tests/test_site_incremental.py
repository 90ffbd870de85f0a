"""The site build renders only what changed: document pages are kept between builds
(regindex.site.page_cache) under keys that follow what each page is made of, so a
build from kept pages gives the pages a full render gives."""

from __future__ import annotations

import shutil

import pytest

from regindex.library import Library
from regindex.site.page_cache import page_cache_folder
from regindex.site.pages import site_pages

from .conftest import REGULATIONS

HUONG_DAN = "01-hd-mh-2024"          # cites Quy định 01-QĐ/MH, Điều 4 among others
QUY_DINH = "01-qd-mh-2024"


@pytest.fixture()
def folder(tmp_path):
    copy = tmp_path / "regulations"
    shutil.copytree(REGULATIONS, copy)
    return copy


def _pages(folder, keep=True) -> dict[str, str]:
    return {page.src_uri: page.html for page in site_pages(Library.load(folder), keep=keep)}


def _kept(folder) -> dict[str, int]:
    """Each kept page and when it was written."""
    return {path.stem: path.stat().st_mtime_ns for path in page_cache_folder(folder).glob("*.json")}


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_build_renders_nothing_and_gives_the_same_pages(folder):
    first = _pages(folder)
    kept = _kept(folder)
    assert set(kept) == {document.slug for document in Library.load(folder).documents}
    assert _pages(folder) == first == _pages(folder, keep=False)
    assert _kept(folder) == kept, "nothing rendered again"


def test_editing_a_document_renders_it_and_the_documents_linked_with_it(folder):
    _pages(folder)
    kept = _kept(folder)
    quy_dinh = folder / "minh-hoa" / f"{QUY_DINH}.md"
    # the title of Điều 4 changes: its own page, and the links to it from the guide
    _edit(quy_dinh, "Điều 4. Tổ chức và sao lưu kho tài liệu",
          "Điều 4. Tổ chức, sao lưu kho tài liệu")
    pages = _pages(folder)
    assert pages == _pages(folder, keep=False)
    assert "Tổ chức, sao lưu kho tài liệu" in pages[f"{QUY_DINH}.md"]   # after its number
    rendered = {slug for slug, written in _kept(folder).items() if kept[slug] != written}
    assert {QUY_DINH, HUONG_DAN} <= rendered
    assert len(rendered) < len(kept), "documents with no link to it are read back"


def test_an_element_removed_elsewhere_turns_a_citation_of_it_into_a_missing_link(folder):
    _pages(folder)
    quy_dinh = folder / "minh-hoa" / f"{QUY_DINH}.md"
    text = quy_dinh.read_text(encoding="utf-8")
    start, end = text.index("Điều 5. Báo cáo viên"), text.index("Điều 6. Kiểm điểm")
    quy_dinh.write_text(text[:start] + text[end:], encoding="utf-8")
    pages = _pages(folder)
    assert pages == _pages(folder, keep=False)
    assert f"{QUY_DINH}.html#dieu-5" not in pages[f"{HUONG_DAN}.md"]


def test_a_document_removed_drops_its_kept_page(folder):
    _pages(folder)
    (folder / "minh-hoa" / "02-qd-mh-2024.md").unlink()
    _pages(folder)
    assert "02-qd-mh-2024" not in _kept(folder)


def test_a_damaged_kept_page_is_rendered_again(folder):
    first = _pages(folder)
    (page_cache_folder(folder) / f"{QUY_DINH}.json").write_text("{not json", encoding="utf-8")
    assert _pages(folder) == first


def test_the_search_index_reads_unchanged_documents_back_and_is_what_a_full_build_makes(folder):
    from regindex.site.search_index import collect
    from regindex.site.search_shards import search_shards, site_search_shards

    shares = page_cache_folder(folder).parent / "index"
    first = site_search_shards(Library.load(folder))
    written = {path.stem: path.stat().st_mtime_ns for path in shares.glob("*.json")}
    assert len(written) == len(Library.load(folder).documents)
    _edit(folder / "minh-hoa" / f"{QUY_DINH}.md", "Điều 4. Tổ chức và sao lưu kho tài liệu",
          "Điều 4. Tổ chức, sao lưu kho tài liệu")
    again = site_search_shards(Library.load(folder))
    assert again != first
    assert again == search_shards(collect(Library.load(folder).documents))
    changed = {path.stem for path in shares.glob("*.json")
               if path.stat().st_mtime_ns != written[path.stem]}
    assert changed == {QUY_DINH}
