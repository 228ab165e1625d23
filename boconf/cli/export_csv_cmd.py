"""`boconf export csv`: one row per position, the columns `boconf import csv` reads back."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.loaded import emit, valid_organisation
from boconf.cli.options import loading_options, org_path
from boconf.interop.csv_export import export_csv_text
from boconf.loading.limits import MIB, Limits


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
    _, tree = valid_organisation(organisation, Limits(max_file_size=max_file_size * MIB), jobs)
    emit(export_csv_text(tree), output, organisation)
