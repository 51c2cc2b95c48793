"""What the CLI writes to a terminal: text made safe to print, and ingest progress.

Article text, file names and skip reasons come from outside: `safe` removes the control
characters that would let them retitle, clear or rewrite a terminal (ESC sequences, BEL,
backspace, carriage return, the C1 range, bidirectional overrides).
"""

from __future__ import annotations

import re
import sys
import time
from typing import TextIO

_CONTROL = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0),
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_CONTROL.update({0x09: " ", 0x0A: " ", 0x0D: " "})


_ANY_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROL) + "]")


def safe(value: object) -> str:
    """The text with every terminal control character removed (tabs and line breaks become spaces)."""
    text = str(value)
    return text.translate(_CONTROL) if _ANY_CONTROL.search(text) else text  # (search: a listing's hot path)


class LineProgress:
    """Progress as one line on stderr every `every` seconds, for logs and pipes (no terminal)."""

    def __init__(self, total: int, every: float = 10.0, out: TextIO | None = None):
        self.total, self.every, self.out = total, every, out or sys.stderr
        self.done = 0
        self.start = self.last = time.monotonic()

    def advance(self, _kind: str = "") -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.out.write(self.line(now) + "\n")
            self.out.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        text = f"ingest: {self.done:,}/{self.total:,} inputs"
        if self.total:
            text += f" ({100 * self.done // self.total}%)"
        text += f", {rate:.1f}/s"
        if rate > 0 and self.total > self.done:
            text += f", about {duration((self.total - self.done) / rate)} left"
        return text


def duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
