"""Benchmark: `regindex import` of the real official files in ../shared/corpora/real/.

Each file is imported as a new user would, with the `regindex import` command, into an
empty regulations folder of its own (a temporary folder; nothing is written to the
repository), and what was recorded is compared with the facts and structure counts of
that folder's README (kept as data in benchmarks/import_real.json): number or name,
type, issuer, letterhead, signer, issue date, slug, and the counts of Phần, Chương,
Mục, Điều, khoản, điểm and Phụ lục. A fact the README does not state is not checked.
"verbatim" says the stored body is the text extracted from the file, Unicode NFC,
character for character except line-end spaces and runs of blank lines. The time is
the whole command; the baseline, measured in the same run, is the extraction alone
(bytes → text), so the difference is what reading the header, the structure and the
records costs.

    python benchmarks/import_real.py [--real DIR] [--json]

Exit status 1 when a file does not match.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from regindex.cli import cli
from regindex.importer.importer import extract_original
from regindex.library import read_document

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpora" / "real"
EXPECTED = json.loads((Path(__file__).with_name("import_real.json")).read_text(encoding="utf-8"))
FACTS = ("slug", "number", "name", "type", "issuer", "letterhead", "signer", "issued")


def import_one(path: Path) -> dict:
    """Import ``path`` into a new folder; what was recorded, counted and timed."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result = CliRunner().invoke(cli, ["import", "-d", folder, str(path), "--json"])
        seconds = time.perf_counter() - started
        [record] = json.loads(result.output[result.output.index("["):])
        if record["action"] == "refused":
            return {"refused": record["error"], "seconds": seconds}
        document = read_document(Path(record["path"]))
    started = time.perf_counter()
    extracted = extract_original(path).text
    baseline = time.perf_counter() - started
    return {"record": record, "counts": record["counts"], "seconds": seconds,
            "baseline": baseline, "verbatim": verbatim(document.text, extracted)}


def verbatim(stored: str, extracted: str) -> bool:
    """The stored body is the extracted text (NFC), line-end spaces and blank runs aside."""
    def lines(text):
        return [line.rstrip() for line in text.split("\n") if line.strip()]
    return lines(stored) == lines(unicodedata.normalize("NFC", extracted.replace("\r\n", "\n")))


def compare(name: str, expected: dict, got: dict) -> list[tuple[str, str, str, bool]]:
    """(what, expected, got, matches) for each fact and count the README states."""
    if "refused" in got:
        return [("import", "created", f"refused: {got['refused']}", False)]
    record = got["record"]
    rows = [(fact, str(expected[fact]), str(record.get(fact)), expected[fact] == record.get(fact))
            for fact in FACTS if expected.get(fact) is not None
            or (fact in ("number", "name") and fact in expected)]
    for kind, count in expected["counts"].items():
        found = got["counts"].get(kind, 0)
        rows.append((kind, str(count), str(found), count == found))
    rows.append(("verbatim", "True", str(got["verbatim"]), got["verbatim"]))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.real.is_dir():
        print(f"không có thư mục {args.real}", file=sys.stderr)
        return 2
    report, failed = {}, 0
    for name, expected in EXPECTED["files"].items():
        got = import_one(args.real / name)
        rows = compare(name, expected, got)
        ok = all(row[3] for row in rows)
        failed += not ok
        report[name] = {"match": ok, "seconds": round(got["seconds"], 3),
                        "baseline_seconds": round(got.get("baseline", 0), 3),
                        "rows": [dict(zip(("what", "expected", "got", "match"), row))
                                 for row in rows]}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print("| file | what | expected | got | match |\n|---|---|---|---|---|")
        for name, result in report.items():
            for row in result["rows"]:
                print(f"| {name} | {row['what']} | {row['expected']} | {row['got']} | "
                      f"{'✓' if row['match'] else '✗'} |")
        print("\n| file | all match | import s | extraction only s (baseline) |\n|---|---|---|---|")
        for name, result in report.items():
            print(f"| {name} | {'✓' if result['match'] else '✗'} | {result['seconds']:.2f} | "
                  f"{result['baseline_seconds']:.2f} |")
        print(f"\n{len(report) - failed} of {len(report)} files match.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
