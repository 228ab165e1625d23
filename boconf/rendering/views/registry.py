"""The views, by name: each module describes its own (:class:`ViewSpec`); one line each here."""

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
from boconf.rendering.views.common import ViewContext, ViewSpec

SPECS: tuple[ViewSpec, ...] = (
    reporting.VIEW,
    structure.VIEW,
    back_office.VIEW,
    sourcing.VIEW,
    sourcing_mix.VIEW,
    sourcing_mix.COST_VIEW,
    support.VIEW,
)

BY_NAME: dict[str, ViewSpec] = {spec.name: spec for spec in SPECS}
VIEWS: dict[str, Callable[[ViewContext], Chart]] = {spec.name: spec.build for spec in SPECS}
# The site's overview, in its order.
OVERVIEW: tuple[ViewSpec, ...] = tuple(
    sorted((spec for spec in SPECS if spec.overview is not None), key=lambda s: s.overview or 0)
)
