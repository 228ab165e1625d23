"""Laying out a :class:`PlainOrg` as a tidy organisation tree, and writing it.

The layout follows the example in ``org/``::

    organisation.yaml
    locations/<location>.yaml
    units/<unit>.yaml          one file per unit, its positions nested
    positions/<position>.yaml  only positions that belong to no unit
    people/<unit>.yaml         the holders of a unit's posts, one document each
    .boconf.yaml               lint settings for a tree that is not enriched yet

People are grouped by unit rather than one file each: an HR export of 100,000 employees
would otherwise make 100,000 files, slow to write, load and review. Every file starts with a
schema modeline, a path relative to the file: the tree carries its own JSON Schemas in
``schemas/`` (written from the installed boconf's models, as ``boconf init`` does), so an
editor completes and checks the files offline; a URL would have to exist somewhere.

Writing refuses a directory that holds anything unless ``force`` is set; then it replaces the
files it writes and removes only the files a previous import listed in ``.boconf-import``
(its manifest), never anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from itertools import chain
from pathlib import Path

from boconf.i18n import _
from boconf.interop.plain_org import PersonTable, PlainOrg, PlainUnit, PositionTable, pick
from boconf.interop.yaml_text import (
    comment_lines,
    distinct_lines,
    mapping_lines,
    optional_lines,
    scalar,
    scalars,
)
from boconf.loading.gc_pause import no_cyclic_gc
from boconf.model.names import API_VERSION, COMBINED, SETTINGS
from boconf.output import OutputError, write_atomic
from boconf.util.workers import run_parallel

SCHEMA_DIR = "schemas"
# Files in a folder (units/, people/...) and files at the top (organisation.yaml).
MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{COMBINED}"
TOP_MODELINE = f"# yaml-language-server: $schema={SCHEMA_DIR}/{COMBINED}"
SETTINGS_MODELINE = f"# yaml-language-server: $schema={SCHEMA_DIR}/{SETTINGS}"
MANIFEST = ".boconf-import"
SETTINGS_FILE = ".boconf.yaml"
NO_UNIT = "no-unit"
# The schemas `boconf schema` writes; tests/interop pins this list to boconf.schema's.
SCHEMA_FILES = (
    "boconf.schema.json",
    "location.schema.json",
    "organisation.schema.json",
    "person.schema.json",
    "position.schema.json",
    "scenario.schema.json",
    "settings.schema.json",
    "unit.schema.json",
    "vendor.schema.json",
)


def _header(kind: str, *, top: bool = False) -> list[str]:
    return [TOP_MODELINE if top else MODELINE, f"apiVersion: {API_VERSION}", f"kind: {kind}"]


@cache
def _schema_texts() -> dict[str, str]:
    # Imported here, not at the top: building the models' schemas is the only part of an
    # import that needs pydantic's models, and forked writers each build them at most once.
    from boconf.schema import render, schemas

    return {name: render(schema) for name, schema in schemas().items()}


def _schema_text(name: str) -> str:
    return _schema_texts()[name]


def _file_name(identifier: str) -> str:
    # Ids may hold ':' (not allowed in Windows file names); nothing else needs care.
    return identifier.replace(":", "_") + ".yaml"


class _Names:
    """File names unique even on a case-insensitive file system."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, folder: str, identifier: str) -> str:
        name = f"{folder}/{_file_name(identifier)}"
        number = 1
        while name.casefold() in self._used:
            number += 1
            name = f"{folder}/{_file_name(identifier)[:-5]}-{number}.yaml"
        self._used.add(name.casefold())
        return name


