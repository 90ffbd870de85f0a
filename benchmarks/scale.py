"""How the index and `regindex search` scale: the first 1×, 10× and 42× of the Pháp điển.

    python benchmarks/scale.py --corpus ../shared/corpora/phapdien/law.json.gz \\
        [--sizes 1,10,42] [--questions ../shared/corpora/alqac2024/train_questions.json] \\
        [--jobs N] [--json]

N× is the first đề mục of the Pháp điển (in the file's order) until their text is N
times the ALQAC corpus's (1.88 M characters); 42× is the whole of it. Each size is
written as a regulations folder in a temporary folder (each đề mục one document, each
article an Điều, as benchmarks/alqac.py does) and measured with the product's commands,
each run as a new process:

- pure segmentation on all cores (the baseline, same run): underthesea over every
  distinct text of the records, ``--jobs`` worker processes, no cache;
- cold `regindex index` (empty segmentation cache): time, peak memory of the command
  and its workers together (resident, sampled from /proc), peak disk of the index
  folder and the temporary folder during the build, final index size;
- unchanged `regindex index` (nothing to do);
- warm queries in one process (10 hits): the first six words of each question and
  whole questions (ALQAC's questions: the Pháp điển has none; only timing is measured);
- `regindex search` as a new process (six words): wall time and peak memory;
- the site columns of ``benchmarks/scale_site.py`` when it is there
  (``scale_site.run(folder, work) -> {column: value}``).

Each table shows the growth from the smallest size to the largest. Nothing is written
into the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from statistics import median, quantiles

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alqac  # noqa: E402

from regindex.analysis import Segmenter  # noqa: E402
from regindex.index import SearchIndex, Searcher, records  # noqa: E402

ALQAC_CHARACTERS = 1_880_000
"""Characters of the ALQAC laws' articles: the unit of the sizes."""

NEW_PROCESSES = 5
"""`regindex search` runs timed as new processes, per size."""

PAGE = os.sysconf("SC_PAGE_SIZE")


