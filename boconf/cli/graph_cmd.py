"""`boconf graph`: export the organisation graph for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from boconf.cli.exit_codes import Exit
from boconf.cli.options import loading_options, org_path
from boconf.graph.export import build_graph, to_graphml, to_json
from boconf.loading.limits import MIB, Limits
from boconf.reporting.report import from_load
from boconf.reporting.text_report import render as render_text
from boconf.validation.run import load_organisation


@click.command(
    help="""Export the organisation as a graph (typed nodes and edges).

\b
Examples:
  boconf graph --format json -o org.json      node-link JSON (networkx, d3)
  boconf graph --format graphml -o org.graphml  yEd, Gephi, Cytoscape
"""
)
@loading_options
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
    help="Write to FILE instead of stdout.",
)
def graph(
    path: Path | None, jobs: int | None, max_file_size: int, output_format: str, output: Path | None
) -> None:
    loaded = load_organisation(
        org_path(path), limits=Limits(max_file_size=max_file_size * MIB), jobs=jobs
    )
    if not loaded.ok or loaded.tree is None:
        click.echo(render_text(from_load(loaded)), nl=False, err=True)
        raise SystemExit(Exit.FINDINGS)
    exported = build_graph(loaded.tree)
    text = to_json(exported) if output_format == "json" else to_graphml(exported)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(
            f"wrote {output}: {exported.number_of_nodes()} nodes, {exported.number_of_edges()} edges",
            err=True,
        )
    raise SystemExit(Exit.OK)
