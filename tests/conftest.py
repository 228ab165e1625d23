"""Shared fixtures: a small valid organisation to break in tests, the CLI, the shared data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from boconf.cli.main import main

REPO = Path(__file__).resolve().parent.parent

# The tests pin English output, and boconf speaks the locale's language (LC_ALL, LC_MESSAGES,
# LANG): a developer's Italian locale must not change what they see. Tests of the locale set
# these variables themselves (tests/test_i18n_cli.py).
for _variable in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"


def child_processes() -> set[int]:
    """This process's child processes, read from /proc (ended ones too, until waited for)."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


# Tests that count child processes skip where /proc cannot tell (not Linux).
needs_proc = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path(f"/proc/{os.getpid()}/task").is_dir(),
    reason="forks, and counts child processes in /proc",
)


def rules_on_by_default() -> str:
    """``33 rules``: how a summary counts the rules a default check runs (from the registry,
    so that a new rule changes no test's expected summary)."""
    from boconf.linting.check import settings_for

    return f"{len(settings_for(REPO / 'org', None).enabled)} rules"


# A machine with only Python and make has no Chromium (nor the fonts, nor libfaketime): there
# the tests that need them skip, and say so loudly at the end; under CI they fail instead.
BROWSER_SKIP = "BROWSER TEST SKIPPED"


def missing_browser_dependency(package: str) -> None:
    """Skip (or, under CI, fail) a test that needs a system package that is not installed."""
    message = (
        f"{package} is not installed: install it with `apt-get install {package}` "
        "(`make test` does when run as root; .ci/run always does)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(f"{BROWSER_SKIP}: {message}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if BROWSER_SKIP in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_sep("!", f"{len(skipped)} BROWSER TESTS SKIPPED", red=True)
        terminalreporter.write_line(
            "Chromium, fonts-dejavu-core, fonts-liberation or faketime is missing: the charts and "
            "the site were not checked in a browser. Install them (apt-get) and run make test "
            "again; CI installs them and never skips these tests.",
            red=True,
        )


MINIMAL_FIXTURE = REPO / "tests" / "fixtures" / "minimal-org"
# A small valid organisation (3 units, 5 positions): the base that tests and rule cases break.
MINIMAL_ORG: dict[str, str] = {
    path.relative_to(MINIMAL_FIXTURE).as_posix(): path.read_text(encoding="utf-8")
    for path in sorted(MINIMAL_FIXTURE.rglob("*.yaml"))
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def org(tmp_path: Path) -> Callable[..., Path]:
    """Write the minimal valid organisation, with some files replaced, under tmp_path/org."""

    def make(**overrides: str | bytes | None) -> Path:
        files: dict[str, str | bytes] = dict(MINIMAL_ORG)
        for name, content in overrides.items():
            name = name.replace("__", "/").replace("_yaml", ".yaml").replace("_yml", ".yml")
            if content is None:
                files.pop(name, None)
            else:
                files[name] = content
        return write_tree(tmp_path / "org", files)

    return make


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


@pytest.fixture
def boconf(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run the CLI in-process from a working directory; returns exit code and output."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def shared_dir() -> Path:
    """The read-only shared/ folder beside the repository (or BOCONF_SHARED)."""
    candidates = [os.environ.get("BOCONF_SHARED", ""), REPO.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "data").is_dir():
            return Path(candidate)
    raise AssertionError("shared/ not found: set BOCONF_SHARED to the folder holding data/")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example organisation, with its scenarios, at tmp_path/org (clean on the
    tests' reference date): to edit, or to write beside, without touching org/."""
    return Path(shutil.copytree(REPO / "org", tmp_path / "org"))
