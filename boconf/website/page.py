"""A page of the site: where it goes, which template draws it, and what it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from boconf.i18n import N_

if TYPE_CHECKING:
    from boconf.website.charts import PlannedChart

HTML = "html"
MARKDOWN = "markdown"
EXTENSIONS = {HTML: ".html", MARKDOWN: ".md"}

Progress = Callable[[int], None]  # called with the number of steps just done

# The navigation bar: page name -> label (translated where the templates show it).
NAVIGATION = (
    ("index", N_("Overview")),
    ("units", N_("Units")),
    ("vendors", N_("Vendors")),
    ("locations", N_("Locations")),
    ("functions", N_("Functions")),
    ("findings", N_("Findings")),
)


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site root
    template: str  # without extension: the HTML and Markdown templates share names
    title: str
    context: dict[str, Any]
    charts: tuple[PlannedChart, ...] = ()  # the charts it shows (``charts`` in its template)
    # The rest of its context, made when the page is drawn: a unit page's tables are made by
    # the worker process that draws the page (boconf.website.build), not while planning.
    more: Callable[[], dict[str, Any]] | None = None

    def full_context(self) -> dict[str, Any]:
        made = self.more() if self.more is not None else {}
        return {**self.context, **made, "charts": list(self.charts)}

    @property
    def depth(self) -> int:
        """Directories below the site root, for relative links."""
        return self.path.count("/")
