"""A page of the site: where it goes, which template draws it, and what it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from boconf.i18n import N_

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

    @property
    def depth(self) -> int:
        """Directories below the site root, for relative links."""
        return self.path.count("/")
