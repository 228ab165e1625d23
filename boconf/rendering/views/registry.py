"""The views, by name."""

from __future__ import annotations

from collections.abc import Callable

from boconf.rendering.chart import Chart
from boconf.rendering.views import back_office, reporting, sourcing, structure, support
from boconf.rendering.views.common import ViewContext

VIEWS: dict[str, Callable[[ViewContext], Chart]] = {
    "reporting": reporting.build,
    "structure": structure.build,
    "back-office": back_office.build,
    "sourcing": sourcing.build,
    "support": support.build,
}
