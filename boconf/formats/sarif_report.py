"""SARIF 2.1.0, for GitHub code scanning and other tools. Rules come with full documentation."""

from __future__ import annotations

import json
from typing import Any

from boconf import __version__
from boconf.diagnostics import CHECK_DESCRIPTIONS, Diagnostic, Severity
from boconf.formats.report import (
    PLAIN,
    Report,
    ReportOptions,
    hint_line,
    rule_name,
    rule_summary,
    rules_by_code,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(code: str) -> dict[str, Any]:
    from boconf.rules.documentation import WHAT_IT_CHECKS

    rule = rules_by_code().get(code)
    summary = rule_summary(code)
    if rule is not None:
        documentation = rule.documentation()
        level = _LEVELS[rule.severity]
    else:
        documentation = f"{summary}\n\nReported by boconf's loader and validator: fix the file."
        level = "error"
    return {
        "id": code,
        "name": rule_name(code),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": (rule.section(WHAT_IT_CHECKS) if rule else "") or summary},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": level},
        # No helpUri (nor informationUri): boconf has no published address, and the full
        # documentation travels in `help` above.
    }


def _result(d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    message = d.message + (f" ({hint_line(d.hint)})" if d.hint else "")
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": d.file.replace("\\", "/")},
            "region": {"startLine": d.line, "startColumn": d.column},
        }
    }
    if d.subject.kind:
        # The entity the finding is about, as data: "position" "coo" -> position:coo.
        location["logicalLocations"] = [
            {
                "name": d.subject.id,
                "fullyQualifiedName": f"{d.subject.kind}:{d.subject.id}",
                "kind": d.subject.kind,
            }
        ]
    return {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVELS[d.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {"boconf/v1": f"{d.code}:{d.file}:{d.message}"},
    }


def render(report: Report, options: ReportOptions = PLAIN) -> str:
    codes = sorted(
        {d.code for d in report.diagnostics} | set(rules_by_code()) | set(CHECK_DESCRIPTIONS)
    )
    index = {code: position for position, code in enumerate(codes)}
    results = [_result(d, index) for d in report.diagnostics]
    for d, reason in report.shown_suppressed:
        # SARIF's own way to carry an accepted exception: the result, marked suppressed.
        suppressed = _result(d, index)
        suppressed["suppressions"] = [{"kind": "inSource", "justification": reason}]
        results.append(suppressed)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "boconf",
                        "version": __version__,
                        "rules": [_rule_descriptor(code) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
