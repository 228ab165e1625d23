"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff.

``::error file=org/units/x.yaml,line=3,col=5,title=BO101 reporting-cycle::message``; data and
properties are escaped as the runner expects (``%``, CR, LF; and ``:``, ``,`` in properties).
"""

from __future__ import annotations

from boconf.diagnostics import Severity
from boconf.formats.report import PLAIN, Report, ReportOptions, hint_line, rule_name

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: ReportOptions = PLAIN) -> str:
    lines = []
    for d in report.diagnostics:
        properties = ",".join(
            [
                f"file={escape_property(d.file)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={escape_property(f'{d.code} {rule_name(d.code)}')}",
            ]
        )
        message = d.message + ("\n" + hint_line(d.hint) if d.hint else "")
        lines.append(f"::{_COMMANDS[d.severity]} {properties}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
