"""Legacy Vietnamese encodings found in real government files.

Before Unicode, offices typed Vietnamese in TCVN3 (ABC; fonts ".VnTime" …), VNI
(fonts "VNI-Times" …) or Windows-1258. A .txt file holds those bytes as they are; a
.docx or HTML file holds them as Windows-1252 characters in a run whose font draws
them as Vietnamese ("§¶ng viªn" in .VnTime reads "Đảng viên"). The letter tables are
data: ``tcvn3.txt`` and ``vni.txt`` next to this module.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from importlib import resources
from itertools import islice
from pathlib import Path

from ..errors import EncodingError
from .text import TONE_MARKS, normalise_text

__all__ = ["decode_bytes", "convert_legacy_text", "encode_legacy", "detect_legacy_font",
           "is_capital_font"]


def _load_table(name: str) -> dict[str, str]:
    """Vietnamese letter → its code as Windows-1252 characters, from ``{name}.txt``."""
    table = {}
    rows = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    for row in rows.splitlines():
        if row.strip() and not row.startswith("#"):
            base, *codes = row.split()
            for tone, code in zip(("", *TONE_MARKS), codes):
                if code != "-":
                    letter = unicodedata.normalize("NFC", base + tone)
                    table[letter] = bytes.fromhex(code).decode("latin-1")
    return table


class _Code:
    """One font encoding: the letter table and the way back from its codes."""

    def __init__(self, name: str):
        self.encode = _load_table(name)
        self.decode = {code: letter for letter, code in self.encode.items() if code != letter}
        # Longest first: VNI "oá" (ố) must win over "o" followed by "á". Single
        # characters go in one class, which is fast.
        longer = sorted((code for code in self.decode if len(code) > 1), key=len, reverse=True)
        singles = "".join(code for code in self.decode if len(code) == 1)
        self.pattern = re.compile("|".join([*map(re.escape, longer), f"[{re.escape(singles)}]"]))

    def letter(self, match: re.Match) -> str:
        return self.decode[match[0]]


_CODES = {name: _Code(name) for name in ("tcvn3", "vni")}

_FONTS = (
    (re.compile(r"VNI[-_ ]", re.I), "vni"),  # VNI-Times, VNI-Helve, VNI-Avo …
    (re.compile(r"\.Vn", re.I), "tcvn3"),    # .VnTime, .VnTimeH, .VnArial, .VnArial NarrowH …
)
"""Font-name prefixes of the legacy fonts, and the encoding their text is in."""


def _font(font_name: str) -> str:
    return font_name.strip().strip("'\"")  # CSS quotes ".VnTime"


def detect_legacy_font(font_name: str) -> str | None:
    """"tcvn3", "vni" or None: the encoding of text set in the font ``font_name``."""
    for prefix, encoding in _FONTS:
        if prefix.match(_font(font_name)):
            return encoding
    return None


def is_capital_font(font_name: str) -> bool:
    """Whether ``font_name`` is a TCVN3 capital font (.VnTimeH, .VnArialH …).

    Those fonts draw every code as a capital letter, which is how TCVN3 texts show
    capitals with tones: pass ``capitals=True`` to ``convert_legacy_text``.
    """
    return detect_legacy_font(font_name) == "tcvn3" and _font(font_name).upper().endswith("H")


def _code(encoding: str) -> _Code:
    try:
        return _CODES[encoding]
    except KeyError:
        raise ValueError(f"không biết bảng mã {encoding!r}; chỉ có tcvn3 và vni") from None


def convert_legacy_text(text: str, encoding: str, *, capitals: bool = False) -> str:
    """Unicode for ``text`` that holds "tcvn3" or "vni" codes as Windows-1252 characters.

    This is how runs in a legacy font look inside .docx or HTML. ``capitals`` is for
    the TCVN3 capital fonts (see ``is_capital_font``). Convert before
    ``analysis_form``: TCVN3 "ư" is the soft hyphen, which analysis reads as a space.
    """
    code = _code(encoding)
    text = code.pattern.sub(code.letter, text)
    return text.upper() if capitals else text


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` as a file in "tcvn3", "vni" or "cp1258" holds it: for test fixtures.

    Raises ValueError for a character the encoding lacks; TCVN3 has no capital
    letters with tones (write them in small letters, as for a .VnTimeH font).
    """
    table = None if encoding == "cp1258" else _code(encoding).encode
    encoded = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            encoded += _encode_cp1258(char) if table is None else _encode_font(char, table)
        except (KeyError, UnicodeEncodeError):
            raise ValueError(f"bảng mã {encoding} không có ký tự {char!r}") from None
    return bytes(encoded)


def _encode_font(char: str, table: dict[str, str]) -> bytes:
    if char in table:
        return table[char].encode("latin-1")
    if char.isascii() or "\u2000" <= char <= "\u206f":  # punctuation: “ ” – …
        return char.encode("cp1252")
    raise KeyError(char)  # any other letter would read as a Vietnamese one


def _encode_cp1258(char: str) -> bytes:
    """Windows-1258 has â ă ê ô ơ ư precomposed and the tones as combining marks."""
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        marks = unicodedata.normalize("NFD", char)
        tone = "".join(m for m in marks if m in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONE_MARKS))
        return (base + tone).encode("cp1258")


# Detection. A wrong reading of Vietnamese bytes gives words that are no Vietnamese
# syllable ("§¶ng", "Ñaûng", "ẹaỷng"); the right one gives almost only syllables.

