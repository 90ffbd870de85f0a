"""What ranks first for citations and document numbers typed as queries, in
`regindex search` and in the site's search (the engine under Node), on the shipped
regulations.

    python benchmarks/citation_queries.py [--folder regulations] [--json]

The queries are those of tests/conformance/citations.json (the forms a cadre types:
with and without accents, abbreviated, bare and variant numbers) and, as a baseline
measured in the same run, the same queries through the ranked search alone (what
`regindex search` answered before it read citations). The index goes to a temporary
folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from regindex.index import SearchIndex, Searcher, folder_sources  # noqa: E402
from regindex.library import Library  # noqa: E402
from regindex.site.search_index import GLOBAL, search_index_script, search_payload  # noqa: E402

QUERIES = ROOT / "tests" / "conformance" / "citations.json"
ENGINE = ROOT / "site_overrides" / "assets" / "javascripts" / "regindex-search.js"
RUNNER = """
const fs = require("fs");
const engine = require(process.argv[2]);
const scope = {};
new Function("scope", fs.readFileSync(process.argv[3], "utf8") + "; scope.index = %s;")(scope);
const index = new engine.Index(scope.index);
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
console.log(JSON.stringify(queries.map((q) => {
  const [hit] = index.search(q, { limit: 1 });
  return hit ? (hit.named ? hit.named + ": " : "") + hit.citation : null;
})));
""" % GLOBAL


def first(hits) -> str | None:
    return ((hits[0].named + ": " if hits[0].named else "") + hits[0].citation) if hits else None


def run(folder: Path, work: Path) -> list[dict]:
    cases = json.loads(QUERIES.read_text(encoding="utf-8"))
    queries = [case["query"] for case in cases]
    library = Library.load(folder)
    index = SearchIndex(work / "index")
    index.sync(folder_sources(folder))
    with Searcher(index, library=library) as named, Searcher(index) as plain:
        plain.named = lambda text: []           # the ranked search alone
        ours = [first(named.search(q, limit=1)) for q in queries]
        before = [first(plain.search(q, limit=1)) for q in queries]
    script, runner = work / "index.js", work / "runner.js"
    script.write_text(search_index_script(search_payload(library.documents)), encoding="utf-8")
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([shutil.which("node") or "node", str(runner), str(ENGINE), str(script)],
                          input=json.dumps(queries), capture_output=True, text=True, check=True)
    browser = json.loads(done.stdout)
    return [{"query": q, "expected": case.get("citation"), "regindex": r, "browser": b,
             "before": p}
            for q, case, r, b, p in zip(queries, cases, ours, browser, before)]


def table(rows: list[dict]) -> str:
    def ok(row, name):
        got = row[name] or ""
        return "✓" if (row["expected"] is None and ":" not in got.split(" ")[0]
                       or row["expected"] and got.endswith(row["expected"])) else "✗"
    lines = ["| query | first in `regindex search` | CLI | browser | before (ranked search only) |",
             "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['query']} | {row['regindex']} | {ok(row, 'regindex')} | "
                     f"{ok(row, 'browser')} | {ok(row, 'before')} {row['before']} |")
    lines.append("")
    for name in ("regindex", "browser", "before"):
        right = sum(ok(row, name) == "✓" for row in rows)
        lines.append(f"{name}: {right}/{len(rows)} right first")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "regulations")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="regindex-citation-queries-"))
    try:
        rows = run(args.folder, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else table(rows))


if __name__ == "__main__":
    sys.exit(main())
