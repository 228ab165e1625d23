"""`boconf export csv` writes what `boconf import csv` reads: import -> export -> import
gives the same tree, byte for byte."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf.interop.csv_columns import POST_FIELDS
from tests.conftest import Run
from tests.interop.helpers import NORTHWIND, ORACLE, SYNTHETIC, tree_bytes


@pytest.mark.parametrize("source", [ORACLE, NORTHWIND, SYNTHETIC], ids=lambda p: p.stem)
def test_import_export_import_is_byte_identical(
    boconf: Callable[..., Run], tmp_path: Path, source: Path
) -> None:
    first, exported, second = tmp_path / "a", tmp_path / "export.csv", tmp_path / "b"
    assert boconf("import", "csv", str(source), "-o", str(first)).code == 0
    run = boconf("export", "csv", str(first), "-o", str(exported))
    assert run.code == 0, run.err
    assert boconf("import", "csv", str(exported), "-o", str(second)).code == 0
    assert tree_bytes(first) == tree_bytes(second)


def test_export_has_a_row_per_position_and_one_per_empty_unit(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    assert boconf("import", "csv", str(ORACLE), "-o", str(tmp_path / "hr")).code == 0
    run = boconf("export", "csv", str(tmp_path / "hr"))
    assert run.code == 0
    rows = list(csv.DictReader(run.out.splitlines()))
    assert tuple(rows[0]) == POST_FIELDS
    positions = [row for row in rows if row["id"]]
    assert len(positions) == 107
    assert len([row for row in rows if not row["id"]]) == 16  # the empty departments
    king = next(row for row in positions if row["id"] == "100")
    assert king["name"] == "Steven King" and king["title"] == "President"
    assert (king["unit"], king["location"], king["country"]) == ("Executive", "Seattle", "US")
    assert king["manages"] == "Executive" and king["reports_to"] == ""


def test_export_of_the_example_org_reads_back(boconf: Callable[..., Run], tmp_path: Path) -> None:
    exported = tmp_path / "org.csv"
    assert boconf("export", "csv", "org", "-o", str(exported)).code == 0
    run = boconf("import", "csv", str(exported), "-o", str(tmp_path / "again"), "--strict")
    assert run.code == 0, run.err
    assert boconf("validate", str(tmp_path / "again")).code == 0


def test_cells_a_spreadsheet_would_run_are_reported_and_defused_on_request(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "hr.csv"
    source.write_text(
        "id,name,title,manager_id\n"
        'E1,Ann Lee,"=HYPERLINK(""http://x"",""pay"")",\n'
        "E2,@SUM(A1),Clerk,E1\n"
        "E3,Bo Chan,-,E1\n",
        encoding="utf-8",
    )
    assert boconf("import", "csv", str(source), "-o", str(tmp_path / "hr")).code == 0

    plain = boconf("export", "csv", str(tmp_path / "hr"))
    assert plain.code == 0
    assert (
        "note: 3 cell(s) start like a formula (row 2 title, row 3 name, row 4 title): "
        "a spreadsheet may run them; --spreadsheet-safe writes them as text"
    ) in plain.err
    rows = {row["id"]: row for row in csv.DictReader(plain.out.splitlines())}
    assert rows["E1"]["title"] == '=HYPERLINK("http://x","pay")'  # as it is: exact round trip

    safe = boconf("export", "csv", str(tmp_path / "hr"), "--spreadsheet-safe")
    assert safe.code == 0
    assert "written with a leading apostrophe" in safe.err
    rows = {row["id"]: row for row in csv.DictReader(safe.out.splitlines())}
    assert rows["E1"]["title"] == '\'=HYPERLINK("http://x","pay")'
    assert rows["E2"]["name"] == "'@SUM(A1)"
    assert rows["E3"]["title"] == "'-"
    assert (rows["E1"]["name"], rows["E2"]["title"], rows["E2"]["reports_to"]) == (
        "Ann Lee",
        "Clerk",
        "E1",
    )
    clean = boconf("export", "csv", "org")
    assert clean.code == 0 and "formula" not in clean.err
