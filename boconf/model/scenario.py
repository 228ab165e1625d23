"""The scenario file's model: an overlay that removes, adds and patches entities by id.

See :mod:`boconf.scenarios.read` for how a scenario is read and applied.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from boconf.i18n import _
from boconf.model.types import MODEL_CONFIG, LongText, Ref, Text

# The entity kinds a scenario can name, as the key of a removal or a patch.
TARGET_KINDS = ("organisation", "location", "vendor", "contract", "unit", "position", "person")


class Target(BaseModel):
    """One entity, named by its kind and id: ``position: credit-analyst``."""

    model_config = ConfigDict(**MODEL_CONFIG)

    organisation: Ref | None = None
    location: Ref | None = None
    vendor: Ref | None = None
    contract: Ref | None = None
    unit: Ref | None = None
    position: Ref | None = None
    person: Ref | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Target:
        named = [kind for kind in TARGET_KINDS if getattr(self, kind) is not None]
        if len(named) != 1:
            raise ValueError(
                _("name exactly one entity, as '<kind>: <id>' with kind one of {kinds}").format(
                    kinds=", ".join(TARGET_KINDS)
                )
            )
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in TARGET_KINDS if getattr(self, kind) is not None)

    @property
    def id(self) -> str:
        value = getattr(self, self.kind)
        assert isinstance(value, str)
        return value


class Removal(Target):
    """An entity to remove (a unit goes with its positions, a vendor with its contracts)."""


class Patch(Target):
    """Fields to set (whole values: a list is replaced, not merged) and fields to unset."""

    set_fields: dict[str, Any] = Field(default_factory=dict, alias="set")
    """Field -> new value, as in the entity's own file."""
    unset: list[str] = Field(default_factory=list)
    """Optional fields to remove."""


class Scenario(BaseModel):
    """A what-if overlay on the organisation."""

    model_config = ConfigDict(**MODEL_CONFIG)

    api_version: Literal["boconf/v1"] = Field(alias="apiVersion")
    kind: Literal["Scenario"]
    name: Text
    """A title for reports."""
    description: LongText | None = None
    remove: list[Removal] = Field(default_factory=list)
    """Entities to remove, by kind and id."""
    add: list[dict[str, Any]] = Field(default_factory=list)
    """Whole entities, written as in their own files (kind: Unit, Position, Person, Location,
    Vendor; a Contract names its 'vendor'; a Position with a 'unit' joins that unit's file)."""
    patch: list[Patch] = Field(default_factory=list)
    """Changes to existing (or just added) entities."""
