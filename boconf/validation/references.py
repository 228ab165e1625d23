"""Cross-file checks: every reference resolves, and what the model alone cannot see.

Checked here: references to units, positions, people, locations, vendors and contracts;
exactly one organisation; functions known to the taxonomy; sourcing shares summing to 1, each
allocation's contract belonging to its vendor; contract dates and services; support relations
pointing at front-office units. Structural judgements (cycles, spans, vacancies) are lint.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from decimal import Decimal
from itertools import islice
from typing import TypeVar

from boconf import numbers
from boconf.diagnostics import Code, Subject
from boconf.i18n import N_, _, active_language
from boconf.i18n.language import number_symbols
from boconf.model.entities import IN_HOUSE, Allocation, Office, Organisation, PositionSpec, Unit
from boconf.model.functions import BUILTIN_FUNCTIONS
from boconf.model.tree import (
    CONTRACT,
    LOCATION,
    ORGANISATION,
    PERSON,
    POSITION,
    UNIT,
    VENDOR,
    OrgTree,
    PathPart,
    SourceRef,
)
from boconf.util.suggest import did_you_mean
from boconf.validation.collect import Collected, Collector
from boconf.validation.labels import entity_name, format_path

_Entity = TypeVar("_Entity")

# Suggestions cost a difflib scan each: past this many dangling references, skip them.
MAX_SUGGESTIONS = 200


# A reference to a missing entity, by the kind it names: the message and the default hint.
_MISSING = {
    UNIT: (N_("no unit '{id}'"), N_("define a unit with id '{id}', or fix the id")),
    POSITION: (N_("no position '{id}'"), N_("define a position with id '{id}', or fix the id")),
    PERSON: (N_("no person '{id}'"), N_("define a person with id '{id}', or fix the id")),
    LOCATION: (N_("no location '{id}'"), N_("define a location with id '{id}', or fix the id")),
    VENDOR: (N_("no vendor '{id}'"), N_("define a vendor with id '{id}', or fix the id")),
    CONTRACT: (N_("no contract '{id}'"), N_("define a contract with id '{id}', or fix the id")),
}


def unread_hint(files: list[str], what: str) -> str:
    """Say that files that could not be read may ``what`` (define it, hold it)."""
    if len(files) == 1:
        return _("{file} could not be read and may {what}: fix that file first").format(
            file=files[0], what=what
        )
    shown = ", ".join(files[:3])
    if len(files) > 3:
        shown = _("{names} and {n} more").format(names=shown, n=len(files) - 3)
    return _("{count} files could not be read and may {what} ({shown}): fix them first").format(
        count=len(files), what=what, shown=shown
    )


def _decimal(value: Decimal) -> str:
    """A share exactly as written (0.333, not rounded), with the language's decimal mark."""
    return f"{value.normalize():f}".replace(".", number_symbols(active_language())[0])


