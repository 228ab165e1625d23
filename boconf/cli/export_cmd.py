"""`boconf export`: the organisation handed to other tools.

Each format is its own module, so adding one never touches another.
"""

from __future__ import annotations

import click

from boconf.cli.export_backstage_cmd import export_backstage
from boconf.cli.export_csv_cmd import export_csv
from boconf.cli.help import HelpGroup
from boconf.i18n import N_


@click.group(
    "export", cls=HelpGroup, help=N_("Export the organisation to other tools (CSV, Backstage).")
)
def export_group() -> None:
    pass


export_group.add_command(export_csv)
export_group.add_command(export_backstage)
