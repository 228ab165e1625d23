"""The editor's organisation: the files as the editor holds them, checked as `boconf check` would.

The validator and linter read files from disk, positions included, so the editor's unsaved
text is mirrored into a private copy of the tree (a *shadow*) and everything runs there; the
results are mapped back to the real paths. Only the files that change are rewritten.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boconf import numbers
from boconf.diagnostics import Diagnostic
from boconf.editing.changes import ChangeSet, FileChange
from boconf.editing.references import DEFINITION, Occurrence, occurrences
from boconf.editing.rename import plan_rename
from boconf.editing.roundtrip import load_documents
from boconf.editing.tree_files import tree_files
from boconf.i18n import _
from boconf.linting.check import check, settings_for
from boconf.linting.settings import ConfigError
from boconf.model.entities import LocationType, Office
from boconf.model.functions import BUILTIN_FUNCTIONS
from boconf.model.tree import CONTRACT, LOCATION, PERSON, POSITION, UNIT, VENDOR, OrgTree

SETTINGS_FILE = ".boconf.yaml"

# Reference field -> the kind of id it takes (completion).
FIELD_KINDS = {
    "reports_to": POSITION,
    "dotted_to": POSITION,
    "manager": POSITION,
    "back_office_head": POSITION,
    "owner": POSITION,
    "parent": UNIT,
    "unit": UNIT,
    "supports": UNIT,
    "holder": PERSON,
    "location": LOCATION,
    "headquarters": LOCATION,
    "provider": VENDOR,
    "vendor": VENDOR,
    "contract": CONTRACT,
}
ENUMS: dict[str, list[str]] = {
    "office": [member.value for member in Office],
    "type": [member.value for member in LocationType],
    "kind": ["Organisation", "Location", "Vendor", "Unit", "Position", "Person"],
}
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+):\s*(\[?[^#]*)$")
_ITEM_LINE = re.compile(r"^(\s*)-\s*([^#:]*)$")


@dataclass(frozen=True)
class Place:
    """An id's occurrence, at a real file's 0-based line and column."""

    path: Path
    line: int
    column: int
    width: int
    kind: str
    id: str
    role: str
    field: str


@dataclass
class _FileIndex:
    digest: bytes
    places: list[Place]


@dataclass
class OrgWorkspace:
    root: Path
    shadow: Path = field(init=False)
    texts: dict[Path, str] = field(default_factory=dict)  # open documents, by real path
    tree: OrgTree | None = None  # the last valid organisation (hover)
    _index: dict[Path, _FileIndex] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.shadow = Path(tempfile.mkdtemp(prefix="boconf-lsp-")).resolve() / "org"
        shutil.copytree(self.root, self.shadow, symlinks=True, ignore=_ignored)

    def close(self) -> None:
        shutil.rmtree(self.shadow.parent, ignore_errors=True)

    def contains(self, path: Path) -> bool:
        return self.root == path or self.root in path.resolve().parents

    # -- the editor's text ---------------------------------------------------------------
    def set_text(self, path: Path, text: str) -> None:
        path = path.resolve()
        self.texts[path] = text
        copy = self.shadow / path.relative_to(self.root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text, encoding="utf-8")

    def forget(self, path: Path) -> None:
        """The editor closed the file: the disk's version counts again."""
        path = path.resolve()
        self.texts.pop(path, None)
        copy = self.shadow / path.relative_to(self.root)
        if path.is_file():
            shutil.copyfile(path, copy)
        else:
            copy.unlink(missing_ok=True)

    def text(self, path: Path) -> str:
        path = path.resolve()
        if path in self.texts:
            return self.texts[path]
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    # -- diagnostics ---------------------------------------------------------------------
    def diagnostics(self) -> dict[Path, list[Diagnostic]]:
        """`boconf check`'s diagnostics (validation and lint) by real file."""
        try:
            settings = settings_for(self.root, None)
        except ConfigError as error:
            return self._by_file(error.diagnostics)
        result = check(self.shadow, settings, jobs=1)
        if result.load.tree is not None and result.load.ok:
            self.tree = result.load.tree
        return self._by_file(result.diagnostics)

    def _by_file(self, diagnostics: list[Diagnostic]) -> dict[Path, list[Diagnostic]]:
        found: dict[Path, list[Diagnostic]] = {}
        for diagnostic in diagnostics:
            found.setdefault(self.real_path(diagnostic.file), []).append(diagnostic)
        return found

    def real_path(self, shown: str) -> Path:
        """A path as the check showed it (in the shadow) -> the editor's file."""
        path = (Path.cwd() / shown).resolve()
        try:
            return self.root / path.relative_to(self.shadow)
        except ValueError:
            return path

    # -- the id index --------------------------------------------------------------------
    def places(self) -> list[Place]:
        """Every definition and reference in the tree, from the editor's text."""
        found: list[Place] = []
        for shadow_path, _display in tree_files(self.shadow):
            real = self.root / shadow_path.relative_to(self.shadow)
            text = self.text(real)
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
            cached = self._index.get(real)
            if cached is None or cached.digest != digest:
                try:
                    documents = load_documents(text)
                except Exception:  # mid-edit text that does not parse: keep the last index
                    documents = None
                if documents is not None:
                    cached = _FileIndex(digest, [_place(real, o) for o in occurrences(documents)])
                    self._index[real] = cached
            if cached is not None:
                found.extend(cached.places)
        return found

    def at(self, path: Path, line: int, column: int) -> Place | None:
        path = path.resolve()
        for place in self.places():
            if (
                place.path == path
                and place.line == line
                and place.column <= column <= place.column + place.width
            ):
                return place
        return None

    def _in_scenarios(self, path: Path) -> bool:
        return path.resolve().relative_to(self.root).parts[:1] == ("scenarios",)

    def definitions(self, kind: str, identifier: str) -> list[Place]:
        """Where the organisation defines the id; else the scenarios that add it."""
        found = [
            p
            for p in self.places()
            if p.kind == kind and p.id == identifier and p.role == DEFINITION
        ]
        return [p for p in found if not self._in_scenarios(p.path)] or found

    def references(self, kind: str, identifier: str) -> list[Place]:
        return [p for p in self.places() if p.kind == kind and p.id == identifier]

    # -- completion ----------------------------------------------------------------------
    def completions(self, path: Path, line: int, column: int) -> list[tuple[str, str]]:
        """(label, detail) for the value being typed at ``line``:``column``."""
        lines = self.text(path).splitlines()
        if line >= len(lines):
            return []
        before = lines[line][:column]
        key = _key_of(lines, line, before)
        if key is None:
            return []
        if key in ENUMS:
            return [(value, key) for value in ENUMS[key]]
        if key == "function" or key == "services":
            own = self.tree.organisation.functions if self.tree is not None else []
            return [(name, "function") for name in sorted(BUILTIN_FUNCTIONS | set(own))]
        kind = FIELD_KINDS.get(key)
        if kind is None:
            return []
        # An id a scenario adds exists only in that scenario.
        in_scenario = self._in_scenarios(path)
        ids = sorted(
            {
                p.id
                for p in self.places()
                if p.kind == kind
                and p.role == DEFINITION
                and (not self._in_scenarios(p.path) or (p.path == path.resolve() and in_scenario))
            }
        )
        found = [(identifier, kind) for identifier in ids]
        if key == "provider":
            found.insert(0, ("in_house", _("the organisation's own staff")))
        return found

    # -- rename --------------------------------------------------------------------------
    def rename(self, kind: str, old: str, new: str) -> ChangeSet:
        """The same engine as `boconf rename`, run on the editor's text (raises EditError,
        InvalidTreeError)."""
        planned = plan_rename(self.shadow, kind, old, new)
        return ChangeSet(
            [
                FileChange(
                    self.root / change.path.resolve().relative_to(self.shadow.resolve()),
                    change.display,
                    change.before,
                    change.after,
                )
                for change in planned.changes
            ],
            planned.summary,
        )


