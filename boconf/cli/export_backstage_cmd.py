"""`boconf export backstage`: the organisation as Backstage Group and User entities."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpCommand
from boconf.cli.loaded import valid_organisation
from boconf.cli.options import org_path, organisation_options
from boconf.graph.structure import build_structure
from boconf.i18n import N_, _
from boconf.interop.backstage_export import build_catalog, write_catalog
from boconf.loading.limits import Limits
from boconf.output import OutputError, check_outside


@click.command(
    "backstage",
    cls=HelpCommand,
    # The file name is written out (not CATALOG_FILE) so that the text can be translated;
    # tests/test_help_i18n.py checks the two agree.
    help=N_(
        """Write the organisation as a Backstage catalog: DIR/org.yaml.

\b
One multi-document YAML file: a Group for the organisation (type
organization), a Group per unit (department if it has sub-units, else team)
with parent, children and members, and a User per person with memberOf.
Managers, office, function and sourcing are boconf.io/ annotations and
labels. Ids Backstage would refuse are mapped to valid names; clashes are
reported on stderr. The same organisation always gives the same bytes.

\b
Register it in Backstage's app-config.yaml (Group and User entities must be
allowed from that location):
  catalog:
    locations:
      - type: file
        target: ../../backstage/org.yaml
        rules: [{allow: [Group, User]}]

\b
Examples:
  boconf export backstage -o backstage
  boconf export backstage path/to/org -o build/catalog
"""
    ),
)
@organisation_options()
@click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=N_("Directory to write org.yaml into (created if missing)."),
)
def export_backstage(path: Path | None, jobs: int | None, limits: Limits, output: Path) -> None:
    organisation = org_path(path)
    _loaded, tree = valid_organisation(organisation, limits, jobs)
    catalog = build_catalog(build_structure(tree))
    try:
        check_outside(output, organisation)
        target = write_catalog(catalog, output)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    for collision in catalog.collisions:
        click.echo(_("warning: {message}").format(message=collision.message), err=True)
    wrote = _("wrote {path}: {groups} groups, {users} users")
    click.echo(
        wrote.format(path=target, groups=len(catalog.groups), users=len(catalog.users)), err=True
    )
    raise SystemExit(Exit.OK)
