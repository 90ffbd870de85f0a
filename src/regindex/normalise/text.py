"""Two forms of Vietnamese text: the stored form, and the form analysis reads.

The **stored form** (``normalise_text``) is the official text exactly as issued, with
only what the encoding and the file add taken away: Unicode NFC, LF line ends and no
BOM at the start. Tone placement ("khoá" / "khóa"), look-alike letters and invisible
characters stay as the text has them: it is what the site shows and what is stored.

The **analysis form** (``analysis_form``) is what the parser's patterns and search
read: the stored form with one tone-mark placement, Đ for the eth look-alike, a plain
space for every Unicode space and for invisible characters. It has exactly as many
characters as the stored form, so an offset found in one is an offset in the other.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["TONE_MARKS", "normalise_text", "analysis_form", "fold_diacritics", "problems"]

TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"
"""Combining tone marks in the usual order: sắc, huyền, hỏi, ngã, nặng."""

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM: analysis reads
each as a space ("đảng\u200bviên" is two syllables, as a reader sees it)."""

OTHER_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
                "\u200a\u202f\u205f\u3000"
"""NBSP and the other Unicode spaces of category Zs: analysis reads a plain space."""

LOOKALIKES = {"\u00d0": "Đ", "\u00f0": "đ"}
"""Icelandic eth (Ð, ð) typed or converted in place of Vietnamese Đ, đ: it looks the
same, but "Ðiều 5" would be neither parsed nor found by a search for "Điều"."""

ANALYSIS = {ord(c): " " for c in INVISIBLE + OTHER_SPACES} \
    | {ord(c): v for c, v in LOOKALIKES.items()}
_UNCLEAN = re.compile(f"[{''.join(map(chr, ANALYSIS))}]")


def _with_tones(vowels: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + tone) for v in vowels for tone in TONE_MARKS)


# Texts place the tone in open syllables with oa, oe, uy the "old" way ("hòa", "khỏe",
# "thủy", "ủy") or the "new" way ("hoà", "khoẻ", "thuỷ"); analysis reads both the old way,
# so that either spelling finds the other. The stored text keeps its own. With a
# final consonant ("hoàn", "thuyền") both ways agree, and in "quý" the u belongs to qu.
NEW_STYLE_PATTERN = rf"""
    [oOuU]                                     # one class first: the fast scan
    (?: (?<=[oO]) [{_with_tones("aeAE")}]      # oà oé … (tone on the second vowel)
      | (?<=[uU]) (?<![qQ].) [{_with_tones("yY")}] )  # uỳ uý …, but "quý" stays
    (?!{{letter}}|[\u0300-\u036f])             # end of the syllable: no coda, no mark
"""
"""A tone placed the new way, written once for Python and the browser
(``regindex.analysis.rules``): ``{letter}`` is a letter of any script."""

_NEW_STYLE = re.compile(NEW_STYLE_PATTERN.replace("{letter}", r"[^\W\d_]"), re.X)

OLD_STYLE = {
    first + unicodedata.normalize("NFC", second + tone):
        unicodedata.normalize("NFC", first + tone) + second
    for firsts, seconds in (("oO", "aeAE"), ("uU", "yY"))
    for first in firsts for second in seconds for tone in TONE_MARKS
}
"""New-style pair → old-style pair, e.g. "oà" → "òa", "UỶ" → "ỦY"."""


def _old_style(match: re.Match) -> str:
    return OLD_STYLE[match[0]]


def normalise_text(text: str) -> str:
    """The stored form of ``text``; idempotent.

    NFC; CRLF and CR → LF; BOMs at the start removed. Nothing else changes: tone
    placement, spaces and invisible characters are the official text's own.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def analysis_form(text: str) -> str:
    """What the parser and search read in ``text``: its stored form with tone marks
    placed one way ("hoà" → "hòa", "THUỶ" → "THỦY"), eth → Đ, Unicode spaces and
    invisible characters → " ". As long as the stored form: offsets are shared.
    """
    text = normalise_text(text)
    if text.isascii():
        return text
    if _UNCLEAN.search(text):
        text = text.translate(ANALYSIS)
    return _NEW_STYLE.sub(_old_style, text)


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def problems(text: str) -> list[tuple[int, str]]:
    """What ``normalise_text`` would change, as (line number from 1, description).

    One entry per line and kind, in line order; empty exactly when the text is
    already in the stored form. `regindex check` prints each with its file and line.
    """
    found = []
    parts = _LINE_BREAK.split(text)  # line, break, line, break, …, line
    for number, (line, end) in enumerate(zip(parts[::2], parts[1::2] + [""]), start=1):
        if number == 1 and line.startswith("\ufeff"):
            found.append((1, "có BOM ở đầu tệp"))
        if end == "\r\n":
            found.append((number, "xuống dòng kiểu Windows (CRLF)"))
        elif end == "\r":
            found.append((number, "xuống dòng kiểu Mac cũ (CR)"))
        if not line.isascii() and not unicodedata.is_normalized("NFC", line):
            found.append((number, "chữ tổ hợp (NFD), chưa chuẩn hóa NFC"))
    return found


def _strip_marks(text: str) -> str:
    """``text`` decomposed, without its marks (category M: what the browser's \\p{M} is)."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.category(c).startswith("M"))


def _fold_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}  # a stroke, not a combining mark: NFD keeps it
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):  # Latin letters with marks
        if (bare := _strip_marks(chr(code))) != chr(code):
            table[code] = bare
    return table


FOLD = _fold_table()
# Left after the table: anything outside Latin, IPA and general punctuation, which
# includes combining marks of NFD input. Those runs are folded through NFD.
RARE = re.compile(r"[^\x00-\u02ff\u1e00-\u1eff\u2000-\u206f]+")


def _fold_rare(match: re.Match) -> str:
    return _strip_marks(match[0])


def fold_diacritics(text: str) -> str:
    """``text`` without diacritics: "Xếp loại Đảng viên" → "Xep loai Dang vien".

    Case and everything else are kept. NFC input takes one table lookup per
    character; rarer characters (NFD marks, other scripts) go through NFD.
    """
    return RARE.sub(_fold_rare, text.translate(FOLD))
