"""Benchmark: finding and resolving citations in every element of a library.

The site runs `find_citations` over every element of every document. This measures it on
the shipped regulations and, when ../shared/corpora/alqac2024 is present, on the 17 ALQAC
laws (2,249 articles) parsed as documents; and prints, in the same run, two baselines:
the start-word scan alone (the floor: what any finder must read) and `find_citations`
with its resolver rebuilt for every text (what the per-library index cache saves).

    python benchmarks/citations.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from regindex import Library, parse_source
from regindex.citations import find_citations
from regindex.citations.grammar import RUNNING_TEXT

ROOT = Path(__file__).resolve().parents[1]
ALQAC = ROOT.parent / "shared" / "corpora" / "alqac2024" / "law.json"


def alqac_library() -> Library | None:
    if not ALQAC.exists():
        return None
    documents = []
    for i, law in enumerate(json.loads(ALQAC.read_text(encoding="utf-8")), start=1):
        body = "".join(f"Điều {a['id']}. {a['text']}\n" for a in law["articles"])
        documents.append(parse_source(
            f"---\nnumber: {i}/2000/QH10\ntype: Luật\nissued: 2000-01-01\n---\n{body}"))
    return Library(ROOT / "regulations", documents)


def elements(library: Library):
    return [(document, node) for document in library.documents for node in document.root.walk()]


def scan_only(library, work):
    return sum(1 for _, node in work for _ in RUNNING_TEXT.start.finditer(node.text))


def find_all(library, work):
    return sum(len(find_citations(node.text, library, document, node)) for document, node in work)


def find_all_uncached(library, work):
    # a fresh Library object each time makes the resolver rebuild its indexes
    return sum(len(find_citations(node.text, Library(library.folder, library.documents),
                                  document, node)) for document, node in work)


def timed(function, library, work, repeat: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = function(library, work)
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    cases = [("regulations/ (×50)", Library.load(ROOT / "regulations"), 50)]
    if (laws := alqac_library()) is not None:
        cases.append(("ALQAC 17 laws", laws, 1))
    else:
        print("(ALQAC corpus absent: only the shipped regulations are measured)", file=sys.stderr)
    print(f"{'corpus':<20} {'method':<32} {'elements':>9} {'MB':>6} {'found':>7} "
          f"{'seconds':>8} {'MB/s':>6} {'vs find':>8}")
    for name, library, copies in cases:
        work = elements(library) * copies
        megabytes = sum(len(node.text.encode()) for _, node in work) / 1e6
        results = [(method, *timed(function, library, work, repeat=3)) for method, function in (
            ("start-word scan only (floor)", scan_only),
            ("find_citations", find_all),
            ("find_citations, no index cache", find_all_uncached))]
        reference = results[1][1]
        for method, seconds, count in results:
            print(f"{name:<20} {method:<32} {len(work):>9} {megabytes:>6.2f} {count:>7} "
                  f"{seconds:>8.3f} {megabytes / seconds:>6.1f} {seconds / reference:>7.2f}×")


if __name__ == "__main__":
    main()