_SYLLABLE = re.compile(r"""
    (?: ngh | ng | nh | ch | gh | gi | kh | ph | qu | th | tr | [bcdđghklmnprstvx] )?
    (?: (?: iêu | yêu | oai | oao | oay | oeo | uây | uôi | uya | uyu | ươi | ươu         # open
          | ai | ao | au | ay | âu | ây | eo | êu | ia | iu | oi | ôi | ơi | ua | ui | ưa | ưi
          | ưu | oa | oe | uê | uơ | uy | [aeêioôơuưy] )
      | (?: uyê | iê | yê | uô | ươ | oă | oa | oe | uâ | uê | uy | [aăâeêioôơuưy] )
        [mnpt]                                                                   # -m -n -p -t
      | (?: uyê | iê | yê | uô | ươ | oă | oa | uâ | [aăâeoôơuư] ) (?: ng | c )   # not after ê i y
      | (?: oa | uê | uy | [aêiy] ) (?: ch | nh ) )                               # only after these
""", re.X)
"""A Vietnamese syllable without its tone: onset, then an open rime or one closed by a
final consonant. Loan words ("ôtô", "xoong") fail, which costs a detection nothing."""
_NO_TONES = {ord(tone): None for tone in TONE_MARKS}
# A word: letters and any other non-ASCII character, which mojibake is made of.
_WORD = re.compile(r"[^\s\x21-\x40\x5b-\x60\x7b-\x7e\u2000-\u206f]+")
_ABBREVIATION = re.compile("[A-ZĐ]+")  # QĐ, BCĐ: right, though no syllable
# Measured on the articles of 17 Vietnamese laws in each encoding: the right reading
# scores 0.98 or more, wrong ones 0.17 on average (a few short articles up to 0.77);
# with this margin no line was misread and one in a thousand stayed undecided.
_SAMPLE = 5000       # words, enough to tell encodings apart
_MIN_SCORE = 0.7
_MARGIN = 0.2

_CP1252_HIGH = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
_BEYOND_CP1252 = re.compile(f"[^\x00-\x7f{re.escape(_CP1252_HIGH)}]")
_RESAVE = "Mở tệp bằng Word hoặc Notepad, lưu lại dưới dạng UTF-8 (Unicode) rồi nhập lại."


def _is_syllable(word: str) -> bool:
    word = unicodedata.normalize("NFC", word)  # istitle() takes a combining mark as a break
    if not (word.islower() or word.istitle() or word.isupper()):  # "lÉn": mojibake
        return False
    marks = unicodedata.normalize("NFD", word.lower())
    bare = marks.translate(_NO_TONES)
    return len(marks) - len(bare) <= 1 and bool(
        _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)))


def _score(text: str) -> float:
    """Share of the words with non-ASCII characters that are Vietnamese syllables."""
    words = islice((m[0] for m in _WORD.finditer(text)
                    if not m[0].isascii() and not _ABBREVIATION.fullmatch(m[0])), _SAMPLE)
    checked = [_is_syllable(word) for word in words]
    return sum(checked) / len(checked) if checked else 0.0


def _choose(readings: dict[str, str]) -> str | None:
    """The name of the reading that is clearly Vietnamese, or None."""
    if len(set(readings.values())) == 1:  # no letter outside ASCII: all agree
        return next(iter(readings))
    scores = {name: _score(text) for name, text in readings.items()}
    best, runner_up = sorted(scores.values(), reverse=True)[:2]
    if best >= _MIN_SCORE and best - runner_up >= _MARGIN:
        return max(scores, key=scores.get)
    return None


def decode_bytes(data: bytes, *, file: str | Path | None = None) -> tuple[str, str]:
    """(normalised text, encoding) of a file's bytes; raises EncodingError if unsure.

    The encoding is "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3" or "vni". A BOM
    decides; then UTF-16 without BOM (many zero bytes), then UTF-8 (unless it holds
    TCVN3 or VNI codes as Windows-1252 characters, as an editor saves a legacy file
    it misread); otherwise the Windows-1258, TCVN3 or VNI reading that is clearly
    Vietnamese.
    """
    text, encoding = _decode(data, file)
    return normalise_text(text), encoding


def _decode(data: bytes, file) -> tuple[str, str]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, codec, file), codec
    if codec := _utf16_without_bom(data):
        return _strict(data, codec, file), "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data, file)
    if text.isascii() or _BEYOND_CP1252.search(text):
        return text, "utf-8"
    # Only Windows-1252 characters: maybe a TCVN3 or VNI file an editor misread.
    readings = {"utf-8": text, **{name: convert_legacy_text(text, name) for name in _CODES}}
    best = _choose(readings) or "utf-8"
    return readings[best], best


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec when most code units have a zero high byte (Latin text)."""
    units = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if not units or len(data) % 2 or max(even, odd) < units / 2 or min(even, odd) > units / 20:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _strict(data: bytes, codec: str, file) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(codec, errors="replace").count("\n") + 1
        raise EncodingError(f"tệp có byte không hợp lệ trong bảng mã {codec}",
                            file=file, line=line, hint=_RESAVE) from None


def _legacy(data: bytes, file) -> tuple[str, str]:
    readings = {}
    try:
        readings["cp1258"] = data.decode("cp1258")
    except UnicodeDecodeError:
        pass  # bytes Windows-1258 leaves undefined: not that encoding
    # Legacy fonts keep Windows-1252 punctuation (“ ” – …) at bytes 80-9F.
    ansi = data.decode("cp1252", errors="replace")
    readings |= {name: convert_legacy_text(ansi, name) for name in _CODES}
    if best := _choose(readings):
        return readings[best], best
    raise EncodingError("không nhận ra bảng mã của tệp (không phải UTF-8, TCVN3, VNI "
                        "hay Windows-1258)", file=file, hint=_RESAVE)
