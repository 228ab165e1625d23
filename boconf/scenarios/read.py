"""What-if scenarios: ``scenarios/<name>.yaml`` next to the organisation, an overlay on it.

A scenario removes, adds and patches entities by id, applied in that order (so "remove, then
add under the same id" replaces an entity)::

    apiVersion: boconf/v1
    kind: Scenario
    name: Move credit administration to the Cluj captive centre
    remove:
      - position: collections-specialist
    add:
      - kind: Position
        id: credit-analyst-cluj
        unit: credit
        ...
    patch:
      - unit: credit
        set: {sourcing: [...]}
        unset: [location]

This module reads and checks the file's shape; :mod:`boconf.scenarios.overlay` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from boconf.diagnostics import Code, Diagnostic
from boconf.i18n import _
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.loading.positions import SourceMap
from boconf.model.scenario import Scenario
from boconf.util.paths import display_path
from boconf.util.suggest import closest
from boconf.validation.errors import problems_from

SCENARIO_DIRECTORY = "scenarios"


@dataclass
class ScenarioFile:
    """A scenario as read from its file: the model if valid, and where everything is."""

    name: str
    path: Path
    display: str
    scenario: Scenario | None = None
    data: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: SourceMap = field(default_factory=SourceMap)

    def position(self, *at: str | int, want: Literal["key", "value"] = "value") -> tuple[int, int]:
        found = self.sources.locate(str(self.path), 0, at, want)
        return (found.line, found.column) if found else (1, 1)

    def problem(
        self,
        at: tuple[str | int, ...],
        message: str,
        hint: str,
        want: Literal["key", "value"] = "value",
    ) -> Diagnostic:
        line, column = self.position(*at, want=want)
        return Diagnostic(self.display, line, column, Code.SCENARIO, message, hint)


class UnknownScenarioError(Exception):
    """No scenario of that name: a usage error."""


def scenario_directory(organisation: Path) -> Path:
    return organisation / SCENARIO_DIRECTORY


def scenario_names(organisation: Path) -> list[str]:
    folder = scenario_directory(organisation)
    if not folder.is_dir():
        return []
    return sorted(
        path.stem
        for path in folder.iterdir()
        if path.suffix in (".yaml", ".yml") and not path.name.startswith(".")
    )


def find_scenario(organisation: Path, name: str) -> Path:
    """The file of scenario ``name`` (a name under scenarios/, or a path to a file)."""
    as_path = Path(name)
    if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
        return as_path
    for suffix in (".yaml", ".yml"):
        candidate = scenario_directory(organisation) / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    names = scenario_names(organisation)
    match = closest(name, names)
    if match is not None:
        hint = _("did you mean '{name}'?").format(name=match)
    elif names:
        hint = _("scenarios here: {names}").format(names=", ".join(names))
    else:
        hint = _("there is no {directory}/ directory with scenarios").format(
            directory=scenario_directory(organisation)
        )
    raise UnknownScenarioError(
        _("no scenario '{name}' in {directory}: {hint}").format(
            name=name, directory=scenario_directory(organisation), hint=hint
        )
    )


def read_scenario(path: Path, limits: Limits | None = None) -> ScenarioFile:
    """Parse and check the shape of a scenario file; problems are diagnostics, never raised."""
    display = display_path(path)
    result = ScenarioFile(path.stem, path, display)
    parsed = parse_file(str(path), display, limits or Limits())
    result.diagnostics.extend(parsed.diagnostics)
    if parsed.diagnostics:
        return result
    if len(parsed.documents) != 1:
        document = parsed.documents[1]
        result.diagnostics.append(
            Diagnostic(
                display,
                document.line,
                document.column,
                Code.SCENARIO,
                _("a scenario file holds one document"),
                _("put each scenario in its own file under scenarios/"),
            )
        )
        return result
    result.data = parsed.documents[0].data
    try:
        result.scenario = Scenario.model_validate(result.data)
    except ValidationError as error:
        for problem in problems_from(error, Scenario, "scenario", result.data, 0):
            line, column = result.position(
                *problem.path, want="key" if problem.want == "key" else "value"
            )
            result.diagnostics.append(
                Diagnostic(display, line, column, problem.code, problem.message, problem.hint)
            )
    return result
