"""The Jinja2 environment both output formats share: loader, strictness, filters, globals,
and the interface's language (Jinja2's i18n extension, newstyle gettext)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from boconf import __version__, i18n
from boconf.website import formatting
from boconf.website.constant_text import ConstantTranslations
from boconf.website.links import Links, anchor
from boconf.website.page import NAVIGATION, Page


def environment(
    templates: str,
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
    constant_text: bool = False,
    **globals_: Any,
) -> Environment:
    """An environment for ``templates`` (a folder of boconf/website).

    A misspelt name in a template fails the build (StrictUndefined), never renders empty.
    ``constant_text``: translate ``{{ _("text") }}`` once, when a template is compiled
    (:mod:`boconf.website.constant_text`; for an autoescaping environment without
    ``finalize`` that keeps the i18n extension's gettext).
    """
    env = Environment(
        loader=PackageLoader("boconf.website", templates),
        autoescape=autoescape,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n", *([ConstantTranslations] if constant_text else [])],
        # Templates are package files, unchanged while boconf runs: no stat per page.
        auto_reload=False,
    )
    # {% trans %} blocks are looked up as Babel extracts them (boconf.i18n.extract: trimmed).
    env.policies["ext.i18n.trimmed"] = True
    # The active language's catalog (English: the identity, so English pages are unchanged).
    env.install_gettext_translations(i18n.translations(), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        fte=formatting.fte,
        money=formatting.money,
        percent=formatting.percent,
        date=formatting.date,
        days_until=formatting.days_until,
        words=formatting.words,
        location_type=formatting.location_type,
    )
    env.globals.update(
        version=__version__,
        navigation=NAVIGATION,
        anchor=anchor,
        lang=i18n.active_language(),
        **globals_,
    )
    return env


def render_page(
    env: Environment,
    page: Page,
    ext: str,
    linker: Callable[[Links], tuple[Callable[..., Any], Callable[..., Any]]],
    **extra: Any,
) -> bytes:
    """``page`` through its template (``<template><ext>``), with the format's ``link`` and
    ``link_list`` for the page's depth; one final newline."""
    links = Links(page.depth, ext)
    link, link_list = linker(links)
    text = env.get_template(f"{page.template}{ext}").render(
        page.full_context(),
        title=page.title,
        current=page.template,
        links=links,
        link=link,
        link_list=link_list,
        **extra,
    )
    return (text.rstrip("\n") + "\n").encode("utf-8")
