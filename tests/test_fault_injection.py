"""Commands killed at random moments lose nothing: `regindex build` and `regindex import`
run as processes and are SIGKILLed after a random short delay, a few times; after each
kill the previous site and records are intact (or the new ones complete), and the next
run succeeds and leaves no temporary file behind.

``kill_at_random_points`` is the harness: another command (``index``) is one more test
giving its command line and what "intact" means for it."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from regindex.importer.writer import sha256
from regindex.library import read_document
from regindex.site import SITE_MARKER

from .conftest import REGULATIONS, ROOT
from .test_import_records import PAGE_124

ITERATIONS = 3


def regindex(*args, cwd: Path = ROOT) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "regindex", *map(str, args)], cwd=cwd,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish(process: subprocess.Popen) -> str:
    output, _ = process.communicate(timeout=120)
    text = output.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    return text


def kill_at_random_points(args: list, intact: Callable[[str], None], *, longest: float,
                          seed: int | None = None) -> None:
    """Run ``regindex ARGS`` ``ITERATIONS`` times, each SIGKILLed after a random delay up
    to ``longest`` seconds, and call ``intact(what)`` after each; then run it to the end
    and check again. ``what`` says which run, for the failure message."""
    seed = random.randrange(1 << 30) if seed is None else seed
    chance = random.Random(seed)
    for attempt in range(ITERATIONS):
        delay = chance.uniform(0.2, longest)
        process = regindex(*args)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        intact(f"killed after {delay:.2f} s (seed {seed}, attempt {attempt})")
    process = regindex(*args)
    output = finish(process)
    assert process.returncode == 0, output
    intact(f"the run after the kills (seed {seed})")


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*"))


def test_a_build_killed_at_any_moment_leaves_the_previous_or_the_new_site(tmp_path):
    folder = tmp_path / "regulations"
    shutil.copytree(REGULATIONS / "minh-hoa", folder)
    site = tmp_path / "site"
    first = regindex("build", "-d", folder, "--site-dir", site)
    assert first.wait(timeout=120) == 0, finish(first)
    old = (site / "02-qd-mh-2024.html").read_bytes()
    page = folder / "02-qd-mh-2024.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "title: ", "title: (sửa lần hai) ", 1), encoding="utf-8")

    def intact(what):
        assert (site / SITE_MARKER).is_file(), what
        anchors = json.loads((site / "anchors.json").read_text(encoding="utf-8"))
        assert all((site / name).is_file() for name in anchors["pages"]), what
        assert (site / "02-qd-mh-2024.html").read_bytes() == old or \
            "sửa lần hai" in (site / "02-qd-mh-2024.html").read_text(encoding="utf-8"), what

    kill_at_random_points(["build", "-d", folder, "--site-dir", site], intact, longest=5)
    assert "sửa lần hai" in (site / "02-qd-mh-2024.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_an_import_killed_at_any_moment_leaves_whole_records(tmp_path):
    folder = tmp_path / "regulations"
    shutil.copytree(REGULATIONS, folder, ignore=shutil.ignore_patterns("sources"))
    page = tmp_path / "quy-dinh-124.html"
    page.write_text(PAGE_124, encoding="utf-8")
    first = regindex("import", "-d", folder, page)
    assert first.wait(timeout=120) == 0, finish(first)
    record = folder / "124-qd-tw-2023.md"
    old = record.read_bytes()
    page.write_text(PAGE_124.replace("Người ghi sổ ký tên", "Người ghi sổ ký, ghi họ tên"),
                    encoding="utf-8")

    def intact(what):
        document = read_document(record)          # whole: it reads
        assert record.read_bytes() == old or "ghi họ tên" in document.text, what
        copy = folder / document.meta.source["file"]
        journal = list(folder.glob(".regindex-write.*.journal"))
        assert sha256(copy.read_bytes()) == document.meta.source["sha256"] or journal, \
            f"{what}: the record and the copy of its original disagree"

    kill_at_random_points(["import", "-d", folder, page], intact, longest=3)
    assert "ghi họ tên" in record.read_text(encoding="utf-8")
    assert leftovers(folder) == []
