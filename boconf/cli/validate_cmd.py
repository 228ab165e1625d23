"""`boconf validate`."""

from __future__ import annotations

import time
from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import org_path, organisation_options, parse_cache
from boconf.cli.progress import progress
from boconf.formats import VALIDATE_REPORTERS
from boconf.formats.report import ReportOptions, from_load
from boconf.i18n import N_, _
from boconf.load import load_organisation
from boconf.loading.limits import Limits


@click.command(
    cls=HelpCommand,
    help=N_("""Validate an organisation tree and report every problem at file:line:column.

\b
PATH is a directory (every *.yaml/*.yml below it, hidden paths and
scenarios/ excluded) or a single file; default: org/.

\b
Examples:
  boconf validate
  boconf validate org/units/credit.yaml
  boconf validate --format json > diagnostics.json
"""),
)
@organisation_options(cache=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(VALIDATE_REPORTERS)),
    default="text",
    show_default=True,
)
@click.option("--quiet", "-q", is_flag=True, help=N_("Print diagnostics only, no summary line."))
@click.option("--verbose", "-v", is_flag=True, help=N_("Also print the time taken."))
def validate(
    path: Path | None,
    jobs: int | None,
    limits: Limits,
    cache_dir: Path | None,
    no_cache: bool,
    output_format: str,
    quiet: bool,
    verbose: bool,
) -> None:
    root = org_path(path)
    started = time.perf_counter()
    cache = parse_cache(root, limits, cache_dir, no_cache)
    with progress(_("validating {path}").format(path=root)) as shown:
        result = load_organisation(
            root, limits=limits, jobs=jobs, cache=cache, progress=shown.update if shown else None
        )
    report = from_load(result)
    output = VALIDATE_REPORTERS[output_format](report, ReportOptions(summary=not quiet))
    click.echo(output, nl=False)
    if verbose:
        took = _("took {seconds}s").format(seconds=f"{time.perf_counter() - started:.3f}")
        click.echo(took, err=True)
    raise SystemExit(Exit.OK if result.ok else Exit.FINDINGS)
