"""Lint settings: ``.boconf.yaml`` (or ``[tool.boconf]`` in ``pyproject.toml``), found upward
from the organisation path, validated as strictly as the organisation files.

```yaml
extends: recommended          # or strict, or none (only what `select` names)
select: [key-person-risk]     # rules to enable beyond the preset
ignore: [BO205]               # rules to disable
severity: {span-of-control: error}
rules:                        # options, by rule code or name
  span-of-control: {max_reports: 10}
per_path_ignores:             # glob (relative to the org directory) -> rules
  "legacy/**": [unused-entity]
fail_on: warning              # error (default), warning or info
reference_date: 2026-06-30    # "today" for every command: the date the organisation describes
```

``reference_date`` is the default of every command's ``--reference-date`` (check, docs, render
--findings, diff, report cost): an example or a snapshot that describes a given day stays
clean, and its contract rules reproducible, on any later day. The option wins over the file.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from boconf import clock
from boconf.diagnostics import Code, Diagnostic, Severity
from boconf.i18n import _
from boconf.linting.settings_file import PYPROJECT
from boconf.linting.settings_file import find_settings as find_settings  # callers look here
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.loading.positions import SourceMap
from boconf.model.settings import Settings
from boconf.rules.base import Rule, RuleOptions
from boconf.rules.registry import RULES, find_rule
from boconf.util.paths import display_path
from boconf.util.suggest import did_you_mean
from boconf.validation.errors import problems_from

SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class ConfigError(Exception):
    """Settings or suppressions that cannot be used: exit 2, with positioned diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class ResolvedSettings:
    """Settings checked against the rule registry, ready for the engine."""

    enabled: list[type[Rule[Any]]]
    options: dict[str, RuleOptions]
    severity: dict[str, Severity]
    per_path_ignores: list[tuple[str, frozenset[str]]]
    fail_on: Severity
    reference_date: dt.date
    source: str | None = None  # the settings file, for messages
    # Where reference_date came from: "" for the clock, else the option or the settings file.
    reference_date_from: str = ""
    extends: str = "recommended"
    disabled: set[str] = field(default_factory=set)

    def fails(self, severity: Severity) -> bool:
        return SEVERITY_RANK[severity] >= SEVERITY_RANK[self.fail_on]


def load_settings(path: Path | None, today: dt.date | None = None) -> ResolvedSettings:
    """Read and resolve settings; defaults when ``path`` is None. Raises :class:`ConfigError`."""
    if path is None:
        return resolve(Settings(), None, lambda at: (1, 1), today)
    display = display_path(path)
    if path.name == PYPROJECT:
        return _load_pyproject(path, display, today)
    parsed = parse_file(str(path), display, Limits())
    if parsed.diagnostics:
        raise ConfigError(parsed.diagnostics)
    if len(parsed.documents) != 1:
        raise ConfigError(
            [
                Diagnostic(
                    display,
                    1,
                    1,
                    Code.CONFIG,
                    _("the settings file must hold exactly one document"),
                    _("remove the extra '---' documents"),
                )
            ]
        )
    data = parsed.documents[0].data
    sources = SourceMap()

    def locate(at: tuple[str | int, ...], want: str = "value") -> tuple[int, int]:
        position = sources.locate(str(path), 0, at, "key" if want == "key" else "value")
        return (position.line, position.column) if position else (1, 1)

    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        problems = problems_from(error, Settings, "settings", data, 0, label=_("settings"))
        raise ConfigError(
            [
                _config(
                    display,
                    locate(p.path, p.want),
                    p.message,
                    p.hint,
                )
                for p in problems
            ]
        ) from None
    return resolve(settings, display, locate, today)


def _load_pyproject(path: Path, display: str, today: dt.date | None) -> ResolvedSettings:
    text = path.read_text(encoding="utf-8")
    line = next(
        (n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("[tool.boconf")),
        1,
    )
    try:
        data = tomllib.loads(text).get("tool", {}).get("boconf", {})
        settings = Settings.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise ConfigError(
            [
                Diagnostic(
                    display,
                    line,
                    1,
                    Code.CONFIG,
                    f"[tool.boconf]: {_first_line(error)}",
                    _("fix the [tool.boconf] table (see the README's settings section)"),
                )
            ]
        ) from None
    return resolve(settings, display, lambda at, want="value": (line, 1), today)


def _config(display: str | None, where: tuple[int, int], message: str, hint: str) -> Diagnostic:
    return Diagnostic(display or "<settings>", where[0], where[1], Code.CONFIG, message, hint)


def _first_line(error: Exception) -> str:
    text = str(error).splitlines()
    return " ".join(text[:3])


