"""`regindex build` and `serve` never lose a user's files or the last good site: only a
folder a build made is replaced, errors block publishing, leftovers of a killed build
are cleaned, permissions follow the umask, and disk or permission failures are clear
errors. Small folders of our own illustrative files."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from regindex.cli import cli
from regindex.site import SITE_MARKER

from .conftest import REGULATIONS, ROOT


def build(*args):
    """`regindex build …` run from the project folder (where mkdocs.yml is)."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["build", *map(str, args)])
    finally:
        os.chdir(here)
    assert "Traceback" not in result.output and "lỗi không mong đợi" not in result.output, \
        result.output
    return result


def illustrative(tmp_path: Path) -> Path:
    folder = tmp_path / "regulations"
    shutil.copytree(REGULATIONS / "minh-hoa", folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_build_never_replaces_a_folder_of_the_users_files(tmp_path):
    folder = illustrative(tmp_path)
    mine = tmp_path / "ho-so"
    mine.mkdir()
    (mine / "bao-cao.docx").write_bytes(b"my work")
    for target in (mine, folder, tmp_path):
        before = snapshot(tmp_path)
        result = build("-d", folder, "--site-dir", target)
        assert result.exit_code == 1
        assert "không ghi đè" in result.output or "xóa mất tệp" in result.output
        assert snapshot(tmp_path) == before


def test_build_replaces_an_empty_folder_and_a_site_it_made(tmp_path):
    folder = illustrative(tmp_path)
    target = tmp_path / "site"
    target.mkdir()
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    assert (target / SITE_MARKER).is_file() and (target / "index.html").is_file()
    (target / "stale.html").write_text("old", encoding="utf-8")
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    assert not (target / "stale.html").exists()


def test_a_symlinked_site_folder_is_updated_where_it_points(tmp_path):
    folder = illustrative(tmp_path)
    webroot = tmp_path / "www" / "regindex"
    webroot.mkdir(parents=True)
    link = tmp_path / "site"
    link.symlink_to(webroot, target_is_directory=True)
    for _ in range(2):
        assert build("-d", folder, "--site-dir", link).exit_code == 0
        assert link.is_symlink() and (webroot / "index.html").is_file()


def test_errors_block_publishing_and_the_previous_site_stays(tmp_path):
    folder = illustrative(tmp_path)
    target = tmp_path / "site"
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    before = snapshot(target)
    page = folder / "02-qd-mh-2024.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "status: in-force", "status: con-hieu-luc"), encoding="utf-8")
    result = build("-d", folder, "--site-dir", target)
    assert result.exit_code == 1
    assert "02-qd-mh-2024.md:" in result.output and "con-hieu-luc" in result.output
    assert "Trang cũ" in result.output and "giữ nguyên" in result.output
    assert snapshot(target) == before


def test_two_files_with_the_same_slug_block_publishing(tmp_path):
    folder = illustrative(tmp_path)
    shutil.copy(folder / "02-qd-mh-2024.md", folder / "ban-sao.md")
    result = build("-d", folder, "--site-dir", tmp_path / "site")
    assert result.exit_code == 1
    assert "trùng văn bản" in result.output
    assert not (tmp_path / "site").exists()


def test_leftovers_of_killed_builds_are_cleaned_on_the_next_run(tmp_path):
    folder = illustrative(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    leftovers = [tmp_path / ".site-k2j4h5g6", tmp_path / ".site-old-x1y2z3w4",
                 tmp_path / f".site-new-{dead}-abcd1234", tmp_path / f".site-old-{dead}-abcd1234"]
    running = tmp_path / f".site-new-{os.getpid()}-efgh5678"    # a build still running
    for path in [*leftovers, running]:
        (path / "search").mkdir(parents=True)
        (path / "search" / "part.js").write_bytes(b"x" * 1000)
    mine = tmp_path / ".site-notes"          # not a name a build uses
    mine.mkdir()
    assert build("-d", folder, "--site-dir", tmp_path / "site").exit_code == 0
    assert not any(path.exists() for path in leftovers)
    assert running.exists() and mine.exists()


def test_the_site_follows_the_umask(tmp_path):
    folder = illustrative(tmp_path)
    old = os.umask(0o022)
    try:
        assert build("-d", folder, "--site-dir", tmp_path / "site").exit_code == 0
        os.umask(0o002)
        assert build("-d", folder, "--site-dir", tmp_path / "shared").exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "shared").stat().st_mode & 0o777 == 0o775


def test_a_full_disk_during_build_is_a_clear_error_and_keeps_the_site(tmp_path, monkeypatch):
    folder = illustrative(tmp_path)
    target = tmp_path / "site"
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    before = snapshot(target)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "site/search/x.js")

    import mkdocs.utils
    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    result = build("-d", folder, "--site-dir", target)
    assert result.exit_code == 1
    assert "đĩa đã đầy" in result.output and "giữ nguyên" in result.output
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_site_folder_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch):
    folder = illustrative(tmp_path)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path))

    monkeypatch.setattr("regindex.site.build.tempfile.mkdtemp", denied)
    result = build("-d", folder, "--site-dir", tmp_path / "site")
    assert result.exit_code == 1 and "không có quyền ghi" in result.output


