"""Where each page and anchor lives, and relative links between them.

Every link is relative, so the site works from ``file://`` and from any web server path.
Ids may contain ``:``, which at the start of a relative URL would read as a scheme
(``mailto:x.html``); file names replace it with ``~``, which ids cannot contain, so two ids
never share a file.
"""

from __future__ import annotations

from boconf.website.refs import CONTRACT, LOCATION, ORGANISATION, POSITION, UNIT, VENDOR, Ref

UNITS_DIR = "units"
CHARTS_DIR = "charts"
STYLESHEET = "style.css"
SCRIPT = "filter.js"
CHART_SCRIPT = "charts.js"


def slug(identifier: str) -> str:
    return identifier.replace(":", "~")


def unit_page(unit_id: str, ext: str) -> str:
    """The site-relative path of a unit's page."""
    return f"{UNITS_DIR}/{slug(unit_id)}{ext}"


def anchor(kind: str, identifier: str) -> str:
    """The id of an entity's row or heading on its page (ids are safe in an HTML id)."""
    return f"{kind}-{identifier}"


class Links:
    """Links from one page: ``depth`` directories below the site root, pages ending in ``ext``."""

    def __init__(self, depth: int, ext: str) -> None:
        self.root = "../" * depth
        self.ext = ext

    def page(self, name: str) -> str:
        return f"{self.root}{name}{self.ext}"

    def asset(self, path: str) -> str:
        return f"{self.root}{path}"

    def unit(self, unit_id: str) -> str:
        return self.root + unit_page(unit_id, self.ext)

    def href(self, ref: Ref) -> str | None:
        """The link to a reference's page (and anchor), or None when it has no page."""
        if ref.kind == UNIT:
            return self.unit(ref.id)
        if ref.kind == POSITION and ref.unit is not None:
            return f"{self.unit(ref.unit)}#{anchor(POSITION, ref.id)}"
        if ref.kind in (VENDOR, CONTRACT):
            return f"{self.page('vendors')}#{anchor(ref.kind, ref.id)}"
        if ref.kind == LOCATION:
            return f"{self.page('locations')}#{anchor(LOCATION, ref.id)}"
        if ref.kind == ORGANISATION:
            return self.page("index")
        return None

    def chart_link(self, kind: str, identifier: str) -> str | None:
        """For ViewContext.link: views ask for the page of a unit."""
        return self.unit(identifier) if kind == UNIT else None
