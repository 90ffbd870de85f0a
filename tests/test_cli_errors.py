"""No command ends in a Python traceback: a reader that stops early (`| head`), a full
disk or a read-only folder are clean messages with an exit status that says what
happened."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

from click.testing import CliRunner

from regindex.cli import BROKEN_PIPE, cli

from .conftest import REGULATIONS, ROOT


def test_output_cut_short_by_its_reader_ends_quietly():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "regindex", "show", "-d", str(REGULATIONS)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()                  # `| head` that has read what it wanted
    _, errors = process.communicate(timeout=60)
    assert process.returncode == BROKEN_PIPE
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors, errors.decode()


def test_a_system_refusal_in_any_command_is_a_clean_error(monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "regulations/.x.tmp")

    monkeypatch.setattr("regindex.cli.show.Library.load", full)
    result = CliRunner().invoke(cli, ["show", "-d", str(REGULATIONS)])
    assert result.exit_code == 1
    assert "đĩa đã đầy" in result.output and "regulations/.x.tmp" in result.output
    assert "lỗi không mong đợi" not in result.output
