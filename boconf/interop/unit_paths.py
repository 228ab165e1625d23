"""A unit tree from path columns (``--unit-path Division,Department,Team``) or id/parent rows.

Registers of agencies and bureaus, and people exports with one column per level, give a
unit's place as a path: each row names its units from the top down. A unit is its whole
path, so the same name under two parents is two units (ids qualified by the parent's, e.g.
``finance-budget`` and ``health-budget``). A blank trailing level means the row belongs to
the level above (an agency's own row, beside its bureaus' rows). A level equal to its
parent is that parent, not a child of the same name: exports repeat a name down the levels
when a division has no departments; that is said once per unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from boconf.i18n import _
from boconf.interop.import_problems import ImportProblem
from boconf.interop.slugs import IdAllocator, is_id, slugify

Path_ = tuple[str, ...]


@dataclass
class UnitTree:
    """The units of a path or id/parent table and each row's unit."""

    ids: dict[Path_, str] = field(default_factory=dict)  # path (or (key,)) -> unit id
    names: dict[str, str] = field(default_factory=dict)  # unit id -> name
    parents: dict[str, str | None] = field(default_factory=dict)  # unit id -> parent id
    first_row: dict[str, int] = field(default_factory=dict)  # unit id -> row that first names it
    row_units: list[str | None] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _path(
    row: int,
    cells: list[str | None],
    headers: list[str],
    tree: UnitTree,
    display: str,
    said: set[Path_],
) -> Path_:
    """A row's path: blank trailing levels dropped, a level equal to its parent folded in."""
    while cells and cells[-1] is None:
        cells = cells[:-1]
    path: list[str] = []
    for level, cell in enumerate(cells):
        if cell is None:
            above = path[-1] if path else _("the top")
            tree.problems.append(
                ImportProblem(
                    display,
                    row,
                    _("blank '{header}' between levels: '{cell}' placed under '{above}'").format(
                        header=headers[level], cell=cells[level + 1], above=above
                    ),
                )
            )
            continue
        if path and cell == path[-1]:
            key = (*path, cell)
            if key not in said:
                said.add(key)
                tree.notes.append(
                    _(
                        "{file}:{line}: '{cell}' in '{header}' repeats its parent: read as the "
                        "same unit (said once)"
                    ).format(file=display, line=row, cell=cell, header=headers[level])
                )
            continue
        path.append(cell)
    return tuple(path)


def build_path_tree(
    numbers: list[int], levels: list[list[str | None]], headers: list[str], display: str
) -> UnitTree:
    """The unit tree of the path columns ``levels`` (one list per column, a cell per row)."""
    tree = UnitTree()
    said: set[Path_] = set()
    first: dict[Path_, int] = {}
    row_paths: list[Path_] = []
    for index, row in enumerate(numbers):
        path = _path(row, [level[index] for level in levels], headers, tree, display, said)
        row_paths.append(path)
        for depth in range(1, len(path) + 1):
            first.setdefault(path[:depth], row)
    # A name under several parents gets its parent's id in front: two units, told apart.
    parents_of: dict[str, set[Path_]] = {}
    for path in first:
        parents_of.setdefault(path[-1], set()).add(path[:-1])
    allocator = IdAllocator()
    for path in sorted(first, key=lambda path: (len(path), path)):
        slug = slugify(path[-1], "unit")
        parent = tree.ids.get(path[:-1])
        wanted = f"{parent}-{slug}" if parent and len(parents_of[path[-1]]) > 1 else slug
        unit = allocator.claim(wanted)
        tree.ids[path] = unit
        tree.names[unit] = path[-1]
        tree.parents[unit] = parent
        tree.first_row[unit] = first[path]
    tree.row_units = [tree.ids.get(path) for path in row_paths]
    return tree


def build_parent_tree(
    numbers: list[int],
    keys: list[str],
    names: list[str | None],
    parents: list[str | None],
    display: str,
    parent_header: str,
) -> UnitTree:
    """The unit tree of id/parent rows: each row a unit, ``parents`` naming another row's key."""
    tree = UnitTree()
    allocator = IdAllocator()
    for row, key, name in zip(numbers, keys, names, strict=True):
        if (key,) in tree.ids:
            continue  # a repeated key: reported by the importer, which merges or renames it
        unit = allocator.claim(key if is_id(key) else slugify(key, "unit"))
        tree.ids[(key,)] = unit
        tree.names[unit] = name or key
        tree.first_row[unit] = row
    seen: set[str] = set()
    for row, key, parent in zip(numbers, keys, parents, strict=True):
        unit = tree.ids[(key,)]
        if unit in seen:
            continue
        seen.add(unit)
        target = tree.ids.get((parent,)) if parent is not None else None
        if parent is not None and target is None:
            tree.problems.append(
                ImportProblem(
                    display,
                    row,
                    _(
                        "unit '{key}' has {header} '{parent}', which is not in the file: "
                        "written as a top unit"
                    ).format(key=key, header=parent_header, parent=parent),
                )
            )
        elif target == unit:
            tree.problems.append(
                ImportProblem(
                    display,
                    row,
                    _("unit '{key}' is its own {header}: written as a top unit").format(
                        key=key, header=parent_header
                    ),
                )
            )
            target = None
        tree.parents[unit] = target
    tree.row_units = [tree.ids[(key,)] for key in keys]
    return tree
