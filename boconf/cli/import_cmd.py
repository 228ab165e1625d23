"""`boconf import`: an organisation tree from an HR export (CSV) or a Backstage catalog.

`import organogram` reads a UK government organogram (senior and junior files).
The library does the reading and writing (:mod:`boconf.interop`); this module maps options
to it, prints the problems it found (``FILE:ROW: message``) and picks the exit code:
0 imported, 1 problems with --strict (and nothing written), 2 usage error, 3 internal error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpGroup
from boconf.cli.options import lang_option, max_file_size_option
from boconf.cli.progress import progress
from boconf.i18n import N_, _, ngettext
from boconf.interop.csv_columns import parse_column_option
from boconf.interop.csv_import import CsvImportOptions, import_csv
from boconf.interop.csv_source import MAX_BYTES
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.plain_org import ImportResult
from boconf.interop.records_import import DEFAULT_KEY_FIELD, import_records
from boconf.interop.row_filter import parse_where
from boconf.interop.tree_writer import write_tree
from boconf.loading.limits import MIB
from boconf.output import OutputError
from boconf.util.paths import display_path

_output = click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=N_("The directory to write the organisation tree into (new, or empty)."),
)
_force = click.option(
    "--force",
    is_flag=True,
    help=N_("Write into a non-empty DIR, replacing the files a previous import wrote there."),
)
_strict = click.option(
    "--strict", is_flag=True, help=N_("Fail (exit 1, write nothing) if the data has any problem.")
)
_name = click.option(
    "--name",
    default="Imported organisation",
    show_default=True,
    help=N_("The organisation's name."),
)
_currency = click.option(
    "--currency", default="EUR", show_default=True, help=N_("The organisation's ISO 4217 currency.")
)


@click.group(
    "import",
    cls=HelpGroup,
    help=N_("Create an organisation tree from an HR export or a Backstage catalog."),
)
def import_group() -> None:
    pass


def _finish(result: ImportResult, output: Path, force: bool, strict: bool) -> None:
    for note in result.notes:
        click.echo(_("note: {note}").format(note=note), err=True)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.summary is not None:
        for line in result.summary.lines():
            click.echo(line, err=True)
    org = result.org
    count = len(result.problems)
    if strict and count:
        strict_note = ngettext(
            "{n} problem(s) in the data; --strict: nothing written",
            "{n} problem(s) in the data; --strict: nothing written",
            count,
        )
        click.echo(strict_note.format(n=count), err=True)
        raise SystemExit(Exit.FINDINGS)
    try:
        with progress(_("writing {path}").format(path=display_path(output))):
            write_tree(output, org, force=force)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    imported = _(
        "imported {positions} positions, {units} units, {people} people and {locations} "
        "locations into {path}"
    ).format(
        positions=len(org.positions),
        units=len(org.units),
        people=len(org.people),
        locations=len(org.locations),
        path=display_path(output),
    )
    above = ngettext("{n} problem(s) above", "{n} problem(s) above", count).format(n=count)
    click.echo(
        imported + (f" ({above})" if count else ""),
        err=True,
    )
    click.echo(_("next: boconf check {path}").format(path=display_path(output)), err=True)
    raise SystemExit(Exit.OK)


F = TypeVar("F", bound=Callable[..., Any])

_TABLE_OPTIONS: tuple[Callable[[F], F], ...] = (
    click.option(
        "--column",
        "columns",
        multiple=True,
        metavar="FIELD=HEADER",
        help=N_("Read FIELD from column HEADER (join columns with +). Repeatable."),
    ),
    click.option(
        "--root-marker",
        "root_markers",
        multiple=True,
        metavar="VALUE",
        help=N_("A reports_to value that marks the top (e.g. XX, none). Repeatable."),
    ),
    click.option(
        "--self-report-is-top",
        is_flag=True,
        help=N_("A post reporting to itself is the top (exports that mark the top so)."),
    ),
    click.option(
        "--ref",
        "refs",
        multiple=True,
        metavar="reports_to=FIELD",
        help=N_(
            "reports_to names the row whose FIELD holds the value (e.g. a role slug), not an id."
        ),
    ),
    click.option(
        "--where",
        "where",
        multiple=True,
        metavar="COLUMN=VALUE",
        help=N_(
            "Keep only the rows whose COLUMN is VALUE (one period of stacked snapshots). "
            "Repeatable: values of one column are alternatives, different columns must all hold."
        ),
    ),
    click.option(
        "--units",
        "units_only",
        is_flag=True,
        help=N_(
            "The rows are units, not posts (a register of agencies and bureaus, a "
            "department tree): placed by --unit-path, or by --column parent=HEADER."
        ),
    ),
    click.option(
        "--unit-path",
        metavar="COL1,COL2,...",
        help=N_("Columns naming each row's units from the top down (Division,Department,Team)."),
    ),
    _name,
    _currency,
    click.option(
        "--country",
        help=N_(
            "ISO 3166 country for places whose country the data leaves blank [default: US, "
            "counted as a guess]. A place whose country cannot be told is listed, never filled."
        ),
    ),
    _force,
    _strict,
    max_file_size_option(
        MAX_BYTES, N_("Refuse a file larger than this (reading takes ~15x its size in memory).")
    ),
)


def _table_options(function: F) -> F:
    for option in reversed(_TABLE_OPTIONS):
        function = option(function)
    return function


def _options(
    columns: tuple[str, ...],
    root_markers: tuple[str, ...],
    self_report_is_top: bool,
    refs: tuple[str, ...],
    where: tuple[str, ...],
    units_only: bool,
    unit_path: str | None,
    name: str,
    currency: str,
    country: str | None,
    max_file_size: int,
) -> CsvImportOptions:
    """The options ``import csv`` and ``import records`` share; raises ImportUsageError."""
    path = [level.strip() for level in (unit_path or "").split(",") if level.strip()]
    if unit_path is not None and not path:
        raise ImportUsageError(_("--unit-path: expected column names, e.g. Division,Department"))
    return CsvImportOptions(
        columns=[parse_column_option(column) for column in columns],
        root_markers=root_markers,
        self_report_is_top=self_report_is_top,
        refs=[parse_column_option(ref, "--ref") for ref in refs],
        where=[parse_where(condition) for condition in where],
        units_only=units_only,
        unit_path=path,
        name=name,
        currency=currency,
        country=country.upper() if country else None,
        max_bytes=max_file_size * MIB,
    )


@import_group.command(
    "csv",
    help=N_("""Import an HR export (one row per employee or post), or a register of
