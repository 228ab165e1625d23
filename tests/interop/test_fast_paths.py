"""The import's whole-column shortcuts give exactly what the general code gives.

Each shortcut (splitting an unquoted CSV without the parser, checking a column of ids or
scalars at once, writing a field's lines for many positions at once) is compared with the
general path on seeded random input built from the characters that matter to it.
"""

from __future__ import annotations

import csv
import io
import os
import random
import stat
from pathlib import Path

import pytest

from boconf import output
from boconf.interop import csv_source
from boconf.interop.slugs import all_ids, is_id
from boconf.interop.yaml_text import distinct_lines, optional_lines, scalar, scalars
from boconf.output import OutputError, write_atomic

CSV_CHARACTERS = ["a", "b", " ", ",", ";", "\n", '"', "x", "\t", "\r", "é", "\x85", "NULL"]
SCALAR_PIECES = ["a", "Z", "é", "1", "_", " ", "-", ".", ":", "#", "'", "\n", "yes", "No", "@"]
ID_CHARACTERS = ["a", "Z", "0", "_", ".", ":", "-", "\n", " ", "é", "/"]


def _random_text(rng: random.Random, pieces: list[str], longest: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))


def _parsed(text: str, delimiter: str) -> csv_source.CsvTable:
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return csv_source._table("f.csv", records)


def _as_tuple(table: csv_source.CsvTable) -> tuple[object, ...]:
    return (table.header, table.numbers, table.columns, table.problems)


def test_splitting_an_unquoted_csv_reads_what_the_parser_reads() -> None:
    rng = random.Random(20261127)
    taken = 0
    for _ in range(20_000):
        text = _random_text(rng, CSV_CHARACTERS, 25)
        for delimiter in (",", ";"):
            fast = csv_source._split_plain(text, delimiter, "f.csv")
            if fast is None:
                continue
            taken += 1
            assert _as_tuple(fast) == _as_tuple(_parsed(text, delimiter)), repr(text)
    assert taken > 1_000  # the comparison ran on many files, not on a handful


@pytest.mark.parametrize(
    "text",
    [
        'id,name\n1,"Smith, J"\n',  # a quoted cell
        "id,name\n1,a\n\n2,b\n",  # a blank line
        "id,name\n1,a,extra\n",  # a ragged row
        "id,name\r\n1,a\r\n",  # carriage returns
        "id\n1\n",  # one column: blank lines there are cells
    ],
)
def test_files_the_split_cannot_read_exactly_go_to_the_parser(text: str) -> None:
    assert csv_source._split_plain(text, ",", "f.csv") is None


def test_an_unquoted_export_takes_the_split(tmp_path: Path) -> None:
    source = tmp_path / "hr.csv"
    source.write_text("id, name ,manager\nE1,Ann,\nE2, Bob ,E1\n", encoding="utf-8")
    table = csv_source.read_table(source, "hr.csv")
    assert csv_source._split_plain(source.read_text(), ",", "hr.csv") is not None
    assert table.header == ["id", "name", "manager"]
    assert table.columns == [["E1", "E2"], ["Ann", "Bob"], ["", "E1"]]
    assert table.numbers == [2, 3]


def test_a_field_over_the_parsers_limit_is_still_refused(tmp_path: Path) -> None:
    source = tmp_path / "huge.csv"
    source.write_text("id,name\nE1," + "x" * (csv.field_size_limit() + 1) + "\n")
    with pytest.raises(csv_source.ImportUsageError, match=r"huge.csv:2: cannot read CSV"):
        csv_source.read_table(source, "huge.csv")


def test_a_column_of_scalars_is_written_as_each_alone() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        values = [_random_text(rng, SCALAR_PIECES, 4) for _ in range(rng.randint(1, 4))]
        assert list(scalars(values)) == [scalar(value) for value in values], values


def test_a_column_of_ids_is_checked_as_each_alone() -> None:
    rng = random.Random(11)
    for _ in range(20_000):
        values = [_random_text(rng, ID_CHARACTERS, 4) for _ in range(rng.randint(1, 3))]
        assert all_ids(values) == all(map(is_id, values)), values
    assert all_ids([]) is True
    assert all_ids(["E1", "x" * 129]) is False


def test_an_id_with_a_trailing_line_break_is_not_an_id() -> None:
    # The validator's pattern is matched on the whole value; "$" in Python's re also
    # matches before a final newline, which once let "E1\n" through.
    assert is_id("E1") and not is_id("E1\n")


def test_field_lines_match_a_line_per_value() -> None:
    values = ["Team lead", None, "Team lead", "yes", None, "Head: of"]
    expected = [f"title: {scalar(value)}\n" if value is not None else "" for value in values]
    assert optional_lines("title: %s\n", values) == expected
    assert optional_lines("title: %s\n", [None, None]) is None
    assert optional_lines("n: %s\n", [1, 3, 1], 1) == ["", "n: 3\n", ""]
    assert optional_lines("fte: %s\n", ["0.5", None], quote=False) == ["fte: 0.5\n", ""]
    ids = ["E1", None, "100", "E3"]
    assert distinct_lines("id: %s\n", ids) == ["id: E1\n", "", 'id: "100"\n', "id: E3\n"]
    assert distinct_lines("id: %s\n", [None]) is None


def test_an_atomic_write_takes_a_random_name_when_its_own_is_taken(tmp_path: Path) -> None:
    target = tmp_path / "out" / "unit.yaml"
    target.parent.mkdir()
    stale = target.parent / f".unit.yaml.{os.getpid()}.tmp"
    stale.write_text("left by a crashed run")
    write_atomic(target, b"id: a\n")
    assert target.read_bytes() == b"id: a\n"
    assert stale.read_text() == "left by a crashed run"  # not ours to remove
    assert sorted(path.name for path in target.parent.iterdir()) == [stale.name, "unit.yaml"]
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


def test_an_atomic_write_replaces_a_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "unit.yaml"
    target.write_bytes(b"old\n")
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [path.name for path in tmp_path.iterdir()] == ["unit.yaml"]


def test_removing_first_replaces_the_file_and_keeps_it_until_the_new_one_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "unit.yaml"
    target.write_bytes(b"old\n")
    write_atomic(target, b"new\n", remove_first=True)
    assert target.read_bytes() == b"new\n"
    assert [path.name for path in tmp_path.iterdir()] == ["unit.yaml"]

    class FullDisk:
        def __init__(self, handle: int, mode: str) -> None:
            os.close(handle)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *_: object) -> None:
            pass

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fdopen", FullDisk)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"newer\n", remove_first=True)
    monkeypatch.undo()
    assert target.read_bytes() == b"new\n"  # the old file stays when the new one fails
    assert [path.name for path in tmp_path.iterdir()] == ["unit.yaml"]
