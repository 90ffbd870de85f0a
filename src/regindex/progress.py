"""A one-line progress display for long commands (index, build, import of many files).

Shown on a terminal only: when stderr is a file or a pipe nothing is written, so logs
and scripts see the commands' usual output. The line says files done, megabytes of text
done, the rate and the time left, and is redrawn at most a few times a second:

    lập chỉ mục: 37/216 tệp · 12,4/150,2 MB · 0,41 MB/giây · còn khoảng 5 phút 36 giây
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]

REDRAW = 0.25
"""Seconds between two redraws."""


class Progress:
    """Progress of ``label`` over ``files`` files of ``size`` bytes in all; call
    ``advance`` as each is done and ``close`` at the end (or use ``with``)."""

    def __init__(self, label: str, files: int, size: int, stream: TextIO | None = None,
                 enabled: bool | None = None):
        self.label, self.files, self.size = label, files, size
        self.stream = stream or sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.done_files = self.done_size = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.width = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def advance(self, files: int = 0, size: int = 0) -> None:
        self.done_files += files
        self.done_size += size
        if self.enabled and time.monotonic() - self.drawn >= REDRAW:
            self._draw()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.done_size / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.label}: {self.done_files}/{self.files} tệp",
                 f"{_mb(self.done_size)}/{_mb(self.size)} MB"]
        if self.done_size and elapsed >= 1:
            parts.append(f"{_number(rate / 1e6, 2)} MB/giây")
            left = (self.size - self.done_size) / rate if rate else 0
            parts.append(f"còn khoảng {_duration(left)}")
        return " · ".join(parts)

    def _draw(self) -> None:
        text = self.line()
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)
        self.drawn = time.monotonic()

    def close(self) -> None:
        """Clear the line (the command then prints its own summary)."""
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _mb(size: int) -> str:
    return _number(size / 1e6, 1)


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} giây"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} phút {seconds} giây"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} giờ {minutes} phút"
