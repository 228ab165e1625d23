"""Machine-readable reports.

``validate --format json`` prints a JSON list of diagnostics. ``check --format json`` prints a
versioned object: ``{"version": 1, "tool": ..., "summary": ..., "findings": [...]}``; each
finding has file, line, column, code, rule, severity, message, hint and subject (the entity it
is about: ``{"kind": "position", "id": "coo"}``, or null). Keys are stable. With
``--show-suppressed`` a ``suppressed`` list follows: the same records, each with its ``reason``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from boconf import __version__
from boconf.diagnostics import Diagnostic
from boconf.formats.report import PLAIN, Report, ReportOptions, rule_name

JSON_VERSION = 1


def render_list(report: Report, options: ReportOptions = PLAIN) -> str:
    records = [diagnostic.as_record() for diagnostic in report.diagnostics]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _finding(diagnostic: Diagnostic) -> dict[str, Any]:
    record = diagnostic.as_record()
    return {
        "file": record["file"],
        "line": record["line"],
        "column": record["column"],
        "code": record["code"],
        "rule": rule_name(diagnostic.code),
        "severity": record["severity"],
        "message": record["message"],
        "hint": record["hint"],
        "subject": record["subject"],
    }


def render(report: Report, options: ReportOptions = PLAIN) -> str:
    findings = [_finding(diagnostic) for diagnostic in report.diagnostics]
    by_severity = Counter(d.severity.value for d in report.diagnostics)
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "boconf", "version": __version__},
        "summary": {
            "files": report.files,
            "documents": report.documents,
            "valid": report.counts is not None,
            "organisation": report.counts,
            "rules_run": report.rules_run,
            "errors": by_severity["error"],
            "warnings": by_severity["warning"],
            "infos": by_severity["info"],
            "suppressed": report.suppressed,
            "baselined": report.baselined,
        },
        "findings": findings,
    }
    if report.shown_suppressed:
        document["suppressed"] = [
            {**_finding(diagnostic), "reason": reason}
            for diagnostic, reason in report.shown_suppressed
        ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
