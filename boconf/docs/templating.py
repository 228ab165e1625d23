"""The Jinja2 environment both output formats share: loader, strictness, filters, globals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from boconf import __version__
from boconf.docs import formatting
from boconf.docs.links import anchor
from boconf.docs.page import NAVIGATION


def environment(
    templates: str,
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
    **globals_: Any,
) -> Environment:
    """An environment for ``templates`` (a folder of boconf/docs).

    A misspelt name in a template fails the build (StrictUndefined), never renders empty.
    """
    env = Environment(
        loader=PackageLoader("boconf.docs", templates),
        autoescape=autoescape,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        fte=formatting.fte,
        money=formatting.money,
        percent=formatting.percent,
        date=formatting.date,
        days_until=formatting.days_until,
        words=formatting.words,
    )
    env.globals.update(version=__version__, navigation=NAVIGATION, anchor=anchor, **globals_)
    return env
