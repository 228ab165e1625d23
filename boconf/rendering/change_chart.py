"""The part of the organisation a change touches, as a chart for the pull-request comment.

Positions that were added, removed, moved, changed or renamed, each with the manager above it
(before and after, for a move) as context; units the same way when no position changed.
Added, removed, moved, changed and renamed nodes are classed so the backends colour them;
a removed node and its old reporting line are dashed, a moved node's old line is dotted.
"""

from __future__ import annotations

from boconf.diff.compare import MOVED_CHANGED, REMOVED, Comparison
from boconf.i18n import N_, _
from boconf.model.tree import OrgTree
from boconf.rendering.chart import Chart

# Above this many nodes a chart stops being readable in a comment: it is left out, and said so.
CHART_LIMIT = 60
STATUS_WORDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "moved": N_("moved"),
    MOVED_CHANGED: N_("moved, changed"),
    "changed": N_("changed"),
    "renamed": N_("renamed"),
}
TITLES = {
    "position": N_("positions touched by the change"),
    "unit": N_("units touched by the change"),
}


def _class(change: str) -> str:
    return "change-moved" if change == MOVED_CHANGED else f"change-{change}"


def change_chart(
    comparison: Comparison, before: OrgTree, after: OrgTree, limit: int = CHART_LIMIT
) -> Chart | None:
    """The affected subtree; None when nothing in it changed or it has over ``limit`` nodes."""
    kind = "position"
    changes = [c for c in comparison.changes if c.kind == kind]
    if not changes:
        kind = "unit"
        changes = [c for c in comparison.changes if c.kind == kind]
    if not changes:
        return None
    entities_before, entities_after = before.entities()[kind], after.entities()[kind]
    parent_field = "reports_to" if kind == "position" else "parent"

    def parent(entities: dict[str, object], identifier: str) -> str | None:
        entity = entities.get(identifier)
        value = getattr(entity, parent_field, None) if entity is not None else None
        return value if isinstance(value, str) else None

    def label(identifier: str) -> list[str]:
        entity = entities_after.get(identifier) or entities_before.get(identifier)
        name = getattr(entity, "title" if kind == "position" else "name", identifier)
        return [str(name), identifier]

    status = {c.id: c.change for c in changes}
    nodes: list[str] = []
    edges: list[tuple[str, str, str, str]] = []  # (parent, child, kind, label)
    for change in changes:
        identifier = change.id
        nodes.append(identifier)
        new_parent = None if change.change == REMOVED else parent(entities_after, identifier)
        old_id = change.previous_id or identifier
        old_parent = parent(entities_before, old_id) if change.change != "added" else None
        if new_parent is not None:
            nodes.append(new_parent)
            edges.append((new_parent, identifier, "solid", ""))
        if old_parent is not None and old_parent != new_parent:
            nodes.append(old_parent)
            dashed = change.change == REMOVED
            edges.append((old_parent, identifier, "dashed", "" if dashed else _("before")))
    ordered = list(dict.fromkeys(nodes))
    if len(ordered) > limit:
        return None
    chart = Chart(_(TITLES[kind]), direction="TB")
    for identifier in ordered:
        state = status.get(identifier)
        lines = label(identifier)
        if state is not None:
            lines.append(_(STATUS_WORDS[state]))
        chart.add_node(f"{kind}:{identifier}", lines, (_class(state),) if state else ())
    for source, target, style, text in dict.fromkeys(edges):
        chart.add_edge(f"{kind}:{source}", f"{kind}:{target}", style, text)
    return chart


def chart_size(comparison: Comparison) -> int:
    """How many entities the chart would show at least (for the 'chart left out' note)."""
    positions = sum(1 for c in comparison.changes if c.kind == "position")
    return positions or sum(1 for c in comparison.changes if c.kind == "unit")
