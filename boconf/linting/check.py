"""`boconf check`: validate, then lint, in one result that every reporter reads."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from boconf.diagnostics import Diagnostic, Severity, sort_unique
from boconf.linting.baseline import Fingerprint
from boconf.linting.engine import LintResult, lint
from boconf.linting.settings import ResolvedSettings, find_settings, load_settings
from boconf.loading.limits import Limits
from boconf.validation.run import LoadResult, load_organisation, no_cyclic_gc


@dataclass
class CheckResult:
    load: LoadResult
    settings: ResolvedSettings
    lint: LintResult = field(default_factory=LintResult)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sort_unique(self.load.diagnostics + self.lint.diagnostics)

    @property
    def failed(self) -> bool:
        """Whether a finding is at or above the fail level (validation errors always are)."""
        return bool(self.load.errors) or any(
            self.settings.fails(d.severity) for d in self.lint.diagnostics
        )

    def counts(self) -> Counter[Severity]:
        return Counter(d.severity for d in self.diagnostics)


def settings_for(
    path: Path, config: Path | None, reference_date: dt.date | None = None
) -> ResolvedSettings:
    """The settings for an organisation path: an explicit file, else the nearest one upward."""
    settings = load_settings(config if config is not None else find_settings(path))
    if reference_date is not None:
        settings.reference_date = reference_date
    return settings


def check(
    path: Path,
    settings: ResolvedSettings,
    *,
    baseline: Counter[Fingerprint] | None = None,
    limits: Limits | None = None,
    jobs: int | None = None,
) -> CheckResult:
    """Validate and lint. Raises ConfigError for unusable suppressions."""
    loaded = load_organisation(path, limits=limits, jobs=jobs)
    result = CheckResult(loaded, settings)
    if loaded.ok:
        with no_cyclic_gc():
            result.lint = lint(loaded, settings, baseline)
    return result
