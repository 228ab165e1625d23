"""The organisation model: pydantic v2 classes for every document kind. No I/O here."""

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
from boconf.model.functions import BACK_OFFICE_FUNCTIONS, BUILTIN_FUNCTIONS, FRONT_OFFICE_FUNCTIONS

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
