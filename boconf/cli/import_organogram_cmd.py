"""`boconf import organogram`: a UK government organogram (senior and junior files).

Registered on the `import` group by :mod:`boconf.cli.import_cmd`; shares its output options
and its way of finishing (problems, --strict, writing, the summary line).
"""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.import_cmd import _currency, _finish, _force, _output, _strict
from boconf.diagnostics import display_path
from boconf.interop.csv_source import MAX_BYTES
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.organogram_import import OrganogramOptions, import_organogram
from boconf.interop.organogram_source import is_junior
from boconf.loading.limits import MIB


@click.command(
    "organogram",
    help="""Import a UK government organogram: the senior file, and its junior file.

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
""",
)
@click.argument("senior", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument(
    "junior", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_output
@click.option(
    "--name", help="The organisation's name [default: the senior file's Organisation column]."
)
@_currency
@click.option(
    "--country",
    default="GB",
    show_default=True,
    help="ISO 3166 country of the one location written (organograms give no places).",
)
@click.option(
    "--encoding",
    help="The files' encoding [default: UTF-8 with or without BOM, else Windows-1252].",
)
@_force
@_strict
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=MAX_BYTES // MIB,
    show_default=True,
    metavar="MIB",
    help="Refuse a file larger than this.",
)
@click.pass_context
def import_organogram_command(
    context: click.Context,
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
    # The currency option's default is the CSV importer's (EUR); organograms are in pounds.
    if context.get_parameter_source("currency") is click.core.ParameterSource.DEFAULT:
        currency = "GBP"
    if is_junior(senior, encoding):
        raise click.UsageError(
            f"{display_path(senior)} is a junior file (it has Number of Posts in FTE): "
            "give the senior file first, then the junior file"
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
