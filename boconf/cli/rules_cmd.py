"""`boconf rules` and `boconf explain`: the rule catalogue and each rule's documentation."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import lang_option
from boconf.diagnostics import CHECK_DESCRIPTIONS
from boconf.formats.rule_docs import render_markdown
from boconf.i18n import N_, _
from boconf.output import OutputError, write_atomic
from boconf.rules.registry import RULES, find_rule
from boconf.util.suggest import did_you_mean


@click.command(
    cls=HelpCommand,
    help=N_("""List every lint rule: code, name, default severity, summary.

\b
Examples:
  boconf rules
  boconf rules --docs docs/rules.md            write the rule reference
  boconf rules --docs docs/rules.md --check    exit 1 if it is stale
"""),
)
@click.option(
    "--docs",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Write the Markdown rule reference to FILE."),
)
@click.option(
    "--check", is_flag=True, help=N_("With --docs: write nothing, exit 1 if FILE is stale.")
)
@lang_option
def rules(docs: Path | None, check: bool) -> None:
    if docs is not None:
        text = render_markdown()
        if check:
            current = docs.read_text(encoding="utf-8") if docs.is_file() else None
            if current != text:
                click.echo(
                    _("{path}: stale or missing; run 'boconf rules --docs {path}'").format(
                        path=docs
                    )
                )
                raise SystemExit(Exit.FINDINGS)
            click.echo(_("{path}: up to date").format(path=docs))
            raise SystemExit(Exit.OK)
        try:
            write_atomic(docs, text.encode("utf-8"))
        except OutputError as error:
            raise click.UsageError(str(error)) from None
        click.echo(_("wrote {path}").format(path=docs))
        raise SystemExit(Exit.OK)
    width = max(len(rule.name) for rule in RULES)
    for rule in RULES:
        strict = (
            ""
            if "recommended" in rule.presets
            else _(" (strict)")
            if "strict" in rule.presets
            else _(" (off: select it)")
        )
        click.echo(
            f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  "
            f"{rule.summary_text()}{strict}"
        )
    raise SystemExit(Exit.OK)


@click.command(
    cls=HelpCommand,
    help=N_("""Show a rule's documentation.

\b
Examples:
  boconf explain BO101
  boconf explain reporting-cycle
"""),
)
@click.argument("rule")
@lang_option
def explain(rule: str) -> None:
    found = find_rule(rule)
    if found is None:
        described = CHECK_DESCRIPTIONS.get(rule.upper())
        if described is not None:
            click.echo(
                _(
                    "{code} {name} (error)\n\n{summary}\nReported by the loader and validator; "
                    "the message and hint say how to fix it."
                ).format(code=rule.upper(), name=described[0], summary=_(described[1]))
            )
            raise SystemExit(Exit.OK)
        names = [r.name for r in RULES] + [r.code for r in RULES]
        hint = did_you_mean(rule, names) or _("Run boconf rules for the list.")
        raise click.UsageError(_("no rule '{rule}'. {hint}").format(rule=rule, hint=hint))
    click.echo(
        _("{code} {name} (default severity: {severity})").format(
            code=found.code, name=found.name, severity=found.severity.value
        )
        + "\n"
    )
    click.echo(found.documentation())
    raise SystemExit(Exit.OK)
