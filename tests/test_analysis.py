"""Vietnamese analysis: segmentation with the domain words, document numbers, folding,
canonical forms, legacy encodings, the Whoosh analyzers and the segmentation cache.

Sample sentences are the project's own, written for these tests (illustrative)."""

import pickle
import unicodedata

import pytest

from regindex.analysis import (SEGMENTER, SegmentCache, Segmenter, analyse, analyse_query,
                               domain_words, syllable_analyzer, tokenize, word_analyzer)
from regindex.analysis import segment
from regindex.normalise import decode_bytes, encode_legacy

SENTENCE = "Cấp ủy kiểm điểm, xếp loại đảng viên và tổ chức đảng theo Quy định số 124-QĐ/TW."


def exact(text):
    return [term.exact for term in analyse(text)]


def test_domain_words_stay_whole():
    words = exact(SENTENCE)
    for term in ("cấp ủy", "kiểm điểm", "xếp loại", "đảng viên", "tổ chức đảng", "quy định"):
        assert term in words
    assert "ủy" not in words and "loại" not in words


def test_domain_word_list_is_data_with_the_terms_of_the_brief():
    terms = {" ".join(term) for group in domain_words().values() for term in group}
    assert {"xếp loại", "đảng viên", "cấp ủy", "chi bộ", "tổ chức đảng", "kiểm điểm"} <= terms


def test_a_domain_term_never_cuts_a_word_the_model_found():
    text = "tổ chức đảng viên"
    tokens = tokenize(text)
    model = bytearray([1, 0, 1])                   # "tổ chức" | "đảng viên"
    assert segment.join_domain_words(text, tokens, bytearray(model)) == model
    split = bytearray([0, 0, 0])                   # "tổ" | "chức" | "đảng" | "viên"
    assert segment.join_domain_words(text, tokens, split) == bytearray([1, 1, 0])


@pytest.mark.parametrize("number, folded", [
    ("124-QĐ/TW", "124-qd/tw"), ("25-HD/BTCTW", "25-hd/btctw"), ("45/2019/QH14", "45/2019/qh14"),
    ("124–QĐ/TW", "124-qd/tw"), ("15/2020/NĐ-CP", "15/2020/nd-cp"),
])
def test_document_numbers_are_one_term(number, folded):
    terms = analyse(f"Căn cứ {number}, ngày 04/10/2023")
    assert [t.folded for t in terms][-3:] == [folded, "ngay", "04/10/2023"]


def test_terms_are_lower_case_with_folded_form_and_offsets():
    text = "Đảng viên được xếp loại"
    terms = analyse(text)
    assert [(t.exact, t.folded) for t in terms] == [
        ("đảng viên", "dang vien"), ("được", "duoc"), ("xếp loại", "xep loai")]
    assert [t.position for t in terms] == [0, 1, 2]
    assert [text[t.start:t.end] for t in terms] == ["Đảng viên", "được", "xếp loại"]


def test_nfd_input_gives_the_same_terms():
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert nfd != SENTENCE
    assert exact(nfd) == exact(SENTENCE)


def test_both_tone_placements_give_one_term():
    assert exact("hoà giải, thuỷ lợi, cấp uỷ") == exact("hòa giải, thủy lợi, cấp ủy")


def test_invisible_characters_and_nbsp_do_not_split_words():
    assert exact("đảng\u00a0viên được\u200b xếp loại") == exact("đảng viên được xếp loại")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_legacy_encoded_text_gives_the_same_terms(encoding):
    text = "đảng viên được xếp loại hằng năm"
    decoded, found = decode_bytes(encode_legacy(text, encoding))
    assert found == encoding
    assert exact(decoded) == exact(text)


def test_word_analyzer_adds_folded_forms_at_the_same_position():
    tokens = [(t.text, t.pos) for t in word_analyzer()("Đảng viên số 124-QĐ/TW", positions=True)]
    assert tokens == [("đảng viên", 0), ("dang vien", 0), ("số", 1), ("so", 1),
                      ("124-qđ/tw", 2), ("124-qd/tw", 2)]


def test_syllable_analyzer_gives_syllables_folded_and_as_written_and_serial_numbers():
    tokens = [(t.text, t.pos) for t in syllable_analyzer()("Đảng viên 124-QĐ/TW, hơn", positions=True)]
    assert sorted(tokens, key=lambda t: t[1]) == [
        ("đảng", 0), ("dang", 0), ("viên", 1), ("vien", 1), ("124-qđ/tw", 2), ("124-qd/tw", 2),
        ("124", 2), ("hơn", 3), ("hon", 3)]


def test_analyzers_survive_pickling():
    for analyzer in (word_analyzer(), syllable_analyzer()):
        copy = pickle.loads(pickle.dumps(analyzer))
        assert copy == analyzer
        assert [t.text for t in copy(SENTENCE)] == [t.text for t in analyzer(SENTENCE)]


def test_query_words_follow_the_index_vocabulary_with_or_without_accents():
    vocabulary = {"xep loai", "dang vien", "chi bo"}
    for query in ("xep loai dang vien chi bo", "xếp loại đảng viên chi bộ"):
        terms = analyse_query(query, vocabulary.__contains__)
        assert [t.folded for t in terms] == ["xep loai", "dang vien", "chi bo"]
    assert [t.exact for t in analyse_query("Xếp loại", vocabulary.__contains__)] == ["xếp loại"]
    # punctuation between syllables ends a word
    assert len(analyse_query("xep, loai", vocabulary.__contains__)) == 2


def test_segmentations_are_cached_on_disk(tmp_path, monkeypatch):
    text = "Chi bộ tổ chức kiểm điểm cuối năm (câu minh họa cho kiểm thử)."
    first = Segmenter(SegmentCache(tmp_path / "segments.sqlite"))
    assert first.prepare([text]) == len(text)
    assert first.prepare([text]) == 0                          # known in the process
    first.cache.close()

    def no_model(*args):
        raise AssertionError("segmented again")
    monkeypatch.setattr(segment, "crf_joins", no_model)
    second = Segmenter(SegmentCache(tmp_path / "segments.sqlite"))
    assert second.prepare([text]) == 0
    assert second.words(text) == first.words(text)
    changed = text.replace("cuối", "giữa")
    with pytest.raises(AssertionError, match="segmented again"):
        second.prepare([changed])


def test_worker_processes_segment_as_one_process_does(monkeypatch):
    texts = [f"Đoạn {n}: đảng viên tự kiểm điểm, chi bộ xếp loại (minh họa)." for n in range(130)]
    monkeypatch.setattr(segment, "PARALLEL_CHARS", 0)
    parallel = Segmenter()
    batches = list(parallel.batches(texts, workers=2))
    assert sum(map(len, batches)) == len(texts) and len(batches) == 3
    alone = Segmenter()
    alone.prepare(texts, workers=1)
    assert parallel.known == alone.known


def test_the_process_segmenter_serves_the_analyzers():
    SEGMENTER.prepare([SENTENCE])
    assert [w.text for w in SEGMENTER.words(SENTENCE)][:2] == ["Cấp ủy", "kiểm điểm"]