units (--units).

\b
Columns are found by name (id/employee_id/EmployeeID, name or
first_name+last_name, title/job_id, reports_to/manager_id/ReportsTo/
supervisor, unit/department, location/city, country, email, fte,
headcount, holder, manages, parent) or given with --column FIELD=HEADER.
Companion tables beside FILE (departments.csv, locations.csv, jobs.csv,
countries.csv) resolve department, location and job ids. A free-text
location ('Berlin, Germany', 'Mill Valley, CA, USA') gives a city and
a country; one whose country cannot be told is listed.

\b
Problems (duplicate ids, unknown managers, self-reports, blank cells,
rows with the wrong number of fields) are printed as FILE:ROW: message;
the tree is written anyway unless --strict. A summary says how many
rows were read, kept, merged, skipped, left out by --where, and what
was guessed.

\b
Examples:
  boconf import csv ../shared/data/oracle-hr/employees.csv -o hr
  boconf import csv staff.csv -o org --column name=first_name+last_name \\
      --column reports_to="Line manager" --root-marker XX
  boconf import csv staff.csv -o org --encoding cp1252 --delimiter ';'
  boconf import csv stacked.csv -o org --where 'Back to Index=Mar-15'
  boconf import csv staff.csv -o org --unit-path Division,Department,Team
  boconf import csv agencies.csv -o gov --units --unit-path Agency,Bureau
  boconf import csv tree.csv -o gov --units --column parent=parent_id
"""),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_output
@click.option("--delimiter", help=N_("The field delimiter [default: guessed from the header]."))
@click.option("--encoding", help=N_("The file's encoding [default: UTF-8, with or without BOM]."))
@click.option(
    "--departments",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_(
        "Departments table (id, name, manager, location) [default: departments.csv beside FILE]."
    ),
)
@click.option(
    "--locations",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Locations table (id, city, country) [default: locations.csv beside FILE]."),
)
@click.option(
    "--jobs",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Jobs table (id, title) [default: jobs.csv beside FILE]."),
)
@click.option(
    "--siblings/--no-siblings",
    default=True,
    show_default=True,
    help=N_("Look for the companion tables beside FILE."),
)
@_table_options
@lang_option
def import_csv_command(
    file: Path,
    output: Path,
    delimiter: str | None,
    encoding: str | None,
    departments: Path | None,
    locations: Path | None,
    jobs: Path | None,
    siblings: bool,
    force: bool,
    strict: bool,
    **shared: Any,
) -> None:
    try:
        options = _options(**shared)
        options.delimiter = delimiter.replace("\\t", "\t") if delimiter else None
        options.encoding = encoding
        options.departments = departments
        options.locations = locations
        options.jobs = jobs
        options.siblings = siblings
        with progress(f"importing {display_path(file)}"):
            result = import_csv(file, options, display_path(file))
    except ImportUsageError as error:
        raise click.UsageError(str(error)) from None
    _finish(result, output, force, strict)


@import_group.command(
    "records",
    help=N_("""Import a YAML or JSON file of records: one per post (or per unit, --units).

