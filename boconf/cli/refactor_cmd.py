"""`boconf rename` and `boconf move`: refactors that keep the organisation valid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand, HelpGroup
from boconf.cli.loaded import echo_errors
from boconf.cli.options import lang_option, org_path
from boconf.editing.changes import ChangeSet
from boconf.editing.move import plan_move_position, plan_move_unit
from boconf.editing.rename import RENAMABLE, EditError, InvalidTreeError, plan_rename
from boconf.i18n import N_, _, ngettext
from boconf.output import OutputError

dry_run_option = click.option(
    "--dry-run", is_flag=True, help=N_("Print the change as a unified diff; write nothing.")
)


def _run(plan: Callable[[], ChangeSet], dry_run: bool) -> None:
    """Plan, then print the diff (--dry-run) or write every file and list what changed."""
    try:
        changes = plan()
    except EditError as error:
        click.echo(f"boconf: {error}", err=True)
        raise SystemExit(Exit.USAGE) from None
    except InvalidTreeError as error:
        click.echo(_("boconf: {error}; nothing was written").format(error=error), err=True)
        echo_errors(error.diagnostics)
        raise SystemExit(Exit.FINDINGS) from None
    if dry_run:
        click.echo(changes.diff(), nl=False)
        raise SystemExit(Exit.OK)
    try:
        changes.write()
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    for line in changes.summary:
        click.echo(line)
    changed = ngettext("{n} file(s) changed", "{n} file(s) changed", len(changes.changes))
    click.echo(changed.format(n=len(changes.changes)), err=True)
    raise SystemExit(Exit.OK)


@click.command(
    cls=HelpCommand,
    help=N_("""Rename an entity: its id and every reference to it, in every file.

\b
KIND is one of location, vendor, contract, unit, position, person.
References in the organisation and in its scenarios follow; the entity
records 'previously: OLD' so that `boconf diff` shows a rename. Comments
and layout stay. A NEW id that exists is refused (exit 2).

\b
Examples:
  boconf rename position credit-manager head-of-credit
  boconf rename unit credit credit-services --dry-run
"""),
)
@click.argument("kind", type=click.Choice(RENAMABLE))
@click.argument("old")
@click.argument("new")
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False
)
@dry_run_option
@lang_option
def rename(kind: str, old: str, new: str, path: Path | None, dry_run: bool) -> None:
    root = org_path(path)
    _run(lambda: plan_rename(root, kind, old, new), dry_run)


@click.group(
    cls=HelpGroup, help=N_("Move a position to another unit, or a unit under another parent.")
)
def move() -> None:
    pass


@move.command(
    "position",
    help=N_("""Move a position to another unit (into that unit's file).

\b
Example:
  boconf move position credit-analyst-export --to-unit collections-cluj \\
      --reports-to collections-team-lead
"""),
)
@click.argument("identifier", metavar="ID")
@click.option("--to-unit", "unit", required=True, help=N_("The unit the position joins."))
@click.option("--reports-to", default=None, help=N_("Its new reporting line."))
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False
)
@dry_run_option
@lang_option
def move_position(
    identifier: str, unit: str, reports_to: str | None, path: Path | None, dry_run: bool
) -> None:
    root = org_path(path)
    _run(lambda: plan_move_position(root, identifier, unit, reports_to), dry_run)


@move.command(
    "unit",
    help=N_("""Move a unit under another parent unit.

\b
Example:
  boconf move unit credit --parent finance
"""),
)
@click.argument("identifier", metavar="ID")
@click.option("--parent", required=True, help=N_("The unit it moves under."))
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False
)
@dry_run_option
@lang_option
def move_unit(identifier: str, parent: str, path: Path | None, dry_run: bool) -> None:
    root = org_path(path)
    _run(lambda: plan_move_unit(root, identifier, parent), dry_run)
