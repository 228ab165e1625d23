"""Pages as HTML5: Jinja2 templates with autoescaping on, one stylesheet, no script needed.

Every user string reaches the page through autoescaping (or ``Markup.format``, which escapes
its arguments); charts are SVG files shown with ``<img>``, where nothing in them can run, and
each opens on its own, where its boxes link to the unit pages.

The charts are also drawn inline on the pages that show them (:func:`inline_charts`), so that
their boxes link and the optional ``charts.js`` can pan, zoom and find names in them. The SVG
is Graphviz's, which writes every label escaped as XML text; the build checks that no chart
brings a script or an event handler before it inlines one.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import Environment
from markupsafe import Markup, escape

from boconf.i18n import _
from boconf.numbers import fte
from boconf.website import templating
from boconf.website.links import CHART_SCRIPT, SCRIPT, STYLESHEET, Links, anchor
from boconf.website.page import Page
from boconf.website.refs import POSITION, Ref
from boconf.website.support import MatrixRow
from boconf.website.unit_page import PostRow

TEMPLATES = "templates/html"
STATIC = (STYLESHEET, SCRIPT, CHART_SCRIPT)
NONE = Markup("&ndash;")


def environment() -> Environment:
    return templating.environment(
        TEMPLATES,
        autoescape=True,
        constant_text=True,
        matrix_cells=matrix_cells,
        position_rows=position_rows,
    )


def _mark_text() -> dict[str, str]:
    """A mark's symbol and its words for screen readers, in the active language."""
    direct = escape(_("supports"))
    inherited = escape(_("supports a parent unit"))
    return {
        "direct": f'<span aria-hidden="true">●</span><span class="sr">{direct}</span>',
        "inherited": f'<span aria-hidden="true">○</span><span class="sr">{inherited}</span>',
    }


def position_rows(
    rows: Sequence[PostRow],
    link: Callable[[Ref | None], Markup],
    link_list: Callable[[Iterable[Ref]], Markup],
) -> Markup:
    """A unit page's positions table: a row per post, as the template wrote them.

    Written here, not by a template loop: a 10,000-position organisation has 10,000 rows, a
    third of the time its unit pages took. Every user string is escaped here; the interface's
    words are Markup as the i18n extension's gettext makes them (``Markup(text) % values``).
    """
    badge = f' <span class="badge">{Markup(_("manager")) % {}}</span>'
    vacant = f'<span class="vacant">{Markup(_("vacant")) % {}}</span>'
    dotted = Markup(_("dotted line to %(positions)s"))
    made = []
    for row in rows:
        holder = escape(row.holder) if row.holder else vacant
        lines = ""
        if row.dotted_to:
            lines = f'<div class="dotted">{dotted % {"positions": link_list(row.dotted_to)}}</div>'
        manager, title_badge = (' class="manager"', badge) if row.manager else ("", "")
        made.append(
            f'<tr id="{escape(anchor(POSITION, row.id))}"{manager}>\n'
            f'<th scope="row">{escape(row.title)}{title_badge}</th>\n'
            f"<td>{holder}</td>\n"
            f'<td class="n">{escape(row.headcount)}</td>\n'
            f'<td class="n">{escape(fte(row.fte))}</td>\n'
            f"<td>{link(row.reports_to)}{lines}</td>\n"
            f"<td>{link(row.location)}</td>\n"
            "</tr>\n"
        )
    return Markup("".join(made))


def matrix_cells(row: MatrixRow, column_states: tuple[str, ...]) -> Markup:
    """A support matrix row's cells (a mark classed as its kind, an empty one as its row's or
    column's state, if any).

    Written here, not in the template: a 1,000-unit organisation's matrix has a quarter of a
    million cells, which a template loop took most of a second to write. Most cells are
    empty, and a row's empty cells depend only on the column states and the row's own: those
    are made once per matrix, and a row replaces its marked cells. Marks and states are fixed
    words, never user text.
    """
    empty = _empty_cells(column_states, row.header.state)
    if not any(row.marks):
        return Markup(empty.joined)
    cells = list(empty.cells)
    mark_text = _mark_text()
    for index, mark in enumerate(row.marks):
        if mark:
            cells[index] = f'<td class="{mark}">{mark_text.get(mark, "")}</td>'
    return Markup("".join(cells))


@dataclass(frozen=True)
class _EmptyCells:
    cells: tuple[str, ...]
    joined: str


@functools.lru_cache(maxsize=8)  # one matrix at a time; a row state is "", gap or accepted
def _empty_cells(column_states: tuple[str, ...], row_state: str) -> _EmptyCells:
    cells = tuple(
        f'<td class="{row_state or state}"></td>' if row_state or state else _EMPTY_CELL
        for state in column_states
    )
    return _EmptyCells(cells, "".join(cells))


