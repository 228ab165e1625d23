"""`boconf init`: scaffold a new organisation repository."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.options import lang_option
from boconf.i18n import N_, _, ngettext
from boconf.interop.scaffold import (
    ExistingFilesError,
    ScaffoldError,
    ScaffoldOptions,
    other_yaml_files,
    write_scaffold,
)

DEFAULTS = ScaffoldOptions()


@click.command(
    "init",
    cls=HelpCommand,
    help=N_("""Create a new organisation repository in DIR (default: the current directory).

\b
Writes a small organisation that passes `boconf check` with no findings: an
Organisation, a headquarters Location, a general management, a front-office
sales unit, a back-office administration unit headed by the COO (the
back-office head) with IT support below it, their positions and people; the
lint settings (.boconf.yaml), the JSON Schemas the files' $schema lines point
to, a pre-commit configuration with the boconf-check hook, a GitHub Actions
workflow and a README for the admins who keep it.

\b
Never overwrites a file unless --force is given: if any file it would write
exists, it lists them, writes nothing and exits 2.

\b
Examples:
  boconf init                                   in the current directory
  boconf init acme-org --name "Acme S.p.A."
  boconf init acme-org --name "Acme Ltd" --country GB --city London --currency GBP
  boconf init . --force                         rewrite the starter files
  boconf init acme-org --install-from "boconf==0.1.0"
  boconf init acme-org --install-from git+https://git.example.com/tools/boconf.git
"""),
)
@click.argument("directory", type=click.Path(path_type=Path), default=Path(), required=False)
@click.option(
    "--name", default=DEFAULTS.name, show_default=True, help=N_("The organisation's name.")
)
@click.option(
    "--currency",
    default=DEFAULTS.currency,
    show_default=True,
    help=N_("ISO 4217 code every cost is expressed in."),
)
@click.option(
    "--country",
    default=DEFAULTS.country,
    show_default=True,
    help=N_("ISO 3166-1 alpha-2 code of the headquarters."),
)
@click.option(
    "--city", default=DEFAULTS.city, show_default=True, help=N_("City of the headquarters.")
)
@click.option(
    "--install-from",
    "install_from",
    metavar="SPEC",
    help=N_(
        "Where the new repository's CI and admins install boconf from: a pip requirement "
        "(boconf==0.1.0), a URL (git+https://...) or a path. Default: the checkout this boconf "
        "runs from, if it is one, else boconf from the package index."
    ),
)
@click.option("--force", is_flag=True, help=N_("Overwrite files that exist already."))
@lang_option
def init(
    directory: Path,
    name: str,
    currency: str,
    country: str,
    city: str,
    install_from: str | None,
    force: bool,
) -> None:
    options = ScaffoldOptions(
        name=name.strip(),
        currency=currency.upper(),
        country=country.upper(),
        city=city.strip(),
        install_from=install_from,
    )
    try:
        written = write_scaffold(directory, options, force=force)
    except ExistingFilesError as conflict:
        exist = ngettext(
            "boconf init: {n} file(s) in {directory} exist already; nothing was written:",
            "boconf init: {n} file(s) in {directory} exist already; nothing was written:",
            len(conflict.existing),
        )
        click.echo(exist.format(n=len(conflict.existing), directory=directory), err=True)
        for existing in conflict.existing:
            click.echo(f"  {directory / existing}", err=True)
        click.echo(_("use --force to overwrite them, or choose another directory"), err=True)
        raise SystemExit(Exit.USAGE) from None
    except ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    click.echo(_("created the organisation repository in {directory}:").format(directory=directory))
    for relative in written:
        click.echo(f"  {relative}")
    extra = other_yaml_files(directory, written)
    if extra:
        note = ngettext(
            "note: org/ also holds {n} other YAML file(s) that `boconf check` reads: {files}",
            "note: org/ also holds {n} other YAML file(s) that `boconf check` reads: {files}",
            len(extra),
        )
        click.echo(note.format(n=len(extra), files=", ".join(extra)))
    steps = (
        []
        if directory.resolve() == Path.cwd().resolve()
        else [(f"cd {shlex.quote(str(directory))}", "")]
    )
    steps += [
        ("boconf check", _("validate and lint: it reports no findings")),
        ("$EDITOR org/", _("your units, positions and people (README.md says how)")),
        ("git init && git add . && git commit -m 'Organisation as code'", ""),
        ("pre-commit install", _("run boconf check before every commit")),
    ]
    click.echo("\n" + _("next:"))
    for command, why in steps:
        click.echo(f"  {command:<22}{why}".rstrip() if why else f"  {command}")
    raise SystemExit(Exit.OK)
