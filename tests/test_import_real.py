"""`regindex import` of the real official files in ../shared/corpora/real/ (never
committed): the facts and structure counts of that folder's README
(benchmarks/import_real.json), a round trip, and the official text kept verbatim.
Skips cleanly where ../shared is absent."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.importer.importer import extract_original
from regindex.library import read_document
from regindex.present import document_export

from .conftest import ROOT, SHARED

REAL = SHARED / "corpora" / "real"
EXPECTED = json.loads((ROOT / "benchmarks" / "import_real.json").read_text(encoding="utf-8"))
FILES = list(EXPECTED["files"])
FACTS = ("slug", "number", "name", "type", "issuer", "letterhead", "signer", "issued")

pytestmark = pytest.mark.skipif(not REAL.is_dir(),
                                reason="../shared/corpora/real is absent (present in CI)")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each real file imported into a folder of its own: (its --json record, document)."""
    done = {}
    for name in FILES:
        folder = tmp_path_factory.mktemp("real") / "regulations"
        result = CliRunner().invoke(cli, ["import", "-d", str(folder), str(REAL / name),
                                          "--json"])
        assert result.exit_code == 0, result.output
        [record] = json.loads(result.output)
        done[name] = (record, read_document(Path(record["path"])), folder)
    return done


@pytest.mark.parametrize("name", FILES)
def test_facts_from_header_and_signature(imported, name):
    record, document, _ = imported[name]
    expected = EXPECTED["files"][name]
    stated = {fact: expected[fact] for fact in FACTS
              if expected[fact] is not None or fact in ("number", "name")}
    assert {fact: record[fact] for fact in stated} == stated
    assert record["action"] == "created"


@pytest.mark.parametrize("name", FILES)
def test_structure_counts(imported, name):
    record, _, _ = imported[name]
    expected = EXPECTED["files"][name]["counts"]
    assert {kind: record["counts"].get(kind, 0) for kind in expected} == expected


@pytest.mark.parametrize("name", FILES)
def test_stored_body_is_the_extracted_text_verbatim(imported, name):
    _, document, _ = imported[name]
    extracted = unicodedata.normalize("NFC", extract_original(REAL / name).text)

    def lines(text):
        return [line.rstrip() for line in text.split("\n") if line.strip()]

    assert lines(document.text) == lines(extracted)
    for spelling in ("khoá", "hoá", "uỷ", "Uỷ"):     # new-style tone placement stays
        assert document.text.count(spelling) == extracted.count(spelling)


@pytest.mark.parametrize("name", FILES)
def test_round_trip(imported, name):
    record, document, folder = imported[name]
    again = CliRunner().invoke(cli, ["import", "-d", str(folder), str(REAL / name), "--json"])
    assert json.loads(again.output)[0]["action"] == "unchanged"
    exported = document_export(document)

    def texts(elements):
        return "".join(e["text"] + texts(e["children"]) for e in elements)

    assert texts(exported["elements"]) == document.text
    assert exported["slug"] == record["slug"]


def test_new_style_tone_marks_of_the_real_text_are_kept(imported):
    _, document, _ = imported["383-QD-TW-2025.txt"]
    raw = unicodedata.normalize("NFC", (REAL / "383-QD-TW-2025.txt").read_text(encoding="utf-8"))
    assert "khoá" in raw and document.text.count("khoá") == raw.count("khoá")
    assert "khóa XV" not in document.text