def _positions_text(positions: PositionTable, indices: list[int], nested: bool) -> str:
    """The positions at ``indices`` as YAML: a list item each when ``nested`` (in a unit's
    file), else the one position's mapping.

    Field by field rather than position by position: each field's lines for all the
    positions come from one C-level map, and one join interleaves them. This is most of the
    text an import writes."""
    first, other = ("  - ", "    ") if nested else ("", "")
    # No unit line: a nested position is in its unit's file, a file of its own is for a
    # position without a unit.
    ids, titles, _units, bosses, holders, headcounts, ftes, locations = (
        pick(column, indices) for column in positions.columns()
    )
    fields = [
        distinct_lines(f"{first}id: %s\n", ids),
        optional_lines(f"{other}title: %s\n", titles),
        optional_lines(f"{other}reports_to: %s\n", bosses),
        distinct_lines(f"{other}holder: %s\n", holders),
        optional_lines(f"{other}headcount: %s\n", headcounts, 1),
        optional_lines(f"{other}location: %s\n", locations),
        # An fte is a number: written bare so that it loads as one.
        optional_lines(f"{other}fte: %s\n", ftes, quote=False),
    ]
    for name, column in positions.extra.items():
        values: list[str | None] = pick(column, indices)
        fields.append(optional_lines(f"{other}{name}: %s\n", values, quote=False))
    return "".join(chain.from_iterable(zip(*[lines for lines in fields if lines], strict=True)))


def _unit_text(unit: PlainUnit, positions: PositionTable, indices: list[int]) -> str:
    lines = _header("Unit")
    lines += mapping_lines(
        [
            ("id", unit.id),
            ("name", unit.name),
            ("office", unit.office),
            ("function", unit.function),
            ("parent", unit.parent),
            ("manager", unit.manager),
            ("location", unit.location),
            ("description", unit.description),
        ]
    )
    if unit.tags:
        lines.append("tags: [" + ", ".join(scalar(tag) for tag in unit.tags) + "]")
    if unit.ignore:
        lines += ["lint:", "  ignore:"]
        lines += [f"    {scalar(rule)}: {scalar(why)}" for rule, why in unit.ignore.items()]
    if indices:
        lines.append("positions:")
        return "\n".join(lines) + "\n" + _positions_text(positions, indices, nested=True)
    return "\n".join(lines) + "\n"


def _position_text(positions: PositionTable, index: int) -> str:
    header = "\n".join(_header("Position"))
    return header + "\n" + _positions_text(positions, [index], nested=False)


def _people_text(people: PersonTable, indices: list[int]) -> str:
    """The people at ``indices``, a document each."""
    header = "\n".join(_header("Person")).replace("%", "%%")
    emails = distinct_lines("email: %s\n", pick(people.email, indices))
    document = f"{header}\nid: %s\nname: %s\n%s".__mod__
    values = zip(
        scalars(pick(people.id, indices)),
        scalars(pick(people.name, indices)),
        emails or [""] * len(indices),
        strict=True,
    )
    return "---\n".join(map(document, values))


def _settings_text(org: PlainOrg) -> str:
    lines = [SETTINGS_MODELINE]
    lines += comment_lines(org.settings_comment)
    lines.append("extends: recommended")
    if org.ignored_rules:
        lines.append("ignore:")
        for ignored in org.ignored_rules:
            lines += comment_lines(ignored.reason, "  ")
            lines.append(f"  - {scalar(ignored.rule)}")
    return "\n".join(lines) + "\n"


# A file to write and how to render it: rendering waits until the file is written, so that
# forked workers can do both (see write_tree).
Plan = list[tuple[str, Callable[[], str]]]


def _text(lines: list[str]) -> Callable[[], str]:
    return partial(str.join, "\n", [*lines, ""])


def plan_tree(org: PlainOrg) -> Plan:
    """Every file of the tree, by path relative to its directory, in a fixed order."""
    plan: Plan = []
    names = _Names()
    lines = _header("Organisation", top=True)
    lines += mapping_lines(
        [
            ("id", org.id),
            ("name", org.name),
            ("headquarters", org.headquarters),
            ("currency", org.currency),
            ("back_office_head", org.back_office_head),
            ("description", org.description),
        ]
    )
    plan.append(("organisation.yaml", _text(lines)))
    for location in org.locations:
        lines = _header("Location")
        lines += mapping_lines(
            [
                ("id", location.id),
                ("name", location.name),
                ("country", location.country),
                ("city", location.city),
                ("type", location.type),
            ]
        )
        plan.append((names.claim("locations", location.id), _text(lines)))

    by_unit = org.positions.by_unit
    for unit in org.units:
        render = partial(_unit_text, unit, org.positions, by_unit.get(unit.id, []))
        plan.append((names.claim("units", unit.id), render))
    for index in by_unit.get(None, []):
        identifier = org.positions.id[index]
        render = partial(_position_text, org.positions, index)
        plan.append((names.claim("positions", identifier), render))

    grouped = _people_by_unit(org)
    for group in sorted(grouped):
        plan.append(
            (names.claim("people", group), partial(_people_text, org.people, grouped[group]))
        )
    plan.append((SETTINGS_FILE, partial(_settings_text, org)))
    for name in SCHEMA_FILES:
        plan.append((f"{SCHEMA_DIR}/{name}", partial(_schema_text, name)))
    return plan


