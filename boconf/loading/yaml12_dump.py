"""Deterministic YAML output that every YAML 1.2 reader reads back as the same strings.

PyYAML's safe dumper quotes strings by YAML 1.1 rules: it quotes ``yes`` and ``NO`` but writes
``1e3`` plain, which a YAML 1.2 reader (boconf itself, Backstage's ``yaml`` package) takes as
the number 1000. This dumper also quotes every string that YAML 1.2 core would not read as a
string, so an id or a name never changes type on the way to another tool.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from boconf.loading.yaml12 import STR, resolve_plain


class Yaml12SafeDumper(yaml.SafeDumper):
    """The safe dumper, with strings quoted wherever YAML 1.2 core would retype them."""

    def ignore_aliases(self, data: Any) -> bool:
        # boconf refuses aliases on input; never produce them either.
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if value and resolve_plain(value) != STR:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


Yaml12SafeDumper.add_representer(str, _represent_str)


def dump_documents(documents: Iterable[Any]) -> str:
    """Documents each opened by ``---``, keys in the order given, no line wrapping."""
    return yaml.dump_all(
        documents,
        Dumper=Yaml12SafeDumper,
        explicit_start=True,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
