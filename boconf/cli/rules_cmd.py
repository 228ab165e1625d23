"""`boconf rules` and `boconf explain`: the rule catalogue and each rule's documentation."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.options import lang_option
from boconf.diagnostics import CHECK_DESCRIPTIONS
from boconf.formats.rule_docs import render_markdown
from boconf.output import OutputError, write_atomic
from boconf.rules.registry import RULES, find_rule
from boconf.util.suggest import did_you_mean


@click.command(
    help="""List every lint rule: code, name, default severity, summary.

\b
Examples:
  boconf rules
  boconf rules --docs docs/rules.md            write the rule reference
  boconf rules --docs docs/rules.md --check    exit 1 if it is stale
"""
)
@click.option(
    "--docs",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown rule reference to FILE.",
)
@click.option("--check", is_flag=True, help="With --docs: write nothing, exit 1 if FILE is stale.")
@lang_option
def rules(docs: Path | None, check: bool) -> None:
    if docs is not None:
        text = render_markdown()
        if check:
            current = docs.read_text(encoding="utf-8") if docs.is_file() else None
            if current != text:
                click.echo(f"{docs}: stale or missing; run 'boconf rules --docs {docs}'")
                raise SystemExit(Exit.FINDINGS)
            click.echo(f"{docs}: up to date")
            raise SystemExit(Exit.OK)
        try:
            write_atomic(docs, text.encode("utf-8"))
        except OutputError as error:
            raise click.UsageError(str(error)) from None
        click.echo(f"wrote {docs}")
        raise SystemExit(Exit.OK)
    width = max(len(rule.name) for rule in RULES)
    for rule in RULES:
        strict = (
            ""
            if "recommended" in rule.presets
            else " (strict)"
            if "strict" in rule.presets
            else " (off: select it)"
        )
        click.echo(
            f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}{strict}"
        )
    raise SystemExit(Exit.OK)


@click.command(
    help="""Show a rule's documentation.

\b
Examples:
  boconf explain BO101
  boconf explain reporting-cycle
"""
)
@click.argument("rule")
@lang_option
def explain(rule: str) -> None:
    found = find_rule(rule)
    if found is None:
        described = CHECK_DESCRIPTIONS.get(rule.upper())
        if described is not None:
            click.echo(
                f"{rule.upper()} {described[0]} (error)\n\n{described[1]}\nReported by the loader and validator; the message and hint say how to fix it."
            )
            raise SystemExit(Exit.OK)
        names = [r.name for r in RULES] + [r.code for r in RULES]
        raise click.UsageError(
            f"no rule '{rule}'. {did_you_mean(rule, names) or 'Run boconf rules for the list.'}"
        )
    click.echo(f"{found.code} {found.name} (default severity: {found.severity.value})\n")
    click.echo(found.documentation())
    raise SystemExit(Exit.OK)
