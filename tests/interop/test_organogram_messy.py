"""`boconf import organogram` on the mess real organograms hold, recomputed by hand.

The fixture reproduces what data.gov.uk's organograms do (see ../shared/data/README.md): an
unnamed index column first, Windows-1252 with CRLF line ends and pound signs in the headers
and cells (the senior file), a UTF-8 BOM (the junior file), ids with leading zeros, N/D,
Vacant and blank names, a job share, an exactly repeated row (its index differs), an
Eliminated post whose reference a current post reuses, another post reusing a reference, a
post reporting to a post left out of the file and one reporting to an Eliminated post, and
fractional, zero and unreadable junior FTE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import yaml

from boconf import load_organisation
from boconf.economics.cost import cost_report
from boconf.graph.structure import build_structure
from tests.conftest import Run
from tests.interop.helpers import check_json, tree_bytes

SENIOR_HEADER = (
    ",Post Unique Reference,Name,Grade (or equivalent),Job Title,Unit,Reports to Senior Post,"
    "FTE,Actual Pay Floor (£),Actual Pay Ceiling (£),Organisation"
)
ORG = "Ministry of Examples"
# (row as a spreadsheet numbers it: the header is row 1)
SENIOR_ROWS = [
    f'0,00105227,Jane Roe,SCS3,Director General,Corporate,XX,1,"£140,000","£144,999",{ORG}',  # 2
    f"1,00105300,N/D,SCS2,Director of Finance,Finance,00105227,1,0,0,{ORG}",  # 3
    f"2,00105301,Vacant,SCS1,Deputy Director Payroll,Finance,00105300,1,0,0,{ORG}",  # 4
    f'3,00105302,Ann Bee,SCS1,Head of Shared Services,Finance,00105300,0.5,"£70,000","£74,999",{ORG}',  # 5
    f'4,00105302,Cat Dee,SCS1,Head of Shared Services,Finance,00105300,0.5,"£70,000","£74,999",{ORG}',  # 6
    f'5,00105303,Dan Eve,SCS1,Head of Estates,Estates,00105227,1,"£65,000","£69,999",{ORG}',  # 7
    f'6,00105303,Dan Eve,SCS1,Head of Estates,Estates,00105227,1,"£65,000","£69,999",{ORG}',  # 8
    f"7,00105304,Eliminated,SCS1,Head of Policy,Policy,00105227,1,0,0,{ORG}",  # 9
    f'8,00105304,Fay Gee,SCS1,Head of Digital,Digital,00105227,1,"£75,000","£79,999",{ORG}',  # 10
    f"9,00105305,,SCS1,Head of Audit,Audit,00105227,1,0,0,{ORG}",  # 11
    f'10,00105306,Gus Hay,SCS1,Head of Regions,Regions,00109999,1,"£70,000","£74,999",{ORG}',  # 12
    f"11,00105307,N/D,SCS1,Regional Lead,Regions,00105306,1,0,0,{ORG}",  # 13
    f"12,00105310,Eliminated,SCS1,Head of Grants,Grants,00105227,1,0,0,{ORG}",  # 14
    f'13,00105308,Ivy Jay,SCS1,Head of Research,Digital,00105310,1,"£70,000","£74,999",{ORG}',  # 15
    f"14,00105306,N/D,SCS1,Head of Procurement,Finance,00105300,1,0,0,{ORG}",  # 16
    f"15,00105309,Kim Lee,SCS1,Head of Comms,Corporate,00105227,1.5,0,0,{ORG}",  # 17
]
JUNIOR_HEADER = (
    "Parent Department,Organisation,Unit,Reporting Senior Post,Grade,Payscale Minimum (£),"
    "Payscale Maximum (£),Generic Job Title,Number of Posts in FTE"
)
JUNIOR_ROWS = [
    f'{ORG},{ORG},Finance,00105300,Grade 7,"£55,000","£65,000",Finance Manager,2.5',  # 2
    f'{ORG},{ORG},Finance,00105300,Executive Officer,"£25,000","£29,000",Finance Officer,0',  # 3
    f'{ORG},{ORG},Regions,00109999,Higher Executive Officer,"£30,000","£34,000",Regional Officer,3',  # 4
    f"{ORG},{ORG},Estates,00105303,Administrative Officer,N/D,N/D,Estates Assistant,0.75",  # 5
    f'{ORG},{ORG},Estates,00105303,Administrative Officer,"£20,000","£22,000",Estates Assistant,x',  # 6
    # Excel took the column for numbers and dropped the zeros of '00105303'.
    f'{ORG},{ORG},Estates,105303,Administrative Officer,"£20,000","£22,000",Estates Clerk,1',  # 7
]


def write_fixture(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    senior, junior = folder / "senior.csv", folder / "junior.csv"
    senior.write_bytes("\r\n".join([SENIOR_HEADER, *SENIOR_ROWS, ""]).encode("cp1252"))
    junior.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([JUNIOR_HEADER, *JUNIOR_ROWS, ""]).encode())
    return senior, junior


def test_fixture_has_the_mess_it_claims(tmp_path: Path) -> None:
    senior, junior = write_fixture(tmp_path)
    raw = senior.read_bytes()
    assert b"\xa3" in raw and b"\r\n" in raw and raw.startswith(b",Post Unique")
    assert junior.read_bytes().startswith(b"\xef\xbb\xbfParent Department")


def _import(boconf: Callable[..., Run], tmp_path: Path, *extra: str) -> tuple[Run, Path]:
    write_fixture(tmp_path / "in")
    out = tmp_path / "out"
    run = boconf(
        "import", "organogram", "senior.csv", "junior.csv", "-o", str(out), *extra,
        cwd=tmp_path / "in",
    )  # fmt: skip
    return run, out


EXPECTED_PROBLEMS = [
    "senior.csv:8: post '00105303' repeats row 7 exactly: merged into it (counted once)",
    "senior.csv:12: post '00105306' reports to senior post '00109999', which is not in "
    "senior.csv: kept, with reports_to_missing: '00109999' for boconf check to report",
    "senior.csv:15: post '00105308' reports to '00105310', an Eliminated post (row 14 of "
    "senior.csv): kept, with reports_to_missing: '00105310' for boconf check to report",
    "senior.csv:16: post reference '00105306' is already row 12's ('Head of Regions'): this "
    "other post ('Head of Procurement', SCS1) written as '00105306-2'; posts reporting to "
    "'00105306' report to row 12's",
    "senior.csv:17: FTE '1.5' is not a number in (0, 1]: written as a full-time post",
    "junior.csv:4: 'Regional Officer' reports to senior post '00109999', which is not in "
    "senior.csv: kept, with reports_to_missing: '00109999' for boconf check to report",
    "junior.csv:6: Number of Posts in FTE 'x' is not a number of posts: row skipped",
    "junior.csv:7: reports to '105303', which is not a post reference: taken as '00105303', "
    "the same number with its leading zeros",
]


def test_every_problem_at_its_row_and_the_summary_counts(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    run, out = _import(boconf, tmp_path)
    assert run.code == 0, run.err
    lines = run.err.splitlines()
    problems = [line for line in lines if not line.startswith(("note: ", "imported", "next:"))]
    assert problems == EXPECTED_PROBLEMS
    notes = [line.removeprefix("note: ") for line in lines if line.startswith("note: ")]
    assert notes == [
        "senior.csv:9: post '00105304' is Eliminated and its reference is used by the current "
        "post on row 10: the Eliminated one skipped, reports to the reference go to the "
        "current one",
        "senior.csv:6: post '00105302' is a job share with row 5 (0.5 + 0.5 FTE): written as "
        "'00105302-share' beside '00105302', with the same manager",
        # Finance is headed by 00105300, whose holder is N/D: held, not vacant.
        "1 units headed by an N/D post: vacant-manager suppressed on them, with the reason "
        "(check --show-suppressed lists them)",
        "organisation named 'Ministry of Examples' from the Organisation column (--name)",
        "senior.csv is not UTF-8 (byte 0xa3 at offset 110): read as cp1252; pass --encoding "
        "if that is wrong",
        "read 16 senior rows from senior.csv and 6 junior rows from junior.csv",
        # 16 rows - 1 merged - 2 eliminated = 13 posts: 11 full-time (Kim Lee's 1.5 written
        # as 1) and the two halves of the job share: 12 FTE. Named: Jane, Ann, Cat, Dan, Fay,
        # Gus, Ivy, Kim; N/D: rows 3, 13, 16; Vacant: row 4; blank: row 11.
        "kept 13 senior posts (12 FTE): 8 people named, 3 holders not disclosed (N/D), "
        "1 vacant, 1 without a name",
        # Rows 2, 4, 5, 7 (row 3 is 0 FTE, row 6 unreadable): 2 + 0.5 + 3 + 0.75 + 1 = 7.25
        # FTE in 5 positions (2.5 is 2 posts and a 0.5 post) of 2 + 1 + 3 + 1 + 1 = 8 posts.
        "kept 4 junior rows as 5 positions of 8 posts (7.25 FTE; 2 fractional rows split "
        "into whole posts and one part-time post)",
        "merged 1 exactly repeated rows; kept 1 job shares as posts of their own and renamed "
        "1 other posts reusing a reference",
        "skipped 2 Eliminated posts, 1 junior rows of 0 FTE and 1 unreadable rows",
        "3 posts report to 2 senior posts not in the file ('00105310' (1), '00109999' (2)): "
        "kept with reports_to_missing",
        # Pay bands: senior rows 2, 5, 6, 7, 10, 12, 15; junior rows 2 (twice), 4, 7.
        "guessed: 11 positions costed at the middle of their pay band (annual_cost_per_fte); "
        "7 without a disclosed pay band (no cost); 1 references matched to a post by their "
        "number (leading zeros lost); one 'Headquarters' location, as organograms give no "
        "places; unit managers, parents and functions from the posts and unit names",
    ]
    assert lines[-2] == (
        "imported 18 positions, 6 units, 8 people and 1 locations into ../out (8 problem(s) above)"
    )
    assert (out / "organisation.yaml").read_text().count("currency: GBP") == 1


def _positions(out: Path) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for path in sorted((out / "units").glob("*.yaml")):
        unit = yaml.safe_load(path.read_text(encoding="utf-8"))
        for post in unit.get("positions", []):
            found[post["id"]] = {**post, "unit": unit["id"]}
    return found


def test_what_is_written_for_each_case(boconf: Callable[..., Run], tmp_path: Path) -> None:
    _, out = _import(boconf, tmp_path)
    posts = _positions(out)
    # Ids are text: leading zeros kept (quoted in YAML).
    assert 'id: "00105227"' in (out / "units" / "corporate.yaml").read_text()
    assert posts["00105227"] == {
        "id": "00105227",
        "title": "Director General",
        "holder": "jane-roe",
        "grade": "SCS3",
        "pay_band": {"min": 140000, "max": 144999},
        "annual_cost_per_fte": 142499.5,
        "unit": "corporate",
    }
    # N/D: no holder, said; Vacant: no holder, nothing to say; blank: no holder, said.
    assert "holder" not in posts["00105300"]
    assert posts["00105300"]["description"] == (
        "The holder is not disclosed in the organogram (N/D)."
    )
    assert "holder" not in posts["00105301"] and "description" not in posts["00105301"]
    assert posts["00105305"]["description"] == "The organogram gives no name for the holder."
    # The job share: two half posts with the same manager.
    share = [posts["00105302"], posts["00105302-share"]]
    assert [(p["holder"], p["fte"], p["reports_to"]) for p in share] == [
        ("ann-bee", 0.5, "00105300"),
        ("cat-dee", 0.5, "00105300"),
    ]
    # The reused reference: the first keeps it (and its reports), the other is renamed.
    assert posts["00105306"]["title"] == "Head of Regions"
    assert posts["00105307"]["reports_to"] == "00105306"
    assert posts["00105306-2"]["title"] == "Head of Procurement"
    # Eliminated: the current post keeps the reference; the eliminated posts are not written.
    assert posts["00105304"]["title"] == "Head of Digital"
    assert "Head of Policy" not in str(posts) and "Head of Grants" not in str(posts)
    # Cut off: the missing manager kept, no reports_to.
    assert posts["00105306"]["reports_to_missing"] == "00109999"
    assert posts["00105308"]["reports_to_missing"] == "00105310"
    assert "reports_to" not in posts["00105306"] and "reports_to" not in posts["00105308"]
    # Junior 2.5 FTE: 2 full-time posts and a 0.5 post; 0.75 alone; 3 whole posts.
    manager = posts["00105300-grade-7-finance-manager"]
    part = posts["00105300-grade-7-finance-manager-part"]
    assert (manager.get("headcount"), manager.get("fte", 1)) == (2, 1)
    assert (part.get("headcount", 1), part["fte"]) == (1, 0.5)
    assert manager["pay_band"] == part["pay_band"] == {"min": 55000, "max": 65000}
    assistant = posts["00105303-administrative-officer-estates-assistant"]
    assert (assistant["fte"], assistant["reports_to"]) == (0.75, "00105303")
    assert "pay_band" not in assistant  # N/D pay: not disclosed
    regional = posts["00109999-higher-executive-officer-regional-officer"]
    assert (regional["headcount"], regional["reports_to_missing"]) == (3, "00109999")
    assert "Finance Officer" not in str(posts)  # 0 FTE: no posts
    clerk = posts["00105303-administrative-officer-estates-clerk"]
    assert clerk["reports_to"] == "00105303"  # '105303' in the file


def test_the_fte_total_is_exact_and_cost_uses_the_pay_bands(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    _, out = _import(boconf, tmp_path)
    loaded = load_organisation(out)
    assert loaded.ok and loaded.tree is not None
    structure = build_structure(loaded.tree)
    total = sum((post.fte * post.headcount for post in loaded.tree.positions.values()), Decimal(0))
    assert total == Decimal("19.25")  # 12 senior + 7.25 junior
    report = cost_report(structure, dt.date(2026, 1, 1))
    # By hand, each post's FTE x the middle of its band:
    # Jane 142,499.5; Ann and Cat 0.5 x 72,499.5 each; Dan 67,499.5; Fay 77,499.5;
    # Gus 72,499.5; Ivy 72,499.5; finance managers 2.5 x 60,000; regional officers
    # 3 x 32,000; the estates clerk 21,000. The rest (N/D and vacant pay, the 0.75
    # assistant) is unpriced.
    expected = (
        Decimal("142499.5")
        + Decimal("72499.5")
        + Decimal("67499.5")
        + Decimal("77499.5")
        + 2 * Decimal("72499.5")
        + Decimal("150000")
        + Decimal("96000")
        + Decimal("21000")
    )
    assert report.total == expected == Decimal("771997.00")
    assert report.missing == [
        # N/D 00105300, 00105307, 00105306-2; vacant 00105301; blank 00105305; Kim Lee;
        # the assistant's 0.75: 6.75 FTE.
        "location 'headquarters' has no annual_cost_per_fte: 6.75 FTE of own staff unpriced"
    ]


def test_check_names_the_missing_id_of_every_cut_off_post(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    _, out = _import(boconf, tmp_path)
    report = check_json(boconf, out)
    tops = {
        f["message"].split("'")[1]: f["message"] for f in report["findings"] if f["code"] == "BO102"
    }
    # A unit headed by a blank name is reported vacant; one headed by an N/D post is not.
    vacant = [f["message"] for f in report["findings"] if f["code"] == "BO109"]
    assert vacant == ["unit 'audit' is headed by position '00105305', which is vacant"]
    assert tops == {
        "00105306": "position '00105306' reports to '00109999', which is not in the "
        "organisation (1 other position reports to it too): a top of its own beside "
        "'00105227'; 1 position below it never reaches the top: '00105307'",
        "00105308": "position '00105308' reports to '00105310', which is not in the "
        "organisation: a top of its own beside '00105227'",
        "00109999-higher-executive-officer-regional-officer": "position "
        "'00109999-higher-executive-officer-regional-officer' reports to '00109999', which is "
        "not in the organisation (1 other position reports to it too): a top of its own "
        "beside '00105227'",
    }


def test_strict_writes_nothing_and_a_clean_file_imports_without_problems(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    run, out = _import(boconf, tmp_path, "--strict")
    assert run.code == 1
    assert "8 problem(s) in the data; --strict: nothing written" in run.err
    assert not out.exists()
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "senior.csv").write_text(
        "Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,FTE\n"
        "1,Ada,SCS3,Director,HR,XX,1\n"
        "2,N/D,SCS1,Deputy,HR,1,1\n",
        encoding="utf-8",
    )
    run = boconf("import", "organogram", str(clean / "senior.csv"), "-o", str(tmp_path / "c"),
                 "--strict")  # fmt: skip
    assert run.code == 0, run.err
    assert boconf("check", str(tmp_path / "c")).code == 0


def test_deterministic_and_reimports_over_itself(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    _, out = _import(boconf, tmp_path)
    first = tree_bytes(out)
    run = boconf("import", "organogram", "senior.csv", "junior.csv", "-o", str(out), "--force",
                 cwd=tmp_path / "in")  # fmt: skip
    assert run.code == 0
    assert tree_bytes(out) == first
    assert boconf("validate", str(out)).code == 0


def test_usage_errors(boconf: Callable[..., Run], tmp_path: Path) -> None:
    _, junior = write_fixture(tmp_path / "in")
    swapped = boconf("import", "organogram", str(junior), "-o", str(tmp_path / "x"))
    assert swapped.code == 2
    assert "is a junior file (it has Number of Posts in FTE): give the senior file first" in (
        swapped.err
    )
    other = tmp_path / "staff.csv"
    other.write_text("id,name,manager\n1,Ada,\n", encoding="utf-8")
    run = boconf("import", "organogram", str(other), "-o", str(tmp_path / "y"))
    assert run.code == 2
    assert "not the senior file of an organogram: no column for id, reports_to, title" in run.err
    assert "its columns: 'id', 'name', 'manager'" in run.err