def _unknown_option(reference: str, option: object, options: type[RuleOptions]) -> str:
    if not options.model_fields:
        # A sentence of its own: "none" alone would need a gender in Italian.
        return _("rules -> {rule}: unknown option '{option}' (options: none)").format(
            rule=reference, option=option
        )
    return _("rules -> {rule}: unknown option '{option}' (options: {allowed})").format(
        rule=reference, option=option, allowed=", ".join(options.model_fields)
    )


def resolve(
    settings: Settings, display: str | None, locate: Any, today: dt.date | None
) -> ResolvedSettings:
    """Check every rule reference against the registry and validate every rule's options."""
    resolver = _Resolver(display, locate)
    # In the file's order of sections, so that problems come out in a stable order.
    enabled, disabled = resolver.enabled(settings)
    severity = resolver.severity(settings)
    options = resolver.options(settings)
    ignores = resolver.per_path_ignores(settings)
    if resolver.problems:
        raise ConfigError(resolver.problems)
    return ResolvedSettings(
        enabled=[rule for rule in RULES if rule.code in enabled],
        options=options,
        severity=severity,
        per_path_ignores=ignores,
        fail_on=settings.fail_on,
        reference_date=settings.reference_date or today or clock.today(),
        reference_date_from=(
            f"reference_date in {display}"
            if settings.reference_date
            else ("given" if today else "")
        ),
        source=display,
        extends=settings.extends,
        disabled=disabled,
    )


class _Resolver:
    """Rule references of one settings file -> rules; every problem kept, at its position."""

    def __init__(self, display: str | None, locate: Any) -> None:
        self.display = display
        self.locate = locate
        self.problems: list[Diagnostic] = []
        self._names = [rule.name for rule in RULES] + [rule.code for rule in RULES]

    def rule_at(
        self, reference: str, at: tuple[str | int, ...], want: str = "value"
    ) -> type[Rule[Any]] | None:
        rule = find_rule(reference)
        if rule is None:
            hint = did_you_mean(reference, self._names) or _(
                "run 'boconf rules' for the list of rules"
            )
            self.problems.append(
                _config(
                    self.display,
                    self.locate(at, want),
                    _("unknown rule '{rule}'").format(rule=reference),
                    hint,
                )
            )
        return rule

    def enabled(self, settings: Settings) -> tuple[dict[str, type[Rule[Any]]], set[str]]:
        """The preset's rules, plus ``select``, minus ``ignore``; and the codes ignored."""
        enabled = {rule.code: rule for rule in RULES if settings.extends in rule.presets}
        for index, reference in enumerate(settings.select):
            if (rule := self.rule_at(reference, ("select", index))) is not None:
                enabled[rule.code] = rule
        disabled: set[str] = set()
        for index, reference in enumerate(settings.ignore):
            if (rule := self.rule_at(reference, ("ignore", index))) is not None:
                enabled.pop(rule.code, None)
                disabled.add(rule.code)
        return enabled, disabled

    def severity(self, settings: Settings) -> dict[str, Severity]:
        severity: dict[str, Severity] = {}
        for reference, level in settings.severity.items():
            if (rule := self.rule_at(reference, ("severity", reference), "key")) is not None:
                severity[rule.code] = level
        return severity

    def options(self, settings: Settings) -> dict[str, RuleOptions]:
        """Every rule's options: as the file sets them (validated), else the defaults."""
        options: dict[str, RuleOptions] = {}
        for reference, values in settings.rules.items():
            rule = self.rule_at(reference, ("rules", reference), "key")
            if rule is None:
                continue
            try:
                options[rule.code] = rule.options_model.model_validate(values)
            except ValidationError as error:
                self._option_problems(rule, reference, error)
        for rule in RULES:
            options.setdefault(rule.code, rule.options_model())
        return options

    def _option_problems(
        self, rule: type[Rule[Any]], reference: str, error: ValidationError
    ) -> None:
        for problem in problems_from(
            error, rule.options_model, "rule", {}, 0, label=f"rules -> {reference}"
        ):
            message = problem.message
            if problem.code == Code.UNKNOWN_FIELD:
                message = _unknown_option(reference, problem.path[-1], rule.options_model)
            where = self.locate(("rules", reference, *problem.path), problem.want)
            self.problems.append(_config(self.display, where, message, problem.hint))

    def per_path_ignores(self, settings: Settings) -> list[tuple[str, frozenset[str]]]:
        ignores: list[tuple[str, frozenset[str]]] = []
        for pattern, references in settings.per_path_ignores.items():
            codes = {
                rule.code
                for i, r in enumerate(references)
                if (rule := self.rule_at(r, ("per_path_ignores", pattern, i))) is not None
            }
            ignores.append((pattern, frozenset(codes)))
        return ignores
