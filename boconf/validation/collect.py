"""Validate each document against its kind's model and index the entities by id.

A document that fails validation still lends its ids (and those of its nested positions and
contracts) to the index of "known but invalid" ids, so references to it are not reported a
second time as dangling: one mistake, one diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from boconf.diagnostics import NO_SUBJECT, Code, Diagnostic, Subject
from boconf.i18n import _
from boconf.loading.parse import CommentSuppression, Document, ParsedFile
from boconf.loading.positions import SourceMap
from boconf.model.documents import DOCUMENT_MODELS, KINDS
from boconf.model.entities import (
    Organisation,
    Unit,
    Vendor,
)
from boconf.model.tree import (
    CONTRACT,
    LOCATION,
    ORGANISATION,
    PERSON,
    POSITION,
    UNIT,
    VENDOR,
    EntityTables,
    PathPart,
    SourceRef,
)
from boconf.util.suggest import closest
from boconf.validation.errors import FieldProblem, problems_from
from boconf.validation.labels import entity_name


@dataclass
class Collected(EntityTables):
    """Everything the documents define, before references are checked."""

    organisations: list[Organisation] = field(default_factory=list)
    # (kind, id) of entities that exist but did not validate.
    invalid: set[tuple[str, str]] = field(default_factory=set)
    # Ids of entities whose kind is not even known (a file that failed to parse, an unknown
    # kind): no reference to such an id is reported as dangling.
    invalid_any: set[str] = field(default_factory=set)
    # Files (display paths, in reading order) that could not be read whole: a file that did
    # not decode or parse, or a document of no or unknown kind. They may define ids that no
    # reference can see, so dangling references name them instead of guessing a similar id.
    unread_files: list[str] = field(default_factory=list)
    organisation_invalid: bool = False
    documents: int = 0
    # (display path, file path, suppression) of every '# boconf: ignore[...]' comment.
    suppressions: list[tuple[str, str, CommentSuppression]] = field(default_factory=list)


class Collector:
    def __init__(self, sources: SourceMap) -> None:
        self.collected = Collected()
        self.diagnostics: list[Diagnostic] = []
        self._source_map = sources
        self._fields_sets: dict[frozenset[str], set[str]] = {}
        self._last_fields_set: set[str] = set()
        # Kinds indexed by id alone: kind -> (entity kind, its validator, its table). The
        # validator is what model_validate calls, without its Python wrapper.
        self._simple_kinds: dict[str, tuple[str, Callable[[Any], Any], dict[str, Any]]] = {
            kind: (entity_kind, DOCUMENT_MODELS[kind].__pydantic_validator__.validate_python, table)
            for kind, entity_kind, table in (
                ("Person", PERSON, self.collected.people),
                ("Position", POSITION, self.collected.positions),
                ("Location", LOCATION, self.collected.locations),
            )
        }

    # -- positions -----------------------------------------------------------------------
    def position_of(
        self, ref: SourceRef, at: tuple[PathPart, ...] = (), want: str = "value"
    ) -> tuple[int, int]:
        position = self._source_map.locate(
            ref.path, ref.document, ref.at + at, "key" if want == "key" else "value"
        )
        return (position.line, position.column) if position else (1, 1)

    def report(
        self,
        ref: SourceRef,
        at: tuple[PathPart, ...],
        code: str,
        message: str,
        hint: str,
        want: str = "value",
        subject: Subject = NO_SUBJECT,
        target: Subject = NO_SUBJECT,
    ) -> None:
        line, column = self.position_of(ref, at, want)
        self.diagnostics.append(
            Diagnostic(
                ref.display, line, column, code, message, hint, subject=subject, target=target
            )
        )

    # -- documents -----------------------------------------------------------------------
    def add_file(self, parsed: ParsedFile) -> None:
        self.diagnostics.extend(parsed.diagnostics)
        self.collected.invalid_any.update(parsed.lost_ids)
        if parsed.lost:
            self._unread(parsed.display)
        for suppression in parsed.suppressions:
            self.collected.suppressions.append((parsed.display, parsed.path, suppression))
        # The common case inline: a person, a position or a location that validates, its id
        # not seen before (nine documents in ten at 100,000 positions). Anything else goes
        # through add_document, which reports what is wrong.
        c = self.collected
        sources = c.sources
        simple = self._simple_kinds
        path, display = parsed.path, parsed.display
        for document in parsed.documents:
            data = document.data
            kind = data.get("kind")
            found = simple.get(kind) if kind.__class__ is str else None
            if found is None:
                self.add_document(parsed, document)
                continue
            entity_kind, validate, table = found
            try:
                entity = validate(data)
            except ValidationError:
                self.add_document(parsed, document)  # validates again, to report
                continue
            c.documents += 1
            self._share_fields_set(entity)
            key = (entity_kind, entity.id)
            if key in sources:
                self._claim(entity_kind, entity.id, SourceRef(path, display, document.index))
            else:
                sources[key] = SourceRef(path, display, document.index)
                table[entity.id] = entity

    def add_document(self, parsed: ParsedFile, document: Document) -> None:
        self.collected.documents += 1
        data = document.data
        ref = SourceRef(parsed.path, parsed.display, document.index)
        kind = data.get("kind")
        if kind is None or kind not in DOCUMENT_MODELS:
            self._unread(parsed.display)
            self.collected.invalid_any.update(_ids_in(data))
        if kind is None:
            # At the document's own line: a position read from the file's text (the result
            # cache keeps the result only while that text is the same).
            self._source_map.consulted.add(parsed.path)
            self.diagnostics.append(
                Diagnostic(
                    parsed.display,
                    document.line,
                    document.column,
                    Code.MISSING_FIELD,
                    _("document {number} has no 'kind'").format(number=document.index + 1),
                    _("add 'kind:' with one of: {kinds}").format(kinds=", ".join(KINDS)),
                )
            )
            return
        model = DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            match = closest(str(kind), KINDS)
            hint = (
                _("did you mean '{name}'?").format(name=match)
                if match
                else _("use one of: {kinds}").format(kinds=", ".join(KINDS))
            )
            message = _("unknown kind {kind}").format(kind=repr(kind))
            self.report(ref, ("kind",), Code.UNKNOWN_KIND, message, hint)
            return
        try:
            # What model_validate does, without its Python wrapper: once per document.
            entity = model.__pydantic_validator__.validate_python(data)
        except ValidationError as error:
            self._salvage(kind, data)
            for problem in problems_from(error, model, kind, data, document.index):
                self._report_problem(ref, problem)
            return
        self._index(kind, entity, ref)

    def _unread(self, display: str) -> None:
        unread = self.collected.unread_files
        if not unread or unread[-1] != display:  # a file's documents come one after another
            unread.append(display)

    def _report_problem(self, ref: SourceRef, problem: FieldProblem) -> None:
        self.report(
            ref,
            problem.path,
            problem.code,
            problem.message,
            problem.hint,
            problem.want,
            problem.subject,
        )

    def _share_fields_set(self, model: BaseModel) -> None:
        """Give ``model`` the one set of field names shared by every model that set the same
        fields. pydantic keeps a set per instance (for ``exclude_unset``, which boconf never
        uses): at a million positions, about a gigabyte of identical small sets."""
        current = model.__pydantic_fields_set__
        # Most models set the same fields as the one before them: comparing with that set is
        # cheaper than building a frozenset to look the set up.
        if current == self._last_fields_set:
            object.__setattr__(model, "__pydantic_fields_set__", self._last_fields_set)
            return
        shared = self._fields_sets.setdefault(frozenset(current), current)
        if shared is not current:
            object.__setattr__(model, "__pydantic_fields_set__", shared)
        self._last_fields_set = shared

    def _index(self, kind: str, entity: BaseModel, ref: SourceRef) -> None:
        self._share_fields_set(entity)
        simple = self._simple_kinds.get(kind)  # (add_file indexes these itself, inline)
        if simple is not None:
            entity_kind, _validate, table = simple
            identified: Any = entity  # a Person, a PositionSpec or a Location: each has an id
            if self._claim(entity_kind, identified.id, ref):
                table[identified.id] = entity
        elif kind == "Unit":
            assert isinstance(entity, Unit)
            self._index_unit(entity, ref)
        elif kind == "Vendor":
            assert isinstance(entity, Vendor)
            self._index_vendor(entity, ref)
        else:
            assert isinstance(entity, Organisation)
            self._index_organisation(entity, ref)

    def _index_unit(self, entity: Unit, ref: SourceRef) -> None:
        c = self.collected
        if self._claim(UNIT, entity.id, ref):
            c.units[entity.id] = entity
        unit_id = entity.id
        sources = c.sources
        positions = c.positions
        path, display, document = ref.path, ref.display, ref.document
        for index, position in enumerate(entity.positions):
            position_ref = SourceRef(path, display, document, ("positions", index))
            if position.unit is not None and position.unit != unit_id:
                self.report(
                    position_ref,
                    ("unit",),
                    Code.CONFLICT,
                    _(
                        "position '{position}' -> unit: '{unit}' contradicts the unit "
                        "'{listed_in}' it is listed in"
                    ).format(position=position.id, unit=position.unit, listed_in=unit_id),
                    _(
                        "remove 'unit:' from positions listed inside a unit (it is implied), "
                        "or move the position to its own unit"
                    ),
                    subject=Subject(POSITION, position.id),
                )
                c.invalid.add((POSITION, position.id))
                continue
            # What pydantic's __setattr__ does here (no validation is configured), without
            # its per-call overhead: a second per position at a million positions.
            position.__dict__["unit"] = unit_id
            position.__pydantic_fields_set__.add("unit")
            self._share_fields_set(position)
            key = (POSITION, position.id)
            if key not in sources:  # _claim's common case, inline: once per position
                sources[key] = position_ref
                positions[position.id] = position
            else:
                self._claim(POSITION, position.id, position_ref)  # reports the second one

    def _index_vendor(self, entity: Vendor, ref: SourceRef) -> None:
        c = self.collected
        if self._claim(VENDOR, entity.id, ref):
            c.vendors[entity.id] = entity
        for index, contract in enumerate(entity.contracts):
            self._share_fields_set(contract)
            contract_ref = SourceRef(ref.path, ref.display, ref.document, ("contracts", index))
            if self._claim(CONTRACT, contract.id, contract_ref):
                c.contracts[contract.id] = contract
                c.contract_vendor[contract.id] = entity.id

    def _index_organisation(self, entity: Organisation, ref: SourceRef) -> None:
        c = self.collected
        if c.organisations:
            first = c.sources[(ORGANISATION, c.organisations[0].id)]
            line, column = self.position_of(first, ("kind",))
            self.report(
                ref,
                ("kind",),
                Code.ORGANISATION_COUNT,
                _("a second Organisation ('{id}'); the first is '{first}' at {where}").format(
                    id=entity.id,
                    first=c.organisations[0].id,
                    where=f"{first.display}:{line}:{column}",
                ),
                _("a tree describes exactly one organisation: remove one of them"),
                subject=Subject(ORGANISATION, entity.id),
            )
            return
        c.organisations.append(entity)
        c.sources[(ORGANISATION, entity.id)] = ref

    def _claim(self, kind: str, identifier: str, ref: SourceRef) -> bool:
        """Register an id; report the second definition of an id with both places."""
        key = (kind, identifier)
        first = self.collected.sources.get(key)
        if first is None:
            self.collected.sources[key] = ref
            return True
        line, column = self.position_of(first, ("id",))
        self.report(
            ref,
            ("id",),
            Code.DUPLICATE_ID,
            _("{entity} is defined twice; first at {where}").format(
                entity=entity_name(kind, identifier), where=f"{first.display}:{line}:{column}"
            ),
            _("ids are unique per kind: rename one of the two or delete the copy"),
            subject=Subject(kind, identifier),
        )
        return False

    def _salvage(self, kind: str, data: dict[str, Any]) -> None:
        c = self.collected
        if kind == "Organisation":
            c.organisation_invalid = True
        identifier = data.get("id")
        if isinstance(identifier, str):
            c.invalid.add((kind.lower(), identifier))
        nested = {"Unit": ("positions", POSITION), "Vendor": ("contracts", CONTRACT)}.get(kind)
        if nested is None:
            return
        items = data.get(nested[0])
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    c.invalid.add((nested[1], item["id"]))


def _ids_in(data: dict[str, Any]) -> set[str]:
    """The document's id and those of the mappings listed under its keys (a unit's positions,
    a vendor's contracts): what a document of unknown kind may have meant to define."""
    found = {data["id"]} if isinstance(data.get("id"), str) else set()
    for value in data.values():
        if isinstance(value, list):
            found.update(
                item["id"]
                for item in value
                if isinstance(item, dict) and isinstance(item.get("id"), str)
            )
    return found
