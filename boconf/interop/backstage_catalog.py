"""Reading a Backstage catalog: its Group and User entities, each with its file and line.

The catalog is read with boconf's own YAML loader, which refuses what boconf refuses
(aliases, tags, duplicate keys) and knows every value's line. Other kinds are skipped with a
note; an entity defined twice is kept once. Refs resolve short (``team-a``), namespaced
(``default/team-a``) or full (``group:default/team-a``); a short ref is in the referring
entity's namespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boconf.i18n import _
from boconf.interop.import_problems import ImportLog, ImportUsageError
from boconf.loading.discovery import discover
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.loading.positions import SourceMap
from boconf.util.paths import display_path

DEFAULT_NAMESPACE = "default"

Key = tuple[str, str]  # (namespace, name)


@dataclass
class Entity:
    kind: str
    namespace: str
    name: str
    data: dict[str, Any]
    path: str
    display: str
    index: int
    line: int

    @property
    def key(self) -> Key:
        return (self.namespace, self.name)

    @property
    def spec(self) -> dict[str, Any]:
        spec = self.data.get("spec")
        return spec if isinstance(spec, dict) else {}

    def profile(self, key: str) -> str | None:
        """``spec.profile.<key>``, when it is text."""
        profile = self.spec.get("profile")
        return text(profile.get(key)) if isinstance(profile, dict) else None


@dataclass
class Catalog:
    """The groups and users of the catalog, and the problems found in it, each at the
    line of the value it is about."""

    groups: dict[Key, Entity] = field(default_factory=dict)
    users: dict[Key, Entity] = field(default_factory=dict)
    log: ImportLog = field(default_factory=ImportLog)
    sources: SourceMap = field(default_factory=SourceMap)

    def line(self, entity: Entity, *at: str | int) -> int:
        found = self.sources.locate(entity.path, entity.index, at)
        return found.line if found else entity.line

    def problem(self, entity: Entity, message: str, *at: str | int) -> None:
        self.log.problem(entity.display, self.line(entity, *at), message)


def text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def refs(value: Any) -> list[str]:
    """A ref or a list of refs, as a list (anything else: none)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def parse_ref(ref: str, default_kind: str, namespace: str) -> tuple[str, Key]:
    """``group:default/team-a``, ``default/team-a`` or ``team-a`` -> (kind, (namespace, name))."""
    kind, colon, rest = ref.partition(":")
    if not colon or "/" in kind:
        kind, rest = default_kind, ref
    space, slash, name = rest.partition("/")
    if not slash:
        space, name = namespace, rest
    return kind.strip().lower(), (space.strip(), name.strip())


def read_catalog(paths: list[Path]) -> Catalog:
    """The entities of the catalog files (or the directories of them) at ``paths``."""
    catalog = Catalog()
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise ImportUsageError(_("{path}: no such file or directory").format(path=path))
        files.extend(discover(path))
    if not files:
        raise ImportUsageError(
            _("no *.yaml or *.yml files in {paths}").format(
                paths=", ".join(str(path) for path in paths)
            )
        )
    for file in files:
        display = display_path(file)
        parsed = parse_file(str(file), display, Limits())
        for diagnostic in parsed.diagnostics:
            skipped = _("{message}: skipped").format(message=diagnostic.message)
            catalog.log.problem(display, diagnostic.line, skipped)
        for document in parsed.documents:
            _add(catalog, document.data, str(file), display, document.index, document.line)
    return catalog


def _add(
    catalog: Catalog, data: dict[str, Any], path: str, display: str, index: int, line: int
) -> None:
    metadata = data.get("metadata")
    kind = data.get("kind")
    name = text(metadata.get("name")) if isinstance(metadata, dict) else None
    if not isinstance(kind, str) or name is None:
        catalog.log.problem(
            display, line, _("not a Backstage entity (no kind or metadata.name): skipped")
        )
        return
    namespace = text(metadata.get("namespace")) if isinstance(metadata, dict) else None
    entity = Entity(kind, namespace or DEFAULT_NAMESPACE, name, data, path, display, index, line)
    table = {"Group": catalog.groups, "User": catalog.users}.get(kind)
    if table is None:
        catalog.log.notes.append(
            _("{file}:{line}: skipped {kind} '{name}' (only Group and User are imported)").format(
                file=display, line=line, kind=kind, name=name
            )
        )
        return
    if entity.key in table:
        first = table[entity.key]
        catalog.problem(
            entity,
            _(
                "{kind} '{namespace}/{name}' is defined twice (first at {file}:{line}): "
                "this one skipped"
            ).format(
                kind=kind,
                namespace=entity.namespace,
                name=name,
                file=first.display,
                line=first.line,
            ),
            "metadata",
            "name",
        )
        return
    table[entity.key] = entity