# Unclassed (the stylesheet styles every cell of the matrix body): most of a large matrix.
_EMPTY_CELL = "<td></td>"


def linker(
    links: Links,
) -> tuple[Callable[[Ref | None], Markup], Callable[[Iterable[Ref]], Markup]]:
    """``link(ref)``: an anchor to the entity's page, or its name when it has none;
    ``link_list(refs)``: several, comma-separated."""

    made: dict[Ref, Markup] = {}  # a page links to its unit's location and manager often

    def link(ref: Ref | None) -> Markup:
        if ref is None:
            return NONE
        found = made.get(ref)
        if found is not None:
            return found
        href = links.href(ref)
        if href is None:
            found = escape(ref.label)
        else:
            # Concatenated from escaped parts: Markup.format is the slowest step of a big site.
            found = Markup(f'<a href="{escape(href)}">{escape(ref.label)}</a>')
        made[ref] = found
        return found

    def link_list(refs: Iterable[Ref]) -> Markup:
        return Markup(", ").join(link(ref) for ref in refs) or NONE

    return link, link_list


def static_file(name: str) -> bytes:
    return files("boconf.website").joinpath(f"{TEMPLATES}/{name}").read_bytes()


def static_files() -> dict[str, bytes]:
    return {name: static_file(name) for name in STATIC}


def render_page(env: Environment, page: Page) -> bytes:
    return templating.render_page(env, page, ".html", linker)


_MARKER = re.compile(rb"<!--boconf-chart:([^>]*?)-->")
_HREF = re.compile(rb'xlink:href="([^"]*)"')
# A chart that brings any of these is shown as an image instead (never expected: Graphviz
# writes labels as escaped text). Searched for in the lowercased SVG one by one, not as one
# case-blind pattern over every tag: that was half a second for a large site's 1,200 charts.
_UNSAFE_TAGS = (b"<script", b"<foreignobject")
# An event handler's name, if it follows whitespace inside a tag (checked for each match:
# a pattern starting with the name is scanned for ten times faster than one starting with \s).
_HANDLER = re.compile(rb"on[a-z]+\s*=")
_JAVASCRIPT = re.compile(rb'href="\s*javascript:')


def unsafe(svg: bytes) -> bool:
    """Whether the SVG has a script, a foreign object, an event handler or a javascript: link."""
    low = svg.lower()
    if any(tag in low for tag in _UNSAFE_TAGS):
        return True
    if b"javascript:" in low and _JAVASCRIPT.search(low):
        return True
    # After whitespace, inside a tag: its last "<" comes after its last ">" (text has both
    # escaped).
    return any(
        low[found.start() - 1 : found.start()].isspace()
        and low.rfind(b"<", 0, found.start()) > low.rfind(b">", 0, found.start())
        for found in _HANDLER.finditer(low)
    )


@functools.lru_cache(maxsize=4096)  # a chart's boxes link to the same few pages
def _relative(link: bytes, there: str, here: str) -> bytes:
    """A link of a chart in directory ``there`` made relative to a page in ``here``."""
    target = posixpath.normpath(posixpath.join(there, link.decode("utf-8")))
    return posixpath.relpath(target, here or ".").encode("utf-8")


def chart_markers(page: bytes) -> list[str]:
    """The charts a page shows, by site path without ``.svg``, in the order it shows them."""
    if b"<!--boconf-chart:" not in page:
        return []
    return [path.decode("utf-8") for path in _MARKER.findall(page)]


def inline_charts(page_path: str, page: bytes, svgs: dict[str, bytes]) -> bytes:
    """The page with each chart marker replaced by its SVG (``svgs``: site path without
    ``.svg`` -> the file's bytes), its links made relative to the page instead of the file."""
    if b"<!--boconf-chart:" not in page:
        return page
    here = posixpath.dirname(page_path)
    drawn = 0

    def chart(match: re.Match[bytes]) -> bytes:
        nonlocal drawn
        path = match.group(1).decode("utf-8")
        svg = svgs.get(path)
        there = posixpath.dirname(path)
        if svg is None or unsafe(svg):  # never expected: shown as an image instead
            source = posixpath.relpath(f"{path}.svg", here or ".").encode("utf-8")
            return b'<img src="' + source + b'" alt="">'
        start = svg.find(b"<svg")

        def relink(link: re.Match[bytes]) -> bytes:
            return b'xlink:href="' + _relative(link.group(1), there, here) + b'"'

        drawn += 1
        # Graphviz numbers ids from 0 in every file: prefixed, two charts on a page differ.
        unique = svg[start:].replace(b' id="', b' id="chart%d-' % drawn)
        return _HREF.sub(relink, unique)

    return _MARKER.sub(chart, page)
