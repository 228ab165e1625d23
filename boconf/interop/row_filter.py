"""Stacked snapshots: ``--where COLUMN=VALUE`` keeps some rows, and a period column is spotted.

Published exports often stack several periods in one file (a column such as ``Back to
Index`` holding ``Mar-15``, ``Sep-14``...), so every post appears once per period and its id
repeats. ``--where`` keeps the rows to import: several values of one column are
alternatives, conditions on different columns must all hold. When ids repeat and a column
looks like a period (a few distinct values, each a date or a month), the import says so and
names the ``--where`` that picks the latest one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from boconf.i18n import _, ngettext
from boconf.interop.csv_columns import column_index
from boconf.interop.csv_source import CsvTable
from boconf.interop.import_problems import ImportUsageError

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"^([a-z]+)[-/ ]?'?(\d{2}|\d{4})$")  # Mar-15, March 2015, Sep'14
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")  # 2015-03, 2015-03-31
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")  # 31/03/2015
_QUARTER = re.compile(r"^(?:q([1-4])[- ]?(\d{4})|(\d{4})[- ]?q([1-4]))$")  # Q1 2015, 2015-Q1
_MAX_PERIODS = 60  # five years of months: more distinct values is not a period column


def period_key(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a value that names a period, else None."""
    text = value.strip().casefold()
    if match := _MONTH_YEAR.match(text):
        month = _MONTHS.get(match[1])
        if month is None:
            return None
        year = int(match[2])
        return (year + 2000 if year < 100 else year, month, 0)
    if match := _ISO.match(text):
        return (int(match[1]), int(match[2]), int(match[3] or 0))
    if match := _DAY_FIRST.match(text):
        return (int(match[3]), int(match[2]), int(match[1]))
    if match := _QUARTER.match(text):
        quarter, year_text = (match[1], match[2]) if match[1] else (match[4], match[3])
        return (int(year_text), int(quarter) * 3, 0)
    return None


def parse_where(text: str) -> tuple[str, str]:
    """``COLUMN=VALUE`` -> (column, value); raises :class:`ImportUsageError`."""
    column, equals, value = text.partition("=")
    if not equals or not column.strip():
        raise ImportUsageError(
            _("--where '{text}': expected COLUMN=VALUE, e.g. 'Period=Mar-15'").format(text=text)
        )
    return column.strip(), value.strip()


def apply_where(table: CsvTable, conditions: list[tuple[str, str]]) -> tuple[CsvTable, int]:
    """The table with only the rows every condition keeps, and how many rows it left out.

    A value no row holds is a usage error that lists the values the column does hold: a
    typo would otherwise import nothing, or (with other values) silently less."""
    if not conditions:
        return table, 0
    wanted: dict[int, set[str]] = {}
    for column, value in conditions:
        index = column_index(table.header, column, f"--where {column}=...", table.display)
        cells = table.columns[index]
        if value not in cells:
            values = sorted(set(cells))
            shown = ", ".join(f"'{cell}'" for cell in values[:12])
            raise ImportUsageError(
                _(
                    "--where {column}={value}: no row of {file} has '{value}' in '{header}' "
                    "(its values: {shown}"
                ).format(
                    column=column,
                    value=value,
                    file=table.display,
                    header=table.header[index],
                    shown=shown,
                )
                + (" " + _("and {n} more").format(n=len(values) - 12) if len(values) > 12 else "")
                + ")"
            )
        wanted.setdefault(index, set()).add(value)
    keep = [
        row
        for row in range(len(table.numbers))
        if all(table.columns[index][row] in values for index, values in wanted.items())
    ]
    columns = [[column[row] for row in keep] for column in table.columns]
    numbers = [table.numbers[row] for row in keep]
    left_out = len(table.numbers) - len(keep)
    return CsvTable(table.display, table.header, numbers, columns, table.problems), left_out


@dataclass(frozen=True)
class PeriodColumn:
    """A column that looks like the period of stacked snapshots, with its rows per value."""

    header: str
    counts: dict[str, int]  # value -> rows, latest first
    latest: str

    def advice(self) -> str:
        quoted = (
            f"'{self.header}={self.latest}'"
            if " " in self.header
            else (f"{self.header}={self.latest}")
        )
        listed = ", ".join(
            ngettext("{value}: {n} rows", "{value}: {n} rows", count).format(value=value, n=count)
            for value, count in self.counts.items()
        )
        return ngettext(
            "ids repeat, and column '{header}' looks like a period ({listed}): the file stacks "
            "{n} snapshots; import one with --where {quoted}",
            "ids repeat, and column '{header}' looks like a period ({listed}): the file stacks "
            "{n} snapshots; import one with --where {quoted}",
            len(self.counts),
        ).format(header=self.header, listed=listed, n=len(self.counts), quoted=quoted)


def find_period(table: CsvTable, ids: list[str | None]) -> PeriodColumn | None:
    """The column that tells apart the repeats of ``ids``, when its values name periods."""
    for index, header in enumerate(table.header):
        cells = table.columns[index]
        counts = Counter(cells)
        if not 2 <= len(counts) <= _MAX_PERIODS:
            continue
        keys = {value: period_key(value) for value in counts}
        if None in keys.values():
            continue
        # Within one period the ids must repeat less than in the whole file.
        if len(set(zip(ids, cells, strict=True))) <= len(set(ids)):
            continue
        order = sorted(counts, key=lambda value: (keys[value], value), reverse=True)
        return PeriodColumn(header, {value: counts[value] for value in order}, order[0])
    return None
