"""Pages as Markdown (GitHub-flavoured), charts as Mermaid blocks.

Markdown has no autoescaping, so the template environment brings its own: ``finalize``
escapes every value a template prints, unless it is :class:`Raw` (markup this module wrote,
itself from escaped parts). User text therefore cannot open a link, an image, raw HTML, a
code span, emphasis, a table cell or a new line, nor start a list, quote or heading.

The interface's own text (``_()``, ``ngettext()`` and ``{% trans %}`` in the templates) is
boconf's, written as Markdown: its translation is Raw, its placeholders' values escaped, as
HTML's autoescaping treats a translation and its values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from boconf import i18n
from boconf.rendering.mermaid import to_mermaid
from boconf.website import templating
from boconf.website.charts import PlannedChart
from boconf.website.links import Links
from boconf.website.page import Page
from boconf.website.refs import Ref

TEMPLATES = "templates/markdown"
NONE = "–"
# Backslash-escapable ASCII punctuation that means something inline: code, emphasis, links,
# raw HTML and entities, table cells, strikethrough, GitHub math, headings.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|&~$])")
# What starts a block at the beginning of a line: an ordered list item (``1. ``), a bullet
# (``- ``), a thematic break or setext underline (``---``, ``===``).
_LEADING = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-=])(?=\s|$|[-=])")


class Raw(str):
    """Markdown written by boconf (from escaped parts): printed as is."""

    __slots__ = ()


def escape(value: object) -> str:
    """User text as inert inline Markdown on one line."""
    if isinstance(value, Raw):
        return value
    text = " ".join(str(value).split())  # newlines end a table row or a paragraph
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _filled(translated: str, variables: dict[str, Any]) -> Raw:
    """A translation (boconf's Markdown) with its placeholders' values escaped."""
    values = {
        name: value if isinstance(value, int | Decimal) else escape(value)
        for name, value in variables.items()
    }
    return Raw(translated % values)


# Positional-only: a {% trans %} block passes its own variables (``count`` too) as keywords.
@pass_context
def _gettext(_context: Context, message: str, /, **variables: Any) -> Raw:
    return _filled(i18n._(message), variables)


@pass_context
def _ngettext(
    _context: Context, singular: str, plural: str, number: int, /, **variables: Any
) -> Raw:
    variables.setdefault("num", number)
    return _filled(i18n.ngettext(singular, plural, number), variables)


def environment() -> Environment:
    # Markdown has no autoescaping: every value is escaped on output by `finalize`.
    env = templating.environment(TEMPLATES, autoescape=False, finalize=escape, mermaid=mermaid)
    # Newstyle gettext as the i18n extension calls it, the translation kept as Markdown.
    env.globals.update(gettext=_gettext, ngettext=_ngettext)
    return env


def mermaid(chart: PlannedChart) -> Raw:
    """The chart as a Mermaid flowchart: to_mermaid escapes every label, backticks included,
    so nothing in it can close the fence."""
    return Raw(to_mermaid(chart.chart).rstrip("\n"))


def linker(links: Links) -> tuple[Callable[[Ref | None], Raw], Callable[[Iterable[Ref]], Raw]]:
    def link(ref: Ref | None) -> Raw:
        if ref is None:
            return Raw(NONE)
        href = links.href(ref)
        label = escape(ref.label)
        return Raw(f"[{label}]({href})" if href is not None else label)

    def link_list(refs: Iterable[Ref]) -> Raw:
        return Raw(", ".join(link(ref) for ref in refs) or NONE)

    return link, link_list


def static_files() -> dict[str, bytes]:
    return {}  # no stylesheet or script: the Markdown host styles the pages


def render_page(env: Environment, page: Page) -> bytes:
    return templating.render_page(env, page, ".md", linker, raw=Raw)
