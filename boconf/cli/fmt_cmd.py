"""`boconf fmt`: write organisation files in the one canonical style."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import lang_option, org_path
from boconf.editing.fmt import format_tree
from boconf.formats.report import hint_line
from boconf.i18n import N_, _, ngettext
from boconf.output import OutputError


@click.command(
    cls=HelpCommand,
    help=N_("""Format organisation files in one canonical style.

\b
Keys in the schema's order for each kind, two-space indentation, the
yaml-language-server modeline first, lists in a stable form; every comment
and '# boconf: ignore[...]' stays with its key. Files that do not load
are left alone (and listed); nothing that changes meaning is written.

\b
Exit codes: 0 formatted (or already canonical); 1 with --check when a file
would change, or when a file could not be formatted; 2 usage error.

\b
Examples:
  boconf fmt                  format ./org in place
  boconf fmt --check          list the files that are not canonical (CI)
  boconf fmt --diff           show the changes, write nothing
"""),
)
@click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)
@click.option(
    "--check", is_flag=True, help=N_("Write nothing; exit 1 listing files that would change.")
)
@click.option("--diff", "show_diff", is_flag=True, help=N_("Write nothing; print a unified diff."))
@lang_option
def fmt(path: Path | None, check: bool, show_diff: bool) -> None:
    root = org_path(path)
    result = format_tree(root)
    for skipped in result.skipped:
        click.echo(f"{skipped.location}: {skipped.message}", err=True)
        click.echo("    " + hint_line(skipped.hint), err=True)
    changed = sorted(change.display for change in result.changes.changes)
    if check or show_diff:
        if show_diff:
            click.echo(result.changes.diff(), nl=False)
        for display in changed:
            click.echo(_("would reformat {file}").format(file=display), err=True)
        failed = bool(changed) or bool(result.skipped)
        raise SystemExit(Exit.FINDINGS if failed else Exit.OK)
    try:
        result.changes.write()
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    for display in changed:
        click.echo(_("reformatted {file}").format(file=display))
    unchanged = result.checked - len(changed) - len(result.skipped)
    said = ngettext(
        "{n} file(s) reformatted, {unchanged} unchanged",
        "{n} file(s) reformatted, {unchanged} unchanged",
        len(changed),
    ).format(n=len(changed), unchanged=unchanged)
    if result.skipped:
        said += _(", {n} not formatted").format(n=len(result.skipped))
    click.echo(said, err=True)
    raise SystemExit(Exit.FINDINGS if result.skipped else Exit.OK)
