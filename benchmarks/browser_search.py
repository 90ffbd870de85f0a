"""In-browser search on ALQAC questions: the site's engine beside `regindex search` and
beside mkdocs-material's built-in search, in one run.

    python benchmarks/browser_search.py --corpus ../shared/corpora/alqac2024/law.json \\
        --questions ../shared/corpora/alqac2024/train_questions.json [--json]
        [--limit-laws N] [--limit-questions N] [--work DIR]

The corpus goes through the product's pipeline (alqac.py: each law a regulation file)
into the regindex site (`regindex build`: its pages and its sharded index, search/), and
the same texts into a plain mkdocs-material site (a page per law, a heading per
article) with material's search plugin (lang: vi). Both are served on 127.0.0.1 and
opened in Debian's headless Chromium. For the questions as given and with diacritics
stripped, Recall@1/5/10 and MRR@10 over articles (scored as relevance.py scores them) of:

- browser: regindex-search.js on the site's index, in the page;
- regindex: `regindex search` on the Whoosh index of the same files, in-process;
- material: material's search worker (lunr, lang vi) on its search_index.json, its
  hits in score order.

Then, for the two engines in the browser: the index each downloads (bytes, gzip; for
regindex, its core and the shards of the first question); for a
`?q=` link (median over fresh browser contexts, over http; regindex also from file://),
the time until the page is ready (DOMContentLoaded) and from then to the first result
shown; and the time of each query in the page (median, p95). Last, how far the
browser's top five agree with `regindex search`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alqac  # noqa: E402
import relevance  # noqa: E402

from regindex.site import build_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
LOADS = 5
"""Page loads timed for the first result."""

RESULT = ".md-search-result__item"
"""A result in the search box: material's class, which ours keeps."""

# Set before any script of the page runs: the time the first result appears.
FIRST_RESULT = """
window.firstResult = null;
new MutationObserver(() => {
  if (window.firstResult === null && document.querySelector(%r)) window.firstResult = performance.now();
}).observe(document, {childList: true, subtree: true});
""" % RESULT

# regindex: an engine of its own on the index the page loaded for its search box.
BROWSER_SETUP = "async () => { window.bench = await RegindexShards.open(new URL('./', location.href)); }"
BROWSER_HITS = """async ([query, limit]) => (await bench.find(query, {limit})).map(
    (hit) => [hit.document.url.replace(/\\.html$/, ""), hit.eid || null])"""
BROWSER_TIMES = """async (queries) => {
  const times = [];
  for (const query of queries) {
    const started = performance.now();
    await bench.find(query, {limit: 10});
    times.push(performance.now() - started);
  }
  return times;
}"""

