"""`boconf graph`: export the organisation graph for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.help import HelpCommand
from boconf.cli.loaded import emit, valid_organisation
from boconf.cli.options import org_path, organisation_options
from boconf.graph.export import build_graph, to_graphml, to_json
from boconf.i18n import N_
from boconf.loading.limits import Limits


@click.command(
    cls=HelpCommand,
    help=N_("""Export the organisation as a graph (typed nodes and edges).

\b
Examples:
  boconf graph --format json -o org.json      node-link JSON (networkx, d3)
  boconf graph --format graphml -o org.graphml  yEd, Gephi, Cytoscape
"""),
)
@organisation_options()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "graphml"]),
    default="json",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Write to FILE instead of stdout."),
)
def graph(
    path: Path | None, jobs: int | None, limits: Limits, output_format: str, output: Path | None
) -> None:
    organisation = org_path(path)
    _loaded, tree = valid_organisation(organisation, limits, jobs)
    exported = build_graph(tree)
    text = to_json(exported) if output_format == "json" else to_graphml(exported)
    emit(
        text,
        output,
        organisation,
        f"{exported.number_of_nodes()} nodes, {exported.number_of_edges()} edges",
    )
