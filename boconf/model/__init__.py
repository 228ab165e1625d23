"""The organisation model: pydantic v2 classes for every document kind. No I/O here.

The names below are imported on first use, so that importing a light module of this package
(``boconf.model.names``) does not build every model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from boconf.model.documents import DOCUMENT_MODELS, KINDS
    from boconf.model.entities import (
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
    from boconf.model.functions import (
        BACK_OFFICE_FUNCTIONS,
        BUILTIN_FUNCTIONS,
        FRONT_OFFICE_FUNCTIONS,
    )

_LAZY = {
    "DOCUMENT_MODELS": "boconf.model.documents",
    "KINDS": "boconf.model.documents",
    **dict.fromkeys(
        (
            "Allocation",
            "Contract",
            "Location",
            "Organisation",
            "Person",
            "Position",
            "PositionSpec",
            "Unit",
            "Vendor",
        ),
        "boconf.model.entities",
    ),
    **dict.fromkeys(
        ("BACK_OFFICE_FUNCTIONS", "BUILTIN_FUNCTIONS", "FRONT_OFFICE_FUNCTIONS"),
        "boconf.model.functions",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'boconf.model' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BACK_OFFICE_FUNCTIONS",
    "BUILTIN_FUNCTIONS",
    "DOCUMENT_MODELS",
    "FRONT_OFFICE_FUNCTIONS",
    "KINDS",
    "Allocation",
    "Contract",
    "Location",
    "Organisation",
    "Person",
    "Position",
    "PositionSpec",
    "Unit",
    "Vendor",
]
