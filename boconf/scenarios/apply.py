"""A scenario made real: applied, written to a directory, validated, its problems traced back.

Writing the result out (to a temporary directory unless the user asked for one) lets every
ordinary command (check, diff, the cost report) work on a scenario exactly as on the base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from boconf.diagnostics import Diagnostic, sort_unique
from boconf.load import LoadResult, load_organisation
from boconf.loading.cache import ParseCache
from boconf.loading.limits import Limits
from boconf.scenarios.overlay import Overlay, apply_scenario
from boconf.scenarios.read import ScenarioFile, read_scenario


@dataclass
class AppliedScenario:
    file: ScenarioFile
    overlay: Overlay | None = None
    root: Path | None = None  # where the resulting organisation was written
    load: LoadResult | None = None  # the result, validated; diagnostics traced to the sources
    diagnostics: list[Diagnostic] = field(default_factory=list)  # the scenario's own problems

    @property
    def ok(self) -> bool:
        """The scenario applies cleanly and its result validates."""
        return not self.diagnostics and self.load is not None and self.load.ok

    @property
    def problems(self) -> list[Diagnostic]:
        """Everything that stops the scenario: its own problems, then the result's errors."""
        found = list(self.diagnostics)
        if self.load is not None:
            found.extend(self.load.errors)
        return sort_unique(found)

    def trace(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Lint findings (or any diagnostics) about the result, shown in the source files."""
        if self.overlay is None or self.root is None:
            return diagnostics
        return self.overlay.trace(diagnostics, self.root)


def materialise(
    organisation: Path,
    scenario_path: Path,
    into: Path,
    limits: Limits | None = None,
    cache: ParseCache | None = None,
    jobs: int | None = None,
) -> AppliedScenario:
    """Apply the scenario at ``scenario_path`` to ``organisation`` and write the result under
    ``into``. Problems are diagnostics; nothing under ``organisation`` is written. A ``cache``
    holding the base's parse spares parsing the untouched files again."""
    scenario = read_scenario(scenario_path, limits)
    result = AppliedScenario(scenario, diagnostics=list(scenario.diagnostics))
    if scenario.scenario is None or result.diagnostics:
        return result
    overlay = apply_scenario(organisation, scenario, limits, cache, jobs)
    result.overlay = overlay
    result.diagnostics.extend(overlay.diagnostics)
    if overlay.diagnostics:
        return result
    overlay.write(into)
    result.root = into
    loaded = load_organisation(into, limits=limits, jobs=jobs, cache=cache)
    loaded.diagnostics = sort_unique(overlay.trace(loaded.diagnostics, into))
    result.load = loaded
    return result
