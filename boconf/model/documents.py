"""The document kinds and the model that validates each."""

from __future__ import annotations

from pydantic import BaseModel

from boconf.model.entities import Location, Organisation, Person, Position, Unit, Vendor

DOCUMENT_MODELS: dict[str, type[BaseModel]] = {
    "Organisation": Organisation,
    "Location": Location,
    "Vendor": Vendor,
    "Unit": Unit,
    "Position": Position,
    "Person": Person,
}
KINDS: tuple[str, ...] = tuple(DOCUMENT_MODELS)
