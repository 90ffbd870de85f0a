"""Random structure-keyword soup never crashes the parser; ids stay unique; text is kept."""

from hypothesis import given, settings, strategies as st

from regindex.parse import parse_body

PIECES = ["Điều 1.", "Điều 2.", "Điều 2:", "Chương I", "CHƯƠNG II", "Mục 1", "PHẦN THỨ NHẤT",
          "I- PHẦN", "II. NỘI DUNG", "1.", "2.", "1.1.", "1.2", "1.1.1.", "a)", "b)", "đ)", "d)",
          "- ", "+ ", "T/M BAN", "Nơi nhận:", "PHỤ LỤC 1", "Phụ lục 2", "Mẫu 02A", "Mẫu số 1",
          "xếp loại", "đảng viên", " ", "\t", "", "Điều này", "khoản 2 Điều 3",
          "QUY CHẾ", "(Ban hành kèm theo Quyết định số 05-QĐ/MH)", "ĐẢNG BỘ", "I. Về",
          "II. Về", "III. Về", "K/T TRƯỞNG BAN", "Chương I ĐẢNG VIÊN Điều 1. 1. Một.",
          "Điều 2. 1. Hai."]

line = st.lists(st.sampled_from(PIECES), min_size=0, max_size=4).map(" ".join)
body = st.lists(line | st.text(max_size=20), max_size=40).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(body)
def test_keyword_soup_never_crashes_and_keeps_every_character(text):
    tree = parse_body(text).root
    assert tree.full_text() == text
    ids = [node.eid for node in tree.walk() if node.eid]
    assert len(ids) == len(set(ids))
