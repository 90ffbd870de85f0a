"""Legacy Vietnamese encodings: TCVN3, VNI, Windows-1258, and detecting them from bytes."""

import codecs
import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regindex.errors import EncodingError
from regindex.normalise import (convert_legacy_text, decode_bytes, detect_legacy_font,
                                encode_legacy, is_capital_font)

SMALL = ("aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ "
         "ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ")
CAPITAL = SMALL.upper()
BASE_CAPITALS = "Ă Â Ê Ô Ơ Ư Đ"  # the only non-ASCII capitals TCVN3 has

# The same letters as the published code charts give them, as Windows-1252 characters.
# VNI capitals are these very codes in capitals ("aù" á, "AÙ" Á).
SMALL_TCVN3 = ("aµ¶·¸¹ ¨»¼½¾Æ ©ÇÈÉÊË eÌÎÏÐÑ ªÒÓÔÕÖ i×ØÜÝÞ oßáâãä "
               "«åæçèé ¬êëìíî uïñòóô \xadõö÷øù yúûüýþ ®")
BASE_CAPITALS_TCVN3 = "¡ ¢ £ ¤ ¥ ¦ §"
SMALL_VNI = ("aaøaûaõaùaï aêaèaúaüaéaë aâaàaåaãaáaä eeøeûeõeùeï eâeàeåeãeáeä iìæóíò "
             "ooøoûoõoùoï oâoàoåoãoáoä ôôøôûôõôùôï uuøuûuõuùuï ööøöûöõöùöï yyøyûyõyùî ñ")

# Written for these tests; not regulation text.
PARAGRAPH = ("Mỗi năm một lần, chi bộ họp để từng đảng viên tự nhận xét, góp ý lẫn nhau và "
             "đề xuất mức xếp loại. Biên bản cuộc họp được gửi lên cấp ủy cấp trên trong "
             "thời hạn mười ngày.\nNgười vắng mặt có lý do chính đáng phải nộp bản tự kiểm "
             "điểm bằng văn bản trước kỳ họp.\n")


def read_back(data: bytes, encoding: str) -> str:
    """Decode with a known encoding, without detection or tone normalisation."""
    if encoding == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    return convert_legacy_text(data.decode("cp1252"), encoding)


