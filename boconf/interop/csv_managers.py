"""Reporting lines: each row's manager, from its ``reports_to`` cell.

A manager the file does not hold is dropped (the post becomes a top, for ``boconf check``
to report), unless it matches a post but for case; a post reporting to itself is kept for
check to report (or, with ``--self-report-is-top``, read as a top). ``--ref
reports_to=FIELD`` first turns each cell into the id of the row whose FIELD holds it.
"""

from __future__ import annotations

import operator

from boconf.i18n import N_, _, ngettext
from boconf.interop.csv_columns import column_index
from boconf.interop.csv_context import NULLS, CsvImport
from boconf.interop.csv_rows import CsvRows
from boconf.interop.import_problems import ImportUsageError


def managers(source: CsvImport, rows: CsvRows, by_raw: dict[str | None, str]) -> list[str | None]:
    """Each row's manager: the position its reports_to names (a renamed duplicate's
    manager id means the kept row, not itself)."""
    markers = frozenset(source.options.root_markers)
    bosses = rows.reports_to
    found: list[str | None] = list(map(by_raw.get, bosses))
    if (
        found.count(None) == bosses.count(None)  # every manager is in the file
        and not any(map(operator.eq, found, rows.id))  # nobody reports to themselves
        and not any(marker in by_raw for marker in markers)
    ):
        return found
    resolver = _Managers(source, rows, by_raw, markers)
    resolved = [resolver.manager(index) for index in range(len(bosses))]
    if resolver.self_reports:
        source.notes.append(
            ngettext(
                "{n} post(s) reporting to themselves read as tops (--self-report-is-top)",
                "{n} post(s) reporting to themselves read as tops (--self-report-is-top)",
                resolver.self_reports,
            ).format(n=resolver.self_reports)
        )
    return resolved


class _Managers:
    """The slow path of :func:`managers`: a row at a time, saying what it repairs."""

    def __init__(
        self,
        source: CsvImport,
        rows: CsvRows,
        by_raw: dict[str | None, str],
        markers: frozenset[str],
    ) -> None:
        self.source = source
        self.rows = rows
        self.by_raw = by_raw
        self.markers = markers
        self.self_reports = 0
        self._folded: dict[str, list[str]] | None = None

    def manager(self, index: int) -> str | None:
        rows = self.rows
        boss = rows.reports_to[index]
        if boss is None or boss in self.markers:
            return None
        target = self.by_raw.get(boss)
        raw_id = rows.raw_id[index]
        if target == rows.id[index]:
            if self.source.options.self_report_is_top:
                self.self_reports += 1
                return None
            self.source.problem(
                rows.number[index],
                _("'{raw_id}' reports to itself: kept, for check to report").format(raw_id=raw_id),
            )
            return target
        if target is None:
            target = self._by_case(rows.number[index], raw_id, boss)
        return target

    def _by_case(self, row: int, raw_id: str, boss: str) -> str | None:
        """The position ``boss`` names but for case (``CEO`` for ``ceo``), said so; else
        None, the reporting line dropped, said so."""
        source = self.source
        if self._folded is None:
            self._folded = {}
            for raw in self.by_raw:
                if raw is not None:
                    self._folded.setdefault(raw.casefold(), []).append(raw)
        found = self._folded.get(boss.casefold(), [])
        if len(found) == 1:
            source.summary.guessed[N_("references matched ignoring case")] += 1
            source.problem(
                row,
                _(
                    "'{raw_id}' reports to '{boss}', which is not in the file: read as "
                    "'{found}', which differs only in case"
                ).format(raw_id=raw_id, boss=boss, found=found[0]),
            )
            return self.by_raw[found[0]]
        if found:
            named = _(" and ").join(f"'{raw}'" for raw in found)
            source.problem(
                row,
                _(
                    "'{raw_id}' reports to '{boss}', which is not in the file, and {named} "
                    "differ from it only in case: ambiguous, reporting line dropped"
                ).format(raw_id=raw_id, boss=boss, named=named),
            )
            return None
        source.problem(
            row,
            _(
                "'{raw_id}' reports to '{boss}', which is not in the file: reporting line dropped"
            ).format(raw_id=raw_id, boss=boss),
        )
        return None


def resolve_refs(source: CsvImport, rows: CsvRows) -> None:
    """``--ref reports_to=FIELD``: each reports_to value names the row whose FIELD holds
    it (a manager given by role slug); it is replaced by that row's id. A value two rows
    hold is ambiguous, a value that matches only ignoring case is taken but said: both
    name the rows involved."""
    markers = frozenset(source.options.root_markers)
    for target, header in source.options.refs:
        if target != "reports_to":
            raise ImportUsageError(
                _(
                    "--ref {target}={header}: only reports_to can be resolved through a field"
                ).format(target=target, header=header)
            )
        table = source.table
        option = f"--ref {target}={header}"
        cells = table.columns[column_index(table.header, header, option, table.display)]
        reference = _Reference(source, rows, header, cells)
        rows.reports_to = [
            value if value is None or value in markers else reference.resolve(index, value)
            for index, value in enumerate(rows.reports_to)
        ]


class _Reference:
    """The rows of one ``--ref`` column, by value and by value ignoring case."""

    def __init__(self, source: CsvImport, rows: CsvRows, header: str, cells: list[str]) -> None:
        self.source = source
        self.rows = rows
        self.header = header
        self.cells = cells
        self.rows_of: dict[str, list[int]] = {}
        self.folded: dict[str, list[int]] = {}
        for index, cell in enumerate(cells):
            if cell not in NULLS:
                self.rows_of.setdefault(cell, []).append(index)
                self.folded.setdefault(cell.casefold(), []).append(index)

    def _listed(self, found: list[int]) -> str:
        rows, word = self.rows, self.source.row_word
        return ", ".join(f"{word} {rows.number[at]} ('{rows.raw_id[at]}')" for at in found)

    def resolve(self, index: int, value: str) -> str | None:
        """The raw id of the row whose column holds ``value``; None (said) when none or
        several do."""
        rows, header, problem = self.rows, self.header, self.source.problem
        number, raw_id = rows.number[index], rows.raw_id[index]
        found = self.rows_of.get(value)
        if found is not None and len(found) == 1:
            return rows.raw_id[found[0]]
        if found is not None:
            problem(
                number,
                _(
                    "'{raw_id}' reports to {header} '{value}', which several rows have: "
                    "{rows}: ambiguous, reporting line dropped"
                ).format(raw_id=raw_id, header=header, value=value, rows=self._listed(found)),
            )
            return None
        near = self.folded.get(value.casefold(), [])
        if len({rows.raw_id[at] for at in near}) == 1:
            actual = self.cells[near[0]]
            self.source.summary.guessed[N_("references matched ignoring case")] += 1
            problem(
                number,
                _(
                    "'{raw_id}' reports to {header} '{value}', which no row has; {row} has "
                    "'{actual}', the same but for case: read as that"
                ).format(
                    raw_id=raw_id,
                    header=header,
                    value=value,
                    row=self._listed(near[:1]),
                    actual=actual,
                ),
            )
            return rows.raw_id[near[0]]
        if near:
            problem(
                number,
                _(
                    "'{raw_id}' reports to {header} '{value}', which no row has, and {rows} "
                    "have it but for case: ambiguous, reporting line dropped"
                ).format(raw_id=raw_id, header=header, value=value, rows=self._listed(near)),
            )
            return None
        problem(
            number,
            _(
                "'{raw_id}' reports to {header} '{value}', which no row has: reporting line dropped"
            ).format(raw_id=raw_id, header=header, value=value),
        )
        return None
