"""`boconf export csv`: one row per position, the columns `boconf import csv` reads back."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.options import loading_options, org_path
from boconf.interop.csv_export import export_csv_text
from boconf.loading.limits import MIB, Limits
from boconf.output import OutputError, check_outside, write_atomic
from boconf.reporting.report import from_load
from boconf.reporting.text_report import render as render_text
from boconf.validation.run import load_organisation


@click.command(
    "csv",
    help="""Export the positions as CSV, one row per position.

\b
Columns: id, name, title, reports_to, unit, location, country, email,
fte, headcount, holder, manages: what `boconf import csv` reads back
without options. A unit without positions gets a row with only its unit.

\b
Examples:
  boconf export csv                     (org/ to standard output)
  boconf export csv hr -o hr.csv
  boconf export csv hr -o hr.csv && boconf import csv hr.csv -o hr2
""",
)
@loading_options
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)
def export_csv(
    path: Path | None, jobs: int | None, max_file_size: int, output: Path | None
) -> None:
    organisation = org_path(path)
    loaded = load_organisation(
        organisation, limits=Limits(max_file_size=max_file_size * MIB), jobs=jobs
    )
    if not loaded.ok or loaded.tree is None:
        click.echo(render_text(from_load(loaded)), nl=False, err=True)
        raise SystemExit(Exit.FINDINGS)
    text = export_csv_text(loaded.tree)
    if output is None:
        click.echo(text, nl=False)
        raise SystemExit(Exit.OK)
    try:
        check_outside(output, organisation)
        write_atomic(output, text.encode("utf-8"))
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {output}", err=True)
    raise SystemExit(Exit.OK)
