"""How the site build and the browser's search scale: the first 1×, 10× and 42× of the
Pháp điển, the sharded index against the single-script index in the same run.

    python benchmarks/scale_site.py --corpus ../shared/corpora/phapdien/law.json.gz \\
        [--sizes 1,10,42] [--questions ../shared/corpora/alqac2024/train_questions.json] \\
        [--segments CACHE.sqlite] [--json]

N× is the first đề mục of the Pháp điển until their text is N times the ALQAC corpus's
(as benchmarks/scale.py cuts it), written as a regulations folder in a temporary folder.
For each size:

- `regindex build` as a new process: time and peak memory (the process and its
  workers, sampled from /proc), cold (no rendered page kept) and after one document
  changed; ``--segments`` seeds the segmentation cache (the one `regindex index` fills)
  so that a size's segmentation is paid once over several runs;
- the browser (Debian's headless Chromium), for the sharded index the site ships and,
  as the baseline, the single script of format 1 written beside it: a page that loads
  the engine, then its index, then answers the first question's first six words, from
  file:// and over http (fresh browser context each, median of a few loads): time
  from navigation to the first result, index bytes transferred (gzip, as a server
  would send them; from file://, the files read), JS heap after the first result; then
  the first six words of further questions in the same page: p50/p95 per query, for
  the sharded index both the first time (its shards to load) and again (loaded);
- the sharded index's bytes for page + first query with every question's six words
  as the first query (under Node, `shard_loads.cjs`: the shards a newly opened index
  loads): median and max, and the median of each kind of shard.

``--syllables`` measures the browser only, with each syllable as a word (no
segmentation), for sizes whose segmentation the machine cannot pay.

``measure_site(folder, work)`` (alias ``run``, which benchmarks/scale.py calls) does
one size on a regulations folder and returns {column: value}. Nothing is written into
the repository.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alqac  # noqa: E402
from scale import first_part, load_corpus, size_folder, tree_memory  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--enable-precise-memory-info"]
LOADS = 3
"""Page loads per layout and scheme, for the first result (median)."""
QUERIES = 40
TIMEOUT_MS = 600_000
"""The longest wait for a first result (a first query at 42× takes seconds)."""
QUESTIONS = ROOT.parent / "shared" / "corpora" / "alqac2024" / "train_questions.json"

# The build as a new process, with the segmentation cache where the site looks for it.
BUILD = """
import sys
from regindex.site import build_site
build_site(sys.argv[1], sys.argv[2], config_file=sys.argv[3])
"""

# A bench page at the site root: the engine, then one layout of the index, then the
# query of `?q=`; `window.done` is set with the time (from navigation) of the first
# result, and `window.bench(queries)` times further queries.
BENCH_PAGE = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="assets/javascripts/regindex-analysis.js"></script>
<script src="assets/javascripts/regindex-search.js"></script>
<script src="assets/javascripts/regindex-shards.js"></script>
<script>
const params = new URLSearchParams(location.search);
const query = params.get("q");
function finish(index, search) {
  window.search = search;
  Promise.resolve(search(query)).then((hits) => {
    window.done = {ms: performance.now(), hits: hits.length,
                   heap: performance.memory ? performance.memory.usedJSHeapSize : 0};
  });
}
if (params.get("layout") === "single") {
  const script = document.createElement("script");
  script.src = "search/regindex-index.js";
  script.onload = () => {
    const index = new RegindexSearch.Index(REGINDEX_SEARCH_INDEX);
    finish(index, (q) => index.search(q, {limit: 20}));
  };
  document.head.appendChild(script);
} else {
  RegindexShards.open(new URL("./", location.href), null, query).then((index) =>
    finish(index, (q) => index.find(q, {limit: 20})));
}
window.bench = async (queries) => {
  const times = [];
  for (const q of queries) {
    const started = performance.now();
    await window.search(q);
    times.push(performance.now() - started);
  }
  return times;
};
</script>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass            # a browser closing a connection early (a favicon) is no error here


def timed_build(folder: Path, site: Path) -> dict:
    """`build_site` as a new process: seconds and peak memory (with its workers)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", BUILD, str(folder), str(site),
                                str(ROOT / "mkdocs.yml")], stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid)[0])
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"build failed:\n{process.stderr.read()[-3000:]}")
    return {"seconds": seconds, "memory": peak}


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def browser_runs(site: Path, queries: list[str], layouts=("single", "sharded")) -> dict:
    """Per layout: first result from navigation (file:// and http), bytes of the index
    loaded, heap, and query times."""
    from playwright.sync_api import sync_playwright

    server = _Server(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bases = {"file": site.as_uri() + "/", "http": f"http://127.0.0.1:{server.server_address[1]}/"}
    found: dict[str, dict] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=ARGS)
            for layout in layouts:
                row: dict = {}
                for scheme, base in bases.items():
                    loads = []
                    for _ in range(LOADS):
                        context = browser.new_context()
                        page = context.new_page()
                        files: list[str] = []
                        page.on("request", lambda r, files=files, base=base: files.append(
                            r.url.removeprefix(base)) if "search/" in r.url else None)
                        page.goto(f"{base}bench.html?layout={layout}&q={quote(queries[0])}")
                        page.wait_for_function("window.done", timeout=TIMEOUT_MS, polling=10)
                        done = page.evaluate("window.done")
                        loads.append((done, files))
                        if len(loads) < LOADS:
                            context.close()
                    row[f"first_result_{scheme}_ms"] = statistics.median(
                        done["ms"] for done, _ in loads)
                    done, files = loads[-1]
                    # a syllable the index lacks may ask for a shard that is not there
                    loaded = [site / name.split("?")[0] for name in files]
                    row["index_files"] = sum(path.exists() for path in loaded)
                    row["index_gzip_bytes"] = sum(gzip_size(path) for path in loaded
                                                  if path.exists())
                    row["heap_bytes"] = done["heap"]
                    if scheme == "http":
                        first = page.evaluate("(q) => window.bench(q)", queries[1:])
                        again = page.evaluate("(q) => window.bench(q)", queries[1:])
                        row["query_ms"] = milliseconds(first)
                        if layout == "sharded":
                            row["query_loaded_ms"] = milliseconds(again)
                    context.close()
                found[layout] = row
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def first_queries(site: Path, queries: list[str]) -> dict:
    """The sharded index's bytes (gzip) for page + first query, over every question
    as a first query (each on an index newly opened, under Node: the shards the
    browser would load): median and max, and the median of each kind of shard."""
    done = subprocess.run(["node", str(ROOT / "benchmarks" / "shard_loads.cjs"), str(site)],
                          input=json.dumps(queries), capture_output=True, text=True, check=True)
    sizes: dict[str, int] = {}
    per_query: list[dict[str, int]] = []
    for loads in json.loads(done.stdout):
        by_kind: dict[str, int] = {}
        for name in loads:
            path = site / "search" / ("regindex-core.js" if name == "core" else f"{name}.js")
            if name not in sizes:      # a syllable the index lacks may name no shard
                sizes[name] = gzip_size(path) if path.exists() else 0
            kind = name.split("/")[0]
            by_kind[kind] = by_kind.get(kind, 0) + sizes[name]
        per_query.append(by_kind)
    totals = [sum(by_kind.values()) for by_kind in per_query]
    kinds = sorted({kind for by_kind in per_query for kind in by_kind})
    return {"questions": len(totals), "median": statistics.median(totals), "max": max(totals),
            "kinds": {kind: statistics.median(q.get(kind, 0) for q in per_query)
                      for kind in kinds}}


