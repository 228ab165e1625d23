"""The entities of an organisation, one pydantic model per document kind.

Field names are the file format's contract. Every model forbids unknown fields so that a typo
is an error, never a silently ignored setting. References to other entities are plain ids,
resolved across files by :mod:`boconf.validation.references`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from boconf.i18n import _
from boconf.model.names import API_VERSION as API_VERSION  # re-exported
from boconf.model.types import (
    MODEL_CONFIG,
    CountryCode,
    CurrencyCode,
    Fte,
    Id,
    LongText,
    Money,
    Reason,
    Ref,
    SeatFte,
    Share,
    Text,
)

IN_HOUSE = "in_house"


class Office(StrEnum):
    FRONT = "front"
    BACK = "back"


class LocationType(StrEnum):
    HEADQUARTERS = "headquarters"
    OFFICE = "office"
    REMOTE_CENTRE = "remote_centre"
    VENDOR_SITE = "vendor_site"


class SourcingModel(StrEnum):
    IN_HOUSE = "in_house"
    CAPTIVE = "captive"
    OUTSOURCED = "outsourced"
    MIXED = "mixed"


class Entity(BaseModel):
    model_config = MODEL_CONFIG


class Lint(Entity):
    """Lint settings on one entity."""

    ignore: dict[Annotated[str, StringConstraints(min_length=1, max_length=64)], Reason] = Field(
        default_factory=dict
    )
    """Rules (by code or name) not to report on this entity, each with the reason why."""


class Header(Entity):
    api_version: Literal["boconf/v1"] = Field(alias="apiVersion")
    """The format version; always boconf/v1 for now."""


class Organisation(Header):
    """The company itself: exactly one per organisation tree."""

    kind: Literal["Organisation"]
    id: Id
    name: Text
    headquarters: Ref
    """The location id of the headquarters."""
    currency: CurrencyCode
    """ISO 4217 code that every cost in the tree is expressed in."""
    back_office_head: Ref
    """The position that heads the whole back office (a back-office manager, the COO, a VP of operations)."""
    functions: list[Id] = Field(default_factory=list)
    """Functions of this organisation beyond the built-in taxonomy."""
    description: LongText | None = None
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""


class Location(Header):
    """A place where work is done: the headquarters, an office, a remote captive centre, a vendor's site."""

    kind: Literal["Location"]
    id: Id
    name: Text
    country: CountryCode
    city: Text
    type: LocationType
    annual_cost_per_fte: Money | None = None
    """Fully loaded annual cost of one FTE here, in the organisation's currency."""
    description: LongText | None = None
    previously: Id | None = None
    """The id this entity had before a rename: 'boconf diff' shows it as renamed."""
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""


class Contract(Entity):
    """A contract with a vendor for some functions."""

    id: Id
    services: list[Id] = Field(min_length=1)
    """The functions the vendor performs under this contract."""
    start: dt.date
    end: dt.date | None = None
    """Last day of the contract; absent for an open-ended contract."""
    notice_days: int = Field(default=0, ge=0, le=3650)
    annual_cost: Money | None = None
    owner: Ref
    """The internal position accountable for the vendor under this contract."""
    description: LongText | None = None
    previously: Id | None = None
    """The id this entity had before a rename: 'boconf diff' shows it as renamed."""
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""


class Vendor(Header):
    """A specialised company the organisation outsources work to."""

    kind: Literal["Vendor"]
    id: Id
    name: Text
    country: CountryCode
    contracts: list[Contract] = Field(default_factory=list)
    description: LongText | None = None
    previously: Id | None = None
    """The id this entity had before a rename: 'boconf diff' shows it as renamed."""
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""


class Allocation(Entity):
    """A share of a unit's work, done by a provider at a location."""

    provider: Ref
    """in_house for the organisation's own staff, or a vendor id."""
    location: Ref | None = None
    """Where the work is done; defaults to the unit's location for in-house work."""
    share: Share
    contract: Ref | None = None
    """The vendor's contract covering this work (vendor providers only)."""
    fte: SeatFte | None = None
    """Vendor work only: the FTE the vendor puts on it (contracted seats). When absent, an
    equivalent is derived: the unit's own FTE x this share / the in-house share."""


class PayBand(Entity):
    """The full-time annual pay range of a post (e.g. a civil-service pay band)."""

    min: Money
    """The floor of the band."""
    max: Money
    """The ceiling of the band; not below the floor."""

    @model_validator(mode="after")
    def _ordered(self) -> PayBand:
        if self.max < self.min:
            raise ValueError(
                _("pay band max {max} is below its min {min}").format(max=self.max, min=self.min)
            )
        return self


class PositionSpec(Entity):
    """A post in a unit; as a nested list item of a unit, ``unit`` is implied."""

    id: Id
    title: Text
    unit: Ref | None = None
    reports_to: Ref | None = None
    """The position this one reports to; absent only at the top of the organisation."""
    reports_to_missing: Text | None = None
    """The manager a source named that is not in the organisation (an import keeps it so the
    cut-off line stays visible: 'check' reports the post with it). Only without reports_to."""
    dotted_to: list[Ref] = Field(default_factory=list)
    """Secondary (dotted-line) reporting."""
    holder: Ref | None = None
    """The person holding the post; absent means vacant."""
    headcount: int = Field(default=1, ge=1, le=100_000)
    """Number of identical posts this entry stands for."""
    fte: Fte = Decimal(1)
    location: Ref | None = None
    grade: Text | None = None
    """The post's grade as the source names it (e.g. SCS1, Grade 7)."""
    pay_band: PayBand | None = None
    """The post's full-time annual pay range, in the organisation's currency."""
    annual_cost_per_fte: Money | None = None
    """Annual cost of one FTE of this post: when given, cost uses it instead of the rate of
    the location where the post works."""
    description: LongText | None = None
    previously: Id | None = None
    """The id this entity had before a rename: 'boconf diff' shows it as renamed."""
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""

    @model_validator(mode="after")
    def _one_manager(self) -> PositionSpec:
        if self.reports_to is not None and self.reports_to_missing is not None:
            raise ValueError(
                _(
                    "reports_to and reports_to_missing both given: remove reports_to_missing "
                    "once the post reports to a position of the organisation"
                )
            )
        return self


class Position(Header, PositionSpec):
    """A position in its own document."""

    kind: Literal["Position"]


class Unit(Header):
    """A department or team of the front or back office."""

    kind: Literal["Unit"]
    id: Id
    name: Text
    office: Office
    function: Id
    """A built-in function (administration, it_support, credit, hr, sales, ...) or one of the organisation's."""
    parent: Ref | None = None
    manager: Ref | None = None
    """The position that heads this unit."""
    location: Ref | None = None
    """Defaults to the parent's location, then the headquarters."""
    supports: list[Ref] = Field(default_factory=list)
    """Front-office units this (back-office) unit serves."""
    sourcing: list[Allocation] | None = Field(default=None, min_length=1)
    """Who does the work and where; absent means in-house at the unit's location."""
    description: LongText | None = None
    tags: list[Id] = Field(default_factory=list)
    positions: list[PositionSpec] = Field(default_factory=list)
    previously: Id | None = None
    """The id this entity had before a rename: 'boconf diff' shows it as renamed."""
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""


class Person(Header):
    """Someone holding a position. Keep personal data to the minimum."""

    kind: Literal["Person"]
    id: Id
    name: Text
    email: Text | None = None
    previously: Id | None = None
    """The id this entity had before a rename: 'boconf diff' shows it as renamed."""
    lint: Lint | None = None
    """Suppressions: rules not to report on this entity, with reasons."""
