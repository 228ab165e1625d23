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
from operator import attrgetter
from typing import Any

from boconf import __version__
from boconf.diagnostics import Diagnostic, Severity
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


# The findings are written by a template, not by json.dumps: with an indent, json uses its
# pure-Python encoder, which took seconds for the hundreds of thousands of findings of a large
# organisation. The strings still go through json's C escaping; the text is byte for byte what
# json.dumps(..., indent=2, ensure_ascii=False) writes (a test compares the two).
_PLACEHOLDER = "\x00findings\x00"
_SEVERITY = attrgetter("severity")
_FINDING = (
    "    {\n"
    '      "file": %s,\n'
    '      "line": %d,\n'
    '      "column": %d,\n'
    '      "code": %s,\n'
    '      "rule": %s,\n'
    '      "severity": %s,\n'
    '      "message": %s,\n'
    '      "hint": %s,\n'
    '      "subject": %s\n'
    "    }"
)
_SUBJECT = '{\n        "kind": %s,\n        "id": %s\n      }'


def _findings_text(diagnostics: list[Diagnostic]) -> str:
    if not diagnostics:
        return "[]"
    quote = json.encoder.encode_basestring  # C-accelerated, as json.dumps with ensure_ascii=False
    # What findings share, quoted once: a code's text and rule name, a severity, an entity
    # kind, and the file (findings come sorted by file, many to a file).
    codes: dict[str, tuple[str, str]] = {}
    severities = {severity: quote(severity.value) for severity in Severity}
    kinds: dict[str, str] = {}
    last_file, quoted_file = None, ""
    items: list[str] = []
    append = items.append
    for d in diagnostics:
        named = codes.get(d.code)  # (a loader's Code is a str enum: the same key)
        if named is None:
            code = str(d.code)
            named = codes[code] = (quote(code), quote(rule_name(code)))
        if d.file is not last_file:
            last_file, quoted_file = d.file, quote(d.file)
        subject = d.subject
        if subject.kind:
            kind = kinds.get(subject.kind)
            if kind is None:
                kind = kinds[subject.kind] = quote(subject.kind)
            about = _SUBJECT % (kind, quote(subject.id))
        else:
            about = "null"
        append(
            _FINDING
            % (
                quoted_file,
                d.line,
                d.column,
                named[0],
                named[1],
                severities[d.severity],
                quote(d.message),
                quote(d.hint),
                about,
            )
        )
    return "[\n" + ",\n".join(items) + "\n  ]"


def render(report: Report, options: ReportOptions = PLAIN) -> str:
    # Counted by the members themselves: an enum's .value is a descriptor call per finding.
    by_severity = Counter(map(_SEVERITY, report.diagnostics))
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "boconf", "version": __version__},
        "summary": {
            "files": report.files,
            "documents": report.documents,
            "valid": report.counts is not None,
            "organisation": report.counts,
            "rules_run": report.rules_run,
            "errors": by_severity[Severity.ERROR],
            "warnings": by_severity[Severity.WARNING],
            "infos": by_severity[Severity.INFO],
            "suppressed": report.suppressed,
            "baselined": report.baselined,
        },
        "findings": _PLACEHOLDER,
    }
    if report.shown_suppressed:
        document["suppressed"] = [
            {**_finding(diagnostic), "reason": reason}
            for diagnostic, reason in report.shown_suppressed
        ]
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    placeholder = json.dumps(_PLACEHOLDER, ensure_ascii=False)
    return text.replace(placeholder, _findings_text(report.diagnostics), 1)
