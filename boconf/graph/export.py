"""The organisation as a NetworkX graph, for other tools (GraphML, node-link JSON).

Nodes are ``kind:id`` (``unit:credit``, ``position:ceo``) with a ``kind`` attribute and the
entity's plain fields; edges are typed: reports_to, dotted_to (position -> position), part_of
(position -> unit, unit -> parent unit), manages (position -> unit), holds (person ->
position), supports (unit -> unit), sourced_from (unit -> vendor or location, with share and
contract), located_at (unit/position -> location), under (contract -> vendor), owns
(position -> contract). Built in sorted order so exports are byte-identical across runs.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from boconf.model.entities import IN_HOUSE
from boconf.model.tree import OrgTree


def node(kind: str, identifier: str) -> str:
    return f"{kind}:{identifier}"


def _attributes(kind: str, identifier: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Scalar attributes only (GraphML has no lists or nulls)."""
    attributes: dict[str, Any] = {"kind": kind, "id": identifier}
    for name, value in fields.items():
        if value is None or isinstance(value, list | dict):
            continue
        attributes[name] = value if isinstance(value, bool | int | str) else str(value)
    return attributes


def build_graph(tree: OrgTree) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=tree.organisation.name)
    exclude = {
        "api_version",
        "kind",
        "lint",
        "positions",
        "contracts",
        "sourcing",
        "supports",
        "dotted_to",
        "tags",
        "functions",
    }

    def add(kind: str, identifier: str, entity: Any) -> None:
        graph.add_node(
            node(kind, identifier),
            **_attributes(kind, identifier, entity.model_dump(exclude=exclude, mode="json")),
        )

    add("organisation", tree.organisation.id, tree.organisation)
    for kind, table in (
        ("location", tree.locations),
        ("vendor", tree.vendors),
        ("contract", tree.contracts),
        ("unit", tree.units),
        ("position", tree.positions),
        ("person", tree.people),
    ):
        for identifier in sorted(table):
            add(kind, identifier, table[identifier])

    def edge(source: str, target: str, kind: str, **attributes: Any) -> None:
        graph.add_edge(source, target, key=kind, type=kind, **attributes)

    organisation = node("organisation", tree.organisation.id)
    edge(organisation, node("location", tree.organisation.headquarters), "located_at")
    edge(node("position", tree.organisation.back_office_head), organisation, "heads_back_office")
    for identifier in sorted(tree.contracts):
        contract = tree.contracts[identifier]
        edge(
            node("contract", identifier), node("vendor", tree.contract_vendor[identifier]), "under"
        )
        edge(node("position", contract.owner), node("contract", identifier), "owns")
    for identifier in sorted(tree.units):
        unit = tree.units[identifier]
        here = node("unit", identifier)
        if unit.parent:
            edge(here, node("unit", unit.parent), "part_of")
        if unit.manager:
            edge(node("position", unit.manager), here, "manages")
        if unit.location:
            edge(here, node("location", unit.location), "located_at")
        for target in sorted(unit.supports):
            edge(here, node("unit", target), "supports")
        for index, allocation in enumerate(unit.sourcing or []):
            where = allocation.location or tree.unit_location(identifier)
            share = str(allocation.share)
            if allocation.provider == IN_HOUSE:
                graph.add_edge(
                    here,
                    node("location", where),
                    key=f"sourced_from:{index}",
                    type="sourced_from",
                    share=share,
                    provider=IN_HOUSE,
                )
            else:
                graph.add_edge(
                    here,
                    node("vendor", allocation.provider),
                    key=f"sourced_from:{index}",
                    type="sourced_from",
                    share=share,
                    location=where,
                    contract=allocation.contract or "",
                )
    for identifier in sorted(tree.positions):
        post = tree.positions[identifier]
        here = node("position", identifier)
        if post.unit:
            edge(here, node("unit", post.unit), "part_of")
        if post.reports_to:
            edge(here, node("position", post.reports_to), "reports_to")
        for target in sorted(post.dotted_to):
            edge(here, node("position", target), "dotted_to")
        if post.holder:
            edge(node("person", post.holder), here, "holds")
        if post.location:
            edge(here, node("location", post.location), "located_at")
    return graph


def to_json(graph: nx.MultiDiGraph[str]) -> str:
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def to_graphml(graph: nx.MultiDiGraph[str]) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")
