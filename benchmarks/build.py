"""Index build time on the ALQAC corpus, against pure segmentation time.

    python benchmarks/build.py [--corpus ../shared/corpora/alqac2024/law.json] [--json]

The laws are written to a temporary folder as regulation files first (not timed).
Then it measures, in this order and in one process:
- cold: reading and parsing the files into a new index with an empty segmentation
  cache (worker processes segment while the main process indexes, as ``regindex
  index`` does);
- unchanged: the same sync again with nothing changed (the files are hashed);
- warm cache: a new index whose segmentations are all in the cache (what a change of
  the index schema costs);
- segmentation: every distinct text of the records segmented by underthesea in one
  process, model already loaded: the reference limit, as characters per second.
The target: cold within 1.5 × segmentation time; unchanged within 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alqac  # noqa: E402

from regindex.analysis import SEGMENTER, Segmenter  # noqa: E402
from regindex.index import SearchIndex, folder_sources, records  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/alqac2024/law.json"


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run(corpus: Path, work: Path) -> dict:
    laws = alqac.load_laws(corpus)
    folder = alqac.write_folder(laws, work / "regulations")
    index = SearchIndex(work / "index")
    cold, update = timed(lambda: index.sync(folder_sources(folder)))
    unchanged, _ = timed(lambda: index.sync(folder_sources(folder)))
    index.file.unlink()
    SEGMENTER.known.clear()         # read the segmentations back from the disk cache
    warm, _ = timed(lambda: index.sync(folder_sources(folder)))

    texts = list(dict.fromkeys(text for document in alqac.documents(laws)
                               for record in records(document)
                               for text in (record.heading, record.text)))
    segmenter = Segmenter()
    segmenter.prepare(["Khởi động mô hình tách từ."], workers=1)
    segmentation, characters = timed(lambda: segmenter.prepare(texts, workers=1))
    return {
        "characters": characters, "records": update.records, "cores": os.cpu_count(),
        "segmentation_s": round(segmentation, 2),
        "segmentation_chars_per_s": round(characters / segmentation),
        "cold_s": round(cold, 2), "cold_over_segmentation": round(cold / segmentation, 2),
        "unchanged_s": round(unchanged, 3), "warm_cache_s": round(warm, 2),
    }


def table(report: dict) -> str:
    return "\n".join([
        f"{report['records']} records, {report['characters']:,} characters segmented, "
        f"{report['cores']} cores",
        f"{'step':<34} {'seconds':>8}  {'vs segmentation':>15}",
        f"{'segmentation (1 process, reference)':<34} {report['segmentation_s']:>8.2f}  "
        f"{1:>15.2f}   {report['segmentation_chars_per_s']:,} chars/s",
        f"{'cold index (target ≤ 1.5×)':<34} {report['cold_s']:>8.2f}  "
        f"{report['cold_over_segmentation']:>15.2f}",
        f"{'unchanged rebuild (target ≤ 5 s)':<34} {report['unchanged_s']:>8.3f}",
        f"{'new index, segmentation cached':<34} {report['warm_cache_s']:>8.2f}  "
        f"{report['warm_cache_s'] / report['segmentation_s']:>15.2f}",
    ])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="ALQAC law.json")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="regindex-build-"))
    try:
        report = run(args.corpus, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
