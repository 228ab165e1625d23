"""What every reporter reads: the diagnostics of a run and a little context for the summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boconf.diagnostics import CHECK_DESCRIPTIONS, Diagnostic
from boconf.i18n import _
from boconf.load import LoadResult

if TYPE_CHECKING:
    from boconf.linting.check import CheckResult
    from boconf.rules.base import Rule


@dataclass(frozen=True)
class ReportOptions:
    """How to present a report, given the same way to every format (most use none of it)."""

    color: bool = False  # ANSI colours (text on a terminal)
    summary: bool = True  # the closing summary line (text; validate --quiet drops it)


PLAIN = ReportOptions()


@dataclass
class Report:
    root: Path
    files: int
    documents: int
    diagnostics: list[Diagnostic]
    counts: dict[str, int] | None = None  # the organisation's counts, when it is valid
    linted: bool = False
    rules_run: int = 0
    suppressed: int = 0
    baselined: int = 0
    scenarios: int = 0  # scenarios applied (check)
    codes_used: list[str] = field(default_factory=list)
    # Suppressed findings with their reasons, shown only on request (check --show-suppressed).
    shown_suppressed: list[tuple[Diagnostic, str]] = field(default_factory=list)


def hint_line(hint: str) -> str:
    """``hint: ...``, the line under a diagnostic that says how to fix it."""
    return _("hint: {hint}").format(hint=hint)


def rules_by_code() -> dict[str, type[Rule[Any]]]:
    """Every lint rule by code. Imported when first asked for: ``validate`` reports no rule's
    finding, and importing the rules and the linter they need is a fifth of its start-up."""
    from boconf.rules.registry import BY_CODE

    return BY_CODE


def rule_name(code: str) -> str:
    rule = rules_by_code().get(code)
    if rule is not None:
        return rule.name
    described = CHECK_DESCRIPTIONS.get(code)
    return described[0] if described else code.lower()


def rule_summary(code: str) -> str:
    rule = rules_by_code().get(code)
    if rule is not None:
        return rule.summary_text()
    described = CHECK_DESCRIPTIONS.get(code)
    return _(described[1]) if described else ""


def from_load(result: LoadResult) -> Report:
    return Report(
        result.root,
        result.files,
        result.documents,
        result.diagnostics,
        result.counts(),
    )


def from_check(result: CheckResult, show_suppressed: bool = False) -> Report:
    report = from_load(result.load)
    report.diagnostics = result.diagnostics
    report.linted = result.load.ok
    report.rules_run = len(result.settings.enabled) if result.load.ok else 0
    report.suppressed = result.lint.suppressed
    report.baselined = result.lint.baselined
    report.scenarios = result.scenarios
    report.codes_used = sorted({d.code for d in report.diagnostics})
    if show_suppressed:
        report.shown_suppressed = result.lint.suppressed_findings
    return report
