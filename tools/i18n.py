"""Translators' and builders' tools for boconf's gettext catalogs.

    python tools/i18n.py compile          compile every language's .po sources into boconf.mo
    python tools/i18n.py missing [LANG]   the .po entries LANG still lacks (default: it)

``make`` runs ``compile`` after installing; the package build does it too (setup.py). A
checkout that skipped it still works, reading the sources (see boconf/i18n/catalogs.py).
``missing`` prints, in .po syntax, every extracted message the language's catalogs lack,
with where it was found: paste them into the area's file under
boconf/locale/LANG/LC_MESSAGES/ and translate them.
"""

from __future__ import annotations

import sys

from boconf.i18n.catalogs import message_key, read_sources, write_compiled
from boconf.i18n.extract import extract_messages
from boconf.i18n.language import DEFAULT_LANGUAGE, LANGUAGES


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def missing(language: str) -> int:
    known = {message_key(m) for _path, catalog in read_sources(language) for m in catalog}
    lines: list[str] = []
    for message in extract_messages().values():
        if message.id in known:
            continue
        lines += [f"#: {message.where}", f"msgid {_quoted(message.id)}"]
        if message.plural is None:
            lines += ['msgstr ""', ""]
        else:
            lines += [f"msgid_plural {_quoted(message.plural)}", 'msgstr[0] ""', 'msgstr[1] ""', ""]
    sys.stdout.write("\n".join(lines))
    return 0


def compile_all() -> int:
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE:
            sys.stdout.write(f"{write_compiled(language)}\n")
    return 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or ["compile"]
    if command == "compile":
        raise SystemExit(compile_all())
    if command == "missing":
        raise SystemExit(missing(*(rest or ["it"])))
    sys.stderr.write(__doc__ or "")
    raise SystemExit(2)
