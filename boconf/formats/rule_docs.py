"""The rule reference, generated from the registry (``docs/rules.md``)."""

from __future__ import annotations

from boconf.diagnostics import CHECK_DESCRIPTIONS
from boconf.rules.registry import RULES


def render_markdown() -> str:
    lines = [
        "# boconf rules",
        "",
        "Generated from the rule registry by `boconf rules --docs docs/rules.md`; do not edit.",
        "Enable, disable and configure rules in `.boconf.yaml` (see the README).",
        "",
        "| code | name | default severity | preset | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in RULES:
        preset = (
            "recommended"
            if "recommended" in rule.presets
            else "strict"
            if "strict" in rule.presets
            else "off (`select` it)"
        )
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | `{rule.name}` | {rule.severity.value} | {preset} | {rule.summary} |"
        )
    lines += [
        "",
        "Loader and validator codes (always on, always errors):",
        "",
        "| code | name | summary |",
        "| --- | --- | --- |",
    ]
    for code, (name, summary) in sorted(CHECK_DESCRIPTIONS.items()):
        lines.append(f"| {code} | `{name}` | {summary} |")
    for rule in RULES:
        body = rule.documentation().split("\n", 1)[1].strip().replace("\n## ", "\n### ")
        body = body.removeprefix("## ").replace("### ", "### ", 1)
        lines += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            f"{rule.summary} Default severity: **{rule.severity.value}**.",
            "",
            "### " + body if not body.startswith("### ") else body,
        ]
    return "\n".join(lines) + "\n"
