"""Every option that names a file or directory to write refuses the organisation directory.

The commands are found by walking the CLI, so a new command (or a new -o on an old one) fails
here until it is added below: with an invocation that must be refused, or with the reason it
has no organisation to protect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest

from boconf.cli.main import COMMANDS, cli

from .conftest import Run

OUTPUT_OPTIONS = {"--output", "-o"}

# Command path -> its arguments, with an output inside the organisation ('org').
INSIDE: dict[str, list[str]] = {
    "check": ["check", "org", "--output", "org/boconf.sarif", "--format", "sarif"],
    "graph": ["graph", "org", "--format", "graphml", "-o", "org/org.graphml"],
    "render": ["render", "org", "--view", "structure", "--format", "dot", "-o", "org/chart.dot"],
    "docs": ["docs", "org", "-o", "org/site"],
    "report cost": ["report", "cost", "org", "-o", "org/cost.txt"],
    "scenario apply": ["scenario", "apply", "credit-to-cluj", "org", "-o", "org/after"],
    "export csv": ["export", "csv", "org", "-o", "org/people.csv"],
    "export backstage": ["export", "backstage", "org", "-o", "org/catalog"],
}

# Commands whose -o is the organisation they create: there is none before them to protect.
CREATE_AN_ORGANISATION = {
    "import csv": "writes a new organisation tree from an HR export",
    "import backstage": "writes a new organisation tree from a Backstage catalog",
    "import records": "writes a new organisation tree from a YAML or JSON file of records",
    "import organogram": "writes a new organisation tree from a UK government organogram",
}


def _commands(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            child = command.get_command(context, name)
            assert child is not None
            yield from _commands(child, f"{path} {name}".strip())
    else:
        yield path, command


def writing_commands() -> list[str]:
    found = []
    for path, command in _commands(cli, ""):
        for parameter in command.params:
            if isinstance(parameter, click.Option) and OUTPUT_OPTIONS & set(parameter.opts):
                found.append(path)
    return sorted(found)


def test_every_output_option_is_covered() -> None:
    assert set(COMMANDS) <= {path.split()[0] for path, _ in _commands(cli, "")}
    assert writing_commands() == sorted([*INSIDE, *CREATE_AN_ORGANISATION])


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("command", sorted(INSIDE))
def test_output_inside_the_organisation_is_refused(
    command: str, example: Path, boconf: Callable[..., Run]
) -> None:
    before = _snapshot(example)
    run = boconf(*INSIDE[command], cwd=example.parent)
    target = INSIDE[command][
        INSIDE[command].index("-o" if "-o" in INSIDE[command] else "--output") + 1
    ]
    assert run.code == 2, run.out + run.err
    assert f"Error: {target}: refusing to write inside the organisation directory org" in run.err
    assert _snapshot(example) == before


def test_check_baseline_inside_the_organisation_is_refused(
    example: Path, boconf: Callable[..., Run]
) -> None:
    before = _snapshot(example)
    run = boconf("check", "org", "--baseline-write", "org/baseline.json", cwd=example.parent)
    assert run.code == 2
    assert (
        "Error: org/baseline.json: refusing to write inside the organisation directory org"
        in run.err
    )
    assert _snapshot(example) == before


def test_check_output_is_written_whole_beside_the_organisation(
    example: Path, boconf: Callable[..., Run]
) -> None:
    run = boconf(
        "check",
        "org",
        "--reference-date",
        "2026-01-01",
        "--format",
        "json",
        "--output",
        "reports/check.json",
        cwd=example.parent,
    )
    assert run.code in (0, 1), run.err
    written = example.parent / "reports" / "check.json"
    assert written.read_text(encoding="utf-8").startswith('{\n  "version": 1')
    # No temporary file left beside it: it was renamed into place.
    assert [path.name for path in written.parent.iterdir()] == ["check.json"]