def _ignored(directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(".") and name != SETTINGS_FILE]


def _place(path: Path, occurrence: Occurrence) -> Place:
    return Place(
        path,
        occurrence.line,
        occurrence.column,
        occurrence.width,
        occurrence.kind,
        occurrence.id,
        occurrence.role,
        occurrence.field,
    )


def _key_of(lines: list[str], line: int, before: str) -> str | None:
    """The field whose value is being typed: on this line (``key: va``) or, for a list item
    (``  - va``), the key above it."""
    match = _KEY_LINE.match(before)
    if match is not None:
        return match.group(2)
    item = _ITEM_LINE.match(before)
    if item is None:
        return None
    indent = len(item.group(1))
    for above in range(line - 1, -1, -1):
        text = lines[above]
        stripped = text.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(stripped) < indent or (
            len(text) - len(stripped) == indent and not stripped.startswith("-")
        ):
            head = re.match(r"\s*(?:-\s+)?([A-Za-z_]+):\s*$", text)
            return head.group(1) if head else None
    return None


def describe(tree: OrgTree, kind: str, identifier: str) -> str | None:
    """Hover text (Markdown) for an entity of the last valid organisation."""
    if kind == POSITION and identifier in tree.positions:
        position = tree.positions[identifier]
        holder = tree.people.get(position.holder or "")
        unit = tree.units.get(position.unit or "")
        chain: list[str] = []
        current = position.reports_to
        while current is not None and current not in chain and current in tree.positions:
            chain.append(current)
            current = tree.positions[current].reports_to
        # Markdown around the words: only the words are the translators'.
        vacant, none = _("vacant"), _("(none)")
        lines = [
            f"**{position.title}** " + _("(position `{id}`)").format(id=identifier),
            "- " + _("holder: {name}").format(name=holder.name if holder else vacant),
            "- " + _("unit: {unit}").format(unit=f"{unit.name} ({unit.id})" if unit else none),
            "- "
            + _("chain of command: {chain}").format(
                chain=" → ".join(chain) if chain else _("(top)")
            ),
        ]
        return "\n".join(lines)
    if kind == UNIT and identifier in tree.units:
        unit = tree.units[identifier]
        manager = tree.positions.get(unit.manager or "")
        holder = tree.people.get(manager.holder or "") if manager else None
        held_by = holder.name if holder else _("vacant")
        lines = [
            f"**{unit.name}** "
            + _("(unit `{id}`, {office} office, {function})").format(
                id=identifier, office=unit.office.value, function=unit.function
            ),
            "- "
            + _("manager: {manager}").format(
                manager=f"{manager.title} `{manager.id}` ({held_by})" if manager else _("(none)")
            ),
            "- "
            + _("sourcing: {sourcing}").format(
                sourcing=tree.sourcing_model(identifier).value.replace("_", "-")
            ),
            "- " + _("cost: {cost}").format(cost=_unit_cost(tree, identifier)),
        ]
        return "\n".join(lines)
    entity: Any = tree.entities().get(kind, {}).get(identifier)
    if entity is None:
        return None
    name = getattr(entity, "name", None) or identifier
    return f"**{name}** " + _("({kind} `{id}`)").format(kind=_(kind), id=identifier)


def _unit_cost(tree: OrgTree, unit: str) -> str:
    from boconf.clock import today
    from boconf.economics.cost import cost_report
    from boconf.graph.structure import build_structure

    report = cost_report(build_structure(tree), today())
    lines = report.unit_lines(unit)
    if any(line.cost is None for line in lines):
        return _("not fully priced")
    total = sum(line.cost or 0 for line in lines)
    return _("{amount} {currency} a year").format(
        amount=numbers.number(total, 0), currency=tree.organisation.currency
    )
