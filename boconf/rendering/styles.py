"""How each chart class looks: one palette for DOT and Mermaid alike."""

from __future__ import annotations

# class -> (fill, stroke, extra DOT style words); later classes in a node's list win.
PALETTE: dict[str, tuple[str, str]] = {
    "front": ("#dbeafe", "#1e40af"),
    "back": ("#fef3c7", "#92400e"),
    "head": ("#fde68a", "#92400e"),
    "in_house": ("#dcfce7", "#166534"),
    "captive": ("#e0f2fe", "#075985"),
    "outsourced": ("#ffedd5", "#9a3412"),
    "mixed": ("#ede9fe", "#5b21b6"),
    "filled": ("#ffffff", "#374151"),
    "vacant": ("#f3f4f6", "#6b7280"),
    # A box drawn again under a dotted-line manager (rendering.chart.ECHO).
    "echo": ("#f9fafb", "#6b7280"),
    "unsupported": ("#fee2e2", "#b91c1c"),
    "finding-warning": ("", "#d97706"),
    "finding-error": ("", "#dc2626"),
    # A paged chart's boxes that open another page (see rendering.paging).
    "page-link": ("#eef2ff", "#3730a3"),
    "crumb": ("#f9fafb", "#6b7280"),
    # What a change does (the diff chart).
    "change-added": ("#dcfce7", "#15803d"),
    "change-removed": ("#fee2e2", "#b91c1c"),
    "change-moved": ("#fef3c7", "#b45309"),
    "change-changed": ("#dbeafe", "#1d4ed8"),
    "change-renamed": ("#ede9fe", "#6d28d9"),
}
DASHED = frozenset({"vacant", "change-removed", "crumb"})
DOTTED = frozenset({"echo"})
DOUBLE = frozenset({"multi"})
# Classes written into the SVG too (``class="node page-link"``), for the site's script and tests.
SVG_CLASSES = frozenset({"page-link", "crumb"})
THICK = frozenset({"page-link", "head", "unsupported", "finding-warning", "finding-error"})
ROUNDED_PROVIDER = "provider"


def colours(classes: tuple[str, ...]) -> tuple[str, str]:
    fill, stroke = "#ffffff", "#374151"
    for name in classes:
        if name in PALETTE:
            new_fill, new_stroke = PALETTE[name]
            fill = new_fill or fill
            stroke = new_stroke or stroke
    return fill, stroke
