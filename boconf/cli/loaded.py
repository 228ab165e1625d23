"""What the commands that read an organisation share: the organisation, valid or exit 1, and
their text written to stdout or to a file."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.progress import progress
from boconf.diagnostics import Diagnostic
from boconf.formats.report import from_load, hint_line
from boconf.formats.text_report import render as render_text
from boconf.i18n import _
from boconf.load import LoadResult, load_organisation
from boconf.loading.cache import ParseCache
from boconf.loading.limits import Limits
from boconf.model.tree import OrgTree
from boconf.output import OutputError, check_outside, write_atomic


def valid_organisation(
    organisation: Path,
    limits: Limits | None = None,
    jobs: int | None = None,
    *,
    cache: ParseCache | None = None,
    label: str = "",
    hint: str = "",
    progress_label: str = "",
) -> tuple[LoadResult, OrgTree]:
    """The organisation at ``organisation``; if it does not validate, its diagnostics on
    stderr (after ``label`` and before ``hint``, when given) and exit 1. With a
    ``progress_label``, a long load shows progress on a terminal."""
    if progress_label:
        with progress(progress_label) as shown:
            loaded = load_organisation(
                organisation,
                limits=limits,
                jobs=jobs,
                cache=cache,
                progress=shown.update if shown else None,
            )
    else:
        loaded = load_organisation(organisation, limits=limits, jobs=jobs, cache=cache)
    if not loaded.ok or loaded.tree is None:
        if label:
            click.echo(_("{label} does not validate:").format(label=label), err=True)
        click.echo(render_text(from_load(loaded)), nl=False, err=True)
        if hint:
            click.echo(hint, err=True)
        raise SystemExit(Exit.FINDINGS)
    return loaded, loaded.tree


def emit(text: str, output: Path | None, organisation: Path, wrote: str = "") -> NoReturn:
    """``text`` on stdout, or written atomically to ``output`` (never inside the organisation),
    then exit 0."""
    if output is None:
        click.echo(text, nl=False)
        raise SystemExit(Exit.OK)
    write_output(text.encode("utf-8"), output, organisation)
    written = _("wrote {path}").format(path=output)
    click.echo(f"{written}{': ' + wrote if wrote else ''}", err=True)
    raise SystemExit(Exit.OK)


def echo_errors(diagnostics: list[Diagnostic]) -> None:
    """Diagnostics that stop a command before its work (settings, a baseline, an edit), on
    stderr as the text report writes them."""
    for d in diagnostics:
        click.echo(f"{d.location}: error[{d.code}]: {d.message}", err=True)
        if d.hint:
            click.echo("    " + hint_line(d.hint), err=True)


def refuse_inside(output: Path | None, organisation: Path) -> None:
    """A usage error (exit 2) if ``output`` is inside the organisation: checked before the
    work, so that a mistyped path fails at once, not after a long run."""
    if output is None:
        return
    try:
        check_outside(output, organisation)
    except OutputError as error:
        raise click.UsageError(str(error)) from None


def write_output(data: bytes, output: Path, organisation: Path) -> None:
    """The one way a command writes a file it was given: never inside the organisation (the
    next run would read it as part of the tree), atomically (never half a file)."""
    refuse_inside(output, organisation)
    try:
        write_atomic(output, data)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
