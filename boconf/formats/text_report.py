"""Human-readable report: ``path:line:col: severity[CODE]: message``, its hint, a summary.

Diagnostics come grouped by file (a blank line between files) and, on a terminal, in colour.
"""

from __future__ import annotations

from collections import Counter

from boconf import numbers
from boconf.diagnostics import Severity
from boconf.formats.report import PLAIN, Report, ReportOptions, hint_line
from boconf.i18n import _, ngettext
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
            lines.append(paint("    " + hint_line(diagnostic.hint), _DIM))
    if lines:
        lines.append("")
    if report.shown_suppressed:
        # Accepted exceptions, for the reviewer: marked, with their reason, and not counted.
        heading = _("suppressed ({n}, not counted):").format(n=_count(len(report.shown_suppressed)))
        lines.append(paint(heading, _BOLD))
        for diagnostic, reason in report.shown_suppressed:
            what = f"{diagnostic.severity.value}[{diagnostic.code}]"
            line = _("{where}: suppressed {what}: {message}")
            lines.append(
                line.format(
                    where=paint(diagnostic.location, _BOLD), what=what, message=diagnostic.message
                )
            )
            lines.append(paint("    " + _("reason: {reason}").format(reason=reason), _DIM))
        lines.append("")
    if not options.summary:  # the diagnostics alone, without the blank line before the summary
        text = "\n".join(lines).rstrip("\n")
        return text + "\n" if text else ""
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    where = display_path(report.root)
    parts = [_files(report.files), _documents(report.documents)]
    if report.linted:
        n = report.rules_run
        parts.append(ngettext("{n} rule", "{n} rules", n).format(n=_count(n)))
    if report.scenarios:
        n = report.scenarios
        parts.append(ngettext("{n} scenario", "{n} scenarios", n).format(n=_count(n)))
    if report.suppressed:
        n = report.suppressed
        parts.append(ngettext("{n} suppressed", "{n} suppressed", n).format(n=_count(n)))
    if report.baselined:
        n = report.baselined
        parts.append(ngettext("{n} in the baseline", "{n} in the baseline", n).format(n=_count(n)))
    scanned = ", ".join(parts)
    if report.counts is not None:
        organisation = _organisation(report.counts)
        if not report.diagnostics:
            state = _("clean") if report.linted else _("valid")
            return _("{where}: {state}: {organisation} ({scanned})").format(
                where=where, state=state, organisation=organisation, scanned=scanned
            )
    by_severity = Counter(d.severity for d in report.diagnostics)
    found = ", ".join(
        form.format(n=_count(by_severity[severity]))
        for severity, form in (
            (Severity.ERROR, ngettext("{n} error", "{n} errors", by_severity[Severity.ERROR])),
            (
                Severity.WARNING,
                ngettext("{n} warning", "{n} warnings", by_severity[Severity.WARNING]),
            ),
            (Severity.INFO, ngettext("{n} info", "{n} infos", by_severity[Severity.INFO])),
        )
        if by_severity[severity]
    )
    files = len({d.file for d in report.diagnostics})
    return _("{where}: {found} in {files} ({scanned})").format(
        where=where, found=found, files=_files(files), scanned=scanned
    )


def _organisation(counts: dict[str, int]) -> str:
    """``12 units, 40 positions (52 posts), 30 people, 3 locations, 2 vendors, 4 contracts``."""
    units = ngettext("{n} unit", "{n} units", counts["units"])
    positions = ngettext("{n} position", "{n} positions", counts["positions"])
    posts = ngettext("{n} post", "{n} posts", counts["posts"])
    people = ngettext("{n} person", "{n} people", counts["people"])
    locations = ngettext("{n} location", "{n} locations", counts["locations"])
    vendors = ngettext("{n} vendor", "{n} vendors", counts["vendors"])
    contracts = ngettext("{n} contract", "{n} contracts", counts["contracts"])
    return _(
        "{units}, {positions} ({posts}), {people}, {locations}, {vendors}, {contracts}"
    ).format(
        units=units.format(n=_count(counts["units"])),
        positions=positions.format(n=_count(counts["positions"])),
        posts=posts.format(n=_count(counts["posts"])),
        people=people.format(n=_count(counts["people"])),
        locations=locations.format(n=_count(counts["locations"])),
        vendors=vendors.format(n=_count(counts["vendors"])),
        contracts=contracts.format(n=_count(counts["contracts"])),
    )


def _files(count: int) -> str:
    return ngettext("{n} file", "{n} files", count).format(n=_count(count))


def _documents(count: int) -> str:
    return ngettext("{n} document", "{n} documents", count).format(n=_count(count))


def _count(count: int) -> str:
    return numbers.number(count, 0)
