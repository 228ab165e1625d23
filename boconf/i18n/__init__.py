"""The language boconf speaks: gettext catalogs, the active language, and the markers.

Messages are written in English in the code and translated where they are made: the CLI
activates a language (``--lang``, ``lang:`` in ``.boconf.yaml``, the ``LC_*`` variables) before
it loads anything, and every ``_()`` after that returns the active language's text. A forked
worker inherits the active language with the rest of its parent's memory.

The markers are the ones Babel extracts by default:

- ``_("text {name}").format(name=...)``: a message; placeholders are ``str.format`` fields,
  named, so that a translation can reorder them.
- ``ngettext("one {n} post", "{n} posts", n).format(n=n)``: a message with a plural.
- ``N_("text")``: marks a constant for extraction without translating it (rule titles
  defined at import time); translate it with ``_(constant)`` where it is shown.

English is the identity: with English active, ``_`` returns its argument unchanged, so
English output is byte-for-byte what it was before translations existed.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager

from boconf.i18n.catalogs import load_translations
from boconf.i18n.language import DEFAULT_LANGUAGE, LANGUAGES, language_from_environment

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "activate",
    "active_language",
    "language_from_environment",
    "ngettext",
    "translations",
    "using",
]

_ENGLISH = _gettext.NullTranslations()
_active: _gettext.NullTranslations = _ENGLISH
_language = DEFAULT_LANGUAGE


def activate(language: str) -> None:
    """Make ``language`` (one of LANGUAGES) the language of everything made from now on."""
    global _active, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _active = _ENGLISH if language == DEFAULT_LANGUAGE else load_translations(language)
    _language = language


def active_language() -> str:
    return _language


def translations() -> _gettext.NullTranslations:
    """The active catalog (for Jinja2's i18n extension)."""
    return _active


@contextmanager
def using(language: str) -> Iterator[None]:
    """The language for a block (a test, a language server request), then the previous one."""
    previous = _language
    activate(language)
    try:
        yield
    finally:
        activate(previous)


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the name Babel extracts
    return message
