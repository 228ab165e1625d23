"""Messy HR exports: every problem at its spreadsheet row, and a valid tree regardless."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.interop.helpers import check_json, codes, tree_bytes

MESSY = (
    "employee_id,first_name,last_name,job_title,manager_id,department\n"  # row 1
    "1,Ada,Lovelace,CEO,XX,Executive\n"  # 2: the top, by --root-marker
    "2,Bob,Stone,CFO,1,Finance\n"  # 3
    "2,Bea,Stone,Accountant,2,Finance\n"  # 4: duplicate id
    "3,Cy,Young,Clerk,99,Finance\n"  # 5: dangling manager
    "4,Di,Ross,Analyst,4,IT\n"  # 6: self-report
    ",Ed,Null,Tech,1,IT\n"  # 7: blank id
    "5,Flo,NULL,NULL,1,IT\n"  # 8: NULL title (and surname)
    "6,Gus,Extra,Tech,1,IT,oops\n"  # 9: a field too many
    '7,Hal,"Multi\nline",Tech,1\n'  # 10 (a quoted cell over two lines): a field short
    "8,Ivy,Last,Tech,1,\n"  # 11: no department
)


def write(tmp_path: Path, text: str | bytes, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_is_reported_at_its_row(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = write(tmp_path, MESSY)
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "out"), "--root-marker", "XX")
    assert run.code == 0
    problems = [line for line in run.err.splitlines() if "staff.csv:" in line]
    rows = [int(line.split("staff.csv:")[1].split(":")[0]) for line in problems]
    assert rows == [4, 5, 6, 7, 8, 9, 10, 11]
    text = "\n".join(problems)
    assert "staff.csv:4: duplicate id '2' (first on row 3): this one renamed '2-2'" in text
    assert "staff.csv:5: '3' reports to '99', which is not in the file" in text
    assert "staff.csv:6: '4' reports to itself" in text
    assert "staff.csv:7: blank employee_id: row skipped" in text
    assert "staff.csv:8: '5' has no title" in text
    assert "staff.csv:9: 7 fields where the header has 6" in text
    assert "staff.csv:10: 5 fields where the header has 6" in text
    assert "staff.csv:11: '8' has no department" in text
    people = (tmp_path / "out" / "people" / "it.yaml").read_text(encoding="utf-8")
    assert "name: Flo\n" in people  # NULL is no value, not a surname


def test_the_messy_tree_is_valid_and_check_reports_what_the_import_kept(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = write(tmp_path, MESSY)
    out = tmp_path / "out"
    boconf("import", "csv", str(source), "-o", str(out), "--root-marker", "XX")
    found = codes(check_json(boconf, out))
    # '3' lost its manager: a second top, one finding (the real top is not reported);
    # '4' reports to itself; '8' is in no unit; '2' has the renamed duplicate as its only
    # report (an info).
    assert found == {"BO102": 1, "BO104": 1, "BO115": 1, "BO107": 1}
    finance = (out / "units" / "finance.yaml").read_text(encoding="utf-8")
    assert 'id: "2-2"\n    title: Accountant\n    reports_to: "2"' in finance


def test_strict_fails_and_writes_nothing(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = write(tmp_path, MESSY)
    out = tmp_path / "out"
    run = boconf("import", "csv", str(source), "-o", str(out), "--strict")
    assert run.code == 1
    assert "--strict: nothing written" in run.err
    assert not out.exists()


def test_strict_passes_clean_data(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = write(tmp_path, "id,name,title,reports_to\na,Ann,Boss,\nb,Bo,Clerk,a\n")
    assert boconf("import", "csv", str(source), "-o", str(tmp_path / "o"), "--strict").code == 0


def test_reimport_is_byte_identical(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = write(tmp_path, MESSY)
    for name in ("one", "two"):
        boconf("import", "csv", str(source), "-o", str(tmp_path / name), "--root-marker", "XX")
    first, second = tree_bytes(tmp_path / "one"), tree_bytes(tmp_path / "two")
    assert len(first) > 5 and first == second


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("id,name\n1,J\u00e9r\u00f4me\n".encode("latin-1"), "not UTF-8: byte 0xe9"),
        (codecs.BOM_UTF16_LE + "id,name\n".encode("utf-16-le"), "--encoding utf-16"),
    ],
)
def test_a_file_that_is_not_utf8_is_a_usage_error(
    boconf: Callable[..., Run], tmp_path: Path, raw: bytes, expected: str
) -> None:
    run = boconf("import", "csv", str(write(tmp_path, raw)), "-o", str(tmp_path / "o"))
    assert run.code == 2
    assert expected in run.err
    assert not (tmp_path / "o").exists()


def test_encoding_option_and_utf8_bom(boconf: Callable[..., Run], tmp_path: Path) -> None:
    latin = write(tmp_path, "id,name\n1,J\u00e9r\u00f4me\n".encode("latin-1"), "latin.csv")
    assert (
        boconf("import", "csv", str(latin), "-o", str(tmp_path / "a"), "--encoding", "latin-1").code
        == 0
    )
    assert "name: Jérôme" in (tmp_path / "a" / "people" / "all-staff.yaml").read_text("utf-8")
    bom = write(tmp_path, codecs.BOM_UTF8 + "id,name\n1,Jérôme\n".encode(), "bom.csv")
    assert boconf("import", "csv", str(bom), "-o", str(tmp_path / "b")).code == 0
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_unknown_column_or_field_is_a_usage_error(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = write(tmp_path, "id,name\n1,Ann\n")
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "o"), "--column", "title=job")
    assert run.code == 2 and "has no column 'job'" in run.err
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "o"), "--column", "titel=name")
    assert run.code == 2 and "did you mean 'title'?" in run.err
    no_id = write(tmp_path, "who,name\n1,Ann\n", "noid.csv")
    run = boconf("import", "csv", str(no_id), "-o", str(tmp_path / "o"))
    assert run.code == 2 and "--column id=HEADER" in run.err


def test_columns_joined_and_mapped_with_a_semicolon_delimiter(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        "Post Unique Reference;Given;Family;Grade;Reports to Senior Post;Team\n"
        "A1;Ann;Lee;Director;XX;Board\nB2;Bo;Ray;Analyst;A1;Data office\n",
    )
    run = boconf(
        "import",
        "csv",
        str(source),
        "-o",
        str(tmp_path / "o"),
        "--root-marker",
        "XX",
        "--column",
        "name=Given+Family",
        "--strict",
    )
    assert run.code == 0, run.err
    assert "reports_to=Reports to Senior Post" in run.err and "unit=Team" in run.err
    data = (tmp_path / "o" / "units" / "data-office.yaml").read_text(encoding="utf-8")
    assert "function: data_management" in data and "parent: board" in data
    assert "name: Bo Ray" in (tmp_path / "o" / "people" / "data-office.yaml").read_text()


def test_non_empty_directory_needs_force_and_force_keeps_user_files(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = write(tmp_path, "id,name,department\n1,Ann,Sales\n2,Bo,Legal\n", "a.csv")
    assert boconf("import", "csv", str(first), "-o", str(out)).code == 0
    (out / "NOTES.md").write_text("mine", encoding="utf-8")
    second = write(tmp_path, "id,name,department\n1,Ann,Sales\n", "b.csv")
    run = boconf("import", "csv", str(second), "-o", str(out))
    assert run.code == 2 and "not empty" in run.err
    assert boconf("import", "csv", str(second), "-o", str(out), "--force").code == 0
    assert not (out / "units" / "legal.yaml").exists()  # the previous import's, removed
    assert (out / "NOTES.md").read_text(encoding="utf-8") == "mine"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "big.csv"
    rows = "".join(f"E{number},Person {number},Clerk,E1\n" for number in range(2, 60_000))
    source.write_text("id,name,title,manager_id\nE1,Boss,Chief,\n" + rows, encoding="utf-8")
    assert 1 < source.stat().st_size / 2**20 < 2
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "org"), "--max-file-size", "1")
    assert run.code == 2
    assert "big.csv: 1.6 MiB, over the 1 MiB limit; pass --max-file-size 2 to read it" in run.err
    assert not (tmp_path / "org").exists()
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "org"), "--max-file-size", "2")
    assert run.code == 0, run.err
    assert "imported 59999 positions" in run.err


def test_an_fte_that_is_not_a_number_is_reported_not_a_crash(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = write(tmp_path, "id,name,title,reports_to,fte\n1,Ann,CEO,,NaN\n2,Bob,Clerk,1,sNaN\n")
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "out"))
    assert run.code == 0, run.err
    problems = [line for line in run.err.splitlines() if "staff.csv:" in line]
    assert [line.split("staff.csv:")[1] for line in problems] == [
        "2: fte 'NaN' is not a number in (0, 1]: ignored",
        "3: fte 'sNaN' is not a number in (0, 1]: ignored",
    ]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        (
            "Division,Team\n,\nNULL,\n",
            ["--unit-path", "Division,Team"],
            "staff.csv: no row names a unit in Division, Team: nothing to import; "
            "check the --unit-path columns",
        ),
        (
            "unit_id,parent_id\n,HQ\nNULL,\n",
            ["--column", "parent=parent_id"],
            "staff.csv: every row's unit_id is blank: no units to import; "
            "name the key column with --column id=HEADER",
        ),
    ],
)
def test_a_register_with_no_unit_is_a_usage_error(
    boconf: Callable[..., Run], tmp_path: Path, text: str, options: list[str], message: str
) -> None:
    source = write(tmp_path, text)
    run = boconf("import", "csv", str(source), "-o", str(tmp_path / "out"), "--units", *options)
    assert run.code == 2
    assert message in run.err
    assert not (tmp_path / "out").exists()
