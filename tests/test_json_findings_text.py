"""The JSON report writes its findings from a template (json's indented encoder is pure Python
and slow); the text must be byte for byte what json.dumps(indent=2) writes."""

from __future__ import annotations

import json
import random

from boconf.diagnostics import NO_SUBJECT, Diagnostic, Severity, Subject
from boconf.formats import json_report
from boconf.formats.report import rule_name

ODD = ["plain", 'quote " and \\ back', "tab\t", "nul\x00", "é ü «»", "\u2028", "emoji 🙂", ""]


def _random_diagnostic(rng: random.Random) -> Diagnostic:
    subject = (
        Subject(rng.choice(["unit", "position"]), rng.choice(ODD) or "x")
        if rng.random() < 0.7
        else NO_SUBJECT
    )
    return Diagnostic(
        rng.choice(ODD) + ".yaml",
        rng.randint(1, 10**6),
        rng.randint(1, 500),
        rng.choice(["BO108", "BO020", "BO003", "BO999"]),
        rng.choice(ODD),
        rng.choice(ODD),
        rng.choice(list(Severity)),
        subject,
    )


def test_the_template_writes_what_json_dumps_writes() -> None:
    rng = random.Random(7)
    for count in (0, 1, 2, 50):
        diagnostics = [_random_diagnostic(rng) for _ in range(count)]
        records = [json_report._finding(d) for d in diagnostics]
        expected = json.dumps({"findings": records}, indent=2, ensure_ascii=False)
        got = '{\n  "findings": ' + json_report._findings_text(diagnostics) + "\n}"
        assert got == expected
        assert all(r["rule"] == rule_name(str(r["code"])) for r in records)
