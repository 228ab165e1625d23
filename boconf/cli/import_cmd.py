"""`boconf import`: an organisation tree from an HR export (CSV) or a Backstage catalog.

The library does the reading and writing (:mod:`boconf.interop`); this module maps options
to it, prints the problems it found (``FILE:ROW: message``) and picks the exit code:
0 imported, 1 problems with --strict (and nothing written), 2 usage error, 3 internal error.
"""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.progress import progress
from boconf.diagnostics import display_path
from boconf.interop.csv_columns import parse_column_option
from boconf.interop.csv_import import CsvImportOptions, import_csv
from boconf.interop.csv_source import MAX_BYTES
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.plain_org import ImportResult
from boconf.interop.tree_writer import write_tree
from boconf.loading.limits import MIB
from boconf.output import OutputError

_output = click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The directory to write the organisation tree into (new, or empty).",
)
_force = click.option(
    "--force",
    is_flag=True,
    help="Write into a non-empty DIR, replacing the files a previous import wrote there.",
)
_strict = click.option(
    "--strict", is_flag=True, help="Fail (exit 1, write nothing) if the data has any problem."
)
_name = click.option(
    "--name", default="Imported organisation", show_default=True, help="The organisation's name."
)
_currency = click.option(
    "--currency", default="EUR", show_default=True, help="The organisation's ISO 4217 currency."
)


@click.group("import", help="Create an organisation tree from an HR export or a Backstage catalog.")
def import_group() -> None:
    pass


def _finish(result: ImportResult, output: Path, force: bool, strict: bool) -> None:
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    org = result.org
    count = len(result.problems)
    if strict and count:
        click.echo(f"{count} problem(s) in the data; --strict: nothing written", err=True)
        raise SystemExit(Exit.FINDINGS)
    try:
        with progress(f"writing {display_path(output)}"):
            write_tree(output, org, force=force)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    click.echo(
        f"imported {len(org.positions)} positions, {len(org.units)} units, "
        f"{len(org.people)} people and {len(org.locations)} locations into "
        f"{display_path(output)}" + (f" ({count} problem(s) above)" if count else ""),
        err=True,
    )
    click.echo(f"next: boconf check {display_path(output)}", err=True)
    raise SystemExit(Exit.OK)


@import_group.command(
    "csv",
    help="""Import an HR export: one row per employee (or post).

\b
Columns are found by name (id/employee_id/EmployeeID, name or
first_name+last_name, title/job_id, reports_to/manager_id/ReportsTo/
supervisor, unit/department, location/city, country, email, fte,
headcount, holder, manages) or given with --column FIELD=HEADER.
Companion tables beside FILE (departments.csv, locations.csv, jobs.csv,
countries.csv) resolve department, location and job ids.

\b
Problems (duplicate ids, unknown managers, self-reports, blank cells,
rows with the wrong number of fields) are printed as FILE:ROW: message;
the tree is written anyway unless --strict.

\b
Examples:
  boconf import csv ../shared/data/oracle-hr/employees.csv -o hr
  boconf import csv ../shared/data/northwind/employees.csv -o northwind
  boconf import csv staff.csv -o org --column name=first_name+last_name \\
      --column reports_to="Line manager" --root-marker XX
  boconf import csv staff.csv -o org --encoding cp1252 --delimiter ';'
""",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_output
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Read FIELD from column HEADER (join columns with +). Repeatable.",
)
@click.option("--root-marker", help="The reports_to value that marks the top (e.g. XX).")
@click.option("--delimiter", help="The field delimiter [default: guessed from the header].")
@click.option("--encoding", help="The file's encoding [default: UTF-8, with or without BOM].")
@click.option(
    "--departments",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Departments table (id, name, manager, location) [default: departments.csv beside FILE].",
)
@click.option(
    "--locations",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Locations table (id, city, country) [default: locations.csv beside FILE].",
)
@click.option(
    "--jobs",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Jobs table (id, title) [default: jobs.csv beside FILE].",
)
@click.option(
    "--siblings/--no-siblings",
    default=True,
    show_default=True,
    help="Look for the companion tables beside FILE.",
)
@_name
@_currency
@click.option(
    "--country",
    default="US",
    show_default=True,
    help="ISO 3166 country for locations whose country the data does not give.",
)
@_force
@_strict
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=MAX_BYTES // MIB,
    show_default=True,
    metavar="MIB",
    help="Refuse a CSV file larger than this (reading takes ~15x its size in memory).",
)
def import_csv_command(
    file: Path,
    output: Path,
    columns: tuple[str, ...],
    root_marker: str | None,
    delimiter: str | None,
    encoding: str | None,
    departments: Path | None,
    locations: Path | None,
    jobs: Path | None,
    siblings: bool,
    name: str,
    currency: str,
    country: str,
    force: bool,
    strict: bool,
    max_file_size: int,
) -> None:
    try:
        options = CsvImportOptions(
            columns=[parse_column_option(column) for column in columns],
            root_marker=root_marker,
            delimiter=delimiter.replace("\\t", "\t") if delimiter else None,
            encoding=encoding,
            departments=departments,
            locations=locations,
            jobs=jobs,
            siblings=siblings,
            name=name,
            currency=currency,
            country=country,
            max_bytes=max_file_size * MIB,
        )
        with progress(f"importing {display_path(file)}"):
            result = import_csv(file, options, display_path(file))
    except ImportUsageError as error:
        raise click.UsageError(str(error)) from None
    _finish(result, output, force, strict)


@import_group.command(
    "backstage",
    help="""Import a Backstage catalog: Group and User entities.

\b
Groups become units (spec.type kept as a tag), their members member
positions, users people; other kinds are skipped with a note. Short and
full refs (team-a, group:default/team-a) both resolve. A parent/children
disagreement, an unknown ref or a user in several namespaces is printed
as FILE:LINE: message.

\b
Examples:
  boconf import backstage ../shared/data/backstage-acme -o acme
  boconf import backstage catalog/*.yaml -o org --name "ACME Corp"
""",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_output
@_name
@_currency
@_force
@_strict
def import_backstage_command(
    paths: tuple[Path, ...], output: Path, name: str, currency: str, force: bool, strict: bool
) -> None:
    try:
        # Imported here: `import csv` has no use for the catalog reader and its YAML parser.
        from boconf.interop.backstage_import import import_backstage

        with progress("importing the catalog"):
            result = import_backstage(list(paths), name=name, currency=currency)
    except ImportUsageError as error:
        raise click.UsageError(str(error)) from None
    _finish(result, output, force, strict)