class ReferenceChecker:
    def __init__(self, collector: Collector) -> None:
        self.collector = collector
        self.c: Collected = collector.collected
        self._suggestions = 0
        self._dangling: list[tuple[str, str, SourceRef, tuple[PathPart, ...], Subject]] = []
        self._targets: dict[str, Iterable[str]] = dict(self.c.tables())
        # Positions swept so far, and those of them whose references did not all resolve
        # then (in the order they were indexed): see sweep().
        self._swept_positions = 0
        self._unresolved_positions: list[str] = []
        # The same for units, against the functions of the first organisation indexed.
        self._swept_units = 0
        self._unresolved_units: list[str] = []
        self._functions: frozenset[str] | None = None

    def ref(
        self,
        target_kind: str,
        identifier: str | None,
        source: SourceRef,
        at: tuple[PathPart, ...],
        subject: Subject,
    ) -> bool:
        """Report ``identifier`` if no ``target_kind`` has it; True when it resolves.

        Reported once every reference is known (``_report_dangling``): an id that several
        references name was more likely removed than misspelt, and the hint says so."""
        if identifier is None or identifier in self._targets[target_kind]:
            return True
        if (target_kind, identifier) in self.c.invalid or identifier in self.c.invalid_any:
            return False  # the target exists but is broken, and was reported as such
        self._dangling.append((target_kind, identifier, source, at, subject))
        return False

    def _report_dangling(self) -> None:
        named = Counter((kind, identifier) for kind, identifier, *_rest in self._dangling)
        for target_kind, identifier, source, at, subject in self._dangling:
            count = named[(target_kind, identifier)]
            hint = ""
            missing, define = _MISSING[target_kind]
            if self.c.unread_files:  # the id may be in a file nobody could read: do not guess
                hint = unread_hint(self.c.unread_files, _("define it"))
            elif count > 1:
                hint = _(
                    "{count} references name {target} and none defines it: "
                    "if it was removed, point each at what takes its place, or add it back"
                ).format(count=count, target=entity_name(target_kind, identifier))
            elif self._suggestions < MAX_SUGGESTIONS:
                self._suggestions += 1
                hint = did_you_mean(identifier, self._targets[target_kind])
            hint = hint or _(define).format(id=identifier)
            self.collector.report(
                source,
                at,
                Code.DANGLING_REFERENCE,
                f"{_label(subject)} -> {format_path(at)}: " + _(missing).format(id=identifier),
                hint,
                subject=subject,
                target=Subject(target_kind, identifier),
            )
        self._dangling.clear()

    def check(self) -> OrgTree | None:
        organisation = self._organisation()
        # Without a valid organisation its own functions are unknown: checking against the
        # built-in ones alone would call every function it declares unknown, a cascade of one
        # mistake (the missing or broken organisation, which is reported).
        functions = BUILTIN_FUNCTIONS | set(organisation.functions) if organisation else None
        self._vendors(functions)
        self._units(functions)
        self._positions()
        self._report_dangling()
        if organisation is None:
            return None
        return OrgTree.of(organisation, self.c)

    def _organisation(self) -> Organisation | None:
        if not self.c.organisations:
            return None
        organisation = self.c.organisations[0]
        source = self.c.sources[(ORGANISATION, organisation.id)]
        subject = Subject(ORGANISATION, organisation.id)
        self.ref(LOCATION, organisation.headquarters, source, ("headquarters",), subject)
        self.ref(POSITION, organisation.back_office_head, source, ("back_office_head",), subject)
        return organisation

    def _vendors(self, functions: set[str] | frozenset[str] | None) -> None:
        for contract_id, contract in self.c.contracts.items():
            source = self.c.sources[(CONTRACT, contract_id)]
            subject = Subject(CONTRACT, contract_id)
            label = _label(subject)
            self.ref(POSITION, contract.owner, source, ("owner",), subject)
            for index, service in enumerate(contract.services):
                if functions is not None and service not in functions:
                    self._unknown_function(source, ("services", index), subject, service, functions)
            if contract.end is not None and contract.end < contract.start:
                self.collector.report(
                    source,
                    ("end",),
                    Code.CONTRACT,
                    _("{entity} -> end: {end} is before the start, {start}").format(
                        entity=label,
                        end=numbers.date(contract.end),
                        start=numbers.date(contract.start),
                    ),
                    _("fix the dates: a contract ends on or after the day it starts"),
                    subject=subject,
                )

    def _unknown_function(
        self,
        source: SourceRef,
        at: tuple[PathPart, ...],
        subject: Subject,
        name: str,
        functions: Iterable[str],
    ) -> None:
        hint = did_you_mean(name, functions)
        hint = hint or _("use a built-in function or declare it in the organisation's 'functions:'")
        self.collector.report(
            source,
            at,
            Code.UNKNOWN_FUNCTION,
            _("{entity} -> {field}: unknown function '{name}'").format(
                entity=_label(subject), field=format_path(at), name=name
            ),
            hint,
            subject=subject,
        )

    def _sweep_units(self) -> None:
        if self._functions is None:
            if not self.c.organisations:
                return  # the functions a unit may name are not known yet: sweep later
            self._functions = BUILTIN_FUNCTIONS | frozenset(self.c.organisations[0].functions)
        functions = self._functions
        self._unresolved_units += _refused_since(
            self.c.units, self._swept_units, lambda unit: self._unit_resolves(unit, functions)
        )
        self._swept_units = len(self.c.units)

    def _unit_resolves(self, unit: Unit, functions: AbstractSet[str]) -> bool:
        """Whether ``unit`` has nothing to report: a known function, no sourcing (checked
        at the end: it reads vendors and contracts), every reference resolving, and only
        front-office units in ``supports``."""
        units = self.c.units
        return (
            unit.function in functions
            and not unit.sourcing
            and (unit.parent is None or unit.parent in units)
            and (unit.manager is None or unit.manager in self.c.positions)
            and (unit.location is None or unit.location in self.c.locations)
            and all(
                supported in units and units[supported].office is Office.FRONT
                for supported in unit.supports
            )
        )

    def _units(self, functions: set[str] | frozenset[str] | None) -> None:
        units = self.c.units
        # With an organisation, the sweeps set aside every unit that may need a report (a
        # reference to a unit defined in a later file, say), and only those are looked at
        # again; without one, nothing was swept (and no function is checked).
        if functions is not None:
            self._sweep_units()
            checked = [
                u for u in self._unresolved_units if not self._unit_resolves(units[u], functions)
            ]
        else:
            checked = list(units)
        for unit_id in checked:
            unit = units[unit_id]
            source = self.c.sources[(UNIT, unit_id)]
            subject = Subject(UNIT, unit_id)
            label = _label(subject)
            if functions is not None and unit.function not in functions:
                self._unknown_function(source, ("function",), subject, unit.function, functions)
            self.ref(UNIT, unit.parent, source, ("parent",), subject)
            self.ref(POSITION, unit.manager, source, ("manager",), subject)
            self.ref(LOCATION, unit.location, source, ("location",), subject)
            for index, supported in enumerate(unit.supports):
                if not self.ref(UNIT, supported, source, ("supports", index), subject):
                    continue
                if units[supported].office is not Office.FRONT:
                    self.collector.report(
                        source,
                        ("supports", index),
                        Code.SUPPORTS,
                        _("{entity} -> supports[{index}]: '{unit}' is a back-office unit").format(
                            entity=label, index=index, unit=supported
                        ),
                        _("'supports' lists the front-office units this unit serves; remove it"),
                        subject=subject,
                        target=Subject(UNIT, supported),
                    )
            if unit.sourcing:
                self._sourcing(unit_id, source, subject)

    def _sourcing(self, unit_id: str, source: SourceRef, subject: Subject) -> None:
        label = _label(subject)
        sourcing = self.c.units[unit_id].sourcing or []
        seen: dict[tuple[str, str | None], int] = {}
        for index, allocation in enumerate(sourcing):
            at: tuple[PathPart, ...] = ("sourcing", index)
            key = (allocation.provider, allocation.location)
            if key in seen:
                self.collector.report(
                    source,
                    at,
                    Code.CONFLICT,
                    _(
                        "{entity} -> sourcing[{index}]: provider '{provider}' at the same "
                        "location is already listed as sourcing[{first}]"
                    ).format(
                        entity=label, index=index, provider=allocation.provider, first=seen[key]
                    ),
                    _("merge the two allocations into one and add up their shares"),
                    subject=subject,
                )
            seen[key] = index
            self.ref(LOCATION, allocation.location, source, (*at, "location"), subject)
            if allocation.provider == IN_HOUSE:
                self._in_house(index, allocation, source, subject)
                continue
            if not self.ref(VENDOR, allocation.provider, source, (*at, "provider"), subject):
                continue
            if allocation.contract is not None and self.ref(
                CONTRACT, allocation.contract, source, (*at, "contract"), subject
            ):
                self._contract_of_provider(index, allocation, source, subject)
        total = sum((a.share for a in sourcing), Decimal(0))
        if total != 1:
            self.collector.report(
                source,
                ("sourcing",),
                Code.SHARES,
                _("{entity} -> sourcing: shares add up to {total}, not 1").format(
                    entity=label, total=_decimal(total)
                ),
                _shares_hint([a.share for a in sourcing], total),
                want="key",
                subject=subject,
            )

    def _in_house(
        self, index: int, allocation: Allocation, source: SourceRef, subject: Subject
    ) -> None:
        """In-house work has neither a vendor contract nor contracted seats."""
        label = _label(subject)
        if allocation.contract is not None:
            self.collector.report(
                source,
                ("sourcing", index, "contract"),
                Code.CONTRACT,
                _(
                    "{entity} -> sourcing[{index}].contract: in-house work has no vendor contract"
                ).format(entity=label, index=index),
                _("remove 'contract:' or set 'provider:' to the vendor"),
                subject=subject,
            )
        if allocation.fte is not None:
            self.collector.report(
                source,
                ("sourcing", index, "fte"),
                Code.CONFLICT,
                _(
                    "{entity} -> sourcing[{index}].fte: own staff's FTE come from the "
                    "unit's posts (headcount x fte), not from an allocation"
                ).format(entity=label, index=index),
                _("remove 'fte:' here; 'fte:' on an allocation is for a vendor's contracted seats"),
                subject=subject,
            )

    def _contract_of_provider(
        self, index: int, allocation: Allocation, source: SourceRef, subject: Subject
    ) -> None:
        """An allocation's contract (which exists) is one of its provider's."""
        contract = allocation.contract
        owner = self.c.contract_vendor[contract] if contract is not None else None
        if contract is None or owner == allocation.provider:
            return
        self.collector.report(
            source,
            ("sourcing", index, "contract"),
            Code.CONTRACT,
            _(
                "{entity} -> sourcing[{index}].contract: '{contract}' is a contract "
                "of vendor '{owner}', not of '{provider}'"
            ).format(
                entity=_label(subject),
                index=index,
                contract=contract,
                owner=owner,
                provider=allocation.provider,
            ),
            _("use one of vendor '{provider}''s contracts: {contracts}").format(
                provider=allocation.provider,
                contracts=", ".join(c.id for c in self.c.vendors[allocation.provider].contracts)
                or _("(none yet)"),
            ),
            subject=subject,
            target=Subject(CONTRACT, contract),
        )

    def sweep(self) -> None:
        """Set aside the units and positions indexed since the last sweep that may need a
        report, and forget the others: every reference of theirs resolves.

        Called between files while they are still being parsed, when this process would
        otherwise wait for the next one: at the end only what was set aside is looked at
        again, not every unit and position (100,000 positions: the run's tail after the last
        file 0.20 s to 0.07 s). The tables only grow, so a reference that resolves now still resolves
        at the end, and what is reported is the same, in the same order."""
        self._sweep_units()
        positions = self.c.positions
        self._unresolved_positions += _refused_since(
            positions, self._swept_positions, self._position_test()
        )
        self._swept_positions = len(positions)

    def _position_test(self) -> Callable[[PositionSpec], bool]:
        """Whether a position has nothing to report: every reference of it resolves (a
        closure over the tables: it is asked of every position, a million of them)."""
        units, positions = self.c.units, self.c.positions
        people, locations = self.c.people, self.c.locations

        def resolves(position: PositionSpec) -> bool:
            return (
                (position.unit is None or position.unit in units)
                and (position.reports_to is None or position.reports_to in positions)
                and (position.holder is None or position.holder in people)
                and (position.location is None or position.location in locations)
                and (not position.dotted_to or all(t in positions for t in position.dotted_to))
            )

        return resolves

    def _positions(self) -> None:
        self.sweep()
        positions = self.c.positions
        resolves = self._position_test()
        for position_id in self._unresolved_positions:
            position = positions[position_id]
            if resolves(position):
                continue  # what it names was defined in a later file
            source = self.c.sources[(POSITION, position_id)]
            subject = Subject(POSITION, position_id)
            # A position without a unit is valid but a defect: lint rule BO115
            # position-without-unit reports it (HR exports hold such rows).
            self.ref(UNIT, position.unit, source, ("unit",), subject)
            self.ref(POSITION, position.reports_to, source, ("reports_to",), subject)
            for index, target in enumerate(position.dotted_to):
                self.ref(POSITION, target, source, ("dotted_to", index), subject)
            self.ref(PERSON, position.holder, source, ("holder",), subject)
            self.ref(LOCATION, position.location, source, ("location",), subject)


