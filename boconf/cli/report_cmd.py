"""`boconf report`: reports about the organisation (for now: cost)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from boconf.cli.help import HelpGroup
from boconf.cli.loaded import emit, valid_organisation
from boconf.cli.options import org_path, organisation_options
from boconf.cli.reference_date import note_reference_date
from boconf.cli.scenario_cmd import applied_scenario, scenario_option
from boconf.economics.cost import CostComparison, cost_report
from boconf.formats.cost_report import COMPARISON_FORMATS, FORMATS
from boconf.graph.structure import build_structure
from boconf.i18n import N_
from boconf.linting.check import settings_for
from boconf.linting.settings import ConfigError
from boconf.loading.limits import Limits


@click.group(cls=HelpGroup, help=N_("Reports about the organisation."))
def report() -> None:
    pass


@report.command(
    help=N_("""The annual cost of the organisation's work, and its contract calendar.

\b
annual cost = own staff (in-house and captive FTE x the annual cost per FTE
of the location where they work) + vendor contracts (annual_cost, attributed
to the units that work under each in proportion to their FTE). Broken down by
unit, function, office, location, provider and sourcing model; missing cost
data is listed, never counted as zero.

\b
Examples:
  boconf report cost
  boconf report cost --format csv -o cost.csv
  boconf report cost --format markdown --horizon 180 --reference-date 2026-06-30
  boconf report cost --scenario credit-to-cluj     (savings or extra cost vs the base)
""")
)
@organisation_options()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=N_("Write to FILE.")
)
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=N_(
        "'Today' for the contract calendar [default: reference_date in the settings, else today]."
    ),
)
@click.option(
    "--horizon",
    type=click.IntRange(min=0),
    default=365,
    show_default=True,
    help=N_("Days of contract calendar."),
)
@scenario_option
def cost(
    path: Path | None,
    jobs: int | None,
    limits: Limits,
    output_format: str,
    output: Path | None,
    reference_date: dt.datetime | None,
    horizon: int,
    scenario_name: str | None,
) -> None:
    organisation = org_path(path)
    _loaded, tree = valid_organisation(organisation, limits, jobs)
    today = _reference_date(organisation, reference_date)
    report = cost_report(build_structure(tree), today, horizon)
    if scenario_name is None:
        text = FORMATS[output_format](report)
    else:
        with applied_scenario(organisation, scenario_name, limits, base_checked=True) as applied:
            assert applied.load is not None and applied.load.tree is not None
            scenario = cost_report(build_structure(applied.load.tree), today, horizon)
            text = COMPARISON_FORMATS[output_format](
                CostComparison(applied.file.name, report, scenario)
            )
    emit(text, output, organisation)


def _reference_date(organisation: Path, explicit: dt.datetime | None) -> dt.date:
    """The option, else the settings' reference_date, else today (as check and docs take it)."""
    try:
        settings = settings_for(organisation, None, explicit.date() if explicit else None)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    note_reference_date(settings.reference_date, settings.reference_date_from)
    return settings.reference_date
