"""Real exports without code: stacked snapshots, unit registers, records files, free-text places.

Each fixture in tests/fixtures/imports reproduces the mess its kind of export is known for
(see the comments in the files); expected values are worked out by hand from the rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from boconf.interop.countries import CountryResolver
from boconf.interop.places import Place, read_place
from boconf.interop.row_filter import period_key
from boconf.util.paths import display_path as shown
from tests.conftest import Run
from tests.interop.helpers import check_json, codes, tree_bytes

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"
SNAPSHOTS = FIXTURES / "snapshots.csv"
AGENCIES = FIXTURES / "agencies.csv"
UNIT_TREE = FIXTURES / "unit-tree.csv"
TEAM = FIXTURES / "team.yaml"
TEAM_OPTIONS = ("--ref", "reports_to=role", "--root-marker", "none", "--self-report-is-top")


def problems(run: Run, name: str) -> list[str]:
    return [line for line in run.err.splitlines() if f"{name}:" in line]


def summary(run: Run) -> list[str]:
    return [line for line in run.err.splitlines() if line.startswith(("read ", "guessed "))]


def load(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    return document


def positions(tree: Path) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for path in sorted((tree / "units").glob("*.yaml")):
        unit = load(path)
        for position in unit.get("positions", []):  # type: ignore[attr-defined]
            found[position["id"]] = {**position, "unit": unit["id"]}
    return found


def units(tree: Path) -> dict[str, dict[str, object]]:
    return {str(unit["id"]): unit for unit in map(load, sorted((tree / "units").glob("*.yaml")))}


# -- stacked snapshots ----------------------------------------------------------------------


def test_a_stacked_file_says_which_column_is_the_period_and_the_where_that_picks_one(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    run = boconf(
        "import", "csv", str(SNAPSHOTS), "-o", str(tmp_path / "out"), "--root-marker", "XX"
    )
    assert run.code == 0, run.err
    assert (
        "note: ids repeat, and column 'Back to Index' looks like a period (Mar-15: 4 rows, "
        "Sep-14: 3 rows): the file stacks 2 snapshots; import one with "
        "--where 'Back to Index=Mar-15'"
    ) in run.err
    assert problems(run, "snapshots.csv") == [
        f"{shown(SNAPSHOTS)}:6: duplicate id '001' (first on row 2): this one renamed '001-2'",
        f"{shown(SNAPSHOTS)}:7: duplicate id '002' (first on row 3): this one renamed '002-2'",
        f"{shown(SNAPSHOTS)}:8: duplicate id '003' (first on row 4): this one renamed '003-2'",
        f"{shown(SNAPSHOTS)}:9: '004' repeats row 5 exactly: merged",
    ]
    assert summary(run)[0] == (
        f"read 8 rows of {shown(SNAPSHOTS)} (kept 7 as positions, merged 1, skipped 0)"
    )


def test_where_keeps_one_period(boconf: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = boconf(
        "import", "csv", str(SNAPSHOTS), "-o", str(out), "--root-marker", "XX",
        "--where", "Back to Index=Mar-15",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert "looks like a period" not in run.err  # one period: ids no longer repeat
    assert summary(run)[0] == (
        f"read 8 rows of {shown(SNAPSHOTS)} (kept 4 as positions, merged 1, skipped 0, "
        "left out 3 by --where)"
    )
    found = positions(out)
    assert sorted(found) == ["001", "002", "003", "004"]  # ids keep their zeros
    assert found["002"]["holder"] == "002" and found["004"]["reports_to"] == "002"
    people = (out / "people" / "finance.yaml").read_text(encoding="utf-8")
    assert "name: Bob Stone" in people and "Bea Stone" not in people  # September's holder
    report = check_json(boconf, out)
    assert report["summary"]["valid"] is True


def test_where_with_several_values_of_one_column_keeps_either(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    run = boconf(
        "import", "csv", str(SNAPSHOTS), "-o", str(tmp_path / "out"), "--root-marker", "XX",
        "--where", "Back to Index=Mar-15", "--where", "back to index=Sep-14",
        "--where", "Unit=Finance",
    )  # fmt: skip
    assert run.code == 0, run.err
    # Finance rows of both periods: 002, 004 (Mar), 002 (Sep), 004 again (merged).
    assert summary(run)[0] == (
        f"read 8 rows of {shown(SNAPSHOTS)} (kept 3 as positions, merged 1, skipped 0, "
        "left out 4 by --where)"
    )


def test_a_where_that_matches_nothing_is_a_usage_error_listing_the_values(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    run = boconf(
        "import", "csv", str(SNAPSHOTS), "-o", str(tmp_path / "out"),
        "--where", "Back to Index=Mar-16",
    )  # fmt: skip
    assert run.code == 2
    assert (
        f"--where Back to Index=Mar-16: no row of {shown(SNAPSHOTS)} has 'Mar-16' in 'Back to Index' "
        "(its values: 'Mar-15', 'Sep-14')"
    ) in run.err
    assert not (tmp_path / "out").exists()
    run = boconf("import", "csv", str(SNAPSHOTS), "-o", str(tmp_path / "out"), "--where", "Perod=x")
    assert run.code == 2
    assert f"--where Perod=...: {shown(SNAPSHOTS)} has no column 'Perod'" in run.err


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Mar-15", (2015, 3, 0)),
        ("Sep'14", (2014, 9, 0)),
        ("March 2015", (2015, 3, 0)),
        ("2015-03-31", (2015, 3, 31)),
        ("31/03/2015", (2015, 3, 31)),
        ("Q1 2015", (2015, 3, 0)),
        ("Finance", None),
        ("Marx-15", None),
    ],
)
def test_period_values(value: str, key: tuple[int, int, int] | None) -> None:
    assert period_key(value) == key


# -- unit registers -------------------------------------------------------------------------


def test_a_register_of_agencies_and_bureaus_becomes_a_unit_tree(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run = boconf(
        "import", "csv", str(AGENCIES), "-o", str(out), "--units",
        "--unit-path", "Agency,Bureau,Office",
    )  # fmt: skip
    assert run.code == 0, run.err
    tree = units(out)
    parents = {unit: data.get("parent") for unit, data in tree.items()}
    assert parents == {
        "department-of-commerce": None,
        "department-of-the-interior": None,
        "bureau-of-the-census": "department-of-commerce",
        "field-division": "bureau-of-the-census",
        # the same name under two parents: two units, told apart by the parent's id
        "department-of-commerce-office-of-the-secretary": "department-of-commerce",
        "department-of-the-interior-office-of-the-secretary": "department-of-the-interior",
        "bureau-of-land-management": "department-of-the-interior",
        # 'Department of the Interior' repeated as its own bureau is the department itself
        "budget-office": "department-of-the-interior",
        "human-resources": "department-of-the-interior",
    }
    assert tree["department-of-commerce-office-of-the-secretary"]["name"] == (
        "Office of the Secretary"
    )
    assert run.err.count("repeats its parent") == 1  # rows 8 and 9 both do: said once
    assert (
        f"note: {shown(AGENCIES)}:8: 'Department of the Interior' in 'Bureau' repeats its parent: "
        "read as the same unit (said once)"
    ) in run.err
    assert problems(run, "agencies.csv") == [
        f"note: {shown(AGENCIES)}:8: 'Department of the Interior' in 'Bureau' repeats its parent: "
        "read as the same unit (said once)",
        f"{shown(AGENCIES)}:11: no unit in Agency, Bureau, Office: row skipped",
    ]
    # 10 rows: 8 name a unit first, row 10 repeats row 3's path, row 11 is blank.
    assert summary(run) == [
        f"read 10 rows of {shown(AGENCIES)} (kept 8 as units, merged 1, skipped 1)",
        "guessed 10: 9 unit functions from unit names, "
        "1 back-office head (a vacant post to be named)",
    ]
    # 'Office' is a path level here, never read as the location column.
    assert sorted(path.name for path in (out / "locations").iterdir()) == ["headquarters.yaml"]
    report = check_json(boconf, out)
    assert report["findings"] == []


def test_a_units_only_tree_turns_off_the_rules_that_need_people_and_says_when_to_turn_them_on(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    path = "Agency,Bureau,Office"
    boconf("import", "csv", str(AGENCIES), "-o", str(out), "--units", "--unit-path", path)
    settings = (out / ".boconf.yaml").read_text(encoding="utf-8")
    assert (
        "  # BO111: every unit of a register is empty; re-enable once positions are added.\n"
        "  - empty-unit\n"
    ) in settings
    assert "  - vacant-manager\n" in settings
    # Without those settings, exactly the rules that need people or enrichment report.
    (out / ".boconf.yaml").write_text("extends: recommended\n", encoding="utf-8")
    found = codes(check_json(boconf, out))
    assert set(found) == {"BO111", "BO109", "BO201", "BO202", "BO205", "BO206"}
    head = positions(out)["head-to-be-named"]
    assert head == {
        "id": "head-to-be-named",
        "title": "Head (to be named)",
        "unit": "department-of-the-interior",  # the larger top unit (5 units to 4)
    }


def test_an_id_parent_register(boconf: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = boconf(
        "import", "csv", str(UNIT_TREE), "-o", str(out), "--units", "--column", "parent=parent_id"
    )
    assert run.code == 0, run.err
    assert problems(run, "unit-tree.csv") == [
        f"{shown(UNIT_TREE)}:5: unit 'TAX' repeats row 4 exactly: merged",
        f"{shown(UNIT_TREE)}:7: unit 'IT' has parent_id 'ADMIN', which is not in the file: "
        "written as a top unit",
        f"{shown(UNIT_TREE)}:8: unit 'LOOP' is its own parent_id: written as a top unit",
        f"{shown(UNIT_TREE)}:9: unit 'FIN' is already on row 3, with other values: this row skipped",
    ]
    assert (
        summary(run)[0]
        == f"read 8 rows of {shown(UNIT_TREE)} (kept 6 as units, merged 1, skipped 1)"
    )
    tree = units(out)
    assert {unit: (data["name"], data.get("parent")) for unit, data in tree.items()} == {
        "GOV": ("Government", None),
        "FIN": ("Ministry of Finance", "GOV"),  # the first row's name, not 'Treasury'
        "TAX": ("Tax Agency", "FIN"),
        "HR": ("Human Resources", "GOV"),
        "IT": ("IT Services", None),
        "LOOP": ("Loop Office", None),
    }
    strict = boconf(
        "import", "csv", str(UNIT_TREE), "-o", str(tmp_path / "strict"), "--units",
        "--column", "parent=parent_id", "--strict",
    )  # fmt: skip
    assert strict.code == 1 and not (tmp_path / "strict").exists()


def test_unit_path_in_a_people_export(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = tmp_path / "staff.csv"
    source.write_text(
        "id,name,title,manager,Division,Department,Team\n"
        "1,Ada,CEO,,Corporate,,\n"  # 2: a division's own post (blank levels below)
        "2,Bob,CFO,1,Corporate,Finance,\n"  # 3
        "3,Cy,Clerk,2,Corporate,Finance,Payables\n"  # 4
        "4,Di,CTO,1,Technology,Technology,\n"  # 5: the department repeats the division
        "5,Ed,Lead,4,Technology,Technology,Payables\n",  # 6: 'Payables' again, elsewhere
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run = boconf(
        "import", "csv", str(source), "-o", str(out), "--unit-path", "Division,Department,Team"
    )
    assert run.code == 0, run.err
    found = positions(out)
    assert {post: data["unit"] for post, data in found.items()} == {
        "1": "corporate",
        "2": "finance",
        "3": "finance-payables",
        "4": "technology",
        "5": "technology-payables",
    }
    tree = units(out)
    assert {unit: (data.get("parent"), data.get("manager")) for unit, data in tree.items()} == {
        "corporate": (None, "1"),
        "finance": ("corporate", "2"),
        "finance-payables": ("finance", "3"),
        "technology": (None, "4"),  # a top level of the path: not put under 'corporate'
        "technology-payables": ("technology", "5"),
    }
    assert "'Technology' in 'Department' repeats its parent" in run.err


# -- records --------------------------------------------------------------------------------


def test_a_records_file_with_role_slug_references(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run = boconf("import", "records", str(TEAM), "-o", str(out), *TEAM_OPTIONS)
    assert run.code == 0, run.err
    assert problems(run, "team.yaml") == [
        f"{shown(TEAM)}:17: 'cy-young' reports to role 'CEO', which no row has; line 3 "
        "('ada-lovelace') has 'ceo', the same but for case: read as that",
        f"{shown(TEAM)}:31: 'ed-null' reports to role 'engineering-manager', which several rows have: "
        "line 17 ('cy-young'), line 24 ('di-ross'): ambiguous, reporting line dropped",
        f"{shown(TEAM)}:31: cannot tell the country of location 'Paris, CA' ('CA' is both a US state "
        "and the country code of Canada): written without a location; add the country to the "
        "cell (e.g. 'Paris, FR') or a country column",
        f"{shown(TEAM)}:38: location 'Remote' names no country and the row gives none: written without "
        "a location; pass --country to place such places, or add a country column",
    ]
    assert "note: 1 post(s) reporting to themselves read as tops (--self-report-is-top)" in (
        run.err
    )
    found = positions(out)
    assert {post: data.get("reports_to") for post, data in found.items()} == {
        "ada-lovelace": None,  # reports_to: none, a root marker
        "bob-stone": "ada-lovelace",
        "cy-young": "ada-lovelace",  # 'CEO', matched ignoring case
        "di-ross": "ada-lovelace",
        "ed-null": None,  # ambiguous: dropped
        "flo-west": "bob-stone",
        "gus-east": None,  # reported to itself: a top, by --self-report-is-top
    }
    assert {post: data.get("location") for post, data in found.items()} == {
        "ada-lovelace": None,  # Mill Valley is Executive's place: Ada is all of it
        "bob-stone": "berlin",  # Finance's posts are in Berlin and nowhere (Remote)
        "cy-young": "utrecht",
        "di-ross": "austin",
        "ed-null": None,
        "flo-west": None,
        "gus-east": "tokyo",
    }
    assert units(out)["executive"]["location"] == "mill-valley"
    countries = {
        path.stem: load(path)["country"] for path in sorted((out / "locations").glob("*.yaml"))
    }
    assert countries == {
        "austin": "US",
        "berlin": "DE",
        "mill-valley": "US",
        "tokyo": "JP",
        "utrecht": "NL",
    }
    assert summary(run) == [
        f"read 7 rows of {shown(TEAM)} (kept 7 as positions, merged 0, skipped 0)",
        "guessed 11: 3 unit functions from unit names, 3 unit managers (the most senior post), "
        "2 unit parents (where their managers report), 1 back-office head (the top of the "
        "organisation), 1 countries from a US state code, 1 references matched ignoring case",
    ]
    report = check_json(boconf, out)
    tops = [f for f in report["findings"] if f["code"] == "BO102"]
    assert sorted(f["subject"]["id"] for f in tops) == ["ed-null", "gus-east"]


def test_records_strict_writes_nothing_and_a_re_import_is_identical(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    strict = boconf("import", "records", str(TEAM), "-o", str(out), *TEAM_OPTIONS, "--strict")
    assert strict.code == 1
    assert "4 problem(s) in the data; --strict: nothing written" in strict.err
    assert not out.exists()
    assert boconf("import", "records", str(TEAM), "-o", str(out), *TEAM_OPTIONS).code == 0
    first = tree_bytes(out)
    again = boconf("import", "records", str(TEAM), "-o", str(out), *TEAM_OPTIONS, "--force")
    assert again.code == 0
    assert tree_bytes(out) == first


def test_a_json_mapping_of_records_keyed_by_id(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = tmp_path / "people.json"
    source.write_text(
        json.dumps(
            {
                "00105227": {"title": "Director", "manager": None, "office": {"city": "Leeds, UK"}},
                "00105228": {"title": "Analyst", "manager": "00105227", "office": {"city": "Leeds, UK"}},
                "00105229": {"title": "Clerk", "manager": "XX", "id": "other"},
                "oops": ["not", "a", "record"],
            },
            indent=2,
        ),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out"
    run = boconf(
        "import", "records", str(source), "-o", str(out), "--key-field", "post",
        "--column", "id=post", "--column", "location=office.city", "--root-marker", "XX",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert problems(run, "people.json") == [
        f"{shown(source)}:21: not a record (a mapping of fields): skipped",
    ]
    assert (
        summary(run)[0]
        == f"read 4 rows of {shown(source)} (kept 3 as positions, merged 0, skipped 1)"
    )
    found = positions(out)
    assert sorted(found) == ["00105227", "00105228", "00105229"]
    assert found["00105228"]["reports_to"] == "00105227"
    assert "reports_to" not in found["00105229"]
    assert load(out / "locations" / "leeds.yaml")["country"] == "GB"


def test_a_json_envelope_and_an_id_given_twice(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text(
        '{"employees": [\n'
        '  {"id": "ceo", "title": "CEO", "reports_to": "ceo"},\n'
        '  {"id": "cfo", "title": "CFO", "reports_to": "Ceo", "country": "IT", "city": "Milano"}\n'
        "]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run = boconf("import", "records", str(source), "-o", str(out))
    assert run.code == 0, run.err
    assert problems(run, "export.json") == [
        f"{shown(source)}:2: 'ceo' reports to itself: kept, for check to report",
        f"{shown(source)}:3: 'cfo' reports to 'Ceo', which is not in the file: read as 'ceo', "
        "which differs only in case",
    ]
    assert load(out / "locations" / "milano.yaml")["country"] == "IT"


def test_a_records_file_that_is_not_yaml_is_a_usage_error(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "bad.json"
    source.write_text('[{"id": "a",\n  "title": }\n', encoding="utf-8")
    run = boconf("import", "records", str(source), "-o", str(tmp_path / "out"))
    assert run.code == 2
    assert f"{shown(source)}:3: not YAML or JSON: did not find expected ',' or ']'" in run.err
    source.write_text("- &a {id: x}\n- *a\n", encoding="utf-8")
    run = boconf("import", "records", str(source), "-o", str(tmp_path / "out"))
    assert run.code == 2
    assert "records files may not use aliases" in run.err


# -- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Berlin, Germany 🇩🇪", Place("Berlin", "DE", "text")),
        ("Mill Valley, CA, USA", Place("Mill Valley", "US", "text")),
        ("🇯🇵 Tokyo", Place("Tokyo", "JP", "flag")),
        ("Austin, TX", Place("Austin", "US", "state")),
        ("London, UK", Place("London", "GB", "text")),
        ("Utrecht, NLD", Place("Utrecht", "NL", "text")),
        ("Lyon", Place("Lyon", None)),
        (
            "Paris, CA",
            Place("Paris", None, doubt="'CA' is both a US state and the country code of Canada"),
        ),
        ("Paris, CA 🇨🇦", Place("Paris", "CA", "flag")),
        ("Springfield, Narnia", Place("Springfield", None, doubt="'Narnia' is not a country")),
    ],
)
def test_free_text_places(text: str, place: Place) -> None:
    assert read_place(text, CountryResolver()) == place


def test_country_fills_only_blanks(boconf: Callable[..., Run], tmp_path: Path) -> None:
    source = tmp_path / "staff.csv"
    source.write_text(
        "id,title,reports_to,location,country\n"
        "1,CEO,,Lyon,\n"  # 2: blank: --country fills it
        '2,CFO,1,"Berlin, Germany",\n'  # 3: the cell names its country
        "3,Clerk,1,Springfield,US\n"  # 4: the country column says
        '4,Tech,1,"Springfield, Narnia",\n',  # 5: cannot be told, --country or not
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run = boconf("import", "csv", str(source), "-o", str(out), "--country", "fr")
    assert run.code == 0, run.err
    assert problems(run, "staff.csv") == [
        f"{shown(source)}:5: cannot tell the country of location 'Springfield, Narnia' ('Narnia' is "
        "not a country): written without a location; add the country to the cell "
        "(e.g. 'Paris, FR') or a country column",
    ]
    countries = {
        path.stem: load(path)["country"] for path in sorted((out / "locations").glob("*.yaml"))
    }
    assert countries == {"berlin": "DE", "lyon": "FR", "springfield": "US"}
