"""Where every id is defined and named, in ruamel round-trip documents: what rename edits and
what the language server's definition, references and completion read.

Which field names what is stated once, here, per model (the validator checks the same fields
in :mod:`boconf.validation.references`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from boconf.editing.layout import DOCUMENT_KINDS, TARGET_MODELS, nested_model
from boconf.model.entities import (
    IN_HOUSE,
    Allocation,
    Contract,
    Location,
    Organisation,
    Person,
    Position,
    PositionSpec,
    Unit,
    Vendor,
)
from boconf.model.scenario import TARGET_KINDS, Patch, Removal, Scenario
from boconf.model.tree import CONTRACT, LOCATION, ORGANISATION, PERSON, POSITION, UNIT, VENDOR

# model -> field -> the kind of entity its value (or each item of its list) names.
REFERENCE_FIELDS: dict[type[BaseModel], dict[str, str]] = {
    Organisation: {"headquarters": LOCATION, "back_office_head": POSITION},
    Unit: {"parent": UNIT, "manager": POSITION, "location": LOCATION, "supports": UNIT},
    Allocation: {"provider": VENDOR, "location": LOCATION, "contract": CONTRACT},
    Contract: {"owner": POSITION},
    PositionSpec: {
        "unit": UNIT,
        "reports_to": POSITION,
        "dotted_to": POSITION,
        "holder": PERSON,
        "location": LOCATION,
    },
    Removal: {kind: kind for kind in TARGET_KINDS},
    Patch: {kind: kind for kind in TARGET_KINDS},
}
REFERENCE_FIELDS[Position] = REFERENCE_FIELDS[PositionSpec]

# model -> the kind its ``id`` defines.
DEFINES: dict[type[BaseModel], str] = {
    Organisation: ORGANISATION,
    Location: LOCATION,
    Vendor: VENDOR,
    Contract: CONTRACT,
    Unit: UNIT,
    PositionSpec: POSITION,
    Position: POSITION,
    Person: PERSON,
}

DEFINITION = "definition"
REFERENCE = "reference"


@dataclass(frozen=True)
class Occurrence:
    """An id at a place in a document: defined there, or named by a reference field."""

    kind: str
    id: str
    role: str  # DEFINITION or REFERENCE
    document: int
    container: Any  # the CommentedMap or CommentedSeq holding the value
    key: Any  # its key (or index) there
    field: str  # the field's name
    line: int  # 0-based, of the value's first character
    column: int  # 0-based
    owner: Any  # the mapping of the entity the id belongs to or is named in

    @property
    def width(self) -> int:
        """How many characters the value takes in the text (with quotes, when quoted)."""
        value = self.container[self.key]
        quoted = isinstance(value, ScalarString) and getattr(value, "style", None) in ("'", '"')
        return len(self.id) + (2 if quoted or _quoted(value) else 0)


def _quoted(value: Any) -> bool:
    return type(value).__name__ in ("SingleQuotedScalarString", "DoubleQuotedScalarString")


def occurrences(documents: list[Any]) -> Iterator[Occurrence]:
    """Every definition and reference in a file's documents, in document order."""
    for index, document in enumerate(documents):
        if not isinstance(document, CommentedMap):
            continue
        model = DOCUMENT_KINDS.get(str(document.get("kind")))
        if model is not None:
            yield from _walk(document, model, index)


def _walk(mapping: CommentedMap, model: type[BaseModel], document: int) -> Iterator[Occurrence]:
    fields = REFERENCE_FIELDS.get(model, {})
    if model is Scenario:
        for item in _maps(mapping.get("add")):
            kind = str(item.get("kind"))
            if kind == "Contract":  # a contract added to a scenario names its vendor
                yield from _field(item, "vendor", VENDOR, document, item)
                yield from _walk(item, Contract, document)
            elif kind in DOCUMENT_KINDS:
                yield from _walk(item, DOCUMENT_KINDS[kind], document)
    defines = DEFINES.get(model)
    if defines is not None and isinstance(mapping.get("id"), str):
        line, column = mapping.lc.value("id")
        yield Occurrence(
            defines,
            str(mapping["id"]),
            DEFINITION,
            document,
            mapping,
            "id",
            "id",
            line,
            column,
            mapping,
        )
    for key in list(mapping):
        name = str(key)
        if name in fields:
            yield from _field(mapping, name, fields[name], document, mapping)
        child = nested_model(model, name)
        if model is Patch and name == "set" and isinstance(mapping.get("set"), CommentedMap):
            target = next((k for k in TARGET_KINDS if k in mapping), None)
            if target is not None:
                setting = mapping["set"]
                for set_key, kind in REFERENCE_FIELDS.get(TARGET_MODELS[target], {}).items():
                    yield from _field(setting, set_key, kind, document, mapping)
        if child is not None:
            value = mapping[key]
            if isinstance(value, CommentedMap):
                yield from _walk(value, child, document)
            for item in _maps(value):
                yield from _walk(item, child, document)


def _maps(value: Any) -> list[CommentedMap]:
    if isinstance(value, CommentedSeq):
        return [item for item in value if isinstance(item, CommentedMap)]
    return []


def _field(
    mapping: CommentedMap, name: str, kind: str, document: int, owner: Any
) -> Iterator[Occurrence]:
    value = mapping.get(name)
    if isinstance(value, str):
        if kind == VENDOR and value == IN_HOUSE:
            return
        line, column = mapping.lc.value(name)
        yield Occurrence(kind, value, REFERENCE, document, mapping, name, name, line, column, owner)
    elif isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            if isinstance(item, str):
                line, column = value.lc.item(index)
                yield Occurrence(
                    kind, item, REFERENCE, document, value, index, name, line, column, owner
                )