# material: its search worker (the page's own URL for it), fed its search_index.json as
# the theme feeds it; queries go one at a time, as the search box sends them.
MATERIAL_SETUP = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location)))).json();
  const worker = new Worker(new URL(config.search, location));
  let answer = null;
  worker.onmessage = (event) => answer && answer(event.data);
  window.materialSend = (message) => new Promise((resolve) => {
    answer = resolve;
    worker.postMessage(message);
  });
  await materialSend({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
}"""
MATERIAL_HITS = """async (query) => {
  const result = await materialSend({type: 2, data: query});
  return result.data.items.flat().map((item) => [item.location, item.score]);
}"""
MATERIAL_TIMES = """async (queries) => {
  const times = [];
  for (const query of queries) {
    const started = performance.now();
    await materialSend({type: 2, data: query});
    times.push(performance.now() - started);
  }
  return times;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def sizes(*files: Path) -> tuple[int, int]:
    """(bytes, gzip bytes) of files, as a server would send them."""
    data = [file.read_bytes() for file in files]
    return (sum(map(len, data)),
            sum(len(gzip.compress(item, compresslevel=9, mtime=0)) for item in data))


def build_material_site(laws: list[dict], work: Path) -> Path:
    """The same texts as a plain mkdocs-material site with its search plugin (and no
    Google Fonts, as the regindex site: no request leaves either)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = work / "material-docs"
    docs.mkdir(parents=True, exist_ok=True)
    law_slugs = alqac.slugs(laws)
    for law in laws:
        lines = [f"# {html.escape(law['id'])}\n"]
        for article in law["articles"]:
            heading, _, body = article["text"].strip().partition("\n")
            lines.append(f"## Điều {article['id']}. {html.escape(heading.strip())} "
                         f"{{#dieu-{article['id']}}}\n")
            lines += [f"<p>{html.escape(line.strip())}</p>\n"
                      for line in body.splitlines() if line.strip()]
        (docs / f"{law_slugs[law['id']]}.md").write_text("\n".join(lines), encoding="utf-8")
    (docs / "index.md").write_text("# ALQAC\n", encoding="utf-8")
    config_file = work / "material.yml"
    config_file.write_text(
        "site_name: ALQAC\ndocs_dir: material-docs\nsite_dir: site/material\n"
        "use_directory_urls: false\ntheme: {name: material, language: vi, font: false}\n"
        "plugins: [{search: {lang: vi}}]\nmarkdown_extensions: [attr_list]\n",
        encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(str(config_file)))
    return work / "site" / "material"


def milliseconds(times: list[float]) -> dict:
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1)}


class BrowserEngine:
    """regindex's engine in the page of the regindex site."""

    name = "browser"

    def __init__(self, page, base: str, warm: str):
        self.page = page
        page.goto(base + "index.html?q=" + quote(warm))
        page.wait_for_selector(RESULT)
        # the index files the page loaded for its first query (the core and its shards)
        self.loaded = page.evaluate("""performance.getEntriesByType("resource").map((r) => r.name)
            .filter((name) => name.includes("/search/"))""")
        page.evaluate(BROWSER_SETUP)

    def hits(self, question: str, limit: int) -> list[tuple[str, str | None]]:
        return [tuple(hit) for hit in self.page.evaluate(BROWSER_HITS, [question, limit])]

    def times(self, questions: list[str]) -> list[float]:
        return self.page.evaluate(BROWSER_TIMES, questions)


class MaterialEngine:
    """mkdocs-material's search worker in a page of the material site."""

    name = "material"

    def __init__(self, page, base: str):
        self.page = page
        page.goto(base + "index.html")
        page.evaluate(MATERIAL_SETUP)

    def hits(self, question: str, limit: int) -> list[tuple[str, str | None]]:
        found = sorted(self.page.evaluate(MATERIAL_HITS, question), key=lambda hit: -hit[1])
        hits = []
        for location, _ in found[:limit]:
            page, _, anchor = location.partition("#")
            hits.append((page.removesuffix(".html"), anchor or None))
        return hits

    def times(self, questions: list[str]) -> list[float]:
        return self.page.evaluate(MATERIAL_TIMES, questions)


def first_result(browser, url: str) -> dict:
    """Median times, over fresh browser contexts, from navigation to the page being
    ready (DOMContentLoaded) and to the first result shown; and between the two: what
    the search itself makes the user wait once the page is there."""
    ready, shown = [], []
    for _ in range(LOADS):
        context = browser.new_context()
        context.add_init_script(FIRST_RESULT)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.firstResult !== null", timeout=120_000)
        shown.append(page.evaluate("window.firstResult"))
        ready.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
        context.close()
    return {"first_result_ms": round(statistics.median(s - r for s, r in zip(shown, ready)), 1),
            "page_ready_ms": round(statistics.median(ready), 1),
            "first_result_from_navigation_ms": round(statistics.median(shown), 1)}


def agreement(engine, reference, questions: list[str]) -> dict:
    """Share of the reference's top five articles the engine has in its top five, and
    of questions where both put the same article first."""
    shared = same_first = 0.0
    for question in questions:
        ours = relevance.articles(engine.hits(question, relevance.HITS_READ))[:5]
        theirs = relevance.articles(reference.hits(question, relevance.HITS_READ))[:5]
        shared += len(set(ours) & set(theirs)) / max(len(theirs), 1)
        same_first += bool(ours and theirs and ours[0] == theirs[0])
    return {"top5_overlap": round(shared / max(len(questions), 1), 3),
            "same_first": round(same_first / max(len(questions), 1), 3)}


def select(laws: list[dict], questions: list[dict], limit_laws: int | None,
           limit_questions: int | None) -> tuple[list[dict], list[dict]]:
    """The first ``limit_laws`` laws and the questions answered within them."""
    laws = laws[:limit_laws] if limit_laws else laws
    names = {law["id"] for law in laws}
    questions = [q for q in questions
                 if all(item["law_id"] in names for item in q["relevant_articles"])]
    return laws, questions[:limit_questions] if limit_questions else questions


def run(laws: list[dict], questions: list[dict], work: Path) -> dict:
    from playwright.sync_api import sync_playwright

    law_slugs = alqac.slugs(laws)
    texts = [q["text"].translate(relevance.QUOTES) for q in questions]
    regindex = relevance.Regindex(laws, work)        # writes work/regulations, indexes it
    # The benchmark index keeps segmentations where the site looks for them
    # (segment_cache_path): each text is segmented once.
    build_site(regindex.folder, work / "site" / "regindex", config_file=ROOT / "mkdocs.yml")
    material_site = build_material_site(laws, work)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(work / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    report = {"questions": len(questions), "laws": len(laws), "engines": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=ARGS)
            page = browser.new_page()
            engines = [BrowserEngine(page, base + "regindex/", texts[0]), regindex,
                       MaterialEngine(browser.new_page(), base + "material/")]
            for engine in engines:
                report["engines"][engine.name] = relevance.scored(engine, questions, law_slugs)
            downloads = {"browser": sizes(*(work / "site" / "regindex" / url.split("/regindex/", 1)[1]
                                            for url in engines[0].loaded)),
                         "material": sizes(material_site / "search" / "search_index.json")}
            link = "index.html?q=" + quote(texts[0])
            loads = {"browser": first_result(browser, base + "regindex/" + link),
                     "material": first_result(browser, base + "material/" + link)}
            for engine in (engines[0], engines[2]):
                timing = milliseconds(engine.times(texts))
                report["engines"][engine.name].update({
                    "payload_bytes": downloads[engine.name][0],
                    "payload_gzip_bytes": downloads[engine.name][1],
                    **loads[engine.name],
                    "query_ms_p50": timing["p50"], "query_ms_p95": timing["p95"],
                })
            offline = first_result(browser, (work / "site" / "regindex").as_uri() + "/" + link)
            report["engines"]["browser"]["first_result_file_ms"] = offline["first_result_ms"]
            report["parity"] = agreement(engines[0], regindex, texts)
            browser.close()
    finally:
        regindex.searcher.close()
        server.shutdown()
        server.server_close()
    return report


def table(report: dict) -> str:
    metrics = ("recall@1", "recall@5", "recall@10", "mrr@10")
    engines = report["engines"]
    lines = [f"{report['questions']} questions, {report['laws']} laws (the split of "
             "relevance.py: validation questions were never tuned on)",
             *relevance.part_table(engines, metrics)]
    lines += ["", f"{'engine':<10} {'index bytes':>12} {'gzip':>10} {'page ready':>11} "
                  f"{'first result':>13} {'query p50':>10} {'query p95':>10}  (ms)"]
    for name in ("browser", "material"):
        engine = engines[name]
        lines.append(f"{name:<10} {engine['payload_bytes']:>12,} {engine['payload_gzip_bytes']:>10,} "
                     f"{engine['page_ready_ms']:>11.1f} {engine['first_result_ms']:>13.1f} "
                     f"{engine['query_ms_p50']:>10.1f} {engine['query_ms_p95']:>10.1f}")
    lines += [f"(a `?q=` link over http, median of {LOADS} loads: page ready = DOMContentLoaded; "
              "first result = after the page is ready;",
              f" browser from file://: {engines['browser']['first_result_file_ms']:.1f} ms)",
              "", f"browser vs regindex search, accented: top-5 overlap "
                  f"{report['parity']['top5_overlap']:.3f}, same first article "
                  f"{report['parity']['same_first']:.3f}"]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="ALQAC law.json")
    parser.add_argument("--questions", type=Path, required=True,
                        help="questions: [{text, relevant_articles: [{law_id, article_id}]}]")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--limit-laws", type=int, help="only the first N laws (and their questions)")
    parser.add_argument("--limit-questions", type=int, help="only the first N questions")
    parser.add_argument("--work", type=Path,
                        help="keep the sites and indexes (and segmentations) here between runs")
    args = parser.parse_args(argv)
    laws, questions = select(alqac.load_laws(args.corpus), alqac.load_questions(args.questions),
                             args.limit_laws, args.limit_questions)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = args.work or Path(tempfile.mkdtemp(prefix="regindex-browser-search-"))
    try:
        report = run(laws, questions, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
