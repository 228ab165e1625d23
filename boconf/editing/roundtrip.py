"""ruamel.yaml set up for boconf files: round-trip (comments, quotes, flow style kept), two-space
indentation with list dashes indented under their key, and no line wrapping."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # a quoted "007" or "yes" must stay a string
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # rewrapping long descriptions would be noise in every diff
    return yaml


def load_documents(text: str) -> list[Any]:
    """Every document of ``text`` as ruamel round-trip nodes."""
    return list(_yaml().load_all(text))


def dump_documents(documents: list[Any]) -> str:
    stream = io.StringIO()
    yaml = _yaml()
    if len(documents) == 1:
        yaml.dump(documents[0], stream)
    else:
        yaml.dump_all(documents, stream)
    return stream.getvalue()
