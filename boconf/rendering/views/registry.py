"""The views, by name."""

from __future__ import annotations

from collections.abc import Callable

from boconf.rendering.chart import Chart
from boconf.rendering.views import (
    back_office,
    reporting,
    sourcing,
    sourcing_mix,
    structure,
    support,
)
from boconf.rendering.views.common import ViewContext

VIEWS: dict[str, Callable[[ViewContext], Chart]] = {
    "reporting": reporting.build,
    "structure": structure.build,
    "back-office": back_office.build,
    "sourcing": sourcing.build,
    "sourcing-mix": sourcing_mix.build,
    "sourcing-mix-cost": sourcing_mix.build_cost,
    "support": support.build,
}
