"""Finding a language's catalog: the compiled ``boconf.mo`` if it is current, else the sources.

The ``.po`` sources live in ``boconf/locale/<lang>/LC_MESSAGES/``, one file per area (the
diagnostics, the command line, the site...), so that each area's translations are kept and
reviewed on their own. Building the package (and ``make``) compiles them into one
``boconf.mo``; a checkout that has not been compiled, or whose sources are newer than the
compiled file, reads the sources directly (slower by a few milliseconds, never wrong).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

LOCALE_DIRECTORY = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "boconf"


def sources(language: str, locale_directory: Path = LOCALE_DIRECTORY) -> list[Path]:
    return sorted((locale_directory / language / "LC_MESSAGES").glob("*.po"))


def read_sources(
    language: str, locale_directory: Path = LOCALE_DIRECTORY
) -> list[tuple[Path, Catalog]]:
    """Each ``.po`` source of the language, parsed: what compiling, the translators' tools and
    the catalog tests all read."""
    from babel.messages.pofile import read_po

    read = []
    for path in sources(language, locale_directory):
        with path.open("rb") as handle:
            read.append((path, read_po(handle, locale=language)))
    return read


def message_key(message: Message) -> str:
    """A message's id: its singular when it has a plural."""
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def compiled_path(language: str, locale_directory: Path = LOCALE_DIRECTORY) -> Path:
    return locale_directory / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compile_catalog(language: str, locale_directory: Path = LOCALE_DIRECTORY) -> bytes:
    """The language's ``.po`` sources merged into one compiled catalog (``.mo`` bytes).

    Fuzzy and untranslated entries are left out (gettext then falls back to English, which
    the catalog tests forbid for shipped languages)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    # A fixed date: the same sources compile to the same bytes.
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    merged = Catalog(
        locale=language, domain=DOMAIN, fuzzy=False, creation_date=epoch, revision_date=epoch
    )
    for _path, catalog in read_sources(language, locale_directory):
        # The sources' Plural-Forms header, not CLDR's (three forms for Italian, where gettext
        # and translators use two); the catalog tests hold every source to the same header.
        merged.mime_headers = catalog.mime_headers
        for message in catalog:
            if message.id and not message.fuzzy and message.string:
                merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    return buffer.getvalue()


def write_compiled(language: str, locale_directory: Path = LOCALE_DIRECTORY) -> Path:
    target = compiled_path(language, locale_directory)
    target.write_bytes(compile_catalog(language, locale_directory))
    return target


def _is_current(compiled: Path, language: str, locale_directory: Path) -> bool:
    try:
        built = compiled.stat().st_mtime_ns
    except OSError:
        return False
    return all(path.stat().st_mtime_ns <= built for path in sources(language, locale_directory))


@functools.cache
def load_translations(language: str) -> gettext.GNUTranslations:
    compiled = compiled_path(language)
    if _is_current(compiled, language, LOCALE_DIRECTORY):
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(io.BytesIO(compile_catalog(language)))
