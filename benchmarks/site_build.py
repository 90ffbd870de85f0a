"""Benchmark: building the site, against plain MkDocs on the same texts.

Builds, in a temporary folder (nothing is written to the repository), the shipped
regulations and, when ../shared/corpora/alqac2024 is present, the 17 ALQAC laws written
out as regulation files; and, as the baseline in the same run, MkDocs + material
building the same bodies as plain Markdown pages (one page per document, no plugin).
Prints time and size per corpus, and where regindex's time goes (load and parse,
citations, rendering, the rest of MkDocs).

Then pages rendered in one process against ``--jobs`` worker processes (default: one
per core), in the same run: the rendering alone (``render_documents``, wall and CPU of
the process and its workers), and `regindex build --jobs 1` against `--jobs N` as new
processes, cold (no page kept in ``.regindex/site/``; the segmentation cache seeded by
an earlier build, so that both pay the same): wall, CPU with the workers, peak memory
of the process tree sampled from /proc, resident (RSS, which counts the pages a forked
worker shares with its parent once per process) and proportional (PSS, shared pages
divided among the processes sharing them). Median of ``--repeat`` runs. With
``--phapdien``, the rendering alone (no build: that would segment it all first) of the
first ``--sizes`` × ALQAC of the Pháp điển, as benchmarks/scale.py cuts it.

    python benchmarks/site_build.py [--jobs N] [--repeat 3] \\
        [--phapdien ../shared/corpora/phapdien/law.json.gz --sizes 1,10,42]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from regindex import Library
from regindex.site import CrossReferences, build_site, site_pages
from regindex.site.pages import render_documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import children_cpu, tree_memory  # noqa: E402  (one memory measure for all)

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


def render_alone(library: Library, references: CrossReferences, jobs: int) -> dict:
    """Every document rendered (the pages dropped): seconds, CPU seconds of this
    process and its workers, peak RSS and PSS of this process and its workers."""
    cpu, started = time.process_time() + children_cpu(), time.perf_counter()
    with Peak(os.getpid()) as peak:
        for _ in render_documents(library.documents, library, references, jobs=jobs):
            pass
    return {"seconds": time.perf_counter() - started,
            "cpu": time.process_time() + children_cpu() - cpu, "rss": peak.rss, "pss": peak.pss}


class Peak:
    """Peak ``tree_memory`` of a process, sampled while the ``with`` block runs."""

    def __init__(self, pid: int, every: float = 0.1):
        self.pid, self.every, self.rss, self.pss = pid, every, 0, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()

    def _run(self):
        while True:
            rss, pss = tree_memory(self.pid)
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            if self.done.wait(self.every):
                return


def build_process(folder: Path, site: Path, jobs: int) -> dict:
    """`regindex build --jobs JOBS` as a new process, from the project folder (its
    mkdocs.yml): seconds, CPU seconds with the workers, peak RSS and PSS of the tree."""
    cpu, started = children_cpu(), time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "regindex", "build", "-d", str(folder),
                                "--site-dir", str(site), "--jobs", str(jobs)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with Peak(process.pid) as peak:
        _, err = process.communicate()
        seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"regindex build failed:\n{err}")
    return {"seconds": seconds, "cpu": children_cpu() - cpu, "rss": peak.rss, "pss": peak.pss}


def jobs_rows(name: str, folder: Path, work: Path, jobs: int, repeat: int) -> list[tuple]:
    """Rendering and cold builds on one process against ``jobs`` (medians), on a copy of
    ``folder`` (its ``.regindex/`` is then in ``work``)."""
    folder = Path(shutil.copytree(folder, work / "regulations"))
    library = Library.load(folder)
    references = CrossReferences(library)
    kept = work / ".regindex" / "site"
    build_process(folder, work / "seed", 1)          # fills the segmentation cache
    runs: dict[int, list] = {1: [], jobs: []}
    renders: dict[int, list] = {1: [], jobs: []}
    for _ in range(repeat):
        for count in runs:                           # alternated: the load hits both alike
            renders[count].append(render_alone(library, references, count))
            shutil.rmtree(kept, ignore_errors=True)
            runs[count].append(build_process(folder, work / f"site-{count}", count))
    return [(name, f"--jobs {count}", medians(renders[count]), medians(runs[count]))
            for count in runs]


def medians(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def scale_rows(corpus: Path, sizes: list[float], work: Path, jobs: int, repeat: int
               ) -> list[tuple]:
    """The rendering alone on the first N× of the Pháp điển (as benchmarks/scale.py cuts
    it; a build would segment it all first), one process against ``jobs``."""
    import alqac
    from scale import first_part, load_corpus
    laws = load_corpus(corpus)
    rows = []
    for size in sizes:
        folder = alqac.write_folder(first_part(laws, size), work / f"phapdien-{size:g}")
        library = Library.load(folder)
        references = CrossReferences(library)
        source = sum(path.stat().st_size for path in folder.glob("*.md"))
        renders: dict[int, list] = {1: [], jobs: []}
        for _ in range(repeat):
            for count in renders:
                renders[count].append(render_alone(library, references, count))
        rows += [(f"Pháp điển {size:g}× ({len(library.documents)} docs, {source / 1e6:.0f} MB)",
                  f"--jobs {count}", medians(renders[count]), None) for count in renders]
        del library, references
        shutil.rmtree(folder)
    return rows


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes to compare with one (default: one per core)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting (median)")
    parser.add_argument("--phapdien", type=Path,
                        help="also render (no build) the first --sizes × of this corpus "
                             "(../shared/corpora/phapdien/law.json.gz)")
    parser.add_argument("--sizes", default="1,10", help="sizes for --phapdien (× ALQAC)")
    options = parser.parse_args()
    rows, parallel = [], []
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
            run.mkdir()
            parallel += jobs_rows(name, folder, run, options.jobs, options.repeat)
            shutil.rmtree(run)
        if options.phapdien:
            parallel += scale_rows(options.phapdien, [float(size) for size in
                                                      options.sizes.split(",")],
                                   work, options.jobs, options.repeat)
    print(f"{'corpus':<15} {'build':<24} {'docs':>5} {'elements':>9} {'seconds':>8} "
          f"{'HTML MB':>8}  notes")
    for name, what, docs, elements, seconds, html in (row[:6] for row in rows):
        print(f"{name:<15} {what:<24} {docs:>5} {elements!s:>9} {seconds:>8.2f} "
              f"{html / 1e6:>8.2f}")
    print()
    for row in rows:
        print(f"{row[0]} — {row[1]}: {row[6]}")
    print(f"\nOne process against {options.jobs}, median of {options.repeat} "
          f"(load average {', '.join(f'{load:.1f}' for load in os.getloadavg())})")
    print("render: every document rendered in this process or its workers; build: "
          "`regindex build` cold, a new process; memory: peak of the process tree, MB")
    print(f"{'corpus':<36} {'jobs':<8} {'render s':>8} {'CPU':>6} {'RSS':>6} {'PSS':>6} "
          f"{'build s':>8} {'CPU':>6} {'RSS':>6} {'PSS':>6}")
    for name, what, render, cold in parallel:
        cells = [f"{render['seconds']:>8.2f} {render['cpu']:>6.2f} {render['rss'] / 1e6:>6.0f} "
                 f"{render['pss'] / 1e6:>6.0f}"]
        if cold:
            cells.append(f"{cold['seconds']:>8.2f} {cold['cpu']:>6.2f} {cold['rss'] / 1e6:>6.0f} "
                         f"{cold['pss'] / 1e6:>6.0f}")
        print(f"{name:<36} {what:<8} " + " ".join(cells))


if __name__ == "__main__":
    main()
