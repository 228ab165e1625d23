"""Pages as HTML5: Jinja2 templates with autoescaping on, one stylesheet, no script needed.

Every user string reaches the page through autoescaping (or ``Markup.format``, which escapes
its arguments); charts are SVG files shown with ``<img>``, where nothing in them can run, and
each opens on its own, where its boxes link to the unit pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.resources import files

from jinja2 import Environment
from markupsafe import Markup, escape

from boconf.docs import templating
from boconf.docs.links import SCRIPT, STYLESHEET, Links
from boconf.docs.page import Page
from boconf.docs.refs import Ref

TEMPLATES = "templates/html"
STATIC = (STYLESHEET, SCRIPT)
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
    return files("boconf.docs").joinpath(f"{TEMPLATES}/{name}").read_bytes()


def static_files() -> dict[str, bytes]:
    return {name: static_file(name) for name in STATIC}


def render_page(env: Environment, page: Page) -> bytes:
    return templating.render_page(env, page, ".html", linker)
