"""`regindex import` of saved web pages: the text block only, and nothing that could run."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.importer import import_file
from regindex.library import read_document
from regindex.normalise import encode_legacy
from regindex.site import build_site

from .browser import serving
from .conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "import"
PORTAL = (FIXTURES / "portal-page.html").read_text(encoding="utf-8")
PORTAL_ELEMENTS = [
    "mo-dau", "chuong-i", "dieu-1", "dieu-1-khoan-1", "dieu-1-khoan-2", "dieu-2",
    "dieu-2-khoan-1", "dieu-2-khoan-1-diem-a", "dieu-2-khoan-1-diem-b", "dieu-2-khoan-1-diem-c",
    "dieu-2-khoan-2", "chuong-ii", "dieu-3", "phu-luc-1",
]
FURNITURE = ["Trang chủ", "Văn bản mới", "Quảng cáo", "Chia sẻ", "Tin liên quan",
             "Địa chỉ", "Đường dây nóng", "dataLayer"]


def run_import(folder, *args):
    return CliRunner().invoke(cli, ["import", "-d", str(folder), *map(str, args)])


def imported(tmp_path, html: str | bytes, name="trang.html"):
    page = tmp_path / name
    page.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    folder = tmp_path / "regulations"
    result = run_import(folder, page)
    assert result.exit_code == 0, result.output
    [path] = folder.glob("*.md")
    return read_document(path), result


@pytest.mark.parametrize("page", [
    PORTAL,                                   # the text block has a known portal class
    PORTAL.replace('class="noidung"', 'class="khoi-giua"'),   # an unknown one
])
def test_saved_portal_page_gives_the_document_without_the_page(tmp_path, page):
    document, result = imported(tmp_path, page)
    assert [node.eid for node in document.elements()] == PORTAL_ELEMENTS
    assert not [word for word in FURNITURE if word in document.text]
    assert document.text.endswith("Ngày\tCó mặt\tVắng mặt\n01/6/2024\t12\t1\n")
    assert document.get("dieu-1-khoan-2").body == \
        "Sổ theo dõi được lập bằng giấy hoặc bằng tệp điện tử."
    meta = document.meta
    assert (meta.number, meta.type, str(meta.issued)) == ("05-QĐ/MH", "Quy định", "2024-06-01")
    assert meta.title == "về sổ theo dõi sinh hoạt chi bộ (văn bản minh họa)"
    assert meta.letterhead == "Ban Biên tập regindex"
    assert meta.signer == "Trần Văn Ví Dụ (Trưởng ban)"


def test_nothing_that_could_run_survives(tmp_path):
    document, result = imported(tmp_path, (FIXTURES / "unsafe-page.html").read_bytes())
    written = Path(document.path).read_text(encoding="utf-8")
    assert not re.search(r"<|>|javascript|on(error|load|click|focus|mouseover)\s*=", written, re.I)
    assert re.findall(r"alert\('(\w+)'\)", written) == ["text"]     # only what was plain text
    # text from scripts, hidden and embedded elements, forms and the menu is gone
    assert [node.eid for node in document.elements()] == [
        "mo-dau", "dieu-1", "dieu-1-khoan-1", "dieu-1-khoan-2", "dieu-2", "dieu-2-khoan-1"]
    assert "Giới thiệu" not in written
    assert "đã bỏ 2 đoạn chữ có dạng thẻ HTML" in result.output


def test_legacy_fonts_of_old_pages_are_converted(tmp_path):
    def tcvn3(text):
        return encode_legacy(text, "tcvn3").decode("cp1252")

    lines = ["Số 10-QĐ/MH", "Hà Nội, ngày 3 tháng 3 năm 2024", "về sổ", "Điều 1. Phạm vi",
             "1. Sổ được lập bằng giấy."]
    vni = encode_legacy("2. Sổ được lưu ở văn phòng chi bộ.", "vni").decode("cp1252")
    page = f"""<html><head><meta charset="windows-1252">
        <style>p.MsoNormal {{ font-family: "VNI-Times"; }}</style></head><body>
        {"".join(f'<p><span style="font-family:.VnTime">{tcvn3(line)}</span></p>'
                 for line in lines[:2])}
        <p><font face=".VnTimeH">{tcvn3("quy định")}</font></p>
        {"".join(f'<p><span style="font-family:.VnTime">{tcvn3(line)}</span></p>'
                 for line in lines[2:])}
        <p class="MsoNormal">{vni}</p></body></html>"""
    document, _ = imported(tmp_path, page.encode("cp1252"))
    assert document.meta.type == "Quy định"
    assert document.get("dieu-1-khoan-1").body == "Sổ được lập bằng giấy."
    assert document.get("dieu-1-khoan-2").body == "Sổ được lưu ở văn phòng chi bộ."


def test_windows_1258_page(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1258"></head><body><p>Số 11-QĐ/MH</p>'
            '<p>Hà Nội, ngày 4 tháng 4 năm 2024</p><p>QUY ĐỊNH</p><p>về lưu trữ</p>'
            '<p>Điều 1. Lưu trữ</p><p>1. Hồ sơ được lưu ở tủ của chi bộ.</p></body></html>')
    document, result = imported(tmp_path, encode_legacy(page, "cp1258"))
    assert document.meta.source["encoding"] == "cp1258"
    assert document.get("dieu-1-khoan-1").body == "Hồ sơ được lưu ở tủ của chi bộ."


# -- the imported page on the site, in Debian's Chromium ----------------------------------

@pytest.fixture(scope="module")
def unsafe_site(tmp_path_factory):
    """The unsafe page imported, the site built from it, and served on a free port."""
    root = tmp_path_factory.mktemp("unsafe")
    folder = root / "regulations"
    import_file(FIXTURES / "unsafe-page.html", folder)
    build_site(folder, root / "site", config_file=ROOT / "mkdocs.yml")
    with serving(root / "site") as base:
        yield root / "site", base


def test_the_built_page_carries_no_script_from_the_import(unsafe_site):
    html = (unsafe_site[0] / "08-qd-mh-2024.html").read_text(encoding="utf-8")
    assert "Văn bản minh họa này kiểm thử việc loại bỏ mã chạy được" in html
    assert not re.search(r"javascript:|on(error|load|click|focus|mouseover)\s*=", html, re.I)
    assert re.findall(r"alert\(([^)]*)\)", html) == ["&#x27;text&#x27;"]   # escaped text only


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["file", "http"])
def test_no_script_from_the_import_runs_in_the_browser(unsafe_site, scheme, browser):
    folder, http_base = unsafe_site
    base = folder.as_uri() + "/" if scheme == "file" else http_base
    page = browser.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "08-qd-mh-2024.html")
    page.locator("#dieu-1-khoan-2").hover()
    page.wait_for_load_state("networkidle")
    text = page.locator("#dieu-2-khoan-1").inner_text()
    page.close()
    assert "alert('text')" in text            # shown as the words they were
    assert dialogs == []
    assert [url for url in requests if not url.startswith((base, "data:", "blob:"))] == []
