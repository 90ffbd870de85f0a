"""The scale benchmarks still measure what they say: they are run by hand on sizes no
test can afford, so a change that breaks them (a script the bench page no longer
loads, a cache they seed where the build no longer looks) would go unseen until the
next long run. Here each runs on two ALQAC laws."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

LAWS = ("Luật Phòng, chống ma túy", "Luật Cư trú")


@pytest.fixture
def two_laws(alqac_laws):
    return [law for law in alqac_laws if law["id"] in LAWS]


@pytest.mark.corpus
@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_browser_benchmark_answers_in_both_layouts(two_laws, tmp_path, monkeypatch):
    import scale_site

    monkeypatch.setattr(scale_site, "LOADS", 1)
    monkeypatch.setattr(scale_site, "QUERIES", 4)
    monkeypatch.setattr(scale_site, "TIMEOUT_MS", 60_000)
    # in a thread of its own: the session's browser (tests/browser.py) keeps
    # Playwright's sync API running in this one, where a second cannot start
    with ThreadPoolExecutor(1) as thread:
        found = thread.submit(scale_site.measure_syllables, two_laws, tmp_path).result()
    for layout in ("single", "sharded"):
        # a first result came (from file:// and http), having loaded some of the index
        assert found[f"{layout}: first result, file:// (ms)"] > 0
        assert found[f"{layout}: index files loaded"] >= 1
        assert found[f"{layout}: index loaded, gzip (KB)"] > 0
    assert found["sharded: index files loaded"] > 1, "the sharded index loads its shards"
    # every question as a first query: the core, and postings for each
    median, most = found["sharded: page + first query over 4 questions, gzip median / max (KB)"
                          ].split(" / ")
    assert 0 < float(median) <= float(most)
    assert "core " in found["sharded: each kind of shard, median (KB)"]
    assert "p " in found["sharded: each kind of shard, median (KB)"]


@pytest.mark.corpus
def test_the_site_benchmark_seeds_the_cache_the_build_reads(two_laws, tmp_path):
    import alqac
    import scale_site
    from regindex.analysis import SegmentCache
    from regindex.index.build import segment_cache_path

    folder = alqac.write_folder(two_laws, tmp_path / "regulations")
    seed = SegmentCache(tmp_path / "seed.sqlite")
    seed.put([(b"key", b"joins")])
    seed.close()
    scale_site.seed_segments(folder, tmp_path / "seed.sqlite")
    cache = SegmentCache(segment_cache_path(folder))
    assert cache.get([b"key"]) == {b"key": b"joins"}
    cache.close()
