"""`boconf diff`: what a change does to the organisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import click

from boconf.changes.compare import REMOVED, compare
from boconf.changes.findings import new_and_fixed, relocate
from boconf.changes.impact import impact
from boconf.changes.revisions import RevisionError, checkout, temporary_root
from boconf.cli.exit_codes import Exit
from boconf.cli.options import DEFAULT_ORG
from boconf.graph.structure import build_structure
from boconf.linting.check import settings_for
from boconf.linting.engine import lint
from boconf.linting.settings import ConfigError
from boconf.loading.cache import ParseCache
from boconf.reporting.diff_report import FORMATS, DiffResult
from boconf.reporting.report import from_load
from boconf.reporting.text_report import render as render_text
from boconf.validation.run import LoadResult, load_organisation, no_cyclic_gc


def _load(root: Path, label: str, cache: ParseCache) -> LoadResult:
    loaded = load_organisation(root, cache=cache)
    if not loaded.ok or loaded.tree is None:
        click.echo(f"{label} does not validate:", err=True)
        click.echo(render_text(from_load(loaded)), nl=False, err=True)
        raise SystemExit(Exit.FINDINGS)
    return loaded


@click.command(
    help="""Compare two versions of the organisation: entity by entity, with the impact.

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
"""
)
@click.argument("arguments", nargs=-1, required=True)
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
    help="Exit 1 when more than this share of positions is removed.",
)
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="'Today' for the cost figures.",
)
def diff(
    arguments: tuple[str, ...],
    output_format: str,
    fail_on_removals: float | None,
    reference_date: dt.datetime | None,
) -> None:
    if len(arguments) > 3:
        raise click.UsageError("give BASE [HEAD] [PATH]")
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
    today = reference_date.date() if reference_date else dt.date.today()
    with temporary_root() as scratch:
        try:
            base_root = (
                Path(base) if Path(base).is_dir() else checkout(path, base, Path(scratch) / "base")
            )
            if head is None:
                if not path.exists():
                    raise click.UsageError(f"no organisation directory '{path}' here")
                head_root, head_label = path, "the working tree"
            else:
                head_label = head
                head_root = (
                    Path(head)
                    if Path(head).is_dir()
                    else checkout(path, head, Path(scratch) / "head")
                )
        except RevisionError as error:
            raise click.UsageError(str(error)) from None
        # Files the two sides share byte for byte are parsed once.
        cache = ParseCache()
        base_load, head_load = _load(base_root, base, cache), _load(head_root, head_label, cache)
        assert base_load.tree is not None and head_load.tree is not None
        before, after = base_load.tree, head_load.tree
        comparison = compare(before, after)
        try:  # both sides linted with the settings of the working tree
            settings = settings_for(path if path.exists() else head_root, None, today)
            with no_cyclic_gc():
                base_lint, head_lint = lint(base_load, settings), lint(head_load, settings)
        except ConfigError as error:
            raise click.UsageError(str(error)) from None
        # The lint runs built each side's structure already: the impact reuses them.
        figures = impact(
            base_lint.structure or build_structure(before),
            head_lint.structure or build_structure(after),
            today,
        )
        new, fixed = new_and_fixed(
            base_lint.diagnostics, base_root, head_lint.diagnostics, head_root
        )
        # Show both sides' findings where the files live in the repository (a side given
        # as a directory keeps its own paths).
        if not Path(base).is_dir():
            fixed = relocate(fixed, base_root, path)
        if head is not None and not Path(head).is_dir():
            new = relocate(new, head_root, path)
    result = DiffResult(base, head_label, comparison, figures, new, fixed)
    click.echo(FORMATS[output_format](result), nl=False)
    if fail_on_removals is not None and before.positions:
        removed = sum(1 for c in comparison.of(REMOVED) if c.kind == "position")
        ratio = Decimal(removed) / Decimal(len(before.positions))
        if ratio > Decimal(str(fail_on_removals)):
            click.echo(
                f"{removed} of {len(before.positions)} positions removed ({ratio:.0%}), more than "
                f"--fail-on-removals {fail_on_removals}",
                err=True,
            )
            raise SystemExit(Exit.FINDINGS)
    raise SystemExit(Exit.OK)