def test_fixture_holds_every_vietnamese_letter():
    letters = {unicodedata.normalize("NFC", base + tone)
               for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
               for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")} | {"đ", "Đ"}
    precomposed = {c for c in letters if not c.isascii()}
    assert len(precomposed) == 134
    assert precomposed <= set(SMALL + CAPITAL)


@pytest.mark.parametrize("legacy, encoding, text", [
    (SMALL_TCVN3, "tcvn3", SMALL),
    (BASE_CAPITALS_TCVN3, "tcvn3", BASE_CAPITALS),
    (SMALL_VNI, "vni", SMALL),
    (SMALL_VNI.upper(), "vni", CAPITAL),
], ids=["tcvn3-small", "tcvn3-capital", "vni-small", "vni-capital"])
def test_every_letter_matches_the_published_code_charts(legacy, encoding, text):
    assert convert_legacy_text(legacy, encoding) == text
    assert encode_legacy(text, encoding) == legacy.encode("cp1252")


def test_every_letter_round_trips_through_cp1258():
    text = SMALL + " " + CAPITAL
    assert read_back(encode_legacy(text, "cp1258"), "cp1258") == text


def test_tcvn3_capital_fonts_draw_small_codes_as_capitals():
    data = encode_legacy(SMALL, "tcvn3").decode("cp1252")
    assert convert_legacy_text(data, "tcvn3", capitals=True) == CAPITAL


def test_tcvn3_has_no_capitals_with_tones():
    with pytest.raises(ValueError, match="tcvn3"):
        encode_legacy("ĐẢNG", "tcvn3")


@pytest.mark.parametrize("legacy, encoding, text", [
    ("§¶ng viªn ®­îc kiÓm ®iÓm, xÕp lo¹i chÊt l­îng h»ng n¨m", "tcvn3",
     "Đảng viên được kiểm điểm, xếp loại chất lượng hằng năm"),
    ("Ch­¬ng II. §iÒu 5 kho¶n 2, quy ®Þnh cña cÊp ñy huyÖn lþ, Tæ chøc", "tcvn3",
     "Chương II. Điều 5 khoản 2, quy định của cấp ủy huyện lỵ, Tổ chức"),
    ("Ñaûng vieân ñöôïc kieåm ñieåm, xeáp loaïi chaát löôïng haèng naêm", "vni",
     "Đảng viên được kiểm điểm, xếp loại chất lượng hằng năm"),
    ("CHÖÔNG II. Ñieàu leä, QUY ÑÒNH cuûa caáp uûy huyeän lî, kyø hoïp", "vni",
     "CHƯƠNG II. Điều lệ, QUY ĐỊNH của cấp ủy huyện lỵ, kỳ họp"),
], ids=["tcvn3-1", "tcvn3-2", "vni-1", "vni-2"])
def test_text_in_legacy_fonts_reads_as_published(legacy, encoding, text):
    """Codes typed from the published tables: a wrong table entry fails here."""
    assert convert_legacy_text(legacy, encoding) == text


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_legacy_bytes_are_detected(encoding):
    assert decode_bytes(encode_legacy(PARAGRAPH, encoding)) == (PARAGRAPH, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_detected_legacy_text_is_normalised(encoding):
    data = encode_legacy("Cấp uỷ họp.\r\n" + PARAGRAPH.replace("\n", "\r\n"), encoding)
    assert decode_bytes(data) == ("Cấp uỷ họp.\n" + PARAGRAPH, encoding)   # as written


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_file_misread_and_saved_as_utf8_is_recovered(encoding):
    misread = encode_legacy(PARAGRAPH, encoding).decode("cp1252")
    assert decode_bytes(misread.encode("utf-8")) == (PARAGRAPH, encoding)


@pytest.mark.parametrize("data, encoding", [
    (PARAGRAPH.encode("utf-8"), "utf-8"),
    (PARAGRAPH.encode("utf-8-sig"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), "utf-16"),
    (PARAGRAPH.encode("utf-16-le"), "utf-16"),
    (PARAGRAPH.encode("utf-16-be"), "utf-16"),
], ids=["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be"])
def test_unicode_files_with_and_without_bom(data, encoding):
    assert decode_bytes(data) == (PARAGRAPH, encoding)


def test_utf8_nfd_is_normalised():
    data = unicodedata.normalize("NFD", PARAGRAPH).encode("utf-8")
    assert decode_bytes(data) == (PARAGRAPH, "utf-8")


def test_latin1_looking_utf8_stays_utf8():
    assert decode_bytes("Ông bà".encode("utf-8")) == ("Ông bà", "utf-8")


def test_pure_ascii_and_empty_input():
    assert decode_bytes(b"Dieu 1. Pham vi\r\n") == ("Dieu 1. Pham vi\n", "utf-8")
    assert decode_bytes(b"") == ("", "utf-8")


def test_random_bytes_raise_an_error_naming_the_file():
    data = random.Random(7).randbytes(4000)
    with pytest.raises(EncodingError) as error:
        decode_bytes(data, file="van-ban-cu.txt")
    assert "van-ban-cu.txt" in str(error.value)
    assert "bảng mã" in str(error.value)
    assert "UTF-8" in error.value.hint


def test_broken_utf8_after_a_bom_names_the_line():
    with pytest.raises(EncodingError) as error:
        decode_bytes(codecs.BOM_UTF8 + "Điều 1.\nKhoản ".encode() + b"\xff", file="a.txt")
    assert (error.value.file, error.value.line) == ("a.txt", 2)


@pytest.mark.parametrize("font, encoding", [
    (".VnTime", "tcvn3"), (".VnTimeH", "tcvn3"), (".VnArial", "tcvn3"),
    (".VnArial NarrowH", "tcvn3"), ('".VnTime"', "tcvn3"), (".vntime", "tcvn3"),
    ("VNI-Times", "vni"), ("VNI-Helve", "vni"), ("vni-times", "vni"),
    ("Times New Roman", None), ("Arial", None), ("VnExpress Sans", None),
])
def test_legacy_fonts_are_recognised(font, encoding):
    assert detect_legacy_font(font) == encoding


@pytest.mark.parametrize("font, capital", [
    (".VnTimeH", True), (".VnArial NarrowH", True), (".VnTime", False),
    ("VNI-Times", False), ("Times New Roman", False),
])
def test_tcvn3_capital_fonts(font, capital):
    assert is_capital_font(font) is capital


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError):
        convert_legacy_text("abc", "viscii")


ANY_LETTERS = st.text(alphabet=SMALL + CAPITAL + "bcdghklmnpqrstvx ,.\n")


@given(ANY_LETTERS)
def test_any_vietnamese_text_round_trips_through_vni_and_cp1258(text):
    for encoding in ("vni", "cp1258"):
        assert read_back(encode_legacy(text, encoding), encoding) == text


@given(st.text(alphabet=SMALL + BASE_CAPITALS + "bcdghklmnpqrstvx ,.\n"))
def test_any_vietnamese_text_round_trips_through_tcvn3(text):
    assert read_back(encode_legacy(text, "tcvn3"), "tcvn3") == text
