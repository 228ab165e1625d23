"""The support matrix as the site shows it: an HTML (or Markdown) table on the overview.

The same matrix as ``boconf render --view support`` (:mod:`boconf.rendering.support_matrix`),
every back-office unit that supports a front-office unit or that BO205 flags down, every
front-office unit across; the page turns the references into links.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from boconf.graph.structure import OrgStructure
from boconf.model.entities import Office
from boconf.rendering.support_matrix import Flag, Mark, build_matrix
from boconf.rules.base import RuleOptions
from boconf.website.refs import Ref, unit_ref

MARKS = {Mark.DIRECT: "●", Mark.INHERITED: "○"}  # ● lists it in supports, ○ a parent unit


@dataclass(frozen=True)
class Header:
    ref: Ref
    flag: Flag | None

    @property
    def state(self) -> str:
        """ "" | "gap" | "accepted": the CSS class and the word the page shows."""
        return self.flag.status.value if self.flag is not None else ""


@dataclass(frozen=True)
class MatrixRow:
    header: Header
    marks: list[str]  # per column: "direct", "inherited" or ""


@dataclass(frozen=True)
class SiteMatrix:
    column_groups: list[tuple[str, int]]  # front-office function, columns
    columns: list[Header]
    groups: list[tuple[str, list[MatrixRow]]]  # back-office function, its rows
    notes: list[Header]  # every flagged unit, rows' then columns', for the list under it

    @functools.cached_property
    def column_states(self) -> tuple[str, ...]:
        """Each column's state, in order (what a row's empty cells are classed by)."""
        return tuple(column.state for column in self.columns)

    @property
    def gaps(self) -> int:
        return sum(1 for note in self.notes if note.state == "gap")


def site_matrix(
    structure: OrgStructure, options: Mapping[str, RuleOptions] | None = None
) -> SiteMatrix | None:
    """The whole organisation's matrix; None when it has no front-office unit."""
    tree = structure.tree
    back = sorted(u for u, unit in tree.units.items() if unit.office is Office.BACK)
    front = sorted(u for u, unit in tree.units.items() if unit.office is Office.FRONT)
    if not front:
        return None
    matrix = build_matrix(structure, back, front, options)

    def header(unit_id: str) -> Header:
        return Header(unit_ref(tree, unit_id), matrix.flags.get(unit_id))

    columns = [header(u) for u in matrix.columns]
    # The marks are few (a matrix of 1,000 units has a quarter of a million cells): each row
    # starts empty and takes its own marks, rather than looking every cell up.
    column_of = {unit_id: index for index, unit_id in enumerate(matrix.columns)}
    row_marks: dict[str, list[tuple[int, str]]] = {}
    for (back_unit, front_unit), mark in matrix.marks.items():
        if front_unit in column_of:
            row_marks.setdefault(back_unit, []).append((column_of[front_unit], mark.value))

    def cells(unit_id: str) -> list[str]:
        row = [""] * len(column_of)
        for index, value in row_marks.get(unit_id, ()):
            row[index] = value
        return row

    groups = [
        (function.replace("_", " "), [MatrixRow(header(b), cells(b)) for b in units])
        for function, units in matrix.rows
    ]
    notes = [header(u) for u in matrix.row_units if u in matrix.flags]
    notes += [c for c in columns if c.flag is not None]
    return SiteMatrix(
        [(f.replace("_", " "), n) for f, n in matrix.column_groups(structure)],
        columns,
        groups,
        notes,
    )
