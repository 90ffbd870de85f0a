"""Saved web pages (.html): the main text block of a portal page, as plain text.

A page saved from a Party or legal portal holds the document among menus, banners,
share buttons, related-news lists and footers. The importer drops what a reader never
sees as text (scripts, styles, comments, forms, hidden elements), then page furniture
(navigation, menus, ads …, recognised by tag, role, class or id, or by being mostly
links), then keeps the smallest element that still holds all the remaining text: the
text block. Known portal containers are taken directly.

Only text comes out: one line per paragraph, table rows as tab-separated cells. No tag,
attribute or URL of the page survives, so nothing from it can run on the site. Runs set
in a legacy font (``font-family: .VnTime``, ``<font face="VNI-Times">``) are converted.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from ..normalise import convert_legacy_text, decode_bytes, detect_legacy_font, is_capital_font
from .extract import Extract, legacy_codes_to_unicode, table_row_lines

__all__ = ["extract_html"]

INVISIBLE_TAGS = frozenset("""
    head title meta link base script noscript style template iframe frame frameset object
    embed applet svg math canvas video audio picture img map area input button select
    option textarea datalist
""".split())
"""Elements whose content a reader never sees as text of the page."""

FURNITURE_TAGS = frozenset("nav header footer aside menu dialog".split())
FURNITURE_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar".split())
FURNITURE_WORDS = frozenset("""
    nav navbar navigation menu mainmenu submenu megamenu breadcrumb breadcrumbs sidebar
    side header footer banner ads ad advert adverts advertisement quangcao qc share
    sharing social comment comments related lienquan tags tag search login popup modal
    cookie widget toolbar print rating meta
""".split())
"""Words in the class or id of page furniture ("main-menu", "box_quangcao", "share-bar")."""

TEXT_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr td th".split())
"""Elements that hold text themselves: their class never makes them furniture."""

TEXT_BLOCKS = frozenset("""
    fulltext toanvancontent toanvan noidungvanban vbcontent content1 noidung noi-dung
    detail-content content-detail news-content article-content article-body articlebody
    post-content entry-content doc-content document-content
""".split())
"""Class or id of the element holding the document on common portals."""

BLOCK_TAGS = frozenset("""
    address article blockquote body center dd div dl dt fieldset figcaption figure form
    h1 h2 h3 h4 h5 h6 hr html li main ol p section table tbody thead tfoot caption ul
