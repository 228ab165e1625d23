"""The organisation model: pydantic v2 classes for every document kind. No I/O here.

The names below are imported on first use, so that importing a light module of this package
(``boconf.model.names``) does not build every model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boconf._lazy import lazy_attributes

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


__getattr__ = lazy_attributes(__name__, _LAZY)


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
