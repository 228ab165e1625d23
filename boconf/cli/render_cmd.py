"""`boconf render`: org charts as DOT, SVG, PNG, PDF or Mermaid."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import org_path, organisation_options
from boconf.cli.reference_date import note_reference_date
from boconf.formats.report import from_load
from boconf.formats.text_report import render as render_text
from boconf.graph.structure import build_structure
from boconf.i18n import N_, _, ngettext
from boconf.linting.check import check as run_check
from boconf.linting.check import settings_for
from boconf.linting.engine import LintResult
from boconf.linting.settings import ConfigError
from boconf.load import load_organisation
from boconf.loading.limits import Limits
from boconf.model.entities import Office
from boconf.output import OutputError, check_outside, write_atomic
from boconf.rendering.chart import Chart
from boconf.rendering.dot import to_dot
from boconf.rendering.mermaid import to_mermaid
from boconf.rendering.paging import page_chart
from boconf.rendering.renderer import RendererError, render
from boconf.rendering.views.common import ViewContext, ViewError, ViewFilter
from boconf.rendering.views.registry import VIEWS

FORMATS = ("dot", "mermaid", "svg", "png", "pdf")
EXTENSIONS = {"dot": "dot", "mermaid": "mmd", "svg": "svg", "png": "png", "pdf": "pdf"}
# Drawn formats are paged past PAGE_BOXES boxes; dot and mermaid are sources, kept whole.
PAGED = frozenset({"svg", "png", "pdf"})


def _page_file(stem: str, extension: str) -> Callable[[str], str]:
    """A page's file name beside the index: ``stem.svg``, ``stem--<page>.svg``."""

    def file_of(page: str) -> str:
        return f"{stem}--{page}.{extension}" if page else f"{stem}.{extension}"

    return file_of


def _format_of(output: Path | None, all_views: bool) -> str:
    """The format when --format is not given: svg for --all, else from -o's extension, else dot."""
    if all_views:
        return "svg"
    by_extension = {f".{extension}": name for name, extension in EXTENSIONS.items()}
    return by_extension.get(output.suffix, "dot") if output is not None else "dot"


@click.command(
    cls=HelpCommand,
    help=N_("""Draw an org chart of one view.

\b
Views: reporting (positions by reporting line), structure (the unit tree),
back-office (everything under the back-office head, with sourcing badges),
sourcing (where the work is done and by whom), support (which back-office
units support which front-office units: a matrix once its edges would cross),
sourcing-mix and sourcing-mix-cost (bars: in-house, captive and vendor work
per back-office unit, by FTE or by cost).

\b
A tree chart (reporting, structure, back-office) of more than 60 boxes
drawn as svg, png or pdf is paged: the index goes to -o FILE (or DIR/VIEW.svg)
and one page per subtree beside it, FILE-STEM--<id>.svg, linked both ways.

\b
Graphviz is looked for in this order: --dot PATH (or BOCONF_DOT), `dot` on
the PATH, then graphviz-pure (installed with boconf; svg and png). dot and
mermaid need no renderer.

\b
Examples:
  boconf render --view structure --format svg -o charts/structure.svg
  boconf render --view reporting --root coo --depth 3 --format png -o coo.png
  boconf render --view support --format mermaid          (for GitHub Markdown)
  boconf render --all --format svg -o charts/            (every view)
  boconf render --view reporting -o charts/              (charts/reporting.svg + pages)
  boconf render --view back-office --findings -o bo.svg   (mark lint findings)
"""),
)
@organisation_options()
@click.option(
    "--view", type=click.Choice(sorted(VIEWS)), default=None, help=N_("The view to draw.")
)
@click.option(
    "--all", "all_views", is_flag=True, help=N_("Draw every view into the directory given by -o.")
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help=N_("[default: from -o's extension, else dot]"),
)
@click.option(
    "--output",
    "-o",
    "output_text",
    type=click.Path(),
    help=N_("Write to FILE, or into DIR/ (ending in / or existing; always with --all)."),
)
@click.option(
    "--root",
    help=N_("Start from this unit (a position, or a unit's manager, for the reporting view)."),
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    help=N_("Levels to show, the root (or top) counting as 1."),
)
@click.option(
    "--office", type=click.Choice(["front", "back"]), help=N_("Only units of this office.")
)
@click.option("--unit", help=N_("Only this unit and its sub-units."))
@click.option("--findings", is_flag=True, help=N_("Mark entities with lint errors or warnings."))
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=N_("With --findings: 'today' for the contract rules."),
)
@click.option("--dot", "dot_binary", help=N_("The Graphviz binary to use."))
@click.option("--verbose", "-v", is_flag=True, help=N_("Say which renderer ran."))
def render_command(
    path: Path | None,
    jobs: int | None,
    limits: Limits,
    view: str | None,
    all_views: bool,
    output_format: str | None,
    output_text: str | None,
    root: str | None,
    depth: int | None,
    office: str | None,
    unit: str | None,
    findings: bool,
    reference_date: dt.datetime | None,
    dot_binary: str | None,
    verbose: bool,
) -> None:
    organisation = org_path(path)
    output = Path(output_text) if output_text is not None else None
    # click drops nothing, but Path does: "charts/" names a directory even before it exists.
    into_dir = output_text is not None and (
        all_views or output_text.endswith(("/", os.sep)) or Path(output_text).is_dir()
    )
    if all_views == (view is not None):
        raise click.UsageError(_("give one of --view VIEW or --all"))
    if all_views and output is None:
        raise click.UsageError(_("--all needs -o DIR"))
    fmt = output_format or _format_of(output, bool(into_dir))
    if fmt in ("png", "pdf") and output is None:
        raise click.UsageError(_("--format {format} is binary: give -o FILE").format(format=fmt))
    date = reference_date.date() if reference_date else None
    context = _context(organisation, output, limits, jobs, findings, date)
    context = replace(
        context, filter=ViewFilter(root, depth, Office(office) if office else None, unit)
    )
    names = sorted(VIEWS) if all_views else [view or ""]
    drawing = _Drawing(fmt, dot_binary, verbose)
    try:
        for name in names:
            chart = VIEWS[name](context)
            if output is None:
                click.echo(drawing.draw(chart, name).decode("utf-8"), nl=False)
            else:
                _write_view(chart, name, output, into_dir, drawing)
    except (ViewError, RendererError, OutputError) as error:
        raise click.UsageError(str(error)) from None
    raise SystemExit(Exit.OK)


