"""Random bytes and random HTML never crash `import` and never write outside the folder."""

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from regindex.errors import RegindexError
from regindex.importer import import_file

PIECES = ["Số 7-QĐ/MH", "Hà Nội, ngày 1 tháng 2 năm 2024", "ngày 31 tháng 2 năm 2024",
          "QUY ĐỊNH", "về thử", "Chương I", "Điều 1.", "Điều 1.", "1.", "a)", "- ", "T/M BAN",
          "Nơi nhận:", "PHỤ LỤC 1", "Nguyễn Văn A", "---", "number: x", "<", ">", "&lt;script&gt;",
          "§iÒu", "Ñieàu", "\x00", "\r", "\t", "\u00a0", "\u200b", "đ", "../../x", " "]
TAGS = ["p", "div", "table", "tr", "td", "th", "br", "span", "a", "nav", "script", "style",
        "font", "li", "ul", "pre", "svg", "iframe", "noscript", "header", "footer", "h1"]
ATTRIBUTES = ['', ' class="noidung"', ' class="menu"', ' style="font-family:.VnTime"',
              ' face="VNI-Times"', ' onerror="alert(1)"', ' href="javascript:alert(1)"',
              ' style="display:none"', ' hidden']

text = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=6).map(" ".join)
html = st.recursive(
    text,
    lambda inner: st.builds(
        lambda tag, attributes, children, closed: f"<{tag}{attributes}>{''.join(children)}"
                                                  + (f"</{tag}>" if closed else ""),
        st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), st.lists(inner, max_size=4),
        st.booleans()),
    max_leaves=30)
options = st.fixed_dictionaries({}, optional={
    "number": st.sampled_from(["7-QĐ/MH", "../../etc", "QĐ", "1-A/B"]),
    "issued": st.just(dt.date(2024, 2, 1))})


def _files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def _import_never_escapes(name: str, data: bytes, kwargs: dict) -> None:
    with tempfile.TemporaryDirectory() as workspace:
        root = Path(workspace)
        original = root / name
        original.write_bytes(data)
        folder = root / "regulations"
        folder.mkdir()
        (folder / "sources").mkdir()
        try:
            result = import_file(original, folder, **kwargs)
        except RegindexError as exc:
            assert exc.message          # a clear message, never a crash
            result = None
        outside = {path for path in _files(root) if folder not in path.parents}
        assert outside == {original}
        assert original.read_bytes() == data
        if result is not None:
            assert result.path.parent == folder
            assert "<script" not in result.path.read_text(encoding="utf-8").lower()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.docx"]), options)
def test_random_bytes_never_crash_import(data, name, kwargs):
    _import_never_escapes(name, data, kwargs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(html, max_size=6).map("\n".join), options)
def test_random_html_never_crashes_import(page, kwargs):
    _import_never_escapes("trang.html", page.encode("utf-8"), kwargs)
