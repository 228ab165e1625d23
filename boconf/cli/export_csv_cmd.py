"""`boconf export csv`: one row per position, the columns `boconf import csv` reads back."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.help import HelpCommand
from boconf.cli.loaded import emit, valid_organisation
from boconf.cli.options import org_path, organisation_options
from boconf.i18n import N_, _, ngettext
from boconf.interop.csv_export import export_csv_text, export_rows, formula_cells
from boconf.loading.limits import Limits


@click.command(
    "csv",
    cls=HelpCommand,
    help=N_("""Export the positions as CSV, one row per position.

\b
Columns: id, name, title, reports_to, unit, location, country, email,
fte, headcount, holder, manages: what `boconf import csv` reads back
without options. A unit without positions gets a row with only its unit.

\b
A cell starting with =, +, -, @, a tab or a carriage return is a formula
to a spreadsheet, which may run it: such cells are reported, and
--spreadsheet-safe writes them with a leading apostrophe (shown as text;
the file then no longer reads back exactly).

\b
Examples:
  boconf export csv                     (org/ to standard output)
  boconf export csv hr -o hr.csv
  boconf export csv hr -o hr.csv && boconf import csv hr.csv -o hr2
  boconf export csv --spreadsheet-safe -o org.csv   (to open in Excel)
"""),
)
@organisation_options()
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=N_("Write to FILE.")
)
@click.option(
    "--spreadsheet-safe",
    is_flag=True,
    help=N_("Prefix cells a spreadsheet would run as formulas with an apostrophe."),
)
def export_csv(
    path: Path | None,
    jobs: int | None,
    limits: Limits,
    output: Path | None,
    spreadsheet_safe: bool,
) -> None:
    organisation = org_path(path)
    _loaded, tree = valid_organisation(organisation, limits, jobs)
    rows = export_rows(tree)
    formulas = formula_cells(rows)
    if formulas:
        row = _("row {number} {column}")
        where = ", ".join(row.format(number=n, column=column) for n, column in formulas[:5])
        more = _(" and {n} more").format(n=len(formulas) - 5) if len(formulas) > 5 else ""
        done = (
            _("written with a leading apostrophe")
            if spreadsheet_safe
            else _("a spreadsheet may run them; --spreadsheet-safe writes them as text")
        )
        note = ngettext(
            "note: {n} cell(s) start like a formula ({where}{more}): {done}",
            "note: {n} cell(s) start like a formula ({where}{more}): {done}",
            len(formulas),
        )
        click.echo(note.format(n=len(formulas), where=where, more=more, done=done), err=True)
    emit(export_csv_text(rows, spreadsheet_safe=spreadsheet_safe), output, organisation)