def test_an_old_site_that_cannot_be_removed_is_a_warning_not_a_failure(tmp_path, monkeypatch):
    folder = illustrative(tmp_path)
    target = tmp_path / "site"
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    monkeypatch.setattr("regindex.site.build.shutil.rmtree", lambda *a, **k: None)
    result = build("-d", folder, "--site-dir", target)
    assert result.exit_code == 0, result.output
    assert "không xóa được trang cũ" in result.output
    assert (target / SITE_MARKER).is_file()
    monkeypatch.undo()
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_serve_keeps_serving_the_last_good_site_and_shows_the_error(tmp_path):
    folder = illustrative(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "regindex", "serve", "-d", str(folder),
                                   "-p", str(port)], cwd=ROOT, stdout=out, stderr=out, env=env)
    try:
        url = f"http://127.0.0.1:{port}/"

        def answers():
            try:
                return get(url) == 200
            except OSError:
                return False

        assert wait_for(answers), log.read_text()
        assert get(url + "%00") == 404
        page = folder / "02-qd-mh-2024.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "issued: 2024-05-20", "issued: 2025-02-30"), encoding="utf-8")
        assert wait_for(lambda: "2025-02-30" in log.read_text(encoding="utf-8")), log.read_text()
        assert get(url + "02-qd-mh-2024.html") == 200
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output
    assert "02-qd-mh-2024.md:" in output and "trang dựng thành công gần nhất" in output


def test_a_file_in_a_non_canonical_form_still_publishes(tmp_path):
    folder = illustrative(tmp_path)
    page = folder / "02-qd-mh-2024.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    assert build("-d", folder, "--site-dir", tmp_path / "site").exit_code == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs (room for one illustrative site, not two); skipped where mounting is
    not permitted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_really_full_disk_keeps_the_previous_site(tmp_path, small_disk):
    folder = illustrative(tmp_path)
    target = small_disk / "site"
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    before = snapshot(target)
    result = build("-d", folder, "--site-dir", target)
    assert result.exit_code == 1
    assert "đĩa đã đầy" in result.output and "giữ nguyên" in result.output
    assert snapshot(target) == before
    assert [p.name for p in small_disk.iterdir()] == ["site"]


def test_a_read_only_disk_is_a_clear_error(tmp_path, small_disk):
    folder = illustrative(tmp_path)
    target = small_disk / "site"
    assert build("-d", folder, "--site-dir", target).exit_code == 0
    before = snapshot(target)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = build("-d", folder, "--site-dir", target)
    assert result.exit_code == 1 and "chỉ cho đọc" in result.output
    assert snapshot(target) == before
