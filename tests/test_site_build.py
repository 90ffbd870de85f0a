"""The site: one end-to-end build of regulations/, crawled for broken links, checked for
outside requests, anchors.json, escaping of hostile text, and a failed build that loses
nothing. Small folders of our own illustrative files where a test needs its own data."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from regindex import Library
from regindex.cli import cli
from regindex.errors import RegindexError
from regindex.site import build_site, catalog_html, lineages
from regindex.site.plugin import RegindexPlugin

from .conftest import REGULATIONS, ROOT

CONFIG = ROOT / "mkdocs.yml"


def build(*args):
    """`regindex build …` run from the project folder (where mkdocs.yml is)."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(cli, ["build", *args])
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("built") / "site"
    result = build("-d", str(REGULATIONS), "--site-dir", str(target), "--strict")
    assert result.exit_code == 0, result.output
    assert "đã dựng 15 trang" in result.output
    return target


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def regulations_copy(tmp_path: Path) -> Path:
    """The illustrative texts alone (they have bodies, and cite each other)."""
    folder = tmp_path / "regulations"
    shutil.copytree(REGULATIONS / "minh-hoa", folder)
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


# --- the built site ----------------------------------------------------------------------


def test_build_writes_the_catalog_and_a_page_per_document(site):
    library = Library.load(REGULATIONS)
    built = {path.name for path in pages(site)}
    assert {"index.html", *(f"{doc.slug}.html" for doc in library.documents)} <= built
    assert not (site / "124-qd-tw-2023.md").exists(), "sources must not be published"


def test_crawl_finds_no_broken_internal_link_or_anchor(site):
    ids = {path.name: {tag["id"] for tag in soup(path).find_all(id=True)} for path in pages(site)}
    broken = []
    for path in pages(site):
        if path.name == "404.html":       # served at any address; its links are site-absolute
            continue
        for tag in soup(path).find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or urlsplit(url).scheme in ("http", "https", "mailto", "data"):
                continue
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                broken.append(f"{path.name}: {url}")
            elif parts.fragment and target.suffix == ".html" \
                    and parts.fragment not in ids[target.name]:
                broken.append(f"{path.name}: {url} (no such anchor)")
    assert broken == []


