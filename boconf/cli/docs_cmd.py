"""`boconf docs`: the organisation as a static documentation site (HTML or Markdown)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from boconf import numbers
from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import org_path, organisation_options, use_color
from boconf.cli.reference_date import note_reference_date
from boconf.formats.report import ReportOptions, from_check
from boconf.formats.text_report import render as render_text
from boconf.i18n import N_, _, ngettext
from boconf.linting.check import check as run_check
from boconf.linting.check import settings_for
from boconf.linting.settings import ConfigError
from boconf.loading.limits import Limits
from boconf.output import OutputError, check_outside
from boconf.rendering.renderer import RendererError, find_renderers
from boconf.website import SiteOptions, plan_site, write_site_as_made
from boconf.website.page import HTML, MARKDOWN

DEFAULT_OUTPUT = Path("site")


def _require_svg_renderer(explicit: str | None) -> None:
    """Fail before any work when no renderer can draw the charts (a usage error)."""
    renderers = find_renderers(explicit)  # RendererError for a --dot that does not exist
    if not any("svg" in r.formats for r in renderers):
        tried = ", ".join(r.describe() for r in renderers) or "none found"
        raise RendererError(
            f"no Graphviz renderer here can draw the charts as SVG (tried: {tried}). "
            "Install one: pip install graphviz-pure (boconf's default) or your system's "
            "graphviz package (apt-get install graphviz), or pass --dot PATH. "
            "--format markdown needs no renderer: it embeds Mermaid charts."
        )


@click.command(
    cls=HelpCommand,
    help=N_("""Build a documentation site of the organisation: an overview with charts,
a page per unit, and registers of vendors and contracts, locations, function
coverage and lint findings.

\b
HTML (the default) is a static site that works from file:// (no server, no
JavaScript needed), with charts as SVG drawn by Graphviz, looked for as
`boconf render` does: --dot PATH (or BOCONF_DOT), `dot` on the PATH, then
graphviz-pure. Markdown needs no renderer: its charts are Mermaid blocks,
which GitHub draws.

\b
The output is byte-identical for the same files, settings and reference date.
Nothing is written when the organisation does not validate (exit 1), and
never inside the organisation directory (exit 2).

\b
Examples:
  boconf docs                                   org/ -> site/
  boconf docs org -o public --reference-date 2026-06-30
  boconf docs --format markdown -o docs/org     (for a repository's docs)
  boconf docs --dot /usr/bin/dot                (the system Graphviz)
"""),
)
@organisation_options()
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help=N_("The directory to write the site to."),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice([HTML, MARKDOWN]),
    default=HTML,
    show_default=True,
)
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=N_(
        "'Today' for contract expiry and the lint rules "
        "[default: reference_date in the settings, else today]."
    ),
)
@click.option("--dot", "dot_binary", help=N_("The Graphviz binary to draw the charts with."))
def docs(
    path: Path | None,
    jobs: int | None,
    limits: Limits,
    output: Path,
    output_format: str,
    reference_date: dt.datetime | None,
    dot_binary: str | None,
) -> None:
    organisation = org_path(path)
    try:
        check_outside(output, organisation)
        if output.exists() and not output.is_dir():
            raise OutputError(f"{output}: exists and is not a directory")
        if output_format == HTML:
            _require_svg_renderer(dot_binary)
        settings = settings_for(
            organisation, None, reference_date.date() if reference_date else None
        )
        result = run_check(organisation, settings, limits=limits, jobs=jobs)
    except (ConfigError, OutputError, RendererError) as error:
        raise click.UsageError(str(error)) from None
    if not result.load.ok:
        colored = use_color(None)
        click.echo(
            render_text(from_check(result), ReportOptions(color=colored)), nl=False, color=colored
        )
        click.echo(_("no site written: the organisation does not validate"), err=True)
        raise SystemExit(Exit.FINDINGS)
    note_reference_date(settings.reference_date, settings.reference_date_from)
    plan = plan_site(result, SiteOptions(output_format, dot_binary, jobs))
    try:
        if sys.stderr.isatty():
            with click.progressbar(
                length=plan.steps, label=_("Building the site"), file=sys.stderr
            ) as bar:
                written, total = write_site_as_made(plan, output, bar.update)
        else:
            written, total = write_site_as_made(plan, output)
    except (RendererError, OutputError) as error:
        raise click.UsageError(str(error)) from None
    pages = len(plan.pages)
    charts = len(plan.charts) if output_format == HTML else 0
    index = output / ("index.html" if output_format == HTML else "index.md")
    click.echo(_summary(output, pages, charts, written, total, index), err=True)
    raise SystemExit(Exit.OK)


def _summary(output: Path, pages: int, charts: int, written: int, total: int, index: Path) -> str:
    """``site: 40 pages, 12 charts; 53 files written. Open site/index.html``."""
    if written == total:
        changed = ngettext("{n} file written", "{n} files written", written)
    elif written == 0:
        changed = _("no file changed")
    else:
        changed = ngettext(
            "{n} of {total} files written, the others unchanged",
            "{n} of {total} files written, the others unchanged",
            written,
        )
    changed = changed.format(n=numbers.number(written, 0), total=numbers.number(total, 0))
    built = ngettext("{n} page", "{n} pages", pages).format(n=numbers.number(pages, 0))
    if charts:
        drawn = ngettext("{n} chart", "{n} charts", charts).format(n=numbers.number(charts, 0))
        built = f"{built}, {drawn}"
    return _("{output}: {built}; {changed}. Open {index}").format(
        output=output, built=built, changed=changed, index=index
    )
