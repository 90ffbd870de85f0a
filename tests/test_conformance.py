"""One analysis in Python and in the browser: the conformance table
(tests/conformance/analysis.json) answered by both, and random texts through both.

The browser engine reads its rules from regindex-analysis.js, generated from Python
(``regindex.analysis.rules``); these tests catch a stale file and any rule the engine
applies differently."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regindex.analysis import tokenize
from regindex.analysis.rules import RULES_FILE, rules_script
from regindex.errors import RegindexError
from regindex.index.query import parse_query
from regindex.normalise import analysis_form, fold_diacritics

from .conftest import ROOT

NODE = shutil.which("node")
TABLE = ROOT / "tests" / "conformance" / "analysis.json"
CASES = json.loads(TABLE.read_text(encoding="utf-8"))


def analysis(text: str) -> dict:
    """What the table records of ``text``, by the Python analysis."""
    normalised = analysis_form(text)
    try:
        user = parse_query(text)
        query = {"text": user.text,
                 "phrases": [[t.folded for t in tokenize(phrase)] for phrase in user.phrases]}
    except RegindexError:
        query = None
    return {
        "normalised": normalised,
        "folded": fold_diacritics(normalised),
        "tokens": [[t.text.lower(), t.start, t.end, t.kind] for t in tokenize(normalised)],
        "query": query,
    }


def test_the_generated_browser_rules_are_current():
    assert RULES_FILE.read_text(encoding="utf-8") == rules_script(), \
        "run: python -m regindex.analysis.rules"


@pytest.mark.parametrize("case", CASES, ids=[case["input"] for case in CASES])
def test_python_answers_the_conformance_table(case):
    assert analysis(case["input"]) == {key: case[key] for key in
                                       ("normalised", "folded", "tokens", "query")}


class Engine:
    """One Node process running the browser engine's analysis, for many texts."""

    def __init__(self):
        self.process = subprocess.Popen([NODE, str(ROOT / "tests" / "js" / "analyse.cjs")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, encoding="utf-8")

    def __call__(self, texts: list[str]) -> list[dict]:
        self.process.stdin.write(json.dumps(texts) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def engine():
    if NODE is None:
        pytest.skip("needs Node.js")
    running = Engine()
    yield running
    running.close()


def _comparable(found: dict) -> dict:
    """The browser reads an unclosed quote instead of refusing it: compare the rest."""
    return found if found["query"] is not None else {**found, "query": None}


def test_the_browser_answers_the_conformance_table(engine):
    found = engine([case["input"] for case in CASES])
    for case, browser in zip(CASES, found):
        expected = {key: case[key] for key in ("normalised", "folded", "tokens", "query")}
        if expected["query"] is None:
            browser["query"] = None
        assert browser == expected, case["input"]


# Text a user may type or a document may hold: Vietnamese in both tone placements and
# NFD, look-alikes, invisible characters and Unicode spaces, quotes, document numbers.
PIECES = ["đảng", "viên", "Đảng", "hoà", "hòa", "THUỶ", "quý", "Ðiều", "ðại", "kiểm", "điểm",
          "124-QĐ/TW", "45/2019/QH14", "01-QĐ/MH", "1.200.000", "04/10/2023", "12a", "khoản",
          "a\u0301", "o\u0300a", "\u0309", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2009",
          "\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", '"', "“", "”", ",", ".",
          "-", "–", "/", "_", "(", "ά", "й", "ﬁ", "Ⅻ", "²", "x", "Q", "u", "y", "ỳ"]
# Any character of the scripts and signs Vietnamese text is written with. (Other scripts
# differ in which marks each side's Unicode tables call letters.)
ALPHABET = "".join(chr(c) for r in ((0x09, 0x0E), (0x20, 0x250), (0x300, 0x370), (0x1E00, 0x1F00),
                                    (0x2000, 0x2070), (0x3000, 0x3001), (0xFEFF, 0xFF00))
                   for c in range(*r))
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
                  st.text(st.sampled_from(ALPHABET), max_size=20))


@settings(max_examples=20, deadline=None)
@given(st.lists(TEXTS, min_size=40, max_size=40))
def test_python_and_the_browser_analyse_any_text_alike(engine, texts):
    for text, browser in zip(texts, engine(texts)):
        python = analysis(text)
        if python["query"] is None:
            browser["query"] = None
        assert browser == python, repr(text)
