"""`boconf diff`: what a change does to the organisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.loaded import valid_organisation
from boconf.cli.options import DEFAULT_ORG, lang_option, org_path
from boconf.cli.reference_date import note_reference_date
from boconf.cli.scenario_cmd import applied_scenario, scenario_option
from boconf.diff.compare import REMOVED, compare
from boconf.diff.findings import new_and_fixed, relocate
from boconf.diff.impact import impact, shifts
from boconf.diff.revisions import RevisionError, checkout, temporary_root
from boconf.formats.diff_report import FORMATS, DiffResult
from boconf.graph.structure import build_structure
from boconf.i18n import N_, _, ngettext
from boconf.linting.check import settings_for
from boconf.linting.engine import lint
from boconf.linting.settings import ConfigError
from boconf.load import LoadResult
from boconf.loading.cache import ParseCache
from boconf.loading.gc_pause import no_cyclic_gc
from boconf.rendering.change_chart import change_chart
from boconf.util.paths import display_path


def _load(root: Path, label: str, cache: ParseCache) -> LoadResult:
    loading = _("loading {label}").format(label=label)
    return valid_organisation(root, cache=cache, label=label, progress_label=loading)[0]


@click.command(
    cls=HelpCommand,
    help=N_("""Compare two versions of the organisation: entity by entity, with the impact.

\b
BASE and HEAD are git revisions (read with git archive: the working tree and
the index are never touched) or directories; HEAD defaults to the working
tree. PATH is the organisation directory (default org/).

\b
Examples:
  boconf diff HEAD~1
  boconf diff origin/main HEAD --format markdown     (a pull-request comment)
  boconf diff main feature org --format json
  boconf diff old-org/ new-org/
  boconf diff HEAD~1 --fail-on-removals 0.1           (exit 1 if >10% of posts go)
  boconf diff --scenario credit-to-cluj [PATH]         (the organisation vs a scenario)
"""),
)
@click.argument("arguments", nargs=-1)
@scenario_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
)
@click.option(
    "--fail-on-removals",
    type=click.FloatRange(0, 1),
    default=None,
    help=N_("Exit 1 when more than this share of positions is removed."),
)
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=N_("'Today' for the cost figures [default: reference_date in the settings, else today]."),
)
@lang_option
def diff(
    arguments: tuple[str, ...],
    output_format: str,
    fail_on_removals: float | None,
    reference_date: dt.datetime | None,
    scenario_name: str | None,
) -> None:
    today = reference_date.date() if reference_date else None  # else the settings' or the clock's
    if scenario_name is not None:
        if len(arguments) > 1:
            raise click.UsageError(_("with --scenario, give at most PATH (the base organisation)"))
        organisation = org_path(Path(arguments[0]) if arguments else None)
        cache = ParseCache()
        base_load = _load(organisation, display_path(organisation), cache)
        with applied_scenario(organisation, scenario_name, base_checked=True) as applied:
            assert applied.root is not None and applied.load is not None
            model = applied.file.scenario
            result = _compare(
                (organisation, organisation, display_path(organisation), False),
                (
                    applied.root,
                    organisation,
                    _("scenario {name}").format(name=applied.file.name),
                    False,
                ),
                organisation,
                today,
                cache,
                base_load=base_load,
                head_load=applied.load,
            )
            result.new_findings = applied.trace(result.new_findings)
            result.title = model.name if model else ""
        _finish(result, output_format, fail_on_removals)
    if not arguments:
        raise click.UsageError(_("give BASE [HEAD] [PATH], or --scenario NAME"))
    if len(arguments) > 3:
        raise click.UsageError(_("give BASE [HEAD] [PATH]"))
    base = arguments[0]
    head: str | None = None
    path = DEFAULT_ORG
    if len(arguments) == 3:
        head, path = arguments[1], Path(arguments[2])
    elif len(arguments) == 2:
        if Path(arguments[1]).is_dir() and not Path(base).is_dir():
            path = Path(arguments[1])
        else:
            head = arguments[1]
    with temporary_root() as scratch:
        try:
            base_is_dir = Path(base).is_dir()
            base_root = Path(base) if base_is_dir else checkout(path, base, Path(scratch) / "base")
            if head is None:
                if not path.exists():
                    raise click.UsageError(
                        _("no organisation directory '{path}' here").format(path=path)
                    )
                head_root, head_label, head_is_dir = path, _("the working tree"), True
            else:
                head_label, head_is_dir = head, Path(head).is_dir()
                head_root = (
                    Path(head) if head_is_dir else checkout(path, head, Path(scratch) / "head")
                )
        except RevisionError as error:
            raise click.UsageError(str(error)) from None
        # Files the two sides share byte for byte are parsed once.
        result = _compare(
            (base_root, path, base, not base_is_dir),
            (head_root, path, head_label, not head_is_dir),
            path,
            today,
            ParseCache(),
        )
    _finish(result, output_format, fail_on_removals)


Side = tuple[Path, Path, str, bool]  # (where it was read, where it lives, label, a revision?)


def _compare(
    base: Side,
    head: Side,
    settings_path: Path,
    today: dt.date | None,
    cache: ParseCache,
    base_load: LoadResult | None = None,
    head_load: LoadResult | None = None,
) -> DiffResult:
    base_root, base_home, base_label, base_revision = base
    head_root, head_home, head_label, head_revision = head
    base_load = base_load or _load(base_root, base_label, cache)
    head_load = head_load or _load(head_root, head_label, cache)
    assert base_load.tree is not None and head_load.tree is not None
    before, after = base_load.tree, head_load.tree
    comparison = compare(before, after)
    try:  # both sides linted with the settings of the working tree
        settings = settings_for(settings_path if settings_path.exists() else head_root, None, today)
        note_reference_date(settings.reference_date, settings.reference_date_from)
        with no_cyclic_gc():
            base_lint, head_lint = lint(base_load, settings), lint(head_load, settings)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    # The lint runs built each side's structure already: the impact reuses them.
    base_structure = base_lint.structure or build_structure(before)
    head_structure = head_lint.structure or build_structure(after)
    new, fixed = new_and_fixed(base_lint.diagnostics, base_root, head_lint.diagnostics, head_root)
    # Show both sides' findings where the files live in the repository.
    if base_revision:
        fixed = relocate(fixed, base_root, base_home)
    if head_revision:
        new = relocate(new, head_root, head_home)
    return DiffResult(
        base_label,
        head_label,
        comparison,
        impact(base_structure, head_structure, settings.reference_date),
        new,
        fixed,
        shifts(base_structure, head_structure),
        change_chart(comparison, before, after),
    )


def _finish(result: DiffResult, output_format: str, fail_on_removals: float | None) -> NoReturn:
    click.echo(FORMATS[output_format](result), nl=False)
    removed = sum(1 for c in result.comparison.of(REMOVED) if c.kind == "position")
    total = next((int(f.before) for f in result.figures if f.name == "positions"), 0)
    if fail_on_removals is not None and total:
        ratio = Decimal(removed) / Decimal(total)
        if ratio > Decimal(str(fail_on_removals)):
            too_many = ngettext(
                "{removed} of {total} position removed ({ratio}), more than "
                "--fail-on-removals {limit}",
                "{removed} of {total} positions removed ({ratio}), more than "
                "--fail-on-removals {limit}",
                total,
            )
            said = too_many.format(
                removed=removed, total=total, ratio=f"{ratio:.0%}", limit=fail_on_removals
            )
            click.echo(said, err=True)
            raise SystemExit(Exit.FINDINGS)
    raise SystemExit(Exit.OK)