\b
FILE holds a list of mappings, a mapping of id -> record (the key is
stored in the field --key-field names), or a mapping with one list of
records ({"employees": [...]}). Nested mappings become dotted fields
(--column location=office.city); lists of values are joined with ';'.
The column options are those of `import csv`; a problem is FILE:LINE,
the line its record starts on.

\b
--ref reports_to=FIELD resolves a manager given by another field's
value (a role slug, say): a value two records hold is ambiguous and one
that matches only ignoring case (CEO for ceo) is taken but said, both
naming the records involved.

\b
Examples:
  boconf import records team.yaml -o org
  boconf import records people.json -o org --ref reports_to=role \\
      --root-marker none --root-marker XX
  boconf import records staff.yaml -o org --key-field slug \\
      --self-report-is-top --column location=office
"""),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_output
@click.option(
    "--key-field",
    default=DEFAULT_KEY_FIELD,
    show_default=True,
    help=N_("For a mapping of records: the field its keys are stored in (the id by default)."),
)
@_table_options
@lang_option
def import_records_command(
    file: Path, output: Path, key_field: str, force: bool, strict: bool, **shared: Any
) -> None:
    try:
        options = _options(**shared)
        with progress(f"importing {display_path(file)}"):
            result = import_records(file, options, display_path(file), key_field)
    except ImportUsageError as error:
        raise click.UsageError(str(error)) from None
    _finish(result, output, force, strict)


@import_group.command(
    "backstage",
    help=N_("""Import a Backstage catalog: Group and User entities.

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
"""),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_output
@_name
@_currency
@_force
@_strict
@lang_option
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


@import_group.command(
    "organogram",
    help=N_("""Import a UK government organogram: the senior file, and its junior file.

\b
The published standard (data.gov.uk): SENIOR has one row per senior
post (Post Unique Reference, Reports to Senior Post with XX at the top,
Name, Grade, Job Title, Unit, FTE, Actual Pay Floor/Ceiling); JUNIOR
has posts grouped by grade under a Reporting Senior Post, with Number
of Posts in FTE. Columns are found by name; an unnamed index column, a
BOM, Windows line ends and a Latin-1 pound sign are read as they are.

\b
What is written: a position per senior post, no holder for N/D (not
disclosed), Vacant or blank names; Eliminated posts skipped; a row
repeated exactly merged, a part-time job share kept as two posts, any
other reuse of a reference renamed <ref>-2; a post reporting to a
reference not in the file keeps it as reports_to_missing, and
`boconf check` names it (BO102). Junior rows become posts under their
senior post: 2.5 FTE is 2 full-time posts and one of 0.5 FTE. Grade and
pay band are kept; the band's middle is the post's annual_cost_per_fte
for `boconf report cost`. Problems print as FILE:ROW: message; the notes
say what was read, kept, merged, skipped and guessed.

\b
Examples:
  boconf import organogram ../shared/data/uk-organogram-decc/*-senior.csv \\
      ../shared/data/uk-organogram-decc/*-junior.csv -o decc
  boconf import organogram senior.csv -o org --name "Cabinet Office"
"""),
)
@click.argument("senior", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument(
    "junior", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_output
@click.option(
    "--name", help=N_("The organisation's name [default: the senior file's Organisation column].")
)
@click.option(
    "--currency", default="GBP", show_default=True, help=N_("The organisation's ISO 4217 currency.")
)
@click.option(
    "--country",
    default="GB",
    show_default=True,
    help=N_("ISO 3166 country of the one location written (organograms give no places)."),
)
@click.option(
    "--encoding",
    help=N_("The files' encoding [default: UTF-8 with or without BOM, else Windows-1252]."),
)
@_force
@_strict
@max_file_size_option(MAX_BYTES, N_("Refuse a file larger than this."))
@lang_option
def import_organogram_command(
    senior: Path,
    junior: Path | None,
    output: Path,
    name: str | None,
    currency: str,
    country: str,
    encoding: str | None,
    force: bool,
    strict: bool,
    max_file_size: int,
) -> None:
    # Imported here, as for backstage: `import csv` has no use for them.
    from boconf.interop.organogram_import import OrganogramOptions, import_organogram
    from boconf.interop.organogram_source import is_junior

    if is_junior(senior, encoding):
        raise click.UsageError(
            _(
                "{file} is a junior file (it has Number of Posts in FTE): "
                "give the senior file first, then the junior file"
            ).format(file=display_path(senior))
        )
    try:
        options = OrganogramOptions(
            name=name,
            currency=currency,
            country=country,
            encoding=encoding,
            max_bytes=max_file_size * MIB,
        )
        displays = (display_path(senior), display_path(junior) if junior else None)
        result = import_organogram(senior, junior, options, displays)
    except ImportUsageError as error:
        raise click.UsageError(str(error)) from None
    _finish(result, output, force, strict)
