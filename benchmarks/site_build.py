"""Benchmark: building the site, against plain MkDocs on the same texts.

Builds, in a temporary folder (nothing is written to the repository), the shipped
regulations and, when ../shared/corpora/alqac2024 is present, the 17 ALQAC laws written
out as regulation files; and, as the baseline in the same run, MkDocs + material
building the same bodies as plain Markdown pages (one page per document, no plugin).
Prints time and size per corpus, and where regindex's time goes (load and parse,
citations, rendering, the rest of MkDocs).

    python benchmarks/site_build.py
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from regindex import Library
from regindex.site import CrossReferences, build_site, site_pages

ROOT = Path(__file__).resolve().parents[1]
ALQAC = ROOT.parent / "shared" / "corpora" / "alqac2024" / "law.json"

PLAIN_CONFIG = """\
site_name: baseline
docs_dir: docs
site_dir: site
use_directory_urls: false
theme: {name: material, language: vi, font: false}
plugins: []
"""


def timed(function, *args, **options):
    start = time.perf_counter()
    result = function(*args, **options)
    return result, time.perf_counter() - start


def size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.html"))


def plain_build(library: Library, work: Path) -> tuple[float, int]:
    """MkDocs + material on the same bodies as plain Markdown (the baseline)."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Danh mục\n", encoding="utf-8")
    for document in library.documents:
        (docs / f"{document.slug}.md").write_text(
            f"# {document.name}\n\n" + document.text.replace("\n", "\n\n"), encoding="utf-8")
    (work / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    config = load_config(str(work / "mkdocs.yml"))
    _, seconds = timed(build, config)
    return seconds, size(work / "site")


def measure(name: str, folder: Path, work: Path) -> list[tuple]:
    result, total = timed(build_site, folder, work / "site", config_file=ROOT / "mkdocs.yml")
    # The stages of that build, measured apart afterwards.
    library, load = timed(Library.load, folder)
    _, scan = timed(CrossReferences, library)
    _, pages = timed(site_pages, library)        # scan again, then render every page
    baseline, baseline_size = plain_build(library, work / "plain")
    elements = sum(1 for document in library.documents for _ in document.elements())
    return [
        (name, "regindex build", len(library.documents), elements, total, size(result.site_dir),
         f"stages: load and parse {load:.2f} s · citations {scan:.2f} s · "
         f"render {pages - scan:.2f} s · MkDocs and theme the rest"),
        (name, "baseline: plain MkDocs", len(library.documents), "", baseline, baseline_size,
         f"regindex takes {total / baseline:.1f}× the time, "
         f"{size(result.site_dir) / baseline_size:.1f}× the bytes"),
    ]


def alqac_folder(work: Path) -> Path | None:
    """The ALQAC laws as regulation files: a made-up number, type Luật, "Điều N. …"."""
    if not ALQAC.exists():
        return None
    folder = work / "alqac-regulations"
    folder.mkdir()
    for position, law in enumerate(json.loads(ALQAC.read_text(encoding="utf-8")), start=1):
        body = "".join(f"Điều {article['id']}. {article['text'].strip()}\n"
                       for article in law["articles"])
        (folder / f"{position}-l-alqac-2000.md").write_text(
            f"---\nnumber: {position}-L/ALQAC\ntype: Luật\nissued: 2000-01-01\n---\n{body}",
            encoding="utf-8")
    return folder


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        corpora = [("regulations/", ROOT / "regulations"), ("ALQAC 17 laws", alqac_folder(work))]
        for position, (name, folder) in enumerate(corpora):
            if folder is None:
                print(f"{name}: absent, skipped")
                continue
            run = work / f"run-{position}"
            run.mkdir()
            rows += measure(name, folder, run)
            shutil.rmtree(run)
    print(f"{'corpus':<15} {'build':<24} {'docs':>5} {'elements':>9} {'seconds':>8} "
          f"{'HTML MB':>8}  notes")
    for name, what, docs, elements, seconds, html in (row[:6] for row in rows):
        print(f"{name:<15} {what:<24} {docs:>5} {elements!s:>9} {seconds:>8.2f} "
              f"{html / 1e6:>8.2f}")
    print()
    for row in rows:
        print(f"{row[0]} — {row[1]}: {row[6]}")


if __name__ == "__main__":
    main()
