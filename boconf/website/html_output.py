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

import posixpath
import re
from collections.abc import Callable, Iterable
from importlib.resources import files

from jinja2 import Environment
from markupsafe import Markup, escape

from boconf.website import templating
from boconf.website.links import CHART_SCRIPT, SCRIPT, STYLESHEET, Links
from boconf.website.page import Page
from boconf.website.refs import Ref

TEMPLATES = "templates/html"
STATIC = (STYLESHEET, SCRIPT, CHART_SCRIPT)
NONE = Markup("&ndash;")


def environment() -> Environment:
    return templating.environment(TEMPLATES, autoescape=True)


def linker(
    links: Links,
) -> tuple[Callable[[Ref | None], Markup], Callable[[Iterable[Ref]], Markup]]:
    """``link(ref)``: an anchor to the entity's page, or its name when it has none;
    ``link_list(refs)``: several, comma-separated."""

    def link(ref: Ref | None) -> Markup:
        if ref is None:
            return NONE
        href = links.href(ref)
        if href is None:
            return escape(ref.label)
        # Concatenated from escaped parts: Markup.format is the slowest step of a big site.
        return Markup(f'<a href="{escape(href)}">{escape(ref.label)}</a>')

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
# Inside tags only: labels are escaped text, where "<" never appears as itself.
_UNSAFE = re.compile(
    rb"<script|<foreignObject|<[^>]*\son[a-z]+\s*=|href=\"\s*javascript:", re.IGNORECASE
)


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
        if svg is None or _UNSAFE.search(svg):  # never expected: shown as an image instead
            source = posixpath.relpath(f"{path}.svg", here or ".").encode("utf-8")
            return b'<img src="' + source + b'" alt="">'
        start = svg.find(b"<svg")

        def relink(link: re.Match[bytes]) -> bytes:
            target = posixpath.normpath(posixpath.join(there, link.group(1).decode("utf-8")))
            return b'xlink:href="' + posixpath.relpath(target, here or ".").encode("utf-8") + b'"'

        drawn += 1
        # Graphviz numbers ids from 0 in every file: prefixed, two charts on a page differ.
        unique = svg[start:].replace(b' id="', b' id="chart%d-' % drawn)
        return _HREF.sub(relink, unique)

    return _MARKER.sub(chart, page)
