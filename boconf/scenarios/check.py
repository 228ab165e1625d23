"""Every scenario of an organisation, applied and validated: what `boconf check` adds to a run.

A scenario is code that lives beside the organisation: a change to the base can leave it
naming a position that is gone, and a typo in it breaks `boconf check --scenario` for whoever
runs it next. So check applies each one (as :func:`materialise` does for ``--scenario``) and
reports what stops it, where it can be fixed. Linting a scenario's result stays opt-in.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from boconf.diagnostics import Diagnostic, sort_unique
from boconf.i18n import _
from boconf.loading.cache import ParseCache
from boconf.loading.limits import Limits
from boconf.scenarios.apply import materialise
from boconf.scenarios.read import scenario_directory, scenario_names


def check_scenarios(
    organisation: Path,
    limits: Limits | None = None,
    *,
    cache: ParseCache | None = None,
    jobs: int | None = None,
) -> tuple[int, list[Diagnostic]]:
    """Apply every scenario under ``organisation``/scenarios to it; returns how many there are
    and what stops them. The base is assumed valid (check reports it first).

    ``cache`` should hold the base's parse: the files a scenario leaves untouched are then not
    parsed again when its result is validated."""
    names = scenario_names(organisation)
    problems: list[Diagnostic] = []
    for name in names:
        path = _file_of(organisation, name)
        with tempfile.TemporaryDirectory(prefix="boconf-scenario-") as scratch:
            applied = materialise(organisation, path, Path(scratch) / "org", limits, cache, jobs)
            problems.extend(_named(applied.problems, applied.file.display, name))
    return len(names), sort_unique(problems)


def _file_of(organisation: Path, name: str) -> Path:
    folder = scenario_directory(organisation)
    yaml = folder / f"{name}.yaml"
    return yaml if yaml.is_file() else folder / f"{name}.yml"


def _named(diagnostics: list[Diagnostic], scenario_file: str, name: str) -> list[Diagnostic]:
    """A problem traced to a base file would read as a problem of the base, which check has
    just passed: say which scenario causes it."""
    return [
        d
        if d.file == scenario_file
        else dataclasses.replace(
            d,
            message=_("with scenario '{name}' applied: {message}").format(
                name=name, message=d.message
            ),
        )
        for d in diagnostics
    ]
