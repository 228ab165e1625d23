"""The date a run takes for "today": the option, else the settings' reference_date, else the
clock (BOCONF_TODAY in tests). The example declares the day it describes, so `make demo`
works in any year."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf.rendering.views.registry import VIEWS

from .conftest import REPO, Run, missing_browser_dependency

YEARS_AHEAD = "2031-06-01"  # four years after BlueWave's contract (org/vendors) has ended
DECLARED = "2026-11-30"  # org/.boconf.yaml
NOTE = (
    f"boconf: reference date {DECLARED} (reference_date in org/.boconf.yaml), "
    f"not today ({YEARS_AHEAD})\n"
)


def demo_commands() -> list[list[str]]:
    """The boconf commands of `make demo`, read from the Makefile so the test follows it."""
    lines = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("demo:")) + 1
    commands = []
    for line in lines[start:]:
        if not line.startswith("\t"):
            break
        words = shlex.split(line)
        assert words[0] == "$(BIN)/boconf", line
        commands.append(words[1:])
    return commands


def run_demo(example: Path, prefix: list[str], env: dict[str, str]) -> None:
    """`make demo`'s boconf commands, each in a fresh process, in the copy's parent folder:
    each exits 0, and check is clean and says which day it took."""
    for command in demo_commands():
        run = subprocess.run(
            [*prefix, sys.executable, "-m", "boconf", *command],
            cwd=example.parent,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, (command, run.stdout, run.stderr)
        if command[0] == "check":
            assert run.stdout.startswith("org: clean: ")
            assert run.stderr == NOTE


def test_make_demo_works_years_ahead(example: Path) -> None:
    assert [c[0] for c in demo_commands()] == ["validate", "check", "render", "docs"]
    run_demo(example, [], {**os.environ, "BOCONF_TODAY": YEARS_AHEAD})
    site = example.parent / "site"
    assert (site / "index.html").is_file()
    # The demo's site is Italian (the example is an Italian company).
    assert "Data di riferimento per contratti e lint: 30 novembre 2026." in (
        site / "index.html"
    ).read_text(encoding="utf-8")
    # BlueWave's contract ends 2027-03-31: 121 days after the declared day, not "expired"
    vendors = (site / "vendors.html").read_text(encoding="utf-8")
    assert "121 giorni" in vendors and "scadut" not in vendors
    charts = [p.name for p in (example.parent / "charts").glob("*.svg")]
    assert len([name for name in charts if "--" not in name]) == len(VIEWS)  # and big ones' pages


def test_make_demo_works_with_the_system_clock_years_ahead(example: Path) -> None:
    """The same with the process's real clock moved (libfaketime), not boconf's override: no
    date in boconf is read from anywhere but the one clock."""
    if shutil.which("faketime") is None:
        missing_browser_dependency("faketime")
    env = {k: v for k, v in os.environ.items() if k != "BOCONF_TODAY"}
    run_demo(example, ["faketime", f"{YEARS_AHEAD} 12:00:00"], env)
    assert (example.parent / "site" / "index.html").is_file()


def test_without_the_declared_date_the_clock_decides(
    example: Path, boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    (example / ".boconf.yaml").unlink()
    monkeypatch.setenv("BOCONF_TODAY", YEARS_AHEAD)
    run = boconf("check", "org", "--no-scenarios", cwd=example.parent)
    assert run.code == 1
    assert run.lines[0] == (
        "org/vendors/bluewave-bpo.yaml:11:10: error[BO208]: contract "
        "'bluewave-service-desk-2024' of vendor 'bluewave-bpo' ended on 2027-03-31 but work "
        "still depends on it: unit 'service-desk'"
    )
    assert run.err == ""  # the clock's own date needs no note


def test_the_example_is_clean_on_its_day_and_warns_a_day_later(
    boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOCONF_TODAY", YEARS_AHEAD)
    clean = boconf("check", "org", "--fail-on", "info", cwd=REPO)
    assert clean.code == 0 and clean.out.startswith("org: clean: ")
    # the option wins over the settings file, and then no note is needed
    later = boconf("check", "org", "--reference-date", "2026-12-01", cwd=REPO)
    assert later.code == 0 and later.err == ""
    assert later.lines[0] == (
        # 2027-03-31 - 90 days = 2026-12-31, 30 days after 2026-12-01
        "org/vendors/bluewave-bpo.yaml:12:18: warning[BO215]: contract "
        "'bluewave-service-desk-2024' of vendor 'bluewave-bpo': the notice deadline, "
        "2026-12-31 (90 days before it ends on 2027-03-31), is in 30 days"
    )


def test_report_cost_and_diff_take_the_declared_date(
    example: Path, boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOCONF_TODAY", YEARS_AHEAD)
    report = boconf("report", "cost", "org", cwd=example.parent)
    assert report.code == 0 and report.err == NOTE
    assert f"Contract calendar ({DECLARED} + 365 days)" in report.out
    given = boconf("report", "cost", "org", "--reference-date", "2027-01-01", cwd=example.parent)
    assert "Contract calendar (2027-01-01 + 365 days)" in given.out and given.err == ""
    diff = boconf("diff", "--scenario", "service-desk-outsourcing", "org", cwd=example.parent)
    assert diff.code == 0 and diff.err == NOTE


def test_a_bad_boconf_today_is_a_usage_error(
    boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOCONF_TODAY", "2031-13-01")
    run = boconf("check", "org", cwd=REPO)
    assert run.code == 2
    assert (
        run.err == "boconf: BOCONF_TODAY='2031-13-01' is not a date: give YYYY-MM-DD, or unset it\n"
    )