def milliseconds(times: list[float]) -> dict:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1)}


def _questions() -> list[str]:
    if not QUESTIONS.exists():
        return ["quy định về xử lý vi phạm hành chính", "trách nhiệm của cơ quan nhà nước"]
    texts = [q["text"] for q in json.loads(QUESTIONS.read_text(encoding="utf-8"))]
    return [" ".join(text.replace('"', " ").split()[:6]) for text in texts[:QUERIES]]


def measure_site(folder: Path | str, work: Path | str, segments: Path | None = None) -> dict:
    """One size: the site of the regulations ``folder`` built in ``work``."""
    from regindex.site.search_index import SEARCH_INDEX_FILE, site_search_index
    from regindex.library import Library

    folder, work = Path(folder), Path(work)
    if segments is not None:
        seed_segments(folder, segments)
    site = work / "site"
    cold = timed_build(folder, site)
    changed = sorted(folder.glob("*.md"))[len(list(folder.glob("*.md"))) // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Điều 1.", "Điều 1. (sửa thử)", 1), encoding="utf-8")
    again = timed_build(folder, site)
    pages = sorted(site.glob("*.html"), key=lambda path: path.stat().st_size)
    # The baseline: the single script of format 1 beside the shards, same texts.
    started = time.perf_counter()
    (site / SEARCH_INDEX_FILE).write_text(site_search_index(Library.load(folder)),
                                          encoding="utf-8")
    single_seconds = time.perf_counter() - started
    (site / "bench.html").write_text(BENCH_PAGE, encoding="utf-8")
    browser = browser_runs(site, _questions())
    first = first_queries(site, _questions())
    shards = list((site / "search").rglob("*.js"))
    return {
        "build cold (s)": round(cold["seconds"], 1),
        "build cold, peak memory (MB)": round(cold["memory"] / 1e6),
        "build after one change (s)": round(again["seconds"], 1),
        "build after one change, peak memory (MB)": round(again["memory"] / 1e6),
        "largest page (MB)": round(pages[-1].stat().st_size / 1e6, 2),
        "single script: write (s)": round(single_seconds, 1),
        "index files (sharded)": len(shards) - 1,
        **{f"{name}: {column}": value for name, row in browser.items()
           for column, value in _columns(row).items()},
        **_first_columns(first),
    }


run = measure_site


def seed_segments(folder: Path, segments: Path) -> None:
    """Start the segmentation cache `index` and `build` share for ``folder`` from
    ``segments`` (unless it has one)."""
    from regindex.index.build import segment_cache_path

    cache = segment_cache_path(folder)
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(segments) as source, sqlite3.connect(cache) as copy:
            source.backup(copy)          # consistent even while another process writes


def measure_syllables(laws: list[dict], work: Path) -> dict:
    """The browser columns only, on both layouts of the index made with each syllable
    as a word (no segmentation: for sizes whose segmentation cannot be paid; the
    vocabulary is smaller than with words). The rest is the product's own code."""
    from regindex.analysis import Segmenter
    from regindex.analysis.tokens import tokenize
    from regindex.site.search_index import (SEARCH_INDEX_FILE, collect, search_index_script,
                                            search_payload)
    from regindex.site.search_shards import search_shards

    class Syllables(Segmenter):
        def prepare(self, texts, workers=None):
            for text in texts:
                self.known.setdefault(text, bytes(len(tokenize(text))))
            return 0

    site = work / "site"
    collected = collect(alqac.documents(laws), Syllables())
    for name, script in search_shards(collected).items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(script, encoding="utf-8")
    (site / SEARCH_INDEX_FILE).write_text(search_index_script(search_payload(collected)),
                                          encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides" / "assets" / "javascripts",
                    site / "assets" / "javascripts")
    (site / "bench.html").write_text(BENCH_PAGE, encoding="utf-8")
    browser = browser_runs(site, _questions())
    return {"records": len(collected.texts),
            **{f"{name}: {column}": value for name, row in browser.items()
               for column, value in _columns(row).items()},
            **_first_columns(first_queries(site, _questions()))}


def _first_columns(first: dict) -> dict:
    questions = first["questions"]
    return {
        f"sharded: page + first query over {questions} questions, gzip median / max (KB)":
            f"{first['median'] / 1e3:,.0f} / {first['max'] / 1e3:,.0f}",
        "sharded: each kind of shard, median (KB)": ", ".join(
            f"{kind} {value / 1e3:,.0f}" for kind, value in first["kinds"].items()),
    }


def _columns(row: dict) -> dict:
    columns = {
        "index loaded, gzip (KB)": round(row["index_gzip_bytes"] / 1e3),
        "index files loaded": row["index_files"],
        "first result, file:// (ms)": round(row["first_result_file_ms"]),
        "first result, http (ms)": round(row["first_result_http_ms"]),
        "JS heap (MB)": round(row["heap_bytes"] / 1e6, 1),
        "query p50 / p95 (ms)": f"{row['query_ms']['p50']} / {row['query_ms']['p95']}",
    }
    if "query_loaded_ms" in row:
        columns["query p50 / p95, shards loaded (ms)"] = (
            f"{row['query_loaded_ms']['p50']} / {row['query_loaded_ms']['p95']}")
    return columns


def table(report: dict) -> str:
    sizes = list(report["sizes"])
    rows = list(dict.fromkeys(column for size in sizes for column in report["sizes"][size]))
    lines = [f"| site | {' | '.join(f'{size}×' for size in sizes)} |",
             "|---|" + "---|" * len(sizes)]
    lines += [f"| {row} | {' | '.join(str(report['sizes'][size].get(row, '')) for size in sizes)} |"
              for row in rows]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="Pháp điển law.json.gz")
    parser.add_argument("--sizes", default="1,10,42", help="multiples of ALQAC, comma-separated")
    parser.add_argument("--segments", type=Path, help="a segmentation cache to start from")
    parser.add_argument("--syllables", action="store_true",
                        help="browser only, each syllable a word (no segmentation)")
    parser.add_argument("--keep", type=Path,
                        help="keep each size's folder and site here (to measure the browser again)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    laws = load_corpus(args.corpus)
    report = {"cores": os.cpu_count(), "sizes": {}}
    for size in args.sizes.split(","):
        with size_folder(size, args.keep, "regindex-site") as work:
            part = first_part(laws, float(size))
            folder = alqac.write_folder(part, work / "regulations")
            load = os.getloadavg()[0]
            report["sizes"][size] = {
                "documents": len(part),
                "characters (M)": round(sum(len(a["text"]) for law in part
                                            for a in law["articles"]) / 1e6, 1),
                "load average": round(load, 1),
                **(measure_syllables(part, work) if args.syllables
                   else measure_site(folder, work, args.segments))}
        print(f"{size}×: done", file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
