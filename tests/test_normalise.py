"""normalise_text (the stored form), analysis_form (what parser and search read),
problems and fold_diacritics."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regindex.normalise import analysis_form, fold_diacritics, normalise_text, problems
from regindex.normalise.text import TONE_MARKS

NFD = "Đa\u0309ng vie\u0302n đươ\u0323c xe\u0302\u0301p loa\u0323i"


def test_nfd_input_becomes_nfc():
    assert normalise_text(NFD) == "Đảng viên được xếp loại"
    assert unicodedata.is_normalized("NFC", normalise_text(NFD))


@pytest.mark.parametrize("new, old", [
    ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("uỷ", "ủy"), ("hoá", "hóa"),
    ("Hoà", "Hòa"), ("HOÀ", "HÒA"), ("THUỶ", "THỦY"), ("KHOẺ", "KHỎE"), ("Uỷ ban", "Ủy ban"),
    ("cấp uỷ, khoá XIII.", "cấp ủy, khóa XIII."), ("loè", "lòe"), ("luỹ", "lũy"),
])
def test_new_style_tone_placement_is_stored_as_written_and_read_the_old_way(new, old):
    assert normalise_text(new) == new
    assert analysis_form(new) == analysis_form(old) == old


@pytest.mark.parametrize("word", [
    "hòa", "thủy", "ỦY", "quý", "QUÝ", "Quỳnh", "quỹ", "hoàn", "toán", "thuyền", "khuyến",
    "xoài", "ngoáy", "khuỷu", "của", "mùa", "thuở",
])
def test_fixed_placements_are_untouched(word):
    assert normalise_text(word) == analysis_form(word) == word


def test_both_placements_give_one_analysis_form():
    assert analysis_form("hoà thuỷ khoẻ") == analysis_form("hòa thủy khỏe")
    assert analysis_form("hoa\u0300") == analysis_form("ho\u0300a") == "hòa"


def test_stored_form_drops_only_the_bom_and_line_end_differences():
    raw = "\ufeffĐiều 1.\r\nKhoản\u00a01\u2009a\rb\u200bc\u00ad\u2060d\ufeffe\n"
    assert normalise_text(raw) == "Điều 1.\nKhoản\u00a01\u2009a\nb\u200bc\u00ad\u2060d\ufeffe\n"


def test_analysis_reads_unicode_spaces_and_invisible_characters_as_spaces():
    raw = "\ufeffĐiều 1.\r\nKhoản\u00a01\u2009a\rđảng\u200bviên kiểm\u00addiểm\n"
    assert analysis_form(raw) == "Điều 1.\nKhoản 1 a\nđảng viên kiểm diểm\n"


def test_ordinary_whitespace_and_lines_are_kept():
    text = "  Điều 1.\t Phạm vi  \n\n\n   - tiết\t\n"
    assert normalise_text(text) == text


def test_ascii_text_only_changes_line_ends():
    assert normalise_text("a  b\r\nc\rd\n") == "a  b\nc\nd\n"


def test_problems_name_each_line_and_kind():
    raw = ("\ufeffĐiều 1.\r\n"          # 1: BOM, CRLF
           "Chi b\u200bộ\n"             # 2: the text's own: kept
           "cấp uỷ họp\n"               # 3: the text's own tone placement: kept
           "ngày\u00a010\n"             # 4: the text's own space: kept
           "Đa\u0309ng viên\n"          # 5: NFD
           "không có gì\n")             # 6: clean
    assert problems(raw) == [
        (1, "có BOM ở đầu tệp"),
        (1, "xuống dòng kiểu Windows (CRLF)"),
        (5, "chữ tổ hợp (NFD), chưa chuẩn hóa NFC"),
    ]


def test_lone_cr_is_a_line_break():
    assert problems("a\rb\rc") == [(1, "xuống dòng kiểu Mac cũ (CR)"),
                                   (2, "xuống dòng kiểu Mac cũ (CR)")]


def test_canonical_text_has_no_problems():
    assert problems(normalise_text(NFD + "\r\ncấp uỷ\u00a0")) == []


def test_fold_removes_every_diacritic():
    assert fold_diacritics("Xếp loại Đảng viên") == "Xep loai Dang vien"
    assert fold_diacritics("ỦY BAN KIỂM TRA, điểm đ") == "UY BAN KIEM TRA, diem d"


def test_fold_handles_nfd_input_and_keeps_the_rest():
    assert fold_diacritics(NFD) == "Dang vien duoc xep loai"
    assert fold_diacritics("“Điều 5” – §2, 50%") == "“Dieu 5” – §2, 50%"


def test_fold_covers_the_whole_alphabet():
    letters = "".join(unicodedata.normalize("NFC", vowel + tone)
                      for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for tone in TONE_MARKS)
    assert fold_diacritics(letters + "đĐ").isascii()


def test_mark_after_a_syllable_keeps_the_result_canonical():
    once = analysis_form("hoà\u0301")
    assert analysis_form(once) == once


# Pieces whose neighbours matter: tone pairs, qu, marks, line ends, invisible characters.
PIECES = ["h", "q", "Q", "o", "O", "u", "U", "a", "y", "oà", "oẹ", "uỷ", "OÁ", "UỲ", "ư", "đ",
          "Đ", "ặ", " ", "\t", "\n", "\r", "\r\n", "\u0300", "\u0301", "\u0323", "\u0302",
          "\u00a0", "\u2009", "\u200b", "\u00ad", "\ufeff"]
ANY_TEXT = st.one_of(st.text(), st.lists(st.sampled_from(PIECES)).map("".join))


@given(ANY_TEXT)
def test_normalise_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(ANY_TEXT)
def test_analysis_form_is_idempotent_and_as_long_as_the_stored_form(text):
    once = analysis_form(text)
    assert analysis_form(once) == once
    assert len(once) == len(normalise_text(text))


@given(ANY_TEXT)
def test_problems_are_empty_exactly_when_normalising_changes_nothing(text):
    assert (problems(text) == []) == (normalise_text(text) == text)


@given(ANY_TEXT)
def test_fold_leaves_no_combining_mark(text):
    assert not any(unicodedata.combining(c) for c in fold_diacritics(text))


def test_eth_lookalike_is_stored_as_written_and_read_as_vietnamese_d():
    text = "Ðiều 5. Phạm vi\nngười ðại diện"
    assert normalise_text(text) == text
    assert analysis_form(text) == "Điều 5. Phạm vi\nngười đại diện"
