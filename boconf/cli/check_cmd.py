"""`boconf check`: the command pull-request CI runs."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.loaded import echo_errors, refuse_inside, write_output
from boconf.cli.options import org_path, organisation_options, parse_cache, use_color
from boconf.cli.progress import progress
from boconf.cli.reference_date import note_reference_date
from boconf.cli.scenario_cmd import (
    applied_scenario,
    refusal,
    refusal_reason,
    scenario_option,
)
from boconf.diagnostics import Diagnostic, Severity
from boconf.formats import CHECK_REPORTERS
from boconf.formats.report import Report, ReportOptions, from_check
from boconf.i18n import N_, _, ngettext
from boconf.linting.baseline import BaselineError, read_baseline, write_baseline
from boconf.linting.check import CheckResult, settings_for
from boconf.linting.check import check as run_check
from boconf.linting.settings import ConfigError, find_settings
from boconf.loading.cache import ParseCache
from boconf.loading.limits import Limits
from boconf.output import OutputError
from boconf.scenarios.check import check_scenarios
from boconf.scenarios.read import scenario_names
from boconf.util.paths import display_path


def _config_failure(error: ConfigError | BaselineError) -> NoReturn:
    diagnostics = error.diagnostics if isinstance(error, ConfigError) else [error.diagnostic]
    echo_errors(diagnostics)
    raise SystemExit(Exit.USAGE)


@click.command(
    cls=HelpCommand,
    help=N_("""Validate and lint an organisation: the pull-request CI entry point.

\b
Settings come from the nearest .boconf.yaml (or [tool.boconf] in
pyproject.toml) upward from PATH, or --config.