def test_no_asset_is_fetched_from_outside_the_site(site):
    outside = []
    for path in pages(site):
        page = soup(path)
        for tag in page.find_all(["script", "link", "img", "iframe", "source", "audio", "video"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if url and urlsplit(url).scheme:
                outside.append(f"{path.name}: <{tag.name}> {url}")
    for asset in (site / "assets" / "regindex").iterdir():
        assert "://" not in asset.read_text(encoding="utf-8"), asset
    assert outside == []


def test_every_element_has_an_anchor_and_its_number_is_the_permalink(site):
    page = soup(site / "01-qd-mh-2024.html")
    point = page.find(id="dieu-7-khoan-1-diem-dd")
    line = point.find("p", recursive=False)
    assert line.get_text().startswith("đ) ")
    number = line.find("a", class_="rx-num")
    assert number.get_text() == "đ)" and number["href"] == "#dieu-7-khoan-1-diem-dd"
    assert number["data-citation"] == ("điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH ngày "
                                       "15/3/2024 của Ban Biên tập regindex (minh họa)")
    article = page.find(id="dieu-7").find(class_="rx-head").find("a", class_="rx-num")
    assert article.get_text() == "Điều 7."
    library = Library.load(REGULATIONS)
    document = library.by_slug("01-qd-mh-2024")
    assert {tag["id"] for tag in page.find_all(class_="rx-el")} >= {
        node.eid for node in document.elements()}


def test_no_button_or_mark_is_added_after_the_lines_of_the_text(site):
    page = soup(site / "01-qd-mh-2024.html")
    text = page.find(id="noi-dung")
    assert text.find("button") is None and text.find("sup") is None
    assert "Sao chép trích dẫn" not in text.get_text()
    library = Library.load(REGULATIONS)
    official = library.by_slug("01-qd-mh-2024").text
    for element in text.find_all(class_="rx-el"):
        for line in element.find_all(["p", "h3", "h4", "h5", "h6"], recursive=False):
            for br in line.find_all("br"):
                br.replace_with("\n")
            assert line.get_text() in official, line


def test_table_of_contents_lists_chapters_and_articles(site):
    toc = soup(site / "01-qd-mh-2024.html").find("nav", class_="md-nav--secondary")
    links = [a["href"] for a in toc.find_all("a")]
    assert links[:3] == ["#thong-tin", "#quan-he", "#noi-dung"]
    assert "#chuong-ii" in links and "#dieu-7" in links
    assert not any("khoan" in link for link in links)


def test_cross_references_are_links_to_the_cited_clause(site):
    page = soup(site / "02-qd-mh-2024.html")
    link = page.find("a", href="01-qd-mh-2024.html#dieu-4-khoan-2-diem-a")
    assert link.get_text() == "điểm a khoản 2 Điều 4 Quy định số 01-QĐ/MH"
    inside = soup(site / "01-qd-mh-2024.html").find(id="dieu-5-khoan-4")
    assert inside.find("a", class_="rx-ref")["href"] == "#dieu-5-khoan-3"


def test_a_list_links_each_of_its_targets(site):
    clause = soup(site / "01-qd-mh-2024.html").find(id="dieu-7-khoan-3")
    links = [(a.get_text(), a["href"]) for a in clause.p.find_all("a", class_="rx-ref")]
    assert links == [("khoản 1", "#dieu-6-khoan-1"), ("2 Điều 6", "#dieu-6-khoan-2"),
                     ("từ Điều 2", "#dieu-2"), ("Điều 4", "#dieu-4")]
    assert clause.p.get_text().endswith("theo khoản 1, 2 Điều 6 và việc chấp hành các quy "
                                        "định từ Điều 2 đến Điều 4.")


def test_cited_elements_list_where_they_are_referenced(site):
    point = soup(site / "01-qd-mh-2024.html").find(id="dieu-4-khoan-2-diem-a")
    cited_by = point.find(class_="rx-cited-by", recursive=False)
    assert cited_by.name == "details" and cited_by.summary.get_text() == \
        f"Được dẫn chiếu tại {len(cited_by.find_all('a'))} chỗ"
    hrefs = {a["href"] for a in cited_by.find_all("a")}
    assert "02-qd-mh-2024.html#dieu-4-khoan-3" in hrefs
    assert "#dieu-8-diem-b" in hrefs
    assert "khoản 3 Điều 4 Quy định số 02-QĐ/MH" in cited_by.get_text()


def test_expired_document_has_a_banner_with_date_and_successor(site):
    page = soup(site / "124-qd-tw-2023.html")
    banner = page.find(class_="rx-banner--expired")
    assert "30/08/2025" in banner.get_text()
    assert banner.find("a")["href"] == "366-qd-tw-2025.html"
    assert soup(site / "366-qd-tw-2025.html").find(class_="rx-banner--expired") is None


def test_metadata_only_page_tells_a_cadre_what_it_is_and_where_to_read_it(site):
    page = soup(site / "124-qd-tw-2023.html")
    summary = [item.get_text(" ", strip=True) for item in page.find("dl", class_="rx-summary")
               .find_all(class_="rx-summary-item")]
    assert summary == ["Số hiệu 124-QĐ/TW", "Ngày ban hành 04/10/2023",
                       "Cơ quan ban hành Bộ Chính trị", "Tình trạng Hết hiệu lực"]
    details = page.find("details", id="thong-tin")
    assert details.has_attr("open"), "without a text the attributes are the content"
    facts = details.get_text()
    assert "Người ký" in facts and "chưa xác minh" in facts and "04/10/2023" in facts
    lineage = {a["href"] for a in page.find(id="quan-he").find_all("a")}
    assert {"132-qd-tw-2018.html", "366-qd-tw-2025.html", "25-hd-btctw-2023.html"} <= lineage
    text = page.find(id="noi-dung")
    words = text.get_text(" ", strip=True)
    assert "regindex" not in words and "import" not in words
    assert "Quy định số 124-QĐ/TW ngày 4/10/2023 của Bộ Chính trị" in words
    assert "gửi cho người quản lý kho để bổ sung" in words
    assert [a["href"] for a in text.find_all("a")] == [
        "https://snv.dienbien.gov.vn/vi/news/van-phong/ban-chap-hanh-trung-uong-ban-hanh-quy-"
        "dinh-ve-viec-kiem-diem-va-danh-gia-xep-loai-chat-luong-hang-nam-doi-voi-tap-the-ca-"
        "nhan-trong-he-thong-chinh-tri-277.html",
        "https://baohaiduong.vn/en/lam-tot-viec-kiem-diem-cuoi-nam-364328.html",
        "https://vneconomy.vn/quy-dinh-moi-ve-xep-loai-chat-luong-doi-voi-tap-the-trong-he-"
        "thong-chinh-tri.htm"]


def test_a_page_with_text_shows_content_first(site):
    page = soup(site / "01-qd-mh-2024.html")
    details = page.find("details", id="thong-tin")
    assert not details.has_attr("open")
    assert details.find(id="quan-he") is not None, "relations are in the details too"
    dates = page.find(class_="rx-dates").get_text()
    assert "Bản dựng ngày" in dates


def test_every_page_says_as_of_when_its_status_was_checked(site):
    dates = soup(site / "124-qd-tw-2023.html").find(class_="rx-dates").get_text()
    assert dates.startswith("Tình trạng tính đến ngày 01/11/2026 · Bản dựng ngày ")
    catalog = soup(site / "index.html").find(class_="rx-dates").get_text()
    assert catalog.startswith("Tình trạng tính đến ngày 01/11/2026 · Bản dựng ngày ")
    for path in pages(site):
        footer = soup(path).find("footer", class_="md-footer").get_text(" ", strip=True)
        assert "Bản dựng ngày" in footer and "Made with" not in footer, path.name


def test_the_whole_succession_chain_is_shown(site):
    banner = soup(site / "132-qd-tw-2018.html").find(class_="rx-banner--expired")
    assert [a["href"] for a in banner.find_all("a")] == ["124-qd-tw-2023.html",
                                                         "366-qd-tw-2025.html"]
    text = banner.get_text(" ", strip=True)
    assert "124-QĐ/TW , ngày 04/10/2023 (hết hiệu lực từ ngày 30/08/2025) →" in text
    assert "366-QĐ/TW , ngày 30/08/2025 (còn hiệu lực)" in text
    guidance = soup(site / "16-hd-btctw-2018.html").find(class_="rx-banner--expired")
    assert "quan hệ thay thế chưa xác minh" in guidance.get_text()
    row = next(r for r in soup(site / "index.html").find_all("tr", class_="rx-row")
               if r.a.get_text() == "132-QĐ/TW")
    chain = row.find(class_="rx-chain")
    assert [a.get_text() for a in chain.find_all("a")] == ["124-QĐ/TW", "366-QĐ/TW"]


def test_illustrative_pages_say_so(site):
    for slug in ("01-qd-mh-2024", "01-hd-mh-2024", "02-qd-mh-2024", "05-qd-mh-2025"):
        banner = soup(site / f"{slug}.html").find(class_="rx-banner--illustrative")
        assert "do dự án tự soạn, không phải văn bản chính thức" in banner.get_text()
    assert soup(site / "125-qd-tw-2023.html").find(class_="rx-banner--illustrative") is None


def test_catalog_lists_every_document_with_status_and_draws_the_lineages(site):
    page = soup(site / "index.html")
    rows = page.find_all("tr", class_="rx-row")
    assert len(rows) == len(Library.load(REGULATIONS).documents)
    row = next(r for r in rows if r.a.get_text() == "124-QĐ/TW")
    assert [td.get_text(" ", strip=True) for td in row.find_all("td")][1:5] == [
        "Quy định", row.find_all("td")[2].get_text(" ", strip=True), "Bộ Chính trị",
        "04/10/2023"]
    assert "Hết hiệu lực" in row.get_text() and "rx-status--expired" in row["class"]
    assert (row["data-type"], row["data-issuer"], row["data-year"], row["data-status"]) == (
        "Quy định", "Bộ Chính trị", "2023", "expired")
    old = next(r for r in rows if r.a.get_text() == "97-QĐ/TW")
    assert old.find("td", class_="rx-col-title").get_text() == "Trích yếu chưa xác minh"
    chains = [ol["aria-label"] for ol in page.find_all("ol", class_="rx-lineage")]
    assert chains == ["97-QĐ/TW → 125-QĐ/TW", "132-QĐ/TW → 124-QĐ/TW → 366-QĐ/TW",
                      "16-HD/BTCTW → 25-HD/BTCTW → 43-HD/BTCTW", "01-QĐ/MH → 05-QĐ/MH"]
    illustrative = page.find(class_="rx-group--illustrative")
    assert {a.get_text() for a in illustrative.find_all("a")} == {
        "01-QĐ/MH", "01-HD/MH", "02-QĐ/MH", "05-QĐ/MH"}


def test_lineages_follow_the_front_matter(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    chain = [("01-QĐ/TS", "2020-01-01"), ("02-QĐ/TS", "2021-01-01"), ("03-QĐ/TS", "2022-01-01")]
    for i, (number, issued) in enumerate(chain):
        before = (f"replaces: [{{number: {chain[i - 1][0]}, issued: {chain[i - 1][1]}}}]"
                  if i else "")
        after = (f"replaced_by: [{{number: {chain[i + 1][0]}, issued: {chain[i + 1][1]}}}]"
                 if i + 1 < len(chain) else "")
        write(folder, f"0{i + 1}-qd-ts-{issued[:4]}.md", f"""
            ---
            number: {number}
            type: Quy định
            issued: {issued}
            illustrative: true
            {before}
            {after}
            ---
            """)
    library = Library.load(folder)
    assert [[doc.number for doc, _ in line] for line in lineages(library)] == [
        ["01-QĐ/TS", "02-QĐ/TS", "03-QĐ/TS"]]
    assert 'aria-label="01-QĐ/TS → 02-QĐ/TS → 03-QĐ/TS"' in catalog_html(library)


def test_print_stylesheet_hides_navigation_and_shows_the_source(site):
    css = (site / "assets" / "regindex" / "regindex.css").read_text(encoding="utf-8")
    print_rules = css[css.index("@media print"):]
    for hidden in (".md-header", ".md-sidebar", "details.rx-cited-by"):
        assert hidden in print_rules
    assert ".rx-print-source" in print_rules and "::after" not in print_rules
    assert soup(site / "124-qd-tw-2023.html").find(class_="rx-print-source")[
        "data-citation"] == "Quy định số 124-QĐ/TW ngày 4/10/2023 của Bộ Chính trị"


# --- anchors.json and check --anchors -------------------------------------------------------


def test_anchors_json_lists_every_page_and_anchor(site):
    listed = json.loads((site / "anchors.json").read_text(encoding="utf-8"))["pages"]
    assert set(listed) == {path.name for path in pages(site)} - {"404.html"}
    assert "dieu-7-khoan-1-diem-dd" in listed["01-qd-mh-2024.html"]
    assert "phu-luc-1" in listed["01-hd-mh-2024.html"]
    for name, anchors in listed.items():
        present = {tag["id"] for tag in soup(site / name).find_all(id=True)}
        assert set(anchors) <= present, name


def test_check_anchors_reports_each_anchor_that_disappeared(tmp_path):
    folder = regulations_copy(tmp_path)
    result = build("-d", str(folder), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    old = tmp_path / "anchors-old.json"
    shutil.copy(tmp_path / "site" / "anchors.json", old)
    runner = CliRunner()
    unchanged = runner.invoke(cli, ["check", str(folder), "--anchors", str(old)])
    assert unchanged.exit_code == 0, unchanged.output

    (folder / "02-qd-mh-2024.md").unlink()
    source = folder / "01-qd-mh-2024.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("related:\n  - {number: 02-QĐ/MH, issued: 2024-05-20}\n", "")
    point_dd = slice(text.index("đ) Đã hướng dẫn"), text.index("e) Trong năm"))
    source.write_text(text[:point_dd.start] + text[point_dd.stop:], encoding="utf-8")
    result = runner.invoke(cli, ["check", str(folder), "--anchors", str(old)])
    assert result.exit_code == 1
    assert "2 lỗi" in result.output, "only the two lost-anchor findings"
    assert "01-qd-mh-2024.html mất" in result.output
    assert "#dieu-7-khoan-1-diem-dd" in result.output
    assert "#dieu-7-khoan-1-diem-e" not in result.output     # ids come from letters, not places
    assert "trang 02-qd-mh-2024.html không còn" in result.output
    assert "báo cho người dùng địa chỉ mới" in result.output


def test_check_anchors_with_an_unreadable_file_says_which(tmp_path):
    bad = tmp_path / "old.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(REGULATIONS), "--anchors", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1" in result.output and "anchors.json" in result.output
    assert "Traceback" not in result.output


# --- failures and hostile input ------------------------------------------------------------


def test_a_failed_build_keeps_the_previous_site(tmp_path):
    folder = regulations_copy(tmp_path)
    target = tmp_path / "site"
    build_site(folder, target, config_file=CONFIG)
    before = (target / "index.html").read_bytes()
    write(folder, "hong.md", """
        ---
        number: 09-QĐ/MH
        type: [không, phải, chuỗi
        ---
        """)
    with pytest.raises(RegindexError) as failure:
        build_site(folder, target, config_file=CONFIG)
    assert "hong.md" in str(failure.value) and "giữ nguyên" in failure.value.hint
    assert (target / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_build_outside_the_project_says_where_to_run(tmp_path):
    with pytest.raises(RegindexError, match="mkdocs.yml"):
        build_site(REGULATIONS, tmp_path / "site", config_file=tmp_path / "mkdocs.yml")


HOSTILE = """
    ---
    number: 07-QĐ/MH
    type: Quy định
    title: '<script>alert("tựa")</script>'
    signer: <img src=x onerror=alert(1)>
    issued: 2024-06-01
    status: in-force
    sources:
      - javascript:alert(2)
      - 'https://example.org/"><script>alert(3)</script>'
    note: '<iframe src=javascript:alert(4)></iframe>'
    illustrative: true
    ---
    Điều 1. <script>alert(5)</script>
    1. <img src=x onerror=alert(6)> và [bấm](javascript:alert(7)) *nghiêng*, Điều 9 Quy định 9-QĐ/XX.
    2. Thực hiện theo khoản 1 Điều này.
    """

HOSTILE_NAME = """
    ---
    number: '08</title><script>alert(8)</script>-QĐ/MH'
    type: '<b onmouseover=alert(9)>Quy định</b>'
    issued: 2024-06-02
    illustrative: true
    ---
    """


def test_hostile_text_renders_inert(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    write(folder, "07-qd-mh-2024.md", HOSTILE)
    write(folder, "08-title-script-alert-8-script-qd-mh-2024.md", HOSTILE_NAME)
    site = build_site(folder, tmp_path / "site", config_file=CONFIG).site_dir
    for path in pages(site):
        page = soup(path)
        for script in page.find_all("script"):
            assert not urlsplit(script.get("src", "")).scheme, f"{path.name}: {script}"
            assert "alert" not in script.get_text(), f"{path.name}: {script}"
        for tag in page.find_all(True):
            assert not any(name.lower().startswith("on") for name in tag.attrs), \
                f"{path.name}: {tag}"
            for name in ("href", "src"):
                assert not tag.get(name, "").strip().lower().startswith("javascript:"), tag
        assert page.find("iframe") is None
    page = soup(site / "07-qd-mh-2024.html")
    text = page.get_text()
    assert '<script>alert("tựa")</script>' in text
    assert "<img src=x onerror=alert(6)> và [bấm](javascript:alert(7)) *nghiêng*" in text
    assert page.find("em") is None, "source text must not go through Markdown"
    title = soup(site / "08-title-script-alert-8-script-qd-mh-2024.html").title.get_text()
    assert "<script>alert(8)</script>" in title


def test_unresolved_citations_stay_text_with_a_hint(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    write(folder, "07-qd-mh-2024.md", HOSTILE)
    site = build_site(folder, tmp_path / "site", config_file=CONFIG).site_dir
    clause = soup(site / "07-qd-mh-2024.html").find(id="dieu-1-khoan-1")
    unresolved = clause.find(class_="rx-ref--unresolved")
    assert unresolved.name == "span" and "9-QĐ/XX" in unresolved.get_text()
    assert unresolved["title"]
    assert soup(site / "07-qd-mh-2024.html").find(id="dieu-1-khoan-2").find(
        "a", class_="rx-ref")["href"] == "#dieu-1-khoan-1"


# --- the plugin ---------------------------------------------------------------------------------


def test_serve_watches_the_regulations_folder(tmp_path):
    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    from mkdocs.config import load_config
    config = load_config(str(CONFIG), docs_dir=str(regulations_copy(tmp_path)))
    plugin = config.plugins["regindex"]
    assert isinstance(plugin, RegindexPlugin)
    plugin.on_config(config)
    server = plugin.on_serve(Server(), config=config, builder=None)
    assert server.watched == [str(tmp_path / "regulations")]


def test_a_page_with_text_offers_the_stored_original_and_its_sha256(tmp_path):
    folder = tmp_path / "regulations"
    (folder / "sources").mkdir(parents=True)
    original = "Điều 1. Văn bản minh họa do dự án tự soạn.\n".encode("utf-8")
    (folder / "sources" / "05-qd-mh-2024.TXT").write_bytes(original)
    digest = hashlib.sha256(original).hexdigest()
    write(folder, "05-qd-mh-2024.md", f"""
        ---
        number: 05-QĐ/MH
        type: Quy định
        issued: 2024-05-02
        illustrative: true
        source: {{file: sources/05-qd-mh-2024.TXT, sha256: {digest}}}
        ---
        Điều 1. Văn bản minh họa do dự án tự soạn.
        """)
    site = build_site(folder, tmp_path / "site", config_file=CONFIG).site_dir
    offer = soup(site / "05-qd-mh-2024.html").find(class_="rx-original")
    link = offer.find("a")
    assert link.get_text() == "Tải văn bản gốc" and link["href"] == "van-ban-goc/05-qd-mh-2024.txt"
    assert (site / link["href"]).read_bytes() == original
    assert offer.find("code").get_text() == digest
    assert not (site / "sources").exists(), "the folder's own files are not published"
