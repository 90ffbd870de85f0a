"""The index under faults: concurrent syncs, an inconsistent index, sibling folders,
leftovers of killed syncs, a read-only index folder, a full disk, and `regindex index`
killed at random moments.

The folders written here hold the project's own illustrative texts."""

import errno
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.index import SearchIndex, Searcher, folder_sources
from regindex.index import build as build_module
from regindex.index.store import FORMAT, Store

from .conftest import REGULATIONS
from .test_index_search import NEW_RULES, folder  # noqa: F401  (folder: the fixture)


def regindex(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "regindex", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def record_count(index: SearchIndex) -> int:
    with index.open() as store:
        return store.db.execute("SELECT count(*) FROM records").fetchone()[0]


def keys(index: SearchIndex, query: str) -> list[tuple[str, str | None]]:
    with Searcher(index) as searcher:
        return [(hit.slug, hit.eid) for hit in searcher.search(query, limit=50)]


def test_concurrent_index_runs_never_duplicate_records(folder, tmp_path):
    index_dir = tmp_path / "index"
    index = SearchIndex(index_dir)
    index.sync(folder_sources(folder))
    expected = record_count(index)
    (folder / "06-qd-mh-2024.md").write_text(NEW_RULES.replace("thanh lý", "đấu giá"),
                                             encoding="utf-8")
    runs = [regindex("index", "-d", str(folder), "--index", str(index_dir)) for _ in range(3)]
    runs.append(regindex("search", "đấu giá", "-d", str(folder), "--index", str(index_dir)))
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert record_count(index) == expected
    hits = keys(index, "sổ ghi chép đấu giá bí thư chi bộ")
    assert hits and len(hits) == len(set(hits))


def test_an_inconsistent_index_is_rebuilt_and_reported(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    expected = record_count(index)
    db = sqlite3.connect(index.file)        # what an unlocked concurrent writer could do
    with db:
        db.execute("INSERT INTO records SELECT docnum + 1000, source, key, slug, status, kind, "
                   "heading, text, shown FROM records")
    db.close()
    result = CliRunner().invoke(cli, ["index", "-d", str(folder), "--index", str(index.path)])
    assert result.exit_code == 0, result.output
    assert "không nhất quán" in result.output and "đã lập lại" in result.output
    assert record_count(index) == expected
    hits = keys(index, "sổ ghi chép bí thư chi bộ")
    assert hits and len(hits) == len(set(hits))


def test_sibling_folders_have_their_own_index(folder, tmp_path):
    qa, qb = tmp_path / "qa", tmp_path / "qb"
    qa.mkdir()
    qb.mkdir()
    (folder / "05-qd-mh-2020.md").rename(qa / "05-qd-mh-2020.md")
    (folder / "06-qd-mh-2024.md").rename(qb / "06-qd-mh-2024.md")
    for side, number in ((qa, "05-QĐ/MH"), (qb, "06-QĐ/MH")):
        result = CliRunner().invoke(cli, ["search", "sổ ghi chép", "-d", str(side), "--json"])
        assert result.exit_code == 0, result.output
        assert {hit["number"] for hit in json.loads(result.stdout)} == {number}


def test_leftovers_of_killed_syncs_are_cleaned_on_the_next_run(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    (index.path / f"index-v{FORMAT}.new-99999.sqlite").write_bytes(b"half written")
    (index.path / "v1.new-4242").mkdir()                 # a killed rebuild of the old format
    (index.path / "v1").mkdir()
    (index.path / "v1" / "_MAIN_1.toc").write_bytes(b"")
    update = index.sync(folder_sources(folder))
    assert sorted(update.cleaned) == [f"index-v{FORMAT}.new-99999.sqlite", "v1", "v1.new-4242"]
    assert sorted(p.name for p in index.path.iterdir()) == [f"index-v{FORMAT}.sqlite", "lock",
                                                              "segments.sqlite"]


@contextmanager
def _failing(exc):
    raise exc
    yield   # pragma: no cover


@pytest.mark.parametrize("fault, says", [
    (OSError(errno.EROFS, "Read-only file system"), "chỉ đọc"),
    (OSError(errno.EPERM, "Operation not permitted"), "chỉ đọc"),        # chattr +i
    (sqlite3.OperationalError("database or disk is full"), "ổ đĩa đã đầy"),
])
def test_an_unwritable_index_is_a_clear_error_and_search_still_answers(
        folder, tmp_path, monkeypatch, fault, says):
    common = ["-d", str(folder), "--index", str(tmp_path / "index")]
    assert CliRunner().invoke(cli, ["index", *common]).exit_code == 0
    (folder / "06-qd-mh-2024.md").write_text(NEW_RULES.replace("thanh lý", "đấu giá"),
                                             encoding="utf-8")
    if isinstance(fault, sqlite3.Error):
        def commit(self):
            raise fault
        monkeypatch.setattr(Store, "commit", commit)
    else:
        monkeypatch.setattr(build_module.SearchIndex, "_locked", lambda self, wait: _failing(fault))
    result = CliRunner().invoke(cli, ["index", *common])
    assert result.exit_code == 1
    assert "không ghi được chỉ mục" in result.output and says in result.output
    assert "Traceback" not in result.output and "không mong đợi" not in result.output
    searched = CliRunner().invoke(cli, ["search", "thanh lý", *common, "--json"])
    assert searched.exit_code == 0, searched.output
    assert "lưu ý" in searched.stderr and "chỉ mục hiện có" in searched.stderr
    assert json.loads(searched.stdout)[0]["number"] == "06-QĐ/MH"      # the previous index


def test_an_unwritable_folder_without_an_index_is_a_clear_error(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module.SearchIndex, "_locked",
                        lambda self, wait: _failing(OSError(errno.EACCES, "Permission denied")))
    result = CliRunner().invoke(cli, ["search", "sổ", "-d", str(folder),
                                      "--index", str(tmp_path / "index")])
    assert result.exit_code == 1 and "không ghi được chỉ mục" in result.output


def test_index_killed_at_random_moments_keeps_the_previous_index(tmp_path):
    index_dir = tmp_path / "index"
    args = ["index", "-d", str(REGULATIONS), "--index", str(index_dir)]
    first = regindex(*args)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    index = SearchIndex(index_dir)
    before = keys(index, "sao lưu kho tài liệu ra thiết bị USB")
    count = record_count(index)
    chance = random.Random(14)
    for _ in range(4):
        run = regindex(*args, "--rebuild")
        time.sleep(chance.uniform(0.3, 2.5))
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        assert keys(index, "sao lưu kho tài liệu ra thiết bị USB") == before
        assert record_count(index) == count
    again = regindex(*args, "--json")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert not [path.name for path in index_dir.iterdir() if ".new-" in path.name]
    assert keys(index, "sao lưu kho tài liệu ra thiết bị USB") == before


def test_the_old_shared_index_is_dropped_and_its_segmentations_kept(folder):
    old = folder.parent / ".regindex" / "index"
    SearchIndex(old / "x").sync(folder_sources(folder))     # a cache to adopt
    os.replace(old / "x" / "segments.sqlite", old / "segments.sqlite")
    shutil.rmtree(old / "x")
    (old / "v1").mkdir()
    (old / "v1" / "_MAIN_3.toc").write_bytes(b"")
    result = CliRunner().invoke(cli, ["search", "sổ ghi chép", "-d", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert not (old / "v1").exists() and not (old / "segments.sqlite").exists()
    assert (folder.parent / ".regindex" / "segments.sqlite").exists()


def test_a_damaged_index_file_is_rebuilt_and_reported(folder, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.sync(folder_sources(folder))
    expected = record_count(index)
    index.file.write_bytes(b"not an index" * 100)
    update = index.sync(folder_sources(folder))
    assert update.repaired and len(update.indexed) == 2
    assert record_count(index) == expected