\b
Every scenario under scenarios/ is applied too: one that names an unknown
id, does not parse, or gives an invalid organisation is an error at its
line (--no-scenarios skips them; --scenario NAME also lints one's result).

\b
Exit codes: 0 clean; 1 findings at or above --fail-on (invalid files and
scenarios always); 2 usage, settings or suppression error; 3 internal error.

\b
Examples:
  boconf check
  boconf check --fail-on warning
  boconf check --format sarif --output boconf.sarif   (text on stdout too)
  boconf check --format github                        (PR annotations)
  boconf check --baseline-write .boconf-baseline.json
  boconf check --baseline .boconf-baseline.json       (fail only on new findings)
  boconf check --reference-date 2026-06-30            (reproducible contract rules)
  boconf check --scenario credit-to-cluj              (a what-if scenario, applied)
  boconf check --no-scenarios                         (the organisation alone)
  boconf check --show-suppressed                      (the accepted exceptions too)
"""),
)
@organisation_options(cache=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(CHECK_REPORTERS)),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Write the --format report to FILE and print text on stdout."),
)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default=None,
    help=N_("Lowest severity that fails the run [default: settings, else error]."),
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Settings file (instead of searching upward)."),
)
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=N_(
        "'Today' for the contract rules [default: reference_date in the settings, else today]."
    ),
)
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Report only findings not in this baseline."),
)
@click.option(
    "--baseline-write",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Write every current finding to this baseline and exit 0."),
)
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
)
@click.option("--timings", is_flag=True, help=N_("Print each rule's run time on stderr."))
@click.option(
    "--show-suppressed",
    is_flag=True,
    help=N_("Also list the suppressed findings with their reasons (never counted)."),
)
@scenario_option
@click.option(
    "--no-scenarios",
    is_flag=True,
    help=N_("Do not apply the scenarios under scenarios/ (check applies each one by default)."),
)
def check(
    path: Path | None,
    jobs: int | None,
    limits: Limits,
    cache_dir: Path | None,
    no_cache: bool,
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    config: Path | None,
    reference_date: dt.datetime | None,
    baseline: Path | None,
    baseline_write: Path | None,
    color: str,
    timings: bool,
    show_suppressed: bool,
    scenario_name: str | None,
    no_scenarios: bool,
) -> None:
    root = organisation = org_path(path)  # root becomes the applied copy with --scenario
    refuse_inside(output, organisation)
    refuse_inside(baseline_write, organisation)
    options = ReportOptions(color=use_color(color))
    with contextlib.ExitStack() as stack:
        scenario: Traced | None = None
        if scenario_name is not None:
            if baseline_write is not None:
                raise click.UsageError(
                    _("--baseline-write records the organisation, not a scenario")
                )
            applied = stack.enter_context(
                applied_scenario(root, scenario_name, limits, strict=False)
            )
            if not applied.ok:  # in check, a scenario that does not apply is a finding
                _emit(refusal(applied), output_format, output, options, organisation)
                click.echo(refusal_reason(applied), err=True)
                raise SystemExit(Exit.FINDINGS)
            assert applied.root is not None
            # The base's settings; the scenario's findings traced to the files to fix.
            config = config or find_settings(root)
            scenario = (applied.trace, applied.file.path)
            root = applied.root
        # Every scenario is applied too (not for a baseline, which records lint findings):
        # the base's parse is kept so that each result reuses it for its untouched files.
        all_scenarios = (
            not no_scenarios
            and scenario is None
            and baseline_write is None
            and bool(scenario_names(root))
        )
        # On disk unless --no-cache (whole results too); in memory when scenarios load it again.
        cache = parse_cache(organisation, limits, cache_dir, no_cache, memory=all_scenarios)
        run = _Run(organisation, root, limits, jobs, cache, scenario is None and not timings)
        result = _run_check(run, config, reference_date, fail_on, baseline)
        if scenario is not None:  # findings shown in the scenario file and the base files
            trace, result.load.root = scenario
            result.load.diagnostics = trace(result.load.diagnostics)
            result.lint.diagnostics = trace(result.lint.diagnostics)
        elif all_scenarios and result.load.ok:  # (on an invalid base, its errors come first)
            result.scenarios, result.scenario_diagnostics = check_scenarios(
                root, limits, cache=cache, jobs=jobs
            )
        note_reference_date(result.settings.reference_date, result.settings.reference_date_from)
        report = from_check(result, show_suppressed)
        if baseline_write is not None:
            _write_baseline(result, report, baseline_write, root, options, organisation)
        _emit(report, output_format, output, options, organisation)
        if timings:
            _print_timings(result)
        sys.stdout.flush()
        raise SystemExit(Exit.FINDINGS if result.failed else Exit.OK)


# A scenario's findings traced back to the files to fix, and the scenario file itself.
Traced = tuple[Callable[[list[Diagnostic]], list[Diagnostic]], Path]


@dataclass(frozen=True)
class _Run:
    """What is checked (``root``: the organisation, or a scenario applied to it) and how."""

    organisation: Path
    root: Path
    limits: Limits
    jobs: int | None
    cache: ParseCache | None
    # The stored whole result may answer (not for a scenario's temporary tree, nor --timings,
    # which must run every rule).
    results: bool


def _run_check(
    run: _Run,
    config: Path | None,
    reference_date: dt.datetime | None,
    fail_on: str | None,
    baseline: Path | None,
) -> CheckResult:
    """Settings, baseline and the check itself; unusable settings or baseline exit 2."""
    try:
        settings = settings_for(run.root, config, reference_date.date() if reference_date else None)
        if fail_on is not None:
            settings.fail_on = Severity(fail_on)
        known = read_baseline(baseline, display_path(baseline)) if baseline is not None else None
        label = _("checking {path}").format(path=run.organisation)
        with progress(label) as shown:
            return run_check(
                run.root,
                settings,
                baseline=known,
                limits=run.limits,
                jobs=run.jobs,
                cache=run.cache,
                results=run.results,
                progress=shown.update if shown else None,
            )
    except (ConfigError, BaselineError) as error:
        _config_failure(error)


def _write_baseline(
    result: CheckResult,
    report: Report,
    baseline_write: Path,
    root: Path,
    options: ReportOptions,
    organisation: Path,
) -> NoReturn:
    if not result.load.ok:
        _emit(report, "text", None, options, organisation)
        click.echo(_("no baseline written: the organisation does not validate"), err=True)
        raise SystemExit(Exit.FINDINGS)
    try:
        count = write_baseline(
            baseline_write, result.lint.diagnostics, root if root.is_dir() else root.parent
        )
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    wrote = ngettext(
        "wrote {path}: {n} finding(s) baselined", "wrote {path}: {n} finding(s) baselined", count
    )
    click.echo(wrote.format(path=baseline_write, n=count))
    raise SystemExit(Exit.OK)


def _print_timings(result: CheckResult) -> None:
    """Each rule's run time on stderr, slowest first."""
    for code, seconds in sorted(result.lint.timings.items(), key=lambda item: -item[1]):
        click.echo(f"{code} {result.lint.rule_names[code]:<34} {seconds * 1000:9.1f} ms", err=True)


def _emit(
    report: Report,
    output_format: str,
    output: Path | None,
    options: ReportOptions,
    organisation: Path,
) -> None:
    if output is not None:  # the format goes to the file (never coloured), text to the terminal
        rendered = CHECK_REPORTERS[output_format](report, ReportOptions())
        write_output(rendered.encode("utf-8"), output, organisation)
        output_format = "text"
    click.echo(CHECK_REPORTERS[output_format](report, options), nl=False, color=options.color)
