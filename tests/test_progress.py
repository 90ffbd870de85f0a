"""The progress line of long commands: shown on a terminal only."""

import io

from click.testing import CliRunner

from regindex import progress as progress_module
from regindex.cli import cli
from regindex.progress import Progress

from .test_index_search import NEW_RULES, OLD_RULES


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_says_files_size_rate_and_time_left_on_a_terminal(monkeypatch):
    clock = iter([0.0, 2.0, 2.0, 2.0, 2.0]).__next__
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    screen = Terminal()
    shown = Progress("lập chỉ mục", files=4, size=4_000_000, stream=screen)
    shown.advance(files=1, size=1_000_000)
    line = screen.getvalue()
    assert "lập chỉ mục: 1/4 tệp" in line and "1,0/4,0 MB" in line
    assert "0,50 MB/giây" in line and "còn khoảng 6 giây" in line
    shown.close()
    assert screen.getvalue().endswith("\r")


def test_progress_is_silent_when_not_on_a_terminal():
    log = io.StringIO()
    with Progress("lập chỉ mục", files=2, size=10, stream=log) as shown:
        shown.advance(files=2, size=10)
    assert log.getvalue() == ""


def test_index_command_takes_jobs_and_prints_no_progress_to_a_pipe(tmp_path):
    folder = tmp_path / "regulations"
    folder.mkdir()
    (folder / "05-qd-mh-2020.md").write_text(OLD_RULES, encoding="utf-8")
    (folder / "06-qd-mh-2024.md").write_text(NEW_RULES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["index", "-d", str(folder), "--index",
                                      str(tmp_path / "index"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("đã lập chỉ mục 2 tệp") and "\r" not in result.output


def _on_a_terminal(monkeypatch) -> Terminal:
    """stderr as a terminal, and every advance redrawn."""
    screen = Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", screen)
    monkeypatch.setattr(progress_module, "REDRAW", 0.0)
    return screen


def test_importing_several_files_shows_progress_on_a_terminal(tmp_path, monkeypatch):
    from .test_import_text import TEXT
    sources = []
    for number in ("06", "07"):
        path = tmp_path / f"van-ban-{number}.txt"
        path.write_text(TEXT.replace("Số 06-QĐ/MH", f"Số {number}-QĐ/MH"), encoding="utf-8")
        sources.append(str(path))
    _on_a_terminal(monkeypatch)
    monkeypatch.setattr(progress_module, "_is_terminal", lambda stream: True)  # the runner's stderr
    result = CliRunner().invoke(cli, ["import", "-d", str(tmp_path / "regulations"), *sources])
    assert result.exit_code == 0, result.output
    assert "nhập văn bản: 1/2 tệp" in result.stderr and "nhập văn bản: 2/2 tệp" in result.stderr
    assert "\r" not in result.stdout, "the reports stay clean"


def test_building_the_site_pages_shows_progress_on_a_terminal(monkeypatch):
    from regindex.library import Library
    from regindex.site.pages import site_pages

    from .conftest import REGULATIONS
    screen = _on_a_terminal(monkeypatch)
    library = Library.load(REGULATIONS)
    site_pages(library)
    assert f"dựng trang: {len(library.documents)}/{len(library.documents)} tệp" in screen.getvalue()