def _context(
    organisation: Path,
    output: Path | None,
    limits: Limits,
    jobs: int | None,
    findings: bool,
    reference_date: dt.date | None,
) -> ViewContext:
    """The organisation's structure, with the lint overlay when ``findings``; exit 1 with its
    diagnostics when it does not validate."""
    try:
        if output is not None:
            check_outside(output, organisation)
        if findings:  # lint only when the overlay needs it
            settings = settings_for(organisation, None, reference_date)
            result = run_check(organisation, settings, limits=limits, jobs=jobs)
            loaded, lint = result.load, result.lint
            rule_options = result.settings.options
            note_reference_date(result.settings.reference_date, result.settings.reference_date_from)
        else:
            loaded, lint = load_organisation(organisation, limits=limits, jobs=jobs), LintResult()
            rule_options = {}  # the support matrix's gaps: the rules' default options
    except (ConfigError, OutputError) as error:
        raise click.UsageError(str(error)) from None
    if not loaded.ok or loaded.tree is None:
        click.echo(render_text(from_load(loaded)), nl=False, err=True)
        raise SystemExit(Exit.FINDINGS)
    overlay = lint.overlay()
    structure = lint.structure or build_structure(loaded.tree)
    return ViewContext(structure, ViewFilter(), overlay, rule_options=rule_options)


def _write_view(chart: Chart, name: str, output: Path, into_dir: bool, drawing: _Drawing) -> None:
    """One view's chart written to ``output`` (or into it), paged when it is large."""
    extension = EXTENSIONS[drawing.fmt]
    index = output / f"{name}.{extension}" if into_dir else output
    file_of = _page_file(index.stem, extension)
    pages = page_chart(chart, file_of) if drawing.fmt in PAGED else [None]
    for page in pages:
        drawn = chart if page is None else page.chart
        target = index.with_name(file_of(page.name)) if page is not None else index
        write_atomic(target, drawing.draw(drawn, name))
        if drawing.verbose or (into_dir and (page is None or not page.name)):
            click.echo(_("wrote {path}").format(path=target), err=True)
    if len(pages) > 1:
        beside = ngettext(
            "{view}: {n} page beside {index}", "{view}: {n} pages beside {index}", len(pages) - 1
        )
        click.echo(beside.format(view=name, n=len(pages) - 1, index=index), err=True)


@dataclass(frozen=True)
class _Drawing:
    fmt: str
    dot_binary: str | None
    verbose: bool

    def draw(self, chart: Chart, name: str) -> bytes:
        return _draw(chart, self.fmt, self.dot_binary, name, self.verbose)


def _draw(chart: Chart, fmt: str, dot_binary: str | None, name: str, verbose: bool) -> bytes:
    if fmt == "dot":
        return to_dot(chart).encode("utf-8")
    if fmt == "mermaid":
        return to_mermaid(chart).encode("utf-8")
    data, used = render(to_dot(chart), fmt, dot_binary)
    if verbose:
        said = _("{view}: rendered by {renderer}")
        click.echo(said.format(view=name, renderer=used.describe()), err=True)
    return data
