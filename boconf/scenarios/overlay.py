"""Applying a scenario to the organisation's files, and tracing problems back to their source.

The overlay works on the documents as loaded (plain values), not on the models, so the result
is an organisation tree like any other: written to a directory, it validates, lints, renders
and diffs with the ordinary commands. Files the scenario does not touch are copied byte for
byte; the files it touches are written again from their values (their leading comment lines,
such as the schema modeline, are kept; comments further down are not).

Every entity value remembers where it came from (a base file, or an ``add`` entry of the
scenario), and every patch remembers which fields it set, so a diagnostic about the result is
shown where the user can fix it: in the scenario file for what the scenario wrote, in the
base file for the rest.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boconf.diagnostics import Code, Diagnostic
from boconf.i18n import _
from boconf.loading.cache import ParseCache
from boconf.loading.discovery import discover
from boconf.loading.limits import Limits
from boconf.loading.node_paths import Documents, path_at
from boconf.loading.parallel import parse_files
from boconf.loading.positions import SourceMap
from boconf.loading.yaml12_dump import dump_documents
from boconf.model.scenario import TARGET_KINDS
from boconf.output import write_atomic
from boconf.scenarios.read import ScenarioFile
from boconf.util.paths import display_path
from boconf.util.suggest import closest
from boconf.validation.labels import entity_name

PathPart = str | int
# Document kind -> entity kind, for top-level documents; nested lists -> the kind of their items.
DOCUMENT_KINDS = {kind.capitalize(): kind for kind in TARGET_KINDS}
NESTED = {"unit": ("positions", "position"), "vendor": ("contracts", "contract")}
# Where an added top-level entity's file goes.
FOLDERS = {
    "location": "locations",
    "vendor": "vendors",
    "unit": "units",
    "position": "positions",
    "person": "people",
}
PROTECTED_FIELDS = ("id", "kind", "apiVersion")


@dataclass(frozen=True)
class Origin:
    """Where an entity's values came from: a base file, or a scenario entry."""

    base_file: str = ""  # absolute path of the base file ("" for a scenario entry)
    document: int = 0
    at: tuple[PathPart, ...] = ()  # in the base document, or in the scenario document


@dataclass
class _Slot:
    kind: str
    file: str  # relative path of the file that holds the entity
    holder: list[dict[str, Any]]  # the list the entity sits in (file documents or nested list)
    entity: dict[str, Any]


