"""`boconf check`: validate, then lint, in one result that every reporter reads."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from boconf.diagnostics import Diagnostic, Severity, sort_unique
from boconf.linting.baseline import Fingerprint
from boconf.linting.engine import LintResult, lint
from boconf.linting.result_cache import ResultCache
from boconf.linting.settings import ResolvedSettings, find_settings, load_settings
from boconf.load import LoadResult, load_organisation
from boconf.loading.cache import ParseCache
from boconf.loading.gc_pause import no_cyclic_gc
from boconf.loading.limits import Limits
from boconf.loading.positions import SourceMap


@dataclass
class CheckResult:
    load: LoadResult
    settings: ResolvedSettings
    lint: LintResult = field(default_factory=LintResult)
    scenarios: int = 0  # how many scenarios were applied
    # What stops them, like validation errors: not lint findings (no baseline, no suppression).
    scenario_diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        lint = self.lint.diagnostics
        if (
            not self.load.diagnostics
            and not self.scenario_diagnostics
            and lint is self.lint.sorted_diagnostics
        ):
            return list(lint)  # lint's own list, sorted and unique as it left it
        return sort_unique(self.load.diagnostics + lint + self.scenario_diagnostics)

    @property
    def failed(self) -> bool:
        """Whether a finding is at or above the fail level (validation and scenario errors
        always are)."""
        return (
            bool(self.load.errors)
            or any(d.severity is Severity.ERROR for d in self.scenario_diagnostics)
            or any(self.settings.fails(d.severity) for d in self.lint.diagnostics)
        )

    def counts(self) -> Counter[Severity]:
        return Counter(d.severity for d in self.diagnostics)


def settings_for(
    path: Path, config: Path | None, reference_date: dt.date | None = None
) -> ResolvedSettings:
    """The settings for an organisation path: an explicit file, else the nearest one upward.
    An explicit ``reference_date`` (the command's option) wins over the file's."""
    settings = load_settings(config if config is not None else find_settings(path))
    if reference_date is not None:
        settings.reference_date = reference_date
        settings.reference_date_from = "--reference-date"
    return settings


def check(
    path: Path,
    settings: ResolvedSettings,
    *,
    baseline: Counter[Fingerprint] | None = None,
    limits: Limits | None = None,
    jobs: int | None = None,
    cache: ParseCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    results: bool = False,
) -> CheckResult:
    """Validate and lint. Raises ConfigError for unusable suppressions. What is parsed goes
    into ``cache`` when one is given (for loading the scenarios' results next).
    ``progress(done, total)`` is told of each file parsed.

    ``results``: also keep the whole result in ``cache``'s directory, and answer from it when
    nothing it depends on changed (:mod:`boconf.linting.result_cache`). Such a result holds
    what reports read, not the organisation: ``result.load.tree`` is None."""
    limits = limits or Limits()
    stored = (
        ResultCache.open(cache, Path(path), settings, baseline, limits, jobs) if results else None
    )
    if stored is not None:
        found = stored.lookup()
        if found is not None:
            return CheckResult(found[0], settings, found[1])
    # Each tells which files it read positions from: the stored result depends on their text.
    load_sources, lint_sources = SourceMap(), SourceMap()
    with contextlib.ExitStack() as scope:
        if stored is not None and cache is not None:  # (files read once per run, not twice)
            scope.enter_context(cache.knowing(stored.digests()))
        loaded = load_organisation(
            path, limits=limits, jobs=jobs, cache=cache, progress=progress, sources=load_sources
        )
    result = CheckResult(loaded, settings)
    if loaded.ok:
        with no_cyclic_gc():
            result.lint = lint(loaded, settings, baseline, lint_sources)
    if stored is not None:
        stored.store(result.load, result.lint, load_sources.consulted | lint_sources.consulted)
    return result
