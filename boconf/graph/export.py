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


# Fields that are edges or nested entities, not scalar attributes of a node.
_NOT_ATTRIBUTES = frozenset(
    {
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
)


def build_graph(tree: OrgTree) -> nx.MultiDiGraph[str]:
    """Every entity a node, every reference a typed edge; nodes first, then each kind's edges
    (the order, and so the exported bytes, never varies)."""
    builder = _Builder(tree)
    builder.nodes()
    builder.organisation_edges()
    builder.contract_edges()
    for identifier in sorted(tree.units):
        builder.unit_edges(identifier)
    for identifier in sorted(tree.positions):
        builder.position_edges(identifier)
    return builder.graph


class _Builder:
    def __init__(self, tree: OrgTree) -> None:
        self.tree = tree
        self.graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=tree.organisation.name)

    def _add(self, kind: str, identifier: str, entity: Any) -> None:
        fields = entity.model_dump(exclude=set(_NOT_ATTRIBUTES), mode="json")
        self.graph.add_node(node(kind, identifier), **_attributes(kind, identifier, fields))

    def _edge(self, source: str, target: str, kind: str) -> None:
        self.graph.add_edge(source, target, key=kind, type=kind)

    def nodes(self) -> None:
        tree = self.tree
        self._add("organisation", tree.organisation.id, tree.organisation)
        for kind, table in (
            ("location", tree.locations),
            ("vendor", tree.vendors),
            ("contract", tree.contracts),
            ("unit", tree.units),
            ("position", tree.positions),
            ("person", tree.people),
        ):
            for identifier in sorted(table):
                self._add(kind, identifier, table[identifier])

    def organisation_edges(self) -> None:
        organisation = self.tree.organisation
        here = node("organisation", organisation.id)
        self._edge(here, node("location", organisation.headquarters), "located_at")
        self._edge(node("position", organisation.back_office_head), here, "heads_back_office")

    def contract_edges(self) -> None:
        for identifier in sorted(self.tree.contracts):
            contract = node("contract", identifier)
            vendor = self.tree.contract_vendor[identifier]
            self._edge(contract, node("vendor", vendor), "under")
            self._edge(node("position", self.tree.contracts[identifier].owner), contract, "owns")

    def unit_edges(self, identifier: str) -> None:
        unit = self.tree.units[identifier]
        here = node("unit", identifier)
        if unit.parent:
            self._edge(here, node("unit", unit.parent), "part_of")
        if unit.manager:
            self._edge(node("position", unit.manager), here, "manages")
        if unit.location:
            self._edge(here, node("location", unit.location), "located_at")
        for target in sorted(unit.supports):
            self._edge(here, node("unit", target), "supports")
        for index, allocation in enumerate(unit.sourcing or []):
            where = allocation.location or self.tree.unit_location(identifier)
            # One edge per allocation (a unit may buy from one vendor under two contracts).
            key, share = f"sourced_from:{index}", str(allocation.share)
            target, extra = (
                (node("location", where), {"provider": IN_HOUSE})
                if allocation.provider == IN_HOUSE
                else (
                    node("vendor", allocation.provider),
                    {"location": where, "contract": allocation.contract or ""},
                )
            )
            self.graph.add_edge(here, target, key=key, type="sourced_from", share=share, **extra)

    def position_edges(self, identifier: str) -> None:
        post = self.tree.positions[identifier]
        here = node("position", identifier)
        if post.unit:
            self._edge(here, node("unit", post.unit), "part_of")
        if post.reports_to:
            self._edge(here, node("position", post.reports_to), "reports_to")
        for target in sorted(post.dotted_to):
            self._edge(here, node("position", target), "dotted_to")
        if post.holder:
            self._edge(node("person", post.holder), here, "holds")
        if post.location:
            self._edge(here, node("location", post.location), "located_at")


def to_json(graph: nx.MultiDiGraph[str]) -> str:
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def to_graphml(graph: nx.MultiDiGraph[str]) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")
