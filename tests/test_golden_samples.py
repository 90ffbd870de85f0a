"""Golden trees of the illustrative samples (both layouts): kinds, numbers and ids.

After an intended parser change, regenerate with REGINDEX_UPDATE_GOLDEN=1 and review
the diff of tests/golden/.
"""

import os
from pathlib import Path

import pytest

from regindex import read_document

from .conftest import REGULATIONS

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = sorted((REGULATIONS / "minh-hoa").glob("*.md"))


def outline(document) -> str:
    lines = []
    for node in document.root.walk():
        if node.kind == "document":
            continue
        depth = sum(1 for _ in node.ancestors()) - 1
        lines.append(f"{'  ' * depth}{node.kind} {node.num or '-'} {node.eid} "
                     f"| {document.citation(node) if node.addressable else ''}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_tree_matches_golden(path):
    document = read_document(path)
    expected_file = GOLDEN / f"{path.stem}.txt"
    actual = outline(document)
    if os.environ.get("REGINDEX_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_reassembles_exactly(path):
    document = read_document(path)
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert document.text == body
    assert document.meta.illustrative is True


def test_both_layouts_are_represented():
    kinds = {node.kind for path in SAMPLES for node in read_document(path).root.walk()}
    assert {"chapter", "part", "article", "clause", "point", "indent",
            "section", "appendix", "form", "header", "signature"} <= kinds


def test_citations_of_sample_elements_are_in_vietnamese_form():
    document = read_document(REGULATIONS / "minh-hoa" / "01-qd-mh-2024.md")
    assert document.citation(document.get("dieu-7-khoan-1-diem-dd")) == \
        "điểm đ khoản 1 Điều 7 Quy định số 01-QĐ/MH"
    guidance = read_document(REGULATIONS / "minh-hoa" / "01-hd-mh-2024.md")
    assert guidance.citation(guidance.get("muc-2-1-diem-dd")) == \
        "điểm đ mục 2.1 Hướng dẫn số 01-HD/MH"
