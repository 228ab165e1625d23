"""`boconf schema`."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import lang_option
from boconf.i18n import N_, _
from boconf.output import OutputError
from boconf.schema import stale_files, write


@click.command(
    cls=HelpCommand,
    help=N_("""Write the JSON Schemas for editors, or check that they are up to date.

\b
Examples:
  boconf schema                    (re)write schemas/
  boconf schema --check            exit 1 if schemas/ is stale
"""),
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
)
@click.option(
    "--check", is_flag=True, help=N_("Write nothing; exit 1 if a schema file is missing or stale.")
)
@lang_option
def schema(out: Path, check: bool) -> None:
    if check:
        stale = stale_files(out)
        for name in stale:
            stale_note = _(
                "{file}: stale or missing; run 'boconf schema --out {out}' (or make schemas)"
            )
            click.echo(stale_note.format(file=out / name, out=out))
        if stale:
            raise SystemExit(Exit.FINDINGS)
        click.echo(_("{out}: schemas are up to date").format(out=out))
        raise SystemExit(Exit.OK)
    try:
        written = write(out)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    for path in written:
        click.echo(_("wrote {path}").format(path=path))
    raise SystemExit(Exit.OK)
