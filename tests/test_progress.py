"""Progress lines: drawn on a terminal for long runs, never in pipes, files or CI logs."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf.cli import progress as progress_module
from boconf.cli.progress import Progress, progress, wanted

from .conftest import Run


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (Terminal(), {}, True),
        (Terminal(), {"CI": "true"}, False),  # GitHub Actions, GitLab CI, ... set CI
        (Terminal(), {"CI": "1"}, False),
        (Terminal(), {"CI": "false"}, True),
        (io.StringIO(), {}, False),  # a pipe or a file
    ],
)
def test_only_on_a_terminal_outside_ci(
    stream: io.StringIO, environ: dict[str, str], expected: bool
) -> None:
    assert wanted(stream, environ) is expected


def test_the_line_counts_files_and_is_erased_at_the_end() -> None:
    terminal = Terminal()
    shown = Progress("checking org", terminal, delay=0)
    shown.update(412, 10_001)
    shown.start()
    time.sleep(0.1)
    shown.stop()
    written = terminal.getvalue()
    line = "checking org: 412 of 10,001 files, 0s"
    assert written.startswith("\r" + line)
    assert written.endswith("\r" + " " * len(line) + "\r")  # nothing left on screen


def test_a_quick_run_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)  # a developer's terminal (CI runs this test too)
    terminal = Terminal()
    with progress("checking org", terminal) as shown:
        assert shown is not None
        shown.update(1, 2)
    assert terminal.getvalue() == ""  # over before the delay


def test_nothing_when_not_a_terminal_even_for_a_long_run(
    monkeypatch: pytest.MonkeyPatch,
    org: Callable[..., Path],
    boconf: Callable[..., Run],
) -> None:
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    root = org()
    # check finds the minimal organisation's lint warnings (exit 1); validate finds it valid
    for command, code in (("check", 1), ("validate", 0)):
        run = boconf(command, str(root), "--no-cache")
        assert (run.code, run.err) == (code, "")  # and no progress line


def test_a_terminal_under_ci_gets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    terminal = Terminal()
    with progress("checking org", terminal) as shown:
        assert shown is None
    assert terminal.getvalue() == ""
