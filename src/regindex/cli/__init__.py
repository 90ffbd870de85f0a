"""The `regindex` command: a thin layer over the library.

Each command lives in its own module of this package, parses its options, calls one
library function and prints. A ``RegindexError`` becomes a clean message on stderr and
exit status 1; nothing the user does should end in a traceback.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from ..errors import SYSTEM_REFUSALS, RegindexError, from_os_error
from ..library import DEFAULT_FOLDER

__all__ = ["main", "cli", "folder_option", "jobs_option", "json_option", "BROKEN_PIPE"]


BROKEN_PIPE = 141
"""Exit status when the reader of our output went away (`regindex search … | head`): what
the shell reports for a program stopped by SIGPIPE, as ``grep … | head`` does."""


def _reader_gone() -> None:
    """Stop quietly: point stdout at /dev/null so that the final flush raises nothing."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(BROKEN_PIPE)


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RegindexError as exc:
            click.echo(f"lỗi: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            _reader_gone()
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno in SYSTEM_REFUSALS:   # full disk …
                click.echo(f"lỗi: {from_os_error(exc, 'không đọc hay ghi được tệp')}", err=True)
                sys.exit(1)
            # Anything else is a bug of ours: say so plainly, keep the trace for us.
            if os.environ.get("REGINDEX_DEBUG"):
                raise
            click.echo(f"lỗi không mong đợi: {exc.__class__.__name__}: {exc}\n"
                       "  → Đặt REGINDEX_DEBUG=1 để xem chi tiết và báo lỗi cho nhóm phát triển.",
                       err=True)
            traceback.clear_frames(exc.__traceback__)
            sys.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="regindex")
def cli():
    """regindex: kho văn bản quy định của Đảng — phân tích cấu trúc, tìm kiếm, trang tĩnh."""


def folder_option(function):
    """--folder: the regulations folder (shared by every command that reads it)."""
    return click.option("-d", "--folder", type=click.Path(file_okay=False, path_type=str),
                        default=str(DEFAULT_FOLDER), show_default=True,
                        help="Thư mục chứa các tệp văn bản (.md).")(function)


def jobs_option(work: str):
    """--jobs: worker processes doing ``work`` (its Vietnamese name, for the help), for
    `index`, `build` and `serve`."""
    def option(function):
        return click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
                            metavar="N", help=f"Số tiến trình {work} chạy song song (mặc định: "
                                              "số lõi CPU).")(function)
    return option


def json_option(function):
    return click.option("--json", "as_json", is_flag=True,
                        help="In kết quả dạng JSON.")(function)


def main(argv=None):
    try:
        cli.main(args=argv, prog_name="regindex")
    finally:
        try:
            sys.stdout.flush()      # here rather than at exit, where it would print a trace
        except BrokenPipeError:
            _reader_gone()


# Commands register themselves on `cli` when imported.
from . import build, check, cite, diff, export, import_, index, link, search, show  # noqa: E402,F401