""".split())
"""Elements that start and end a line."""

SMALL_TEXT = 60
"""Characters of text outside the chosen block that may be left behind (a date line)."""

_CHARSET = re.compile(rb"""
    <meta [^>]*?                          # a meta tag (charset= or http-equiv content=)
    charset \s* = \s* ["']? \s*
    (?P<charset> [A-Za-z0-9_:.-]+ )       # the encoding name
""", re.X | re.I)

_STYLE_RULE = re.compile(r"""
    (?P<selectors> [^{}]+ )               # "p.MsoNormal, li.MsoNormal"
    \{ (?P<body> [^{}]* ) \}              # "{ font-family: .VnTime; }"
""", re.X)

_FONT_FAMILY = re.compile(r"""
    font-family \s* : \s*
    (?P<family> [^;,]+ )                  # the first family named
""", re.X | re.I)

_HIDDEN = re.compile(r"""
    (?: display \s* : \s* none | visibility \s* : \s* hidden )   # inline hiding
""", re.X | re.I)

_SIMPLE_SELECTOR = re.compile(r"""
    \s* (?P<tag> [a-z][a-z0-9]* )?        # "p" …
    (?: \. (?P<cls> [\w-]+ ) )? \s*       # … ".MsoNormal"
""", re.X | re.I)

_WORD_SPLIT = re.compile(r"[\s_\-]+")

_TAG_TEXT = re.compile(r"""
    < /? [A-Za-z!] [\w:-]*              # "<script", "</p", "<!--", "<svg:rect"
    (?: [\s/] [^<>]* )? >                # its attributes, up to ">"
""", re.X)
"""Markup written out as text ("&lt;script&gt;" in the page): never regulation text, and
dropped so that no renderer of the body could ever take it for markup."""


def extract_html(data: bytes, *, file: str | Path, charset: str | None = None) -> Extract:
    """The document text of a saved page. ``charset`` is the one an HTTP server sent."""
    markup, encoding = _decode(data, file, charset)
    soup = BeautifulSoup(markup, "html.parser")
    fonts = _stylesheet_fonts(soup)
    root = soup.body or soup
    _remove([el for el in root.find_all(True) if _invisible(el)])
    _drop_furniture(root)
    block = _text_block(root)
    text, legacy = legacy_codes_to_unicode("\n".join(_lines(block, fonts)))
    text, tags = _TAG_TEXT.subn("", text)
    warnings = [f"đã bỏ {tags} đoạn chữ có dạng thẻ HTML (như <script>) trong nội dung"
                ] if tags else []
    return Extract(text, legacy or encoding, warnings)


def _decode(data: bytes, file, charset: str | None) -> tuple[str, str]:
    """A byte-order mark decides; then the charset the server or the page declares;
    otherwise the bytes are detected like a .txt file."""
    declared = charset or (match["charset"].decode("ascii") if (
        match := _CHARSET.search(data[:4096])) else None)
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                         codecs.BOM_UTF16_BE)):
        try:
            codec = codecs.lookup(declared).name
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass            # a wrong declaration: detect instead
    return decode_bytes(data, file=file)


def _invisible(element: Tag) -> bool:
    if element.name in INVISIBLE_TAGS or element.has_attr("hidden"):
        return True
    return bool(_HIDDEN.search(_attr(element, "style")))


def _attr(element: Tag, name: str) -> str:
    value = element.get(name) if element.attrs is not None else None
    return " ".join(value) if isinstance(value, list) else (value or "")


# -- choosing the text block ----------------------------------------------------------

def _remove(elements: list[Tag]) -> None:
    """Remove these elements (those inside another one go with it)."""
    removed = set(map(id, elements))
    for element in elements:
        if not any(id(parent) in removed for parent in element.parents):
            element.decompose()


def _text_sizes(root: Tag) -> tuple[dict[int, int], dict[int, int]]:
    """Characters of text, and of link text, under each element (by ``id``)."""
    sizes: dict[int, int] = {id(root): 0}
    links: dict[int, int] = {}
    for string in root.find_all(string=True):
        if type(string) is not NavigableString:
            continue
        size = len(" ".join(string.split()))
        if not size:
            continue
        chain = list(_parents_up_to(string, root))
        in_link = any(element.name == "a" for element in chain)
        for element in chain:
            sizes[id(element)] = sizes.get(id(element), 0) + size
            if in_link:
                links[id(element)] = links.get(id(element), 0) + size
    return sizes, links


def _link_counts(root: Tag) -> dict[int, int]:
    """Number of links under each element (by ``id``)."""
    counts: dict[int, int] = {}
    for link in root.find_all("a"):
        for element in _parents_up_to(link, root):
            counts[id(element)] = counts.get(id(element), 0) + 1
    return counts


def _parents_up_to(node, root: Tag):
    for parent in node.parents:
        yield parent
        if parent is root:
            return


def _furniture(element: Tag) -> bool:
    if element.name in FURNITURE_TAGS or _attr(element, "role").lower() in FURNITURE_ROLES:
        return True
    if element.name in TEXT_TAGS:       # a "header-table" holds the document's header
        return False
    words = _WORD_SPLIT.split(f"{_attr(element, 'class')} {_attr(element, 'id')}".lower())
    return not FURNITURE_WORDS.isdisjoint(words)


def _drop_furniture(root: Tag) -> None:
    """Remove navigation, ads and link lists; never an element holding half the text."""
    sizes, links = _text_sizes(root)
    counts = _link_counts(root)
    total = sizes[id(root)]
    dropped: list[Tag] = []
    for element in root.find_all(True):
        size = sizes.get(id(element), 0)
        if size * 2 >= total and total:
            continue
        link_list = counts.get(id(element), 0) >= 3 and links.get(id(element), 0) >= 0.6 * size
        if _furniture(element) or link_list:
            dropped.append(element)
    _remove(dropped)


def _text_block(root: Tag) -> Tag:
    """A known portal container, else the smallest element holding all the text."""
    sizes, _ = _text_sizes(root)
    total = sizes[id(root)]
    known = [el for el in root.find_all(True) if _known_block(el)]
    if known:
        best = max(known, key=lambda el: sizes.get(id(el), 0))
        if sizes.get(id(best), 0) * 2 >= total:
            return best
    block = root
    while True:
        children = [(child, sizes.get(id(child), 0) if isinstance(child, Tag)
                     else len(" ".join(str(child).split()))) for child in block.children]
        big = [child for child, size in children if size > SMALL_TEXT]
        rest = sum(size for _, size in children) - sum(sizes.get(id(c), 0) for c in big)
        if len(big) != 1 or not isinstance(big[0], Tag) or rest > SMALL_TEXT:
            return block
        block = big[0]


def _known_block(element: Tag) -> bool:
    names = {name.lower() for name in _attr(element, "class").split()} | {
        _attr(element, "id").lower()}
    return not TEXT_BLOCKS.isdisjoint(names) or _attr(element, "itemprop") == "articleBody"


# -- writing the text -----------------------------------------------------------------

class _Lines:
    """Lines being written; table rows and cells collect their own lines first."""

    def __init__(self):
        self.containers: list[list[str]] = [[]]   # the text, then any open cells
        self.rows: list[list[list[str]]] = []       # open table rows: their cells' lines
        self.buffer: list[str] = []

    def add(self, text: str) -> None:
        self.buffer.append(text)

    def break_line(self) -> None:
        line = " ".join("".join(self.buffer).split())
        self.buffer = []
        if line:
            self.containers[-1].append(line)

    def open_row(self) -> None:
        self.break_line()
        self.rows.append([])

    def close_row(self) -> None:
        self.break_line()
        self.containers[-1].extend(table_row_lines(self.rows.pop()))

    def open_cell(self) -> None:
        self.break_line()
        self.containers.append([])

    def close_cell(self) -> None:
        self.break_line()
        cell = self.containers.pop()
        (self.rows[-1].append(cell) if self.rows else self.containers[-1].extend(cell))

    @property
    def text(self) -> list[str]:
        self.break_line()
        return self.containers[0]


_CLOSE = {"tr": _Lines.close_row, "td": _Lines.close_cell, "th": _Lines.close_cell}
_OPEN = {"tr": _Lines.open_row, "td": _Lines.open_cell, "th": _Lines.open_cell}


def _lines(block: Tag, fonts: dict) -> list[str]:
    """The block's text, walked without recursion (pages can nest very deep)."""
    out = _Lines()
    stack: list[tuple[object, str | None, bool]] = [(block, None, False)]
    while stack:
        node, font, closing = stack.pop()
        if closing:
            _CLOSE.get(node.name, _Lines.break_line)(out)
        elif isinstance(node, Tag):
            if node.name == "br":
                out.break_line()
                continue
            font = _font_of(node, fonts) or font
            if node.name in _OPEN or node.name in BLOCK_TAGS:
                _OPEN.get(node.name, _Lines.break_line)(out)
                stack.append((node, font, True))
            stack.extend((child, font, False) for child in reversed(node.contents))
        elif type(node) is NavigableString:
            out.add(_in_font(str(node), font))
    return out.text


def _stylesheet_fonts(soup: BeautifulSoup) -> dict[tuple[str | None, str | None], str]:
    """Font families set by simple rules of the page's <style> ("p.MsoNormal", ".x", "p")."""
    fonts = {}
    for style in soup.find_all("style"):
        for rule in _STYLE_RULE.finditer(style.get_text()):
            if family := _FONT_FAMILY.search(rule["body"]):
                for selector in rule["selectors"].split(","):
                    if (match := _SIMPLE_SELECTOR.fullmatch(selector)) and (
                            match["tag"] or match["cls"]):
                        key = (match["tag"] and match["tag"].lower(), match["cls"])
                        fonts[key] = family["family"]
    return fonts


def _font_of(element: Tag, fonts: dict) -> str | None:
    """The font family this element sets for its text, if it sets one."""
    if family := _FONT_FAMILY.search(_attr(element, "style")):
        return family["family"]
    if face := _attr(element, "face"):
        return face.split(",")[0]
    for cls in _attr(element, "class").split():
        if family := fonts.get((element.name, cls)) or fonts.get((None, cls)):
            return family
    return fonts.get((element.name, None))


def _in_font(text: str, font: str | None) -> str:
    encoding = detect_legacy_font(font) if font else None
    if encoding is None:
        return text
    return convert_legacy_text(text, encoding, capitals=is_capital_font(font))
