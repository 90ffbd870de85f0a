"""benchmarks/relevance.py on a small slice of ALQAC (two laws and their questions):
it reports the documented JSON, and regindex beats the baseline on questions typed
without diacritics. Skips where ../shared is absent."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

LAWS = ("Luật Phòng, chống ma túy", "Luật Cư trú")
METRICS = {"recall@1", "recall@5", "recall@10", "mrr@10"}

pytestmark = pytest.mark.corpus


@pytest.fixture()
def slice_files(tmp_path, alqac_laws, alqac_questions):
    laws = [law for law in alqac_laws if law["id"] in LAWS]
    questions = [q for q in alqac_questions
                 if all(item["law_id"] in LAWS for item in q["relevant_articles"])]
    assert len(laws) == 2 and len(questions) >= 20
    corpus, asked = tmp_path / "laws.json", tmp_path / "questions.json"
    corpus.write_text(json.dumps(laws, ensure_ascii=False), encoding="utf-8")
    asked.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    return corpus, asked


def test_relevance_benchmark_on_a_slice(slice_files):
    corpus, asked = slice_files
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "relevance.py"), "--corpus", str(corpus),
         "--questions", str(asked), "--json", "--fresh", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    engines = json.loads(done.stdout)["engines"]
    assert set(engines) == {"regindex", "baseline"}
    for engine in engines.values():
        for variant in ("accented", "stripped"):
            assert set(engine[variant]) == METRICS
            assert all(0 <= value <= 1 for value in engine[variant].values())
    assert set(engines["regindex"]["fresh_process_s"]) == {"median", "max"}
    ours, baseline = engines["regindex"]["stripped"], engines["baseline"]["stripped"]
    assert ours["recall@5"] > baseline["recall@5"]
    assert ours["mrr@10"] > baseline["mrr@10"]
