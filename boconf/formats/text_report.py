"""Human-readable report: ``path:line:col: severity[CODE]: message``, its hint, a summary.

Diagnostics come grouped by file (a blank line between files) and, on a terminal, in colour.
"""

from __future__ import annotations

from collections import Counter

from boconf.diagnostics import Severity
from boconf.formats.report import PLAIN, Report, ReportOptions
from boconf.util.paths import display_path

_COLOURS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render(report: Report, options: ReportOptions = PLAIN) -> str:
    color = options.color

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color else text

    lines: list[str] = []
    previous_file: str | None = None
    for diagnostic in report.diagnostics:
        if previous_file is not None and diagnostic.file != previous_file:
            lines.append("")
        previous_file = diagnostic.file
        severity = paint(
            f"{diagnostic.severity.value}[{diagnostic.code}]", _COLOURS[diagnostic.severity]
        )
        lines.append(f"{paint(diagnostic.location, _BOLD)}: {severity}: {diagnostic.message}")
        if diagnostic.hint:
            lines.append(paint(f"    hint: {diagnostic.hint}", _DIM))
    if lines:
        lines.append("")
    if report.shown_suppressed:
        # Accepted exceptions, for the reviewer: marked, with their reason, and not counted.
        lines.append(paint(f"suppressed ({len(report.shown_suppressed):,}, not counted):", _BOLD))
        for diagnostic, reason in report.shown_suppressed:
            where = paint(diagnostic.location, _BOLD)
            what = f"{diagnostic.severity.value}[{diagnostic.code}]"
            lines.append(f"{where}: suppressed {what}: {diagnostic.message}")
            lines.append(paint(f"    reason: {reason}", _DIM))
        lines.append("")
    if not options.summary:  # the diagnostics alone, without the blank line before the summary
        text = "\n".join(lines).rstrip("\n")
        return text + "\n" if text else ""
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    where = display_path(report.root)
    scanned = f"{_plural(report.files, 'file')}, {_plural(report.documents, 'document')}"
    extra = []
    if report.linted:
        extra.append(_plural(report.rules_run, "rule"))
    if report.scenarios:
        extra.append(_plural(report.scenarios, "scenario"))
    if report.suppressed:
        extra.append(f"{report.suppressed:,} suppressed")
    if report.baselined:
        extra.append(f"{report.baselined:,} in the baseline")
    scanned = ", ".join([scanned, *extra])
    by_severity = Counter(d.severity.value for d in report.diagnostics)
    if report.counts is not None:
        counts = report.counts
        organisation = (
            f"{_plural(counts['units'], 'unit')}, "
            f"{_plural(counts['positions'], 'position')} ({_plural(counts['posts'], 'post')}), "
            f"{_plural(counts['people'], 'person', 'people')}, {_plural(counts['locations'], 'location')}, "
            f"{_plural(counts['vendors'], 'vendor')}, {_plural(counts['contracts'], 'contract')}"
        )
        if not report.diagnostics:
            state = "clean" if report.linted else "valid"
            return f"{where}: {state}: {organisation} ({scanned})"
    found = ", ".join(
        _plural(by_severity[name], name)
        for name in ("error", "warning", "info")
        if by_severity[name]
    )
    files = len({d.file for d in report.diagnostics})
    return f"{where}: {found} in {_plural(files, 'file')} ({scanned})"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"
