"""The command line: help, version, exit codes, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf import __version__
from boconf.cli import validate_cmd

from .conftest import REPO, Run


def test_version(boconf: Callable[..., Run]) -> None:
    run = boconf("--version")
    assert run.code == 0
    assert run.out == f"boconf, version {__version__}\n"


def test_help_shows_examples_and_exit_codes(boconf: Callable[..., Run]) -> None:
    run = boconf("--help")
    assert run.code == 0
    assert "boconf validate --format json" in run.out
    assert "0 clean, 1 errors in the input (or findings at or above the" in run.out
    assert "fail level), 2 usage or configuration error, 3 internal error." in run.out
    assert "boconf validate org/units/credit.yaml" in boconf("validate", "--help").out


def test_usage_errors_exit_2(boconf: Callable[..., Run], tmp_path: Path) -> None:
    assert boconf("validate", str(tmp_path / "missing")).code == 2
    assert boconf("validate", "--format", "xml", str(tmp_path)).code == 2
    assert boconf("frobnicate").code == 2
    run = boconf("validate", cwd=tmp_path)  # no PATH and no org/ here
    assert run.code == 2
    assert "no org/ directory here" in run.err


def test_directory_without_yaml_is_an_error_not_a_pass(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    run = boconf("validate", ".", cwd=tmp_path)
    assert run.code == 1
    assert (
        run.lines[0] == ".:1:1: error[BO013]: no organisation files: no *.yaml or *.yml file here"
    )


def test_internal_error_exits_3_with_a_request_to_report(
    boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, org: Callable[..., Path]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_cmd, "load_organisation", explode)
    root = org()
    run = boconf("validate", "org", cwd=root.parent)
    assert run.code == 3
    assert "internal error" in run.err and "Please report it" in run.err
    assert "Traceback" not in run.err
    monkeypatch.setenv("BOCONF_DEBUG", "1")
    assert "RuntimeError: boom" in boconf("validate", "org", cwd=root.parent).err


def test_quiet_drops_the_summary(boconf: Callable[..., Run], org: Callable[..., Path]) -> None:
    root = org()
    assert boconf("validate", "--quiet", "org", cwd=root.parent).out == ""


def test_max_file_size_option(boconf: Callable[..., Run], org: Callable[..., Path]) -> None:
    root = org(big_yaml="# " + "x" * (2 * 1024 * 1024) + "\n")
    assert "BO001" not in boconf("validate", "org", cwd=root.parent).out
    run = boconf("validate", "org", "--max-file-size", "1", cwd=root.parent)
    assert run.code == 1
    assert "org/big.yaml:1:1: error[BO001]" in run.out


def test_python_dash_m_and_console_script(org: Callable[..., Path]) -> None:
    root = org()
    result = subprocess.run(
        [sys.executable, "-m", "boconf", "validate", str(root)],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": valid: 3 units" in result.stdout


def test_the_console_command_ends_with_its_exit_code_and_all_its_output(
    org: Callable[..., Path],
) -> None:
    # run() ends the process with os._exit (no freeing of what the command built): what
    # the command printed must still all arrive, and its exit code be the command's.
    root = org(**{"units/broken.yaml": "apiVersion: boconf/v1\nkind: Unit\nid: [\n"})

    def console(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "boconf", *args],
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    graph = console("graph", str(REPO / "org"), "--format", "json")
    assert graph.returncode == 0
    # A large output (about 100 kB), complete and parseable.
    assert len(json.loads(graph.stdout)["nodes"]) > 200
    broken = console("validate", str(root), "--format", "json")
    assert broken.returncode == 1
    assert [finding["code"] for finding in json.loads(broken.stdout)] == ["BO003"]
    usage = console("validate", str(root / "missing"))
    assert usage.returncode == 2
    assert "does not exist" in usage.stderr


def test_the_version_is_the_packages() -> None:
    # boconf/_version.py is read without importlib.metadata (start-up time); it must not drift.
    from importlib.metadata import version

    import boconf

    assert boconf.__version__ == version("boconf")


def test_the_package_imports_its_api_on_first_use() -> None:
    import subprocess
    import sys

    # The models (and pydantic) wait for the first load: its workers parse meanwhile.
    probe = (
        "import pathlib, sys, boconf; assert 'pydantic' not in sys.modules, 'eager';"
        "from boconf import load_organisation; assert 'boconf.load' in sys.modules;"
        "assert 'pydantic' not in sys.modules, 'models before a load';"
        f"assert load_organisation(pathlib.Path({str(REPO / 'org')!r})).ok;"
        "assert 'pydantic' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


def test_help_lists_every_command_without_importing_them() -> None:
    import subprocess
    import sys

    import click

    from boconf.cli.main import COMMANDS, SUMMARIES, LazyGroup, cli

    assert list(SUMMARIES) == list(COMMANDS)
    context = click.Context(cli)
    for name in COMMANDS:
        command = LazyGroup.get_command(cli, context, name)  # type: ignore[arg-type]
        assert command is not None
        own = (command.help or "").split("\n\n")[0].replace("\n", " ").rstrip(".")
        # the summary says what the command's own first paragraph says, in brief
        words = set(SUMMARIES[name].lower().rstrip(".").replace(":", "").split()[:2])
        assert words <= set(own.lower().replace(":", "").replace(",", "").split()), name
    probe = (
        "import sys; from boconf.cli.main import main; "
        "code = main(['--help']); "
        "assert not any(m.startswith('boconf.cli.') and m.endswith('_cmd') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True)
