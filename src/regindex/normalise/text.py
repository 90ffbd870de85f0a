"""One canonical form for Vietnamese text, and diacritic folding for search.

The canonical form is Unicode NFC with one tone-mark placement, LF line ends, plain
spaces and no invisible characters. Everything else is kept as it is (ordinary
whitespace, line content), because the parser is lossless on the normalised text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["TONE_MARKS", "normalise_text", "fold_diacritics", "problems"]

TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"
"""Combining tone marks in the usual order: sắc, huyền, hỏi, ngã, nặng."""

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Removed: soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM."""

_OTHER_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                "\u202f\u205f\u3000"
"""Replaced by a plain space, like NBSP (U+00A0): the Unicode spaces of category Zs."""

_LOOKALIKES = {"\u00d0": "Đ", "\u00f0": "đ"}
"""Icelandic eth (Ð, ð) typed or converted in place of Vietnamese Đ, đ: it looks the
same, but "Ðiều 5" would be neither parsed nor found by a search for "Điều"."""

_CLEAN = {ord(c): None for c in _INVISIBLE} | {ord(c): " " for c in "\u00a0" + _OTHER_SPACES} \
    | {ord(c): v for c, v in _LOOKALIKES.items()}
_UNCLEAN = re.compile(f"[{''.join(map(chr, _CLEAN))}]")


def _with_tones(vowels: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + tone) for v in vowels for tone in TONE_MARKS)


# Party texts place the tone the "old" way in open syllables with oa, oe, uy: "hòa",
# "khỏe", "thủy", "ủy". The "new" way ("hoà", "khoẻ", "thuỷ") is rewritten to it. With a
# final consonant ("hoàn", "thuyền") both ways agree, and in "quý" the u belongs to qu.
_NEW_STYLE = re.compile(rf"""
    [oOuU]                                     # one class first: the fast scan
    (?: (?<=[oO]) [{_with_tones("aeAE")}]      # oà oé … (tone on the second vowel)
      | (?<=[uU]) (?<![qQ].) [{_with_tones("yY")}] )  # uỳ uý …, but "quý" stays
    (?![^\W\d_]|[\u0300-\u036f])               # end of the syllable: no coda, no mark
""", re.X)

_OLD_STYLE = {
    first + unicodedata.normalize("NFC", second + tone):
        unicodedata.normalize("NFC", first + tone) + second
    for firsts, seconds in (("oO", "aeAE"), ("uU", "yY"))
    for first in firsts for second in seconds for tone in TONE_MARKS
}
"""New-style pair → old-style pair, e.g. "oà" → "òa", "UỶ" → "ỦY"."""


def _old_style(match: re.Match) -> str:
    return _OLD_STYLE[match[0]]


def normalise_text(text: str) -> str:
    """The canonical form of ``text``; idempotent.

    NFC; tone marks placed the old way ("hoà" → "hòa", "THUỶ" → "THỦY"); CRLF and CR
    → LF; NBSP and other Unicode spaces → " "; zero-width characters, soft hyphens and
    BOMs removed. Ordinary whitespace and line content are kept.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text
    if _UNCLEAN.search(text):
        # Before NFC: an invisible character between a letter and its mark blocks composition.
        text = text.translate(_CLEAN)
    text = unicodedata.normalize("NFC", text)
    return _NEW_STYLE.sub(_old_style, text)


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_OTHER_SPACES_RE = re.compile(f"[{_OTHER_SPACES}]")
_WORD_END = re.compile(r"[^\W\d_]*\Z")


def problems(text: str) -> list[tuple[int, str]]:
    """What ``normalise_text`` would change, as (line number from 1, description).

    One entry per line and kind, in line order; empty exactly when the text is
    already canonical. `regindex check` prints each with its file and line.
    """
    found = []
    parts = _LINE_BREAK.split(text)  # line, break, line, break, …, line
    for number, (line, end) in enumerate(zip(parts[::2], parts[1::2] + [""]), start=1):
        if number == 1 and line.startswith("\ufeff"):
            found.append((1, "có BOM ở đầu tệp"))
            line = line[1:]
        if end == "\r\n":
            found.append((number, "xuống dòng kiểu Windows (CRLF)"))
        elif end == "\r":
            found.append((number, "xuống dòng kiểu Mac cũ (CR)"))
        if line.isascii():
            continue
        if _INVISIBLE_RE.search(line):
            found.append((number, "ký tự vô hình (zero-width)"))
        if "\u00a0" in line:
            found.append((number, "dấu cách không ngắt (NBSP)"))
        if _OTHER_SPACES_RE.search(line):
            found.append((number, "dấu cách Unicode đặc biệt"))
        if any(c in line for c in _LOOKALIKES):
            found.append((number, "chữ Ð/ð (eth) thay cho Đ/đ"))
        line = line.translate(_CLEAN)
        if not unicodedata.is_normalized("NFC", line):
            found.append((number, "chữ tổ hợp (NFD), chưa chuẩn hóa NFC"))
            line = unicodedata.normalize("NFC", line)
        if match := _NEW_STYLE.search(line):
            word = _WORD_END.search(line, 0, match.start())[0] + match[0]
            found.append((number, f"dấu thanh đặt kiểu mới: '{word}' → "
                                  f"'{word[:-2]}{_old_style(match)}'"))
    return found


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _fold_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}  # a stroke, not a combining mark: NFD keeps it
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):  # Latin letters with marks
        if (bare := _strip_marks(chr(code))) != chr(code):
            table[code] = bare
    return table


_FOLD = _fold_table()
# Left after the table: anything outside Latin, IPA and general punctuation, which
# includes combining marks of NFD input. Those runs are folded through NFD.
_RARE = re.compile(r"[^\x00-\u02ff\u1e00-\u1eff\u2000-\u206f]+")


def _fold_rare(match: re.Match) -> str:
    return _strip_marks(match[0])


def fold_diacritics(text: str) -> str:
    """``text`` without diacritics: "Xếp loại Đảng viên" → "Xep loai Dang vien".

    Case and everything else are kept. NFC input takes one table lookup per
    character; rarer characters (NFD marks, other scripts) go through NFD.
    """
    return _RARE.sub(_fold_rare, text.translate(_FOLD))
