"""`boconf scenario`: list what-if scenarios and write one out as an organisation tree.

``--scenario NAME`` on check, diff and report cost runs those commands on a scenario; the
helpers here are what they share.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpGroup
from boconf.cli.loaded import valid_organisation
from boconf.cli.options import org_path, organisation_options
from boconf.formats.report import Report
from boconf.formats.text_report import render as render_text
from boconf.i18n import N_, _, ngettext
from boconf.loading.limits import Limits
from boconf.output import OutputError, check_outside, write_atomic
from boconf.scenarios.apply import AppliedScenario, materialise
from boconf.scenarios.read import UnknownScenarioError, find_scenario, scenario_names

F = TypeVar("F", bound=Callable[..., Any])


def scenario_option(function: F) -> F:
    return click.option(
        "--scenario",
        "scenario_name",
        metavar="NAME",
        default=None,
        help=N_("Run on scenario NAME (scenarios/NAME.yaml) applied to the organisation."),
    )(function)


def refusal(applied: AppliedScenario) -> Report:
    """What stops a scenario, as a report."""
    # What was read: the scenario file, and the organisation it gave when it got that far.
    files, documents = 1, 1
    if applied.load is not None:
        files, documents = files + applied.load.files, documents + applied.load.documents
    return Report(applied.file.path, files, documents, applied.problems)


def refusal_reason(applied: AppliedScenario) -> str:
    return f"scenario '{applied.file.name}' " + (
        "cannot be applied"
        if applied.diagnostics
        else "gives an organisation that does not validate"
    )


def _refuse(applied: AppliedScenario) -> None:
    click.echo(render_text(refusal(applied)), nl=False, err=True)
    click.echo(refusal_reason(applied), err=True)
    raise SystemExit(Exit.USAGE)


def _base_or_exit(organisation: Path, limits: Limits) -> None:
    valid_organisation(
        organisation, limits, hint=_("the base organisation does not validate: fix it first")
    )


@contextmanager
def applied_scenario(
    organisation: Path,
    name: str,
    limits: Limits | None = None,
    *,
    strict: bool = True,
    base_checked: bool = False,
) -> Iterator[AppliedScenario]:
    """The scenario applied into a temporary directory, removed afterwards. With ``strict``,
    a scenario that cannot be applied or gives an invalid organisation exits 2. The base is
    validated first (exit 1 when it is invalid) unless the caller has done it."""
    limits = limits or Limits()
    try:
        path = find_scenario(organisation, name)
    except UnknownScenarioError as error:
        raise click.UsageError(str(error)) from None
    if not base_checked:
        _base_or_exit(organisation, limits)
    with tempfile.TemporaryDirectory(prefix="boconf-scenario-") as scratch:
        applied = materialise(organisation, path, Path(scratch) / "org", limits)
        if strict and not applied.ok:
            _refuse(applied)
        yield applied


@click.group(
    cls=HelpGroup,
    help=N_("""What-if scenarios: overlays on the organisation in scenarios/<name>.yaml.

\b
A scenario removes, adds and patches entities by id. Run the other commands
on one with --scenario NAME:
  boconf check --scenario NAME
  boconf diff --scenario NAME          (base vs scenario, with the cost effect)
  boconf report cost --scenario NAME   (savings or extra cost against the base)
"""),
)
def scenario() -> None:
    pass


@scenario.command(
    "list",
    help=N_("""List the scenarios, whether each applies cleanly, and its size.

\b
Exit codes: 0 all scenarios apply and validate (a CI step can run this);
1 one does not, or the base organisation does not validate.
"""),
)
@organisation_options()
def list_command(path: Path | None, jobs: int | None, limits: Limits) -> None:
    organisation = org_path(path)
    names = scenario_names(organisation)
    if not names:
        none = _("no scenarios: add them as {directory}/scenarios/<name>.yaml")
        click.echo(none.format(directory=organisation))
        raise SystemExit(Exit.OK)
    _base_or_exit(organisation, limits)
    failed = False
    rows = []
    for name in names:
        with applied_scenario(
            organisation, name, limits, strict=False, base_checked=True
        ) as applied:
            model = applied.file.scenario
            size = f"-{len(model.remove)} +{len(model.add)} ~{len(model.patch)}" if model else "?"
            if applied.ok:
                status = _("ok")
            else:
                failed = True
                n = len(applied.problems)
                status = ngettext("{n} problem(s)", "{n} problem(s)", n).format(n=n)
            title = model.name if model else _("(unreadable)")
            rows.append((name, size, status, title))
    width = max(len(row[0]) for row in rows)
    for name, size, status, title in rows:
        click.echo(f"{name:<{width}}  {size:<12}  {status:<14}  {title}")
    if failed:
        click.echo(_("run 'boconf check --scenario NAME' to see the problems"), err=True)
    raise SystemExit(Exit.FINDINGS if failed else Exit.OK)


@scenario.command(
    "apply",
    help=N_("""Write the organisation with scenario NAME applied to DIR.

\b
Files the scenario does not touch are copied byte for byte; the ones it
changes are rewritten (their leading comments kept). DIR must be new or
empty; nothing in the organisation itself is changed.

\b
Examples:
  boconf scenario apply credit-to-cluj -o /tmp/credit-to-cluj
  boconf scenario apply credit-to-cluj org -o build/scenario && boconf render build/scenario
"""),
)
@click.argument("name")
@organisation_options()
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=N_("Directory to write the resulting organisation into."),
)
def apply_command(
    name: str, path: Path | None, jobs: int | None, limits: Limits, output: Path
) -> None:
    organisation = org_path(path)
    try:
        check_outside(output, organisation)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    if output.exists() and any(output.iterdir()):
        raise click.UsageError(
            _("{directory} is not empty: give a new or empty directory").format(directory=output)
        )
    with applied_scenario(organisation, name, limits) as (applied):
        assert applied.root is not None and applied.overlay is not None
        output.mkdir(parents=True, exist_ok=True)
        try:  # file by file through the one writer: never half a file
            for source in sorted(applied.root.rglob("*")):
                if source.is_file():
                    write_atomic(output / source.relative_to(applied.root), source.read_bytes())
        except OutputError as error:
            raise click.UsageError(str(error)) from None
        overlay = applied.overlay
        written = sum(1 for documents in overlay.files.values() if documents)
        removed = sum(1 for documents in overlay.files.values() if not documents)
    wrote = ngettext(
        "wrote {n} file(s) to {directory}: {changed} changed or new, {removed} removed, "
        "the rest copied unchanged",
        "wrote {n} file(s) to {directory}: {changed} changed or new, {removed} removed, "
        "the rest copied unchanged",
        written,
    )
    changed = len(overlay.touched) - removed
    click.echo(wrote.format(n=written, directory=output, changed=changed, removed=removed))
    raise SystemExit(Exit.OK)
