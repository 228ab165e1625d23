"""The canonical layout of boconf documents: key order per kind, as the schema lists it, and the
form of each list.

The orders come from the models (their field order is the schema's), so that a new field is
placed where the schema puts it without anyone editing a table here.
"""

from __future__ import annotations

from pydantic import BaseModel

from boconf.model.documents import DOCUMENT_MODELS
from boconf.model.entities import Allocation, Contract, Lint, PositionSpec, Unit, Vendor
from boconf.model.scenario import Patch, Removal, Scenario

HEADER = ("apiVersion", "kind")


def field_order(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's keys as written in files: apiVersion and kind first, then its fields."""
    names = [field.alias or name for name, field in model.model_fields.items()]
    return tuple(key for key in HEADER if key in names) + tuple(
        key for key in names if key not in HEADER
    )


# The models of nested mappings: (parent model, key) -> model of the key's value (or of each
# item, for a list).
NESTED: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Unit, "positions"): PositionSpec,
    (Unit, "sourcing"): Allocation,
    (Vendor, "contracts"): Contract,
    (Scenario, "remove"): Removal,
    (Scenario, "patch"): Patch,
}

DOCUMENT_KINDS: dict[str, type[BaseModel]] = {**DOCUMENT_MODELS, "Scenario": Scenario}

# Kinds as a scenario's removals and patches name them -> the model of that entity.
TARGET_MODELS: dict[str, type[BaseModel]] = {
    "organisation": DOCUMENT_MODELS["Organisation"],
    "location": DOCUMENT_MODELS["Location"],
    "vendor": Vendor,
    "contract": Contract,
    "unit": Unit,
    "position": PositionSpec,
    "person": DOCUMENT_MODELS["Person"],
}


def nested_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    if key == "lint":
        return Lint
    return NESTED.get((model, key))


# Lists of references that grow one entry at a time are one item per line, so that a change
# shows as one line in a diff; every other list of plain values is written inline when it fits.
BLOCK_LISTS = frozenset({"supports"})
LINE_WIDTH = 100