def load_corpus(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as file:
        return json.load(file)


def first_part(laws: list[dict], times: float) -> list[dict]:
    """The first đề mục whose text reaches ``times`` × ALQAC (all when it is more)."""
    wanted, total, part = times * ALQAC_CHARACTERS, 0, []
    for law in laws:
        if total >= wanted:
            break
        part.append(law)
        total += sum(len(article["text"]) for article in law["articles"])
    return part


@contextlib.contextmanager
def size_folder(size: str, keep: Path | None, prefix: str):
    """The work folder of one size: ``keep``/<size>x, kept, or a temporary folder,
    removed afterwards."""
    if keep:
        work = keep / f"{size}x"
        work.mkdir(parents=True)
        yield work
        return
    work = Path(tempfile.mkdtemp(prefix=f"{prefix}-{size}x-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Sampler:
    """Peak resident memory of a process and its descendants, and peak size of some
    folders, sampled while it runs."""

    def __init__(self, pid: int, folders: list[Path], every: float = 0.2):
        self.pid, self.folders, self.every = pid, folders, every
        self.memory = self.pss = self.disk = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(self.every):
            rss, pss = tree_memory(self.pid)
            self.memory, self.pss = max(self.memory, rss), max(self.pss, pss)
            self.disk = max(self.disk, sum(folder_size(folder) for folder in self.folders))

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()


def tree_memory(root: int) -> tuple[int, int]:
    """(resident, proportional) bytes of ``root`` and every process below it. Resident
    memory counts the pages a forked worker shares with its parent once per process;
    the proportional set size (PSS) splits them, so it is what the tree really needs."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parents[int(entry)] = int(stat.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                fields = dict(line.split(":", 1) for line in rollup if ":" in line)
            rss += int(fields["Rss"].split()[0]) * 1024
            pss += int(fields["Pss"].split()[0]) * 1024
        except (OSError, KeyError, ValueError):
            pass
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return rss, pss


def folder_size(folder: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    return total


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(args: list[str], folders: list[Path], env: dict) -> dict:
    """Run ``regindex ARGS`` as a new process: seconds, CPU seconds (the process and its
    workers), peak memory, peak disk."""
    cpu = children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "regindex", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid, folders)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if process.returncode:
        raise SystemExit(f"regindex {' '.join(args[:2])} failed:\n{err}")
    return {"seconds": seconds, "cpu": children_cpu() - cpu, "memory": sampler.memory,
            "pss": sampler.pss, "disk": sampler.disk, "stdout": out}


def pure_segmentation(laws: list[dict], jobs: int) -> tuple[float, float, int]:
    """(seconds, CPU seconds, characters) for underthesea on every distinct record text,
    on ``jobs`` processes, nothing cached: the reference limit of a cold index."""
    texts = list(dict.fromkeys(text for document in alqac.documents(laws)
                               for record in records(document)
                               for text in (record.heading, record.text)))
    segmenter = Segmenter()
    cpu = time.process_time() + children_cpu()
    started = time.perf_counter()
    characters = segmenter.prepare(texts, workers=jobs)
    return (time.perf_counter() - started, time.process_time() + children_cpu() - cpu,
            characters)


def latency(searcher: Searcher, texts: list[str]) -> dict:
    """Wall and CPU milliseconds per query (p50, p95): on a loaded machine the wall
    time includes waiting for a core."""
    searcher.search(texts[0], limit=10)
    times, cpu = [], []
    for text in texts:
        started, started_cpu = time.perf_counter(), time.process_time()
        searcher.search(text, limit=10)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    cuts = quantiles(times, n=100, method="inclusive")
    cpu_cuts = quantiles(cpu, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "cpu_p50": cpu_cuts[49], "cpu_p95": cpu_cuts[94]}


def site_columns(folder: Path, work: Path) -> dict:
    try:
        import scale_site
    except ImportError:
        return {}
    return scale_site.run(folder, work)


def measure(laws: list[dict], questions: list[str], jobs: int, work: Path,
            site: bool = True) -> dict:
    folder = alqac.write_folder(laws, work / "regulations")
    index_dir, temp = work / "index", work / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    characters = sum(len(a["text"]) for law in laws for a in law["articles"])
    load = os.getloadavg()[0]
    segmentation, segmentation_cpu, segmented = pure_segmentation(laws, jobs)
    index_args = ["index", "-d", str(folder), "--index", str(index_dir), "--jobs", str(jobs)]
    cold = command(index_args, [index_dir, temp], env)
    size = folder_size(index_dir)
    cache = folder_size(work / ".regindex")
    unchanged = command(index_args, [index_dir, temp], env)
    index = SearchIndex(index_dir)
    with Searcher(index) as searcher:
        six = latency(searcher, [" ".join(q.split()[:6]) for q in questions])
        whole = latency(searcher, questions)
        records_count = searcher.ranker.count
    fresh = [command(["search", " ".join(q.split()[:6]), "-d", str(folder), "--index",
                      str(index_dir)], [], env) for q in questions[:NEW_PROCESSES]]
    return {
        "documents": len(laws), "articles": sum(len(law["articles"]) for law in laws),
        "characters": characters, "records": records_count, "load": round(load, 1),
        "segmentation_s": segmentation, "segmentation_cpu_s": segmentation_cpu,
        "segmented_characters": segmented,
        "cold_s": cold["seconds"], "cold_cpu_s": cold["cpu"], "cold_memory": cold["memory"],
        "cold_pss": cold["pss"],
        "cold_disk": cold["disk"], "index_bytes": size, "cache_bytes": cache,
        "unchanged_s": unchanged["seconds"], "unchanged_cpu_s": unchanged["cpu"],
        "six_words_ms": six, "whole_ms": whole,
        "new_process_s": median(run["seconds"] for run in fresh),
        "new_process_max_s": max(run["seconds"] for run in fresh),
        "new_process_cpu_s": median(run["cpu"] for run in fresh),
        "new_process_memory": max(run["memory"] for run in fresh),
        "site": site_columns(folder, work) if site else {},
    }


ROWS = [
    ("characters (M)", lambda m: m["characters"] / 1e6, "{:.1f}"),
    ("records", lambda m: m["records"], "{:,}"),
    ("pure segmentation, all cores (s)", lambda m: m["segmentation_s"], "{:.1f}"),
    ("cold `regindex index` (s)", lambda m: m["cold_s"], "{:.1f}"),
    ("cold index / segmentation (target ≤ 1.5)", lambda m: m["cold_s"] / m["segmentation_s"],
     "{:.2f}"),
    ("pure segmentation, CPU (s)", lambda m: m.get("segmentation_cpu_s", 0), "{:.1f}"),
    ("cold `regindex index`, CPU with workers (s)", lambda m: m.get("cold_cpu_s", 0), "{:.1f}"),
    ("peak memory, index + workers (MB; target ≤ 2,000)", lambda m: m["cold_memory"] / 1e6,
     "{:,.0f}"),
    ("peak memory, index + workers, PSS (MB)", lambda m: m.get("cold_pss", 0) / 1e6,
     "{:,.0f}"),
    ("peak disk during the build (MB)", lambda m: m["cold_disk"] / 1e6, "{:,.1f}"),
    ("final index (MB)", lambda m: m["index_bytes"] / 1e6, "{:,.1f}"),
    ("peak disk / final index (target ≤ 2)", lambda m: m["cold_disk"] / m["index_bytes"],
     "{:.2f}"),
    ("segmentation cache (MB)", lambda m: m["cache_bytes"] / 1e6, "{:,.1f}"),
    ("unchanged `regindex index` (s; target ≤ 5)", lambda m: m["unchanged_s"], "{:.2f}"),
    ("unchanged `regindex index`, CPU (s)", lambda m: m.get("unchanged_cpu_s", 0), "{:.2f}"),
    ("warm six words p50 (ms)", lambda m: m["six_words_ms"]["p50"], "{:.1f}"),
    ("warm six words p95 (ms; target ≤ 50)", lambda m: m["six_words_ms"]["p95"], "{:.1f}"),
    ("warm whole question p50 (ms)", lambda m: m["whole_ms"]["p50"], "{:.1f}"),
    ("warm whole question p95 (ms)", lambda m: m["whole_ms"]["p95"], "{:.1f}"),
    ("warm six words, CPU p95 (ms)", lambda m: m["six_words_ms"].get("cpu_p95", 0),
     "{:.1f}"),
    ("warm whole question, CPU p95 (ms)", lambda m: m["whole_ms"].get("cpu_p95", 0), "{:.1f}"),
    ("`regindex search` new process, median (s; target ≤ 1.5)",
     lambda m: m["new_process_s"], "{:.2f}"),
    ("`regindex search` new process, CPU (s)", lambda m: m.get("new_process_cpu_s", 0),
     "{:.2f}"),
    ("`regindex search` new process, peak memory (MB)",
     lambda m: m["new_process_memory"] / 1e6, "{:,.0f}"),
    ("load average at start", lambda m: m["load"], "{:.1f}"),
]


def table(report: dict) -> str:
    sizes = list(report["sizes"])
    lines = [f"| step | {' | '.join(f'{size}×' for size in sizes)} | growth |",
             "|---|" + "---|" * (len(sizes) + 1)]
    for label, value, form in ROWS:
        values = [value(report["sizes"][size]) for size in sizes]
        growth = f"{values[-1] / values[0]:.1f}×" if values[0] else ""
        lines.append(f"| {label} | {' | '.join(form.format(v) for v in values)} | {growth} |")
    site = [report["sizes"][size]["site"] for size in sizes]
    columns = list(dict.fromkeys(column for row in site for column in row))
    if columns:
        lines += ["", f"| site | {' | '.join(f'{size}×' for size in sizes)} |",
                  "|---|" + "---|" * len(sizes)]
        lines += [f"| {column} | {' | '.join(str(row.get(column, '')) for row in site)} |"
                  for column in columns]
    else:
        lines.append("\n(site columns: benchmarks/scale_site.py not found, skipped)")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="Pháp điển law.json.gz")
    parser.add_argument("--sizes", default="1,10,42", help="multiples of ALQAC, comma-separated")
    parser.add_argument("--questions", type=Path,
                        default=Path("../shared/corpora/alqac2024/train_questions.json"),
                        help="questions whose text times the queries")
    parser.add_argument("--queries", type=int, default=200, help="questions timed per size")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (segmentation and `regindex index --jobs`)")
    parser.add_argument("--keep", type=Path,
                        help="keep each size's folder, index and segmentation cache here"
                             " (to time queries again, or seed scale_site.py --segments)")
    parser.add_argument("--no-site", action="store_true", help="skip the site columns")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    laws = load_corpus(args.corpus)
    questions = [q["text"].translate(str.maketrans({c: " " for c in "\"“”"}))
                 for q in alqac.load_questions(args.questions)][:args.queries]
    report = {"jobs": args.jobs, "cores": os.cpu_count(), "sizes": {}}
    for size in args.sizes.split(","):
        with size_folder(size, args.keep, "regindex-scale") as work:
            report["sizes"][size] = measure(first_part(laws, float(size)), questions,
                                            args.jobs, work, site=not args.no_site)
        print(f"{size}×: " + json.dumps(report["sizes"][size], default=str), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False, indent=2, default=str) if args.json
          else table(report))


if __name__ == "__main__":
    main()
