"""A chart that is a table: the support matrix and the sourcing bars.

Graphviz draws a table as one node with an HTML-like label, so a table chart gets what every
chart gets (SVG, PNG and PDF from the same renderer, DejaVu Sans metrics, the font stack, a
golden DOT file) without a layout of its own. Cells hold user text, escaped here for the HTML
label; a bar cell is a row of fixed-size coloured segments, as wide as their values.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

# Points of padding around a cell's text, and the height of a bar.
PADDING = 4
BAR_HEIGHT = 14


@dataclass(frozen=True)
class Segment:
    width: int  # points; the segments of a bar and its filler add up to the bar's full width
    fill: str  # a colour; "" for the transparent filler after a shorter bar
    tooltip: str = ""


@dataclass(frozen=True)
class Cell:
    lines: tuple[str, ...] = ()  # user text, one box line each
    fill: str = ""  # background colour; "" for none
    colour: str = ""  # text colour; "" for the default
    bold: bool = False
    align: str = "CENTER"  # LEFT | CENTER | RIGHT
    colspan: int = 1
    rowspan: int = 1
    link: str | None = None
    tooltip: str = ""
    bar: tuple[Segment, ...] = ()  # a bar cell draws these instead of text
    width: int = 0  # a minimum width in points (0: as wide as its text)
    inner: Table | None = None  # a nested table (a legend) instead of text


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    borders: bool = True  # a grid (the matrix) or none (the bars)


# After a backslash: graphviz-pure expands escapes such as \N (the node's name) even in
# HTML-like text and entities, Graphviz only in attributes such as TITLE; a backslash followed
# by this invisible word joiner is no escape to either, and reads as the backslash it is.
_NO_ESCAPE = "\u2060"


def _text(text: str) -> str:
    """User text for an HTML-like label: markup characters escaped, no line breaks (Graphviz
    would keep a raw newline), no control characters, no backslash escapes."""
    flat = " ".join(text.replace("\r", " ").split("\n"))
    flat = "".join(c for c in flat if c >= " " or c == "\t")
    return html.escape(flat.replace("\\", "\\" + _NO_ESCAPE), quote=True)


def _attributes(values: dict[str, str]) -> str:
    return "".join(f' {name}="{_text(value)}"' for name, value in values.items() if value)


def _bar(segments: tuple[Segment, ...]) -> str:
    cells = "".join(
        f"<TD{_attributes({'FIXEDSIZE': 'TRUE', 'WIDTH': str(s.width), 'HEIGHT': str(BAR_HEIGHT), 'BGCOLOR': s.fill, 'TITLE': s.tooltip})}></TD>"
        for s in segments
        if s.width > 0
    )
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{cells}</TR></TABLE>'
    )


def _cell(cell: Cell) -> str:
    attributes = {
        "ALIGN": cell.align,
        "BGCOLOR": cell.fill,
        "COLSPAN": str(cell.colspan) if cell.colspan > 1 else "",
        "ROWSPAN": str(cell.rowspan) if cell.rowspan > 1 else "",
        "HREF": cell.link or "",
        "TITLE": cell.tooltip,
        "WIDTH": str(cell.width) if cell.width else "",
    }
    if cell.bar:
        return f"<TD{_attributes(attributes)}>{_bar(cell.bar)}</TD>"
    if cell.inner is not None:
        return f"<TD{_attributes(attributes)}>{_table(cell.inner)}</TD>"
    lines = []
    for line in cell.lines:
        text = _text(line)
        if cell.colour:
            text = f'<FONT COLOR="{_text(cell.colour)}">{text}</FONT>'
        if cell.bold:
            text = f"<B>{text}</B>"
        lines.append(text)
    # An empty cell still gets a (blank) line, so a row keeps its height.
    return f"<TD{_attributes(attributes)}>{'<BR/>'.join(lines) or ' '}</TD>"


def _table(table: Table) -> str:
    border = "1" if table.borders else "0"
    # A row a line: Graphviz ignores the whitespace between tags, and golden files diff well.
    rows = "\n".join(f"<TR>{''.join(_cell(cell) for cell in row)}</TR>" for row in table.rows)
    return (
        f'<TABLE BORDER="0" CELLBORDER="{border}" CELLSPACING="0" '
        f'CELLPADDING="{PADDING}" COLOR="#9ca3af">{rows}</TABLE>'
    )


def to_html_label(table: Table) -> str:
    """The table as a Graphviz HTML-like label, ``<`` ... ``>`` included."""
    return f"<{_table(table)}>"