@dataclass
class Overlay:
    """The organisation's files with a scenario applied, ready to be written."""

    base_root: Path
    scenario: ScenarioFile
    files: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    origins: dict[int, Origin] = field(default_factory=dict)  # id(entity dict) -> origin
    patched: dict[int, list[tuple[int, frozenset[str]]]] = field(default_factory=dict)
    # (kind, id) -> the number of the removal entry that removed it (with its unit or vendor)
    removed: dict[tuple[str, str], int] = field(default_factory=dict)
    _index: dict[tuple[str, str], _Slot] = field(default_factory=dict)
    _written: dict[str, Documents] = field(default_factory=dict)

    # -- reading the base -----------------------------------------------------------------
    def read_base(
        self, limits: Limits, cache: ParseCache | None = None, jobs: int | None = None
    ) -> None:
        paths = discover(self.base_root)
        pairs = [(str(path), display_path(path)) for path in paths]
        for path, parsed in zip(paths, parse_files(pairs, limits, jobs, cache), strict=True):
            relative = path.relative_to(self.base_root).as_posix()
            if parsed.diagnostics:  # the caller validates the base first; be safe anyway
                self.diagnostics.extend(parsed.diagnostics)
                continue
            # Parsed values may be shared (a cache, another scenario): the overlay changes
            # entities and the lists that hold them, so those are its own copies.
            documents = [_own(document.data) for document in parsed.documents]
            self.files[relative] = documents
            self.headers[relative] = _leading_comments(path.read_text(encoding="utf-8-sig"))
            for index, data in enumerate(documents):
                kind = DOCUMENT_KINDS.get(str(data.get("kind")))
                if kind is None:
                    continue
                self.origins[id(data)] = Origin(str(path), index)
                self._register(kind, relative, documents, data)
                nested_key, nested_kind = NESTED.get(kind, ("", ""))
                items = data.get(nested_key)
                if isinstance(items, list):
                    for position, item in enumerate(items):
                        if isinstance(item, dict):
                            self.origins[id(item)] = Origin(
                                str(path), index, (nested_key, position)
                            )
                            self._register(nested_kind, relative, items, item)

    def _register(
        self, kind: str, file: str, holder: list[dict[str, Any]], entity: dict[str, Any]
    ) -> None:
        identifier = entity.get("id")
        if isinstance(identifier, str):
            self._index[(kind, identifier)] = _Slot(kind, file, holder, entity)

    # -- applying -------------------------------------------------------------------------
    def apply(self) -> None:
        scenario = self.scenario.scenario
        assert scenario is not None
        for number, removal in enumerate(scenario.remove):
            self._remove(number, removal.kind, removal.id)
        for number, data in enumerate(scenario.add):
            self._add(number, data)
        for number, patch in enumerate(scenario.patch):
            self._patch(number, patch.kind, patch.id, patch.set_fields, patch.unset)

    def _find(self, at: tuple[PathPart, ...], kind: str, identifier: str) -> _Slot | None:
        slot = self._index.get((kind, identifier))
        if slot is not None:
            return slot
        if (kind, identifier) in self.removed:
            hint = _("this scenario removes it earlier: drop the removal or this entry")
        else:
            match = closest(identifier, [i for k, i in self._index if k == kind])
            hint = (
                _("did you mean '{name}'?").format(name=match)
                if match
                else _("no {kind} has that id in the base").format(kind=kind)
            )
        message = _("unknown {entity}").format(entity=entity_name(kind, identifier))
        self.diagnostics.append(self.scenario.problem(at, message, hint))
        return None

    def _remove(self, number: int, kind: str, identifier: str) -> None:
        slot = self._find(("remove", number, kind), kind, identifier)
        if slot is None:
            return
        if kind == "organisation":
            self.diagnostics.append(
                self.scenario.problem(
                    ("remove", number, kind),
                    _("a scenario cannot remove the organisation"),
                    _("patch it instead"),
                )
            )
            return
        _drop(slot.holder, slot.entity)
        self.touched.add(slot.file)
        self._forget(number, kind, identifier, slot.entity)

    def _forget(self, number: int, kind: str, identifier: str, entity: dict[str, Any]) -> None:
        del self._index[(kind, identifier)]
        self.removed[(kind, identifier)] = number
        nested_key, nested_kind = NESTED.get(kind, ("", ""))
        for item in entity.get(nested_key) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self._index.pop((nested_kind, item["id"]), None)
                self.removed[(nested_kind, item["id"])] = number

    def _add(self, number: int, data: dict[str, Any]) -> None:
        at: tuple[PathPart, ...] = ("add", number)
        document_kind = data.get("kind")
        kind = DOCUMENT_KINDS.get(str(document_kind))
        if kind is None or kind == "organisation":
            allowed = [k.capitalize() for k in TARGET_KINDS if k != "organisation"]
            match = closest(str(document_kind), allowed)
            self.diagnostics.append(
                self.scenario.problem(
                    (*at, "kind") if document_kind is not None else at,
                    _("cannot add an entity of kind {kind}").format(kind=repr(document_kind))
                    if document_kind is not None
                    else _("an added entity needs a 'kind'"),
                    _("did you mean '{name}'?").format(name=match)
                    if match and kind != "organisation"
                    else _("kind: one of {kinds}").format(kinds=", ".join(allowed)),
                )
            )
            return
        identifier = data.get("id")
        if not isinstance(identifier, str):
            self.diagnostics.append(
                self.scenario.problem(
                    at,
                    _("the added {kind} needs an 'id'").format(kind=kind),
                    _("add '{name}: ...'").format(name="id"),
                )
            )
            return
        if (kind, identifier) in self._index:
            self.diagnostics.append(
                self.scenario.problem(
                    (*at, "id"),
                    _("{entity} exists already").format(entity=entity_name(kind, identifier)),
                    _("patch it instead, or remove it first to replace it"),
                )
            )
            return
        entity = dict(data)
        if kind == "contract":
            self._add_nested(number, entity, "vendor", "contract")
            return
        if kind == "position" and isinstance(entity.get("unit"), str):
            unit = self._index.get(("unit", entity["unit"]))
            if unit is not None:  # a position joins its unit's file, as the base keeps them
                self._add_nested(number, entity, "unit", "position")
                return
        entity.setdefault("apiVersion", "boconf/v1")
        entity = {"apiVersion": entity.pop("apiVersion"), **entity}
        file = self._new_file(FOLDERS[kind], identifier)
        self.files[file] = [entity]
        self.touched.add(file)
        self.origins[id(entity)] = Origin("", 0, at)
        self._register(kind, file, self.files[file], entity)

    def _add_nested(self, number: int, entity: dict[str, Any], owner: str, kind: str) -> None:
        at: tuple[PathPart, ...] = ("add", number)
        owner_id = entity.pop(owner, None)
        entity.pop("kind", None)
        entity.pop("apiVersion", None)
        if not isinstance(owner_id, str):
            self.diagnostics.append(
                self.scenario.problem(
                    at,
                    _("an added {kind} names its {owner}").format(kind=kind, owner=owner),
                    _("add '{owner}: <{owner} id>'").format(owner=owner),
                )
            )
            return
        slot = self._find((*at, owner), owner, owner_id)
        if slot is None:
            return
        key = NESTED[owner][0]
        items = slot.entity.setdefault(key, [])
        items.append(entity)
        self.touched.add(slot.file)
        self.origins[id(entity)] = Origin("", 0, at)
        self._register(kind, slot.file, items, entity)

    def _patch(
        self, number: int, kind: str, identifier: str, values: dict[str, Any], unset: list[str]
    ) -> None:
        slot = self._find(("patch", number, kind), kind, identifier)
        if slot is None:
            return
        for name in values:
            if name in PROTECTED_FIELDS:
                self.diagnostics.append(
                    self.scenario.problem(
                        ("patch", number, "set", name),
                        _("a patch cannot change '{name}'").format(name=name),
                        _("remove the entity and add it under the new id")
                        if name == "id"
                        else _("remove the entity and add the new one"),
                        want="key",
                    )
                )
                return
        for position, name in enumerate(unset):
            if name not in slot.entity or name in PROTECTED_FIELDS:
                self.diagnostics.append(
                    self.scenario.problem(
                        ("patch", number, "unset", position),
                        _("{entity} has no field '{name}' to unset").format(
                            entity=entity_name(kind, identifier), name=name
                        ),
                        _("unset only fields the entity has"),
                    )
                )
                return
        self.touched.add(slot.file)
        values = dict(values)
        if kind == "position" and "unit" in values and slot.holder is not self.files[slot.file]:
            # A nested position given another unit moves into that unit's file, as a position
            # of that unit would be written by hand (its own 'unit' would conflict there).
            target = self._index.get(("unit", str(values["unit"])))
            if target is not None:
                del values["unit"]
                _drop(slot.holder, slot.entity)
                items = target.entity.setdefault("positions", [])
                items.append(slot.entity)
                slot.holder, slot.file = items, target.file
                self.touched.add(target.file)
        slot.entity.update(values)
        for name in unset:
            del slot.entity[name]
        self.patched.setdefault(id(slot.entity), []).append((number, frozenset(values)))

    def _new_file(self, folder: str, identifier: str) -> str:
        file = f"{folder}/{identifier}.yaml"
        counter = 2
        while file in self.files:
            file = f"{folder}/{identifier}-{counter}.yaml"
            counter += 1
        if file not in self.headers:
            self.headers[file] = self._modeline_for(file)
        return file

    def _modeline_for(self, file: str) -> str:
        """The schema modeline of a base file as deep as ``file``, so editors find the schema."""
        depth = file.count("/")
        for other, header in sorted(self.headers.items()):
            if other.count("/") == depth and "$schema=" in header:
                return next(line for line in header.splitlines() if "$schema=" in line) + "\n"
        return ""

    # -- writing --------------------------------------------------------------------------
    def render(self, relative: str) -> bytes:
        documents = self.files[relative]
        # Quoted by YAML 1.2 rules: a string such as 1e3 must not come back as a number.
        body = dump_documents(documents)
        return (self.headers.get(relative, "") + body).encode("utf-8")

    def write(self, target: Path) -> list[str]:
        """Write the resulting tree under ``target``; returns the files written (relative)."""
        written = []
        for relative, documents in sorted(self.files.items()):
            if not documents:
                continue  # every entity of the file was removed
            destination = target / relative
            if relative in self.touched:
                write_atomic(destination, self.render(relative))
            else:
                write_atomic(destination, (self.base_root / relative).read_bytes())
            written.append(relative)
        return written

    # -- tracing back -----------------------------------------------------------------------
    def trace(self, diagnostics: list[Diagnostic], written_root: Path) -> list[Diagnostic]:
        """Diagnostics about the written tree, moved to where the user can fix them."""
        sources = SourceMap()
        return [self._trace_one(d, written_root, sources) for d in diagnostics]

    def _trace_one(self, diagnostic: Diagnostic, root: Path, sources: SourceMap) -> Diagnostic:
        traced = self._locate(diagnostic, root, sources)
        return self._explain_removal(traced)

    def _explain_removal(self, diagnostic: Diagnostic) -> Diagnostic:
        """A reference left dangling by one of the scenario's removals says so, and where."""
        if diagnostic.code != Code.DANGLING_REFERENCE:
            return diagnostic
        kind, identifier = diagnostic.target
        number = self.removed.get((kind, identifier))
        if number is None:
            return diagnostic
        line, _column = self.scenario.position("remove", number)
        return dataclasses.replace(
            diagnostic,
            hint=_(
                "the scenario removes {entity} ({where}): remove or patch this reference too, "
                "or keep it"
            ).format(entity=entity_name(kind, identifier), where=f"{self.scenario.display}:{line}"),
        )

    def _locate(self, diagnostic: Diagnostic, root: Path, sources: SourceMap) -> Diagnostic:
        try:
            relative = Path(diagnostic.file).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return diagnostic
        if relative not in self.touched:
            return dataclasses.replace(diagnostic, file=display_path(self.base_root / relative))
        nodes = self._written.get(relative)
        if nodes is None:
            nodes = self._written[relative] = sources.documents(str(root / relative))
        found = path_at(nodes, diagnostic.line, diagnostic.column)
        documents = self.files.get(relative, [])
        if found is None or found[0] >= len(documents):
            return dataclasses.replace(diagnostic, file=display_path(self.base_root / relative))
        document, path = found
        value: Any = documents[document]
        entity, consumed = value, 0
        for step, part in enumerate(path):
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(value, dict) and id(value) in self.origins:
                entity, consumed = value, step + 1
        rest = path[consumed:]
        for number, names in reversed(self.patched.get(id(entity), [])):
            if rest and rest[0] in names:
                return self._at_scenario(diagnostic, ("patch", number, "set", *rest))
        origin = self.origins.get(id(entity))
        if origin is None:
            return diagnostic
        if not origin.base_file:
            return self._at_scenario(diagnostic, (*origin.at, *rest))
        position = sources.locate(origin.base_file, origin.document, (*origin.at, *rest))
        line, column = (position.line, position.column) if position else (1, 1)
        return dataclasses.replace(
            diagnostic, file=display_path(Path(origin.base_file)), line=line, column=column
        )

    def _at_scenario(self, diagnostic: Diagnostic, at: tuple[PathPart, ...]) -> Diagnostic:
        line, column = self.scenario.position(*at)
        return dataclasses.replace(diagnostic, file=self.scenario.display, line=line, column=column)


def apply_scenario(
    base_root: Path,
    scenario: ScenarioFile,
    limits: Limits | None = None,
    cache: ParseCache | None = None,
    jobs: int | None = None,
) -> Overlay:
    """The base organisation with ``scenario`` applied; problems are in ``.diagnostics``.
    A ``cache`` that holds the base's parse spares parsing it again."""
    overlay = Overlay(base_root, scenario)
    overlay.read_base(limits or Limits(), cache, jobs)
    if not overlay.diagnostics:
        overlay.apply()
    return overlay


def _own(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a document as deep as the overlay changes it: the entity, and its nested
    entities with their list (field values are replaced by a patch, never changed in place)."""
    copy = dict(document)
    nested = NESTED.get(DOCUMENT_KINDS.get(str(copy.get("kind")), ""))
    if nested is not None and isinstance(copy.get(nested[0]), list):
        copy[nested[0]] = [
            dict(item) if isinstance(item, dict) else item for item in copy[nested[0]]
        ]
    return copy


def _drop(holder: list[dict[str, Any]], entity: dict[str, Any]) -> None:
    for index, item in enumerate(holder):
        if item is entity:
            del holder[index]
            return


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line if line.endswith("\n") else line + "\n")
    return "".join(lines)
