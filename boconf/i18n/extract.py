"""The messages boconf's code and templates mark for translation, as Babel extracts them.

Used by the catalog tests (every message translated, placeholders kept) and by
``python -m boconf.i18n.missing`` (the entries a translator still has to write).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent

# Python sources with Babel's default keywords (_, ngettext, N_...), the site's Jinja2
# templates with the i18n extension's {% trans %} blocks and _() calls.
METHOD_MAP = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.md", "jinja2"),
    ("**.py", "python"),
]
OPTIONS_MAP = {
    "**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"},
    "**/templates/**.md": {"extensions": "jinja2.ext.i18n", "trimmed": "true"},
}


@dataclass(frozen=True)
class Extracted:
    """One message: its id (and plural id), and where it was first found."""

    id: str
    plural: str | None
    where: str


def extract_messages(package: Path = PACKAGE) -> dict[str, Extracted]:
    from babel.messages.extract import extract_from_dir

    found: dict[str, Extracted] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(package), METHOD_MAP, OPTIONS_MAP
    ):
        if isinstance(message, tuple):
            singular, plural = message[0], message[1]
        else:
            singular, plural = message, None
        if singular and singular not in found:
            found[singular] = Extracted(singular, plural, f"{filename}:{lineno}")
    return found


_PERCENT_FIELD = re.compile(r"%\((\w+)\)[sdif]")


def placeholders(text: str) -> set[str]:
    """The named fields a message fills: ``{name}`` (str.format) and ``%(name)s`` (Jinja2)."""
    fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return fields | set(_PERCENT_FIELD.findall(text))
