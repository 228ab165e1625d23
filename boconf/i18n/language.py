"""Which language a run speaks when nobody said: the POSIX locale variables, else English."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "it")

# POSIX precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG.
_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: Mapping[str, str]) -> str | None:
    """The language the locale variables ask for (``it_IT.UTF-8`` -> ``it``), or None when
    they are unset, ``C``/``POSIX``, or name a language boconf does not speak."""
    for variable in _VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        # The first set variable decides, as in setlocale: LC_ALL=C means C even with LANG=it.
        code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
        return code if code in LANGUAGES else None
    return None


def number_symbols(language: str) -> tuple[str, str]:
    """The language's decimal and group separators, from Babel's CLDR data."""
    if language == DEFAULT_LANGUAGE:
        return ".", ","
    from babel import Locale

    symbols = Locale.parse(language).number_symbols["latn"]
    return symbols["decimal"], symbols["group"]


def long_date(value: object, language: str) -> str:
    """A date as the language writes it in prose: ``31 marzo 2027``."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=language)  # type: ignore[arg-type]