def _refused_since(
    table: dict[str, _Entity], swept: int, resolves: Callable[[_Entity], bool]
) -> list[str]:
    """The ids of the entries of ``table`` after its first ``swept`` (in their order) that
    ``resolves`` refuses: the newest entries, read from the end of the table."""
    added = len(table) - swept
    if added <= 0:
        return []
    refused = [
        identifier
        for identifier, entity in islice(reversed(table.items()), added)
        if not resolves(entity)
    ]
    refused.reverse()
    return refused


def _label(subject: Subject) -> str:
    """How messages name an entity: ``unit 'credit'``."""
    return entity_name(subject.kind, subject.id)


def _shares_hint(shares: list[Decimal], total: Decimal) -> str:
    """How to make ``shares`` add up to 1: the remainder, and one allocation it fits. The
    totals are prose (the language's decimal mark); the edit is YAML, written as YAML reads it."""
    gap = Decimal(1) - total
    amount = _decimal(abs(gap))
    total_text = _decimal(total)
    if gap > 0:  # the last allocation takes the remainder: it is the one usually added last
        index = len(shares) - 1
        return _(
            "the shares add up to {total}; add {amount} to one of them, e.g. "
            "sourcing[{index}]: {share} -> {fixed}"
        ).format(
            total=total_text,
            amount=amount,
            index=index,
            share=f"{shares[index].normalize():f}",
            fixed=f"{(shares[index] + gap).normalize():f}",
        )
    # Too much: take the excess from the last allocation that stays above 0 without it.
    for index in range(len(shares) - 1, -1, -1):
        if shares[index] > -gap:
            return _(
                "the shares add up to {total}; take {amount} off one of them, e.g. "
                "sourcing[{index}]: {share} -> {fixed}"
            ).format(
                total=total_text,
                amount=amount,
                index=index,
                share=f"{shares[index].normalize():f}",
                fixed=f"{(shares[index] + gap).normalize():f}",
            )
    return _(
        "the shares add up to {total}; lower them by {amount} in all, or remove an allocation"
    ).format(total=total_text, amount=amount)