def _people_by_unit(org: PlainOrg) -> dict[str, list[int]]:
    """Each unit's people, as indices of ``org.people``: a person goes with the unit of the
    first post they hold, in the order of the posts; people who hold no post go to
    :data:`NO_UNIT`."""
    positions, people = org.positions, org.people
    by_unit = positions.by_unit
    if (
        NO_UNIT not in by_unit
        and positions.holder == people.id
        and len(set(people.id)) == len(people.id)
    ):
        # What an HR export gives: the n-th person holds the n-th post and no other, so a
        # unit's people are its positions' indices.
        return {unit or NO_UNIT: found for unit, found in by_unit.items()}
    remaining = dict(zip(people.id, range(len(people)), strict=True))
    grouped: dict[str, list[int]] = {}
    for holder, unit in zip(positions.holder, positions.unit, strict=True):
        index = remaining.pop(holder, None) if holder else None
        if index is not None:
            grouped.setdefault(unit or NO_UNIT, []).append(index)
    if remaining:  # people who hold no post: kept, in a file of their own
        grouped.setdefault(NO_UNIT, []).extend(remaining.values())
    return grouped


def _previous_outputs(directory: Path) -> set[str]:
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return set()
    listed = manifest.read_text(encoding="utf-8").splitlines()
    return {line for line in listed if line and not line.startswith("#")}


# What the forked writers see: the directory and the plan (never pickled, only spans of it).
_writing: tuple[Path, Plan] = (Path(), [])
CHUNK = 32  # files per task: big enough to amortise the hand-over, small enough to balance
PARALLEL_FROM = 256  # files; below this a pool costs more than it saves


def _write_span(span: tuple[int, int]) -> int:
    directory, plan = _writing
    for relative, render in plan[span[0] : span[1]]:
        # A re-import (--force) replaces these files wholesale: keeping each old one until
        # its new one is on disk would make ext4 write them out at once (see write_atomic).
        write_atomic(directory / relative, render().encode("utf-8"), remove_first=True)
    return span[1] - span[0]


def write_tree(directory: Path, org: PlainOrg, *, force: bool = False) -> list[Path]:
    """Render and write the tree under ``directory``; returns the paths written. Raises
    :class:`OutputError` for a non-empty directory without ``force``.

    Rendering and writing the unit and people files is most of the work of a large import:
    it runs on every core, in forked workers that read the plan without pickling it."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(_("{directory}: not a directory").format(directory=directory))
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise OutputError(
            _(
                "{directory}: directory is not empty; choose a new one, or pass --force to "
                "replace what a previous import wrote there"
            ).format(directory=directory)
        )
    global _writing
    with no_cyclic_gc():
        plan = plan_tree(org)
        files = [relative for relative, _content in plan]
        stale = _previous_outputs(directory) - set(files) if directory.is_dir() else set()
        root = directory.resolve()
        for relative in sorted(stale):
            target = (directory / relative).resolve()
            if root in target.parents and target.is_file():
                target.unlink()
        _writing = (directory, plan)
        try:
            spans = [(start, min(start + CHUNK, len(plan))) for start in range(0, len(plan), CHUNK)]
            run_parallel(_write_span, spans, 1 if len(plan) < PARALLEL_FROM else None)
        finally:
            _writing = (Path(), [])
    manifest = "# files written by `boconf import`; a re-import with --force replaces them\n"
    write_atomic(directory / MANIFEST, (manifest + "\n".join(sorted(files)) + "\n").encode())
    return [directory / relative for relative in files]
