"""Golden outputs of every `check` format, SARIF against the official schema, GitHub commands."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from boconf.diagnostics import CHECK_DESCRIPTIONS
from boconf.formats import CHECK_REPORTERS
from boconf.rules.registry import BY_CODE

from .conftest import MINIMAL_ORG, REPO, Run, shared_dir
from .helpers import GOLDEN, assert_golden

SETTINGS = "extends: none\nselect: [reporting-cycle, unused-suppression]\n"
CYCLE = (
    MINIMAL_ORG["units/sales.yaml"].replace(
        "    title: Sales director\n    reports_to: ceo\n",
        '    title: "Sales director, «Nord»"\n    reports_to: sales-rep\n',
    )
    + "# boconf: ignore[BO101] an old, stale suppression: 100% sure\n"
)
SYNTAX = MINIMAL_ORG["people.yaml"].replace("name: Niccolò Bernardi", "name: Niccolò: Bernardi")


def scenario(name: str, root: Path) -> Path:
    files = {"units/sales.yaml": CYCLE} if name == "lint" else {"people.yaml": SYNTAX}
    for relative, text in {**MINIMAL_ORG, **files}.items():
        path = root / "org" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "org" / ".boconf.yaml").write_text(SETTINGS, encoding="utf-8")
    return root


# Golden files are named check-<case>.<format>; every one belongs to a registered format.
GOLDEN_FORMATS = sorted({path.suffix[1:] for path in GOLDEN.glob("check-*.*")})


def stable(output_format: str, text: str) -> str:
    """The output as its golden file keeps it: SARIF without the rule catalogue (checked against
    the registry below) and the rule indexes into it, so that a new rule changes no golden."""
    if output_format != "sarif":
        return text
    sarif = json.loads(text)
    for run in sarif["runs"]:
        del run["tool"]["driver"]["rules"]
        for result in run["results"]:
            del result["ruleIndex"]
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def test_every_golden_is_a_registered_format() -> None:
    assert GOLDEN_FORMATS and set(GOLDEN_FORMATS) <= set(CHECK_REPORTERS)


@pytest.mark.parametrize("case", ["lint", "syntax"])
@pytest.mark.parametrize("output_format", GOLDEN_FORMATS)
def test_golden_output(
    case: str, output_format: str, tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    root = scenario(case, tmp_path)
    run = boconf(
        "check", "org", "--reference-date", "2026-01-01", "--format", output_format, cwd=root
    )
    assert run.code == 1
    assert_golden(GOLDEN / f"check-{case}.{output_format}", stable(output_format, run.out))


@pytest.mark.parametrize("output_format", sorted(CHECK_REPORTERS))
def test_every_format_is_deterministic_and_names_every_finding(
    output_format: str, tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    root = scenario("lint", tmp_path)
    args = ("check", "org", "--reference-date", "2026-01-01", "--format", output_format)
    run = boconf(*args, cwd=root)
    assert run.code == 1
    for code in ("BO101", "BO301"):  # the cycle, and the stale suppression
        assert code in run.out
    assert "sales.yaml" in run.out
    assert boconf(*args, cwd=root).out == run.out  # byte-identical across runs
    # --output writes the format to the file and prints the text report, for every format.
    written = boconf(*args, "--output", "report.out", cwd=root)
    assert (root / "report.out").read_text(encoding="utf-8") == run.out
    assert written.out == boconf("check", "org", "--reference-date", "2026-01-01", cwd=root).out


def test_sarif_lists_every_rule_of_the_registry(tmp_path: Path, boconf: Callable[..., Run]) -> None:
    run = boconf("check", "org", "--format", "sarif", cwd=scenario("lint", tmp_path))
    rules = json.loads(run.out)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(set(BY_CODE) | set(CHECK_DESCRIPTIONS))
    for descriptor in rules:
        rule = BY_CODE.get(descriptor["id"])
        name = rule.name if rule else CHECK_DESCRIPTIONS[descriptor["id"]][0]
        assert descriptor["name"] == name
        if rule is not None:
            assert descriptor["help"]["text"] == rule.documentation()


@pytest.mark.parametrize("case", ["lint", "syntax"])
def test_sarif_validates_against_the_official_schema(
    case: str, tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    schema = json.loads(
        (shared_dir() / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    run = boconf("check", "org", "--format", "sarif", cwd=scenario(case, tmp_path))
    sarif = json.loads(run.out)
    jsonschema.Draft7Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert results
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert rules[result["ruleIndex"]]["help"]["text"]


COMMAND = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=([^:,]+)::(.+)$"
)


def test_github_lines_parse_as_workflow_commands(
    tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    run = boconf("check", "org", "--format", "github", cwd=scenario("lint", tmp_path))
    lines = run.out.splitlines()
    assert lines
    for line in lines:
        match = COMMAND.match(line)
        assert match, line
        assert "\n" not in match.group(6) and "%0A" in match.group(6)  # message and hint, escaped


def test_text_is_coloured_only_when_asked(
    tmp_path: Path, boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = scenario("lint", tmp_path)
    assert "\x1b[" not in boconf("check", "org", cwd=root).out
    assert (
        "\x1b[1;31merror[BO101]\x1b[0m" in boconf("check", "org", "--color", "always", cwd=root).out
    )
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in boconf("check", "org", "--color", "auto", cwd=root).out


def test_sarif_and_json_carry_the_subject(tmp_path: Path, boconf: Callable[..., Run]) -> None:
    root = scenario("lint", tmp_path)
    sarif = json.loads(boconf("check", "org", "--format", "sarif", cwd=root).out)
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    [location] = results["BO101"]["locations"]
    assert location["logicalLocations"] == [
        {"name": "sales-head", "fullyQualifiedName": "position:sales-head", "kind": "position"}
    ]
    # A comment suppression is about no entity: no logical location rather than a made-up one.
    assert "logicalLocations" not in results["BO301"]["locations"][0]
    records = json.loads(boconf("check", "org", "--format", "json", cwd=root).out)["findings"]
    assert [r["subject"] for r in records] == [{"kind": "position", "id": "sales-head"}, None]


SUPPRESSED_TEXT = [
    "suppressed (5, not counted):",
    "org/units/accounts-payable.yaml:4:5: suppressed info[BO205]: back-office unit "
    "'accounts-payable' (accounting) supports no front-office unit",
    "    reason: pays the suppliers; it serves the company, not a front-office unit",
    "org/units/legal-compliance.yaml:16:9: suppressed info[BO107]: position 'legal-counsel' "
    "has a single direct report: 'compliance-officer'",
    "    reason: a two-person legal team by design; counsel keeps the DPO separate",
    "org/units/payroll.yaml:4:5: suppressed info[BO205]: back-office unit 'payroll' (payroll) "
    "supports no front-office unit",
    "    reason: pays every employee; it serves no front-office unit in particular",
    "org/units/sales-south.yaml:9:10: suppressed warning[BO109]: unit 'sales-south' is headed "
    "by position 'sales-south-manager', which is vacant",
    "    reason: the commercial director covers the post ad interim until the new manager starts",
    "org/vendors/brianza-facility-services.yaml:8:9: suppressed info[BO210]: contract "
    "'brianza-cleaning-2021' of vendor 'brianza-facility-services' has no end date",
    "    reason: open-ended by design, renewed tacitly; 60 days' notice either way",
    "",
]


def test_show_suppressed_lists_the_accepted_exceptions_and_counts_none(
    boconf: Callable[..., Run],
) -> None:
    date = ("--reference-date", "2026-11-26")
    plain = boconf("check", "org", *date, "--fail-on", "info", cwd=REPO)
    shown = boconf("check", "org", *date, "--fail-on", "info", "--show-suppressed", cwd=REPO)
    # Five suppressions in org/ (four `lint: ignore` entries, one comment), each with its
    # reason; even at --fail-on info they do not fail the run.
    assert plain.code == shown.code == 0
    assert shown.lines == [*SUPPRESSED_TEXT, plain.lines[-1]]
    assert plain.lines[-1].endswith("5 suppressed)")
    as_json = json.loads(
        boconf("check", "org", *date, "--format", "json", "--show-suppressed", cwd=REPO).out
    )
    assert as_json["findings"] == [] and as_json["summary"]["suppressed"] == 5
    first = as_json["suppressed"][1]
    assert (first["code"], first["subject"], first["reason"]) == (
        "BO107",
        {"kind": "position", "id": "legal-counsel"},
        "a two-person legal team by design; counsel keeps the DPO separate",
    )
    assert "suppressed" not in json.loads(
        boconf("check", "org", *date, "--format", "json", cwd=REPO).out
    )


def test_sarif_marks_suppressed_results_and_validates(
    boconf: Callable[..., Run],
) -> None:
    schema = json.loads(
        (shared_dir() / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    run = boconf("check", "org", "--format", "sarif", "--show-suppressed", cwd=REPO)
    assert run.code == 0
    sarif = json.loads(run.out)
    jsonschema.Draft7Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == 5
    assert all(r["suppressions"][0]["kind"] == "inSource" for r in results)
    vacant = next(r for r in results if r["ruleId"] == "BO109")
    assert vacant["suppressions"][0]["justification"] == (
        "the commercial director covers the post ad interim until the new manager starts"
    )
    assert vacant["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "unit:sales-south"
    )
