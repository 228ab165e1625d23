"""The validated organisation, indexed by id, with where each entity was defined."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from boconf.model.entities import (
    IN_HOUSE,
    Contract,
    Location,
    LocationType,
    Organisation,
    Person,
    PositionSpec,
    SourcingModel,
    Unit,
    Vendor,
)

PathPart = str | int

# Entity kinds, as keys of OrgTree.sources and in findings (nested positions and contracts are
# kinds of their own).
ORGANISATION = "organisation"
LOCATION = "location"
VENDOR = "vendor"
CONTRACT = "contract"
UNIT = "unit"
POSITION = "position"
PERSON = "person"


class SourceRef(NamedTuple):
    """Where an entity was defined: a document of a file, and the path inside it.

    A named tuple, not a dataclass: one is made per entity, 200,000 in a large organisation.
    """

    path: str  # to open the file again
    display: str  # to show the user
    document: int
    at: tuple[PathPart, ...] = ()


@dataclass
class EntityTables:
    """The entities of a tree by id, a table per kind, and where each was defined: what
    validation collects document by document, and what an :class:`OrgTree` holds once every
    reference resolves (the same tables, handed over, not copied)."""

    locations: dict[str, Location] = field(default_factory=dict)
    vendors: dict[str, Vendor] = field(default_factory=dict)
    contracts: dict[str, Contract] = field(default_factory=dict)
    contract_vendor: dict[str, str] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    positions: dict[str, PositionSpec] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sources: dict[tuple[str, str], SourceRef] = field(default_factory=dict)

    def tables(self) -> dict[str, dict[str, Any]]:
        """The table of each kind a reference can name, by kind."""
        return {
            LOCATION: self.locations,
            VENDOR: self.vendors,
            CONTRACT: self.contracts,
            UNIT: self.units,
            POSITION: self.positions,
            PERSON: self.people,
        }


@dataclass(kw_only=True)
class OrgTree(EntityTables):
    """Every entity of a valid organisation, by id. References all resolve."""

    organisation: Organisation

    @classmethod
    def of(cls, organisation: Organisation, tables: EntityTables) -> OrgTree:
        """The organisation's tree over ``tables`` (shared with them, not copied)."""
        shared = {table.name: getattr(tables, table.name) for table in fields(EntityTables)}
        return cls(organisation=organisation, **shared)

    def entities(self) -> dict[str, dict[str, Any]]:
        """Every entity by kind and id (the kinds of ``sources``)."""
        return {ORGANISATION: {self.organisation.id: self.organisation}, **self.tables()}

    def unit_location(self, unit_id: str) -> str:
        """A unit's own location, else its nearest ancestor's, else the headquarters."""
        seen: set[str] = set()
        current: str | None = unit_id
        while current is not None and current not in seen:
            seen.add(current)
            unit = self.units[current]
            if unit.location is not None:
                return unit.location
            current = unit.parent
        return self.organisation.headquarters

    def allocation_model(self, unit_id: str, provider: str, location: str | None) -> SourcingModel:
        """In-house at an own remote centre is captive; any vendor's work is outsourced."""
        if provider != IN_HOUSE:
            return SourcingModel.OUTSOURCED
        where = self.locations[location or self.unit_location(unit_id)]
        if where.type in (LocationType.REMOTE_CENTRE, LocationType.VENDOR_SITE):
            return SourcingModel.CAPTIVE
        return SourcingModel.IN_HOUSE

    def sourcing_model(self, unit_id: str) -> SourcingModel:
        """The unit's sourcing model, derived from its allocations."""
        unit = self.units[unit_id]
        if not unit.sourcing:
            return self.allocation_model(unit_id, IN_HOUSE, None)
        models = {self.allocation_model(unit_id, a.provider, a.location) for a in unit.sourcing}
        return models.pop() if len(models) == 1 else SourcingModel.MIXED

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.units),
            "positions": len(self.positions),
            "posts": sum(p.headcount for p in self.positions.values()),
            "people": len(self.people),
            "locations": len(self.locations),
            "vendors": len(self.vendors),
            "contracts": len(self.contracts),
        }
