"""The rule reference, generated from the registry: ``docs/rules.md`` in English and
``docs/rules.it.md`` in Italian (the same page, in the active language)."""

from __future__ import annotations

from boconf.diagnostics import CHECK_DESCRIPTIONS
from boconf.i18n import _
from boconf.rules.base import Rule
from boconf.rules.registry import RULES


def _preset(rule: type[Rule]) -> str:  # type: ignore[type-arg]
    if "recommended" in rule.presets:
        return "recommended"
    if "strict" in rule.presets:
        return "strict"
    return _("off (`select` it)")


def _index() -> list[str]:
    lines = [
        _("# boconf rules"),
        "",
        _("Generated from the rule registry by `{command}`; do not edit.").format(
            command=_("boconf rules --docs docs/rules.md")
        ),
        _("Enable, disable and configure rules in `.boconf.yaml` (see the README)."),
        "",
        _("| code | name | default severity | preset | summary |"),
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in RULES:
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | `{rule.name}` |"
            f" {rule.severity.value} | {_preset(rule)} | {rule.summary_text()} |"
        )
    lines += [
        "",
        _("Loader and validator codes (always on, always errors):"),
        "",
        _("| code | name | summary |"),
        "| --- | --- | --- |",
    ]
    for code, (name, summary) in sorted(CHECK_DESCRIPTIONS.items()):
        lines.append(f"| {code} | `{name}` | {_(summary)} |")
    return lines


def render_markdown() -> str:
    lines = _index()
    for rule in RULES:
        # The summary line is the table's; the sections move one heading level down.
        body = rule.documentation().split("\n", 1)[1].strip().replace("\n## ", "\n### ")
        body = body.removeprefix("## ")
        lines += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            _("{summary} Default severity: **{severity}**.").format(
                summary=rule.summary_text(), severity=rule.severity.value
            ),
            "",
            "### " + body if not body.startswith("### ") else body,
        ]
    return "\n".join(lines) + "\n"
