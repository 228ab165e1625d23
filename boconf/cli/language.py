"""Which language a run speaks: ``--lang``, else the repository's ``lang:``, else the locale.

Precedence, highest first: the ``--lang`` option; ``lang:`` in the settings file found from
the organisation (``--config`` when given); ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``; English.
``main`` activates the environment's language before click parses anything (so that usage
errors already speak it); the option block then settles the rest before the command's body
runs, so everything a command loads and prints is made in the final language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from boconf import i18n


def environment_language(environ: Mapping[str, str]) -> str:
    return i18n.language_from_environment(environ) or i18n.DEFAULT_LANGUAGE


def requested_language(args: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for on the command line, read before click parses it.

    click runs eager options in the order they are given, so in ``check --help --lang it``
    the help would be printed before ``--lang`` took effect; reading it first makes
    ``--help`` speak it wherever it stands. A value that is not a language is left to
    click, which refuses it with its usage error; the last one wins, as in click."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        found = value if value in i18n.LANGUAGES else found
    return found


def settings_language(start: Path, config: Path | None = None) -> str | None:
    """The ``lang:`` of the settings file that applies at ``start`` (or of ``config``).

    Only this key is read here, leniently: a settings file that does not parse, or a ``lang``
    that is not a language, is left to the settings' own validation (with its position) in
    the commands that read the settings."""
    # Imported here: `boconf init` and `boconf schema` load no linting module at all.
    from boconf.linting.settings_file import PYPROJECT, find_settings

    path = config if config is not None else find_settings(start)
    if path is None:
        return None
    value = _pyproject_lang(path) if path.name == PYPROJECT else _yaml_lang(path)
    return value if value in i18n.LANGUAGES else None


def _yaml_lang(path: Path) -> object:
    from boconf.loading.limits import Limits
    from boconf.loading.parse import parse_file

    parsed = parse_file(str(path), str(path), Limits())
    if parsed.diagnostics or len(parsed.documents) != 1:
        return None
    data = parsed.documents[0].data
    return data.get("lang") if isinstance(data, dict) else None


def _pyproject_lang(path: Path) -> object:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("boconf", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return table.get("lang") if isinstance(table, dict) else None
