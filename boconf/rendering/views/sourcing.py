"""`sourcing`: where the work is done and by whom. Units on the left; on the right a cluster per
location (and per vendor whose site is not given) holding who works there; shares on the edges;
colours per sourcing model."""

from __future__ import annotations

from decimal import Decimal

from boconf.i18n import N_, _
from boconf.model.entities import IN_HOUSE
from boconf.numbers import percent
from boconf.rendering.chart import Chart, Cluster
from boconf.rendering.views.common import (
    ViewContext,
    ViewSpec,
    finding_class,
    select_units,
    unit_lines,
)
from boconf.rendering.views.sourcing_labels import badge

TITLE = N_("Sourcing")


def build(context: ViewContext) -> Chart:
    structure = context.structure
    tree = structure.tree
    chart = Chart(
        _(TITLE),
        direction="LR",
    )
    clusters: dict[str, Cluster] = {}
    edges: list[tuple[str, str, str]] = []
    for unit_id in select_units(context):
        unit = tree.units[unit_id]
        chart.add_node(
            f"unit:{unit_id}",
            [*unit_lines(structure, unit_id)[:2], badge(structure, unit_id)],
            (tree.sourcing_model(unit_id).value, *finding_class(context, "unit", unit_id)),
            context.link("unit", unit_id),
            unit_id,
        )
        allocations = unit.sourcing or []
        work: list[tuple[str, str | None, Decimal | None]] = [
            (a.provider, a.location, a.share) for a in allocations
        ] or [(IN_HOUSE, None, None)]
        for provider, location, share in work:
            where = location or (
                structure.unit_locations[unit_id] if provider == IN_HOUSE else None
            )
            model = tree.allocation_model(unit_id, provider, location)
            if where is not None:
                place = tree.locations[where]
                cluster_key = f"location:{where}"
                cluster_label = f"{place.name} ({place.city}, {place.country})"
            else:
                vendor = tree.vendors[provider]
                cluster_key = f"vendor:{provider}"
                cluster_label = _("{vendor} (site not given, {country})").format(
                    vendor=vendor.name, country=vendor.country
                )
            who_key = f"provider:{provider}@{where or '-'}"
            who = _("own staff") if provider == IN_HOUSE else tree.vendors[provider].name
            chart.add_node(who_key, [who], (model.value, "provider"))
            cluster = clusters.setdefault(
                cluster_key, Cluster(chart.node_id(cluster_key), cluster_label)
            )
            if chart.node_id(who_key) not in cluster.nodes:
                cluster.nodes.append(chart.node_id(who_key))
            edges.append(
                (f"unit:{unit_id}", who_key, percent(share, 0) if share is not None else "100%")
            )
    chart.clusters = [clusters[key] for key in sorted(clusters)]
    for source, target, label in edges:
        chart.add_edge(source, target, label=label)
    return chart


VIEW = ViewSpec("sourcing", build)
