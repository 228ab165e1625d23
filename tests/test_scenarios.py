"""What-if scenarios: applied entity by entity, their problems shown in the scenario file,
their cost effect checked by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import yaml

from boconf.load import load_organisation

from .conftest import REPO, Run, write_tree
from .helpers import GOLDEN, assert_golden

DATE = ("--reference-date", "2026-11-27")


def scenario(org: Path, name: str, text: str) -> None:
    write_tree(org / "scenarios", {f"{name}.yaml": text})


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*.yaml"))
        # the organisation's files: not its scenarios, nor its settings (.boconf.yaml)
        if "scenarios" not in p.relative_to(root).parts and not p.name.startswith(".")
    }


# -- the example scenarios ---------------------------------------------------------------------


def test_the_example_scenarios_are_listed_and_apply(boconf: Callable[..., Run]) -> None:
    run = boconf("scenario", "list", "org", cwd=REPO)
    assert run.code == 0, run.err
    rows = [line.split()[:3] for line in run.lines]
    assert rows == [
        ["credit-to-cluj", "-4", "+1"],
        ["service-desk-outsourcing", "-2", "+0"],
    ]
    assert all("ok" in line for line in run.lines)


def test_credit_to_cluj_entity_by_entity(
    example: Path, tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    before = files_of(example)
    out = tmp_path / "result"
    run = boconf("scenario", "apply", "credit-to-cluj", str(example), "-o", str(out))
    assert run.code == 0, run.err
    assert files_of(example) == before  # the organisation itself is never written
    after = files_of(out)
    # the removed people's files are gone; every untouched file is copied byte for byte
    assert set(before) - set(after) == {"people/paolo-bruno.yaml", "people/salvatore-scali.yaml"}
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"units/credit.yaml", "units/collections-cluj.yaml"}
    tree = load_organisation(out).tree
    assert tree is not None
    assert "collections-specialist" not in tree.positions
    assert "credit-analyst-export" not in tree.positions
    added = tree.positions["credit-analyst-export-cluj"]
    # a position added with a 'unit' joins that unit's file, as the base keeps positions
    assert added.unit == "collections-cluj" and added.reports_to == "credit-manager"
    assert tree.positions["collections-specialist-cluj"].headcount == 4
    assert tree.units["collections-cluj"].name == "Servizi crediti (Cluj)"
    assert "paolo-bruno" not in tree.people and "salvatore-scali" not in tree.people
    # a rewritten file keeps its schema modeline
    rewritten = (out / "units/collections-cluj.yaml").read_text(encoding="utf-8")
    assert rewritten.startswith(
        "# yaml-language-server: $schema=../../schemas/boconf.schema.json\n"
    )
    nested = yaml.safe_load(rewritten)["positions"]
    assert [p["id"] for p in nested][-1] == "credit-analyst-export-cluj"
    assert "unit" not in nested[-1] and "kind" not in nested[-1]


def test_service_desk_outsourcing_entity_by_entity(example: Path, tmp_path: Path) -> None:
    from boconf.scenarios.apply import materialise

    applied = materialise(
        example, example / "scenarios/service-desk-outsourcing.yaml", tmp_path / "result"
    )
    assert applied.ok, applied.problems
    assert applied.load is not None and applied.load.tree is not None
    tree = applied.load.tree
    shares = [(a.provider, a.share) for a in tree.units["service-desk"].sourcing or []]
    assert shares == [
        ("in_house", Decimal("0.2")),
        ("in_house", Decimal("0.1")),
        ("bluewave-bpo", Decimal("0.7")),
    ]
    contract = tree.contracts["bluewave-service-desk-2024"]
    assert contract.annual_cost == Decimal(138000) and str(contract.end) == "2029-03-31"
    assert "service-desk-analyst" not in tree.positions and "michele-vitale" not in tree.people


def test_cost_effect_matches_a_hand_calculation(boconf: Callable[..., Run]) -> None:
    # credit-to-cluj: two Milano posts (62,000 each) go and two Cluj posts (26,000 each) come.
    credit = json.loads(
        boconf(
            "report",
            "cost",
            "org",
            "--scenario",
            "credit-to-cluj",
            "--format",
            "json",
            *DATE,
            cwd=REPO,
        ).out
    )
    assert Decimal(credit["change"]) == -2 * 62000 + 2 * 26000
    units = {row["key"]: Decimal(row["change"]) for row in credit["deltas"]["unit"]}
    assert units == {"credit": Decimal(-124000), "collections-cluj": Decimal(52000)}
    # service-desk-outsourcing: the analyst's post in Milano goes (62,000 less in own staff;
    # the shares do not scale the other three posts, who stay), and the BlueWave contract grows
    # from 96,000 to 138,000: 42,000 more. Net: 20,000 saved.
    desk = json.loads(
        boconf(
            "report",
            "cost",
            "org",
            "--scenario",
            "service-desk-outsourcing",
            "--format",
            "json",
            *DATE,
            cwd=REPO,
        ).out
    )
    assert Decimal(desk["change"]) == -62000 + (138000 - 96000)
    assert Decimal(desk["base_total"]) - Decimal(desk["scenario_total"]) == 20000
    text = boconf("report", "cost", "org", "--scenario", "credit-to-cluj", *DATE, cwd=REPO)
    assert text.lines[0] == "Scenario 'credit-to-cluj' saves EUR 72,000.00 a year"
    csv_rows = boconf(
        "report",
        "cost",
        "org",
        "--scenario",
        "credit-to-cluj",
        "--format",
        "csv",
        *DATE,
        cwd=REPO,
    ).lines
    assert csv_rows[0] == "dimension,key,base_fte,base_cost_EUR,fte,cost_EUR,change_EUR"
    # Cluj's own posts: 4 collections + 3 accounts payable + 3 data management = 10 FTE x 26,000;
    # the scenario adds a collections specialist and an export credit analyst there.
    assert "location,cluj-centre,10,260000.00,12,312000.00,52000.00" in csv_rows


def test_diff_scenario_shows_changes_and_cost(boconf: Callable[..., Run]) -> None:
    run = boconf(
        "diff",
        "--scenario",
        "service-desk-outsourcing",
        "org",
        "--format",
        "json",
        *DATE,
        cwd=REPO,
    )
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert document["head"] == "scenario service-desk-outsourcing"
    assert document["title"] == "Outsource 70% of the IT service desk to BlueWave in Manila"
    changes = [(c["kind"], c["id"], c["change"]) for c in document["changes"]]
    assert changes == [
        ("unit", "service-desk", "changed"),
        ("position", "service-desk-analyst", "removed"),
        ("person", "michele-vitale", "removed"),
        ("contract", "bluewave-service-desk-2024", "changed"),
    ]
    impact = {f["name"]: Decimal(f["delta"]) for f in document["impact"]}
    assert impact["annual cost (EUR)"] == -20000
    # BlueWave's FTE-equivalent: 4 own FTE x 0.4 / 0.6 = 2.67 before; 3 x 0.7 / 0.3 = 7 after.
    assert impact["vendor FTE (outsourced)"] == Decimal("4.33")
    assert impact["FTE, in-house"] == -1  # the analyst's post, and only it


def test_diff_scenario_markdown_golden(boconf: Callable[..., Run]) -> None:
    run = boconf(
        "diff", "--scenario", "credit-to-cluj", "org", "--format", "markdown", *DATE, cwd=REPO
    )
    assert run.code == 0, run.err
    assert_golden(GOLDEN / "diff-credit-to-cluj.md", run.out)


def test_check_scenario_is_clean(boconf: Callable[..., Run]) -> None:
    for name in ("credit-to-cluj", "service-desk-outsourcing"):
        run = boconf("check", "org", "--scenario", name, "--fail-on", "info", *DATE, cwd=REPO)
        assert run.code == 0, run.out + run.err
        assert run.lines[-1].startswith(f"org/scenarios/{name}.yaml: clean:")


# -- bad scenarios -----------------------------------------------------------------------------

HEADER = "apiVersion: boconf/v1\nkind: Scenario\nname: test\n"


def test_unknown_ids_are_positioned_in_the_scenario(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    scenario(
        root,
        "bad",
        HEADER
        + "remove:\n  - position: sales-rpe\n"  # line 5
        + "patch:\n  - unit: it\n    set:\n      id: it2\n"  # line 9: id cannot be patched
        + "add:\n  - kind: Unit\n    id: sales\n",  # line 12: exists already
    )
    run = boconf("check", "org", "--scenario", "bad", cwd=root.parent)
    assert run.code == 1  # in check, a scenario's problems are findings
    problems = [line for line in run.out.splitlines() if "error[" in line]
    assert problems == [
        "org/scenarios/bad.yaml:5:15: error[BO038]: unknown position 'sales-rpe'",
        "org/scenarios/bad.yaml:9:7: error[BO038]: a patch cannot change 'id'",
        "org/scenarios/bad.yaml:12:9: error[BO038]: unit 'sales' exists already",
    ]
    assert "did you mean 'sales-rep'?" in run.out
    assert run.err == "scenario 'bad' cannot be applied\n"
    # `scenario apply` refuses it as a usage error, on stderr
    applied = boconf("scenario", "apply", "bad", "org", "-o", "out", cwd=root.parent)
    assert applied.code == 2 and "org/scenarios/bad.yaml:5:15: error[BO038]" in applied.err


def test_a_scenario_of_the_wrong_shape(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    scenario(root, "shape", HEADER + "remove:\n  - position: ceo\n    unit: exec\nrenames: []\n")
    run = boconf("scenario", "apply", "shape", str(root), "-o", str(root.parent / "out"))
    assert run.code == 2
    assert "shape.yaml:5:5: error[BO022]" in run.err  # two targets in one removal
    assert "shape.yaml:7:1: error[BO020]" in run.err and "unknown field 'renames'" in run.err
    assert not (root.parent / "out").exists()


def test_an_invalid_result_points_at_the_scenario_and_the_base(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    scenario(
        root,
        "breaks",
        HEADER
        + "remove:\n  - position: sales-head\n"  # sales-rep reports to it: dangles in sales.yaml
        + "patch:\n  - unit: it\n    set:\n      manager: nobody\n",  # line 9
    )
    run = boconf("check", "org", "--scenario", "breaks", cwd=root.parent)
    assert run.code == 1
    assert "gives an organisation that does not validate" in run.err
    # what the scenario wrote: at its value in the scenario file
    assert "org/scenarios/breaks.yaml:9:16: error[BO031]: unit 'it' -> manager" in run.out
    # what the base still says: at the base file's own line (the rewritten file's lines differ)
    assert "org/units/sales.yaml:15:17: error[BO031]: position 'sales-rep' -> reports_to" in run.out
    # and says which removal left it dangling
    assert (
        "hint: the scenario removes position 'sales-head' (org/scenarios/breaks.yaml:5)" in run.out
    )


def test_lint_findings_of_a_scenario_are_traced(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    scenario(
        root,
        "lint",
        HEADER
        + "add:\n  - kind: Position\n    id: it-helper\n    unit: it\n    title: Helper\n"
        + "    reports_to: it-head\n"
        + "patch:\n  - unit: sales\n    set:\n      manager: it-head\n",  # line 13
    )
    run = boconf("check", "org", "--scenario", "lint", "--format", "json", cwd=root.parent)
    records = json.loads(run.out)["findings"]
    where = {(r["code"], r["file"], r["line"]) for r in records}
    # the sales unit's manager is now a position of another unit: reported at the patch
    assert ("BO114", "org/scenarios/lint.yaml", 13) in where
    # it-head's finding (now a single report, the added helper) is about a base entity: it
    # sits at it-head's own line in the base file, although the scenario rewrote that file
    assert ("BO107", "org/units/it.yaml", 19) in where
    assert not any("boconf-scenario-" in r["file"] for r in records)


def test_unknown_scenario_and_bad_output(
    example: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    unknown = boconf("diff", "--scenario", "credit-to-clu", str(example))
    assert unknown.code == 2 and "did you mean 'credit-to-cluj'?" in unknown.err
    inside = boconf("scenario", "apply", "credit-to-cluj", str(example), "-o", str(example / "x"))
    assert inside.code == 2 and "refusing to write inside" in inside.err
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    refused = boconf("scenario", "apply", "credit-to-cluj", str(example), "-o", str(busy))
    assert refused.code == 2 and "is not empty" in refused.err
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]


def test_remove_then_add_replaces_and_order_is_documented(
    org: Callable[..., Path], tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    root = org()
    scenario(
        root,
        "replace",
        HEADER
        + "remove:\n  - position: sales-rep\n"
        + "add:\n  - kind: Position\n    id: sales-rep\n    unit: sales\n"
        + "    title: Key account rep\n    reports_to: sales-head\n"
        + "patch:\n  - position: sales-rep\n    set: {headcount: 2}\n    unset: [reports_to]\n",
    )
    out = tmp_path / "replaced"
    run = boconf("scenario", "apply", "replace", str(root), "-o", str(out))
    # unsetting reports_to makes a second top position: valid, so the tree is written
    assert run.code == 0, run.err
    tree = load_organisation(out).tree
    assert tree is not None
    rep = tree.positions["sales-rep"]
    assert (rep.title, rep.headcount, rep.reports_to) == ("Key account rep", 2, None)
    lint = boconf("check", str(root), "--scenario", "replace", "--format", "json")
    assert lint.code == 1
    assert any(r["code"] == "BO102" for r in json.loads(lint.out)["findings"])


def test_patching_a_nested_positions_unit_moves_it(
    org: Callable[..., Path], tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    root = org()
    scenario(
        root,
        "move",
        HEADER + "patch:\n  - position: coo\n    set: {unit: it, title: COO and IT lead}\n",
    )
    out = tmp_path / "moved"
    assert boconf("scenario", "apply", "move", str(root), "-o", str(out)).code == 0
    tree = load_organisation(out).tree
    assert tree is not None
    assert (tree.positions["coo"].unit, tree.positions["coo"].title) == ("it", "COO and IT lead")
    it_file = yaml.safe_load((out / "units/it.yaml").read_text(encoding="utf-8"))
    exec_file = yaml.safe_load((out / "units/exec.yaml").read_text(encoding="utf-8"))
    assert [p["id"] for p in it_file["positions"]] == ["it-head", "coo"]
    assert [p["id"] for p in exec_file["positions"]] == ["ceo"]
    assert "unit" not in it_file["positions"][1]


def test_rewritten_files_keep_strings_strings(
    org: Callable[..., Path], tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    # PyYAML's own dumper would write 1e3 and 0x10 plain: YAML 1.2 reads them as numbers.
    root = org()
    scenario(
        root,
        "types",
        HEADER + "patch:\n  - position: sales-rep\n    set: {title: '1e3'}\n"
        "  - unit: sales\n    set: {name: '0x10'}\n",
    )
    out = tmp_path / "typed"
    assert boconf("scenario", "apply", "types", str(root), "-o", str(out)).code == 0
    tree = load_organisation(out).tree
    assert tree is not None
    assert tree.positions["sales-rep"].title == "1e3" and tree.units["sales"].name == "0x10"
