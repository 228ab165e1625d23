"""A progress line on the terminal for long runs: ``checking org/: 412 of 10,001 files, 6s``.

Shown only when stderr is a terminal, not under CI (``CI`` set, as every CI service does),
and only once a run has taken longer than :data:`DELAY` seconds: a quick run, a pipe or a CI
log never sees it. It is drawn from a background thread on one line (``\\r``) and erased when
the work ends, so the command's own output is unchanged. The library reports counts through
a callback (``done, total``); it never draws anything itself.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO

from boconf import numbers
from boconf.i18n import _

DELAY = 2.0  # seconds before anything is shown
INTERVAL = 0.25


def wanted(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether a progress line may be drawn on ``stream``."""
    environ = os.environ if environ is None else environ
    if environ.get("CI", "").lower() not in ("", "0", "false"):
        return False
    isatty = getattr(stream, "isatty", None)
    return callable(isatty) and bool(isatty())


class Progress:
    def __init__(self, label: str, stream: IO[str], delay: float | None = None) -> None:
        self.label = label
        self.done = 0
        self.total = 0
        self._stream = stream
        self._delay = DELAY if delay is None else delay
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._drawn = 0  # width of the line on screen, to erase it
        self._thread = threading.Thread(target=self._run, daemon=True)

    def update(self, done: int, total: int) -> None:
        """The callback the library calls: ``done`` of ``total`` items so far."""
        self.done, self.total = done, total

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self._started
        counts = (
            _(": {done} of {total} files").format(
                done=numbers.number(self.done, 0), total=numbers.number(self.total, 0)
            )
            if self.total
            else ""
        )
        return f"{self.label}{counts}, {elapsed:.0f}s"

    def _run(self) -> None:
        if self._stop.wait(self._delay):
            return
        while not self._stop.is_set():
            text = self.line()
            padding = " " * max(0, self._drawn - len(text))
            self._stream.write("\r" + text + padding)
            self._stream.flush()
            self._drawn = max(self._drawn, len(text))
            self._stop.wait(INTERVAL)


@contextmanager
def progress(label: str, stream: IO[str] | None = None) -> Iterator[Progress | None]:
    """A :class:`Progress` drawn on stderr while the block runs, or None where none may be."""
    stream = stream if stream is not None else sys.stderr
    if not wanted(stream):
        yield None
        return
    shown = Progress(label, stream)
    shown.start()
    try:
        yield shown
    finally:
        shown.stop()
