"""`boconf check` applies every scenario under scenarios/: what stops one is an error at the
line to fix, in every output format, and fails the run (exit 1) like an invalid file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from .conftest import REPO, Run, rules_on_by_default, write_tree

DATE = ("--reference-date", "2026-11-27")
HEADER = "apiVersion: boconf/v1\nkind: Scenario\nname: test\n"
UNKNOWN = (
    "org/scenarios/typo.yaml:5:15: error[BO038]: unknown position 'service-desk-analyts'",
    "    hint: did you mean 'service-desk-analyst'?",
)


def add_scenario(org: Path, name: str, text: str) -> None:
    write_tree(org / "scenarios", {f"{name}.yaml": text})


def test_the_example_passes_check_with_its_two_scenarios(boconf: Callable[..., Run]) -> None:
    run = boconf("check", "org", *DATE, cwd=REPO)
    assert run.code == 0, run.out + run.err
    assert run.out.startswith("org: clean: ")
    assert f"{rules_on_by_default()}, 2 scenarios, 5 suppressed)" in run.out


def test_a_scenario_naming_a_nonexistent_position(
    example: Path, boconf: Callable[..., Run]
) -> None:
    add_scenario(example, "typo", HEADER + "remove:\n  - position: service-desk-analyts\n")
    run = boconf("check", "org", *DATE, cwd=example.parent)
    assert run.code == 1
    assert run.lines[:2] == list(UNKNOWN)
    # the base is clean: the scenario's problem is the only one, and the summary counts it
    assert run.lines[-1].startswith("org: 1 error in 1 file (")
    assert "3 scenarios" in run.lines[-1]


def test_every_output_format_carries_the_scenario_diagnostic(
    example: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    add_scenario(example, "typo", HEADER + "remove:\n  - position: service-desk-analyts\n")
    cwd = example.parent
    findings = json.loads(boconf("check", "org", *DATE, "--format", "json", cwd=cwd).out)
    assert [
        (f["file"], f["line"], f["column"], f["code"], f["rule"]) for f in findings["findings"]
    ] == [("org/scenarios/typo.yaml", 5, 15, "BO038", "scenario-overlay")]
    assert findings["summary"]["errors"] == 1
    github = boconf("check", "org", *DATE, "--format", "github", cwd=cwd)
    assert github.code == 1
    assert github.out == (
        "::error file=org/scenarios/typo.yaml,line=5,col=15,title=BO038 scenario-overlay"
        "::unknown position 'service-desk-analyts'%0Ahint: did you mean 'service-desk-analyst'?\n"
    )
    sarif_file = tmp_path / "boconf.sarif"
    sarif = boconf("check", "org", *DATE, "--format", "sarif", "-o", str(sarif_file), cwd=cwd)
    assert sarif.code == 1 and sarif.lines[:2] == list(UNKNOWN)  # text on stdout too
    (result,) = json.loads(sarif_file.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert result["ruleId"] == "BO038" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (5, 15)


def test_a_yaml_syntax_error_in_a_scenario(example: Path, boconf: Callable[..., Run]) -> None:
    add_scenario(example, "broken", HEADER + "patch:\n  - unit: credit\n    set: {name: [x}\n")
    run = boconf("check", "org", *DATE, cwd=example.parent)
    assert run.code == 1
    # at the '}' that should close the list first
    assert run.lines[0] == (
        "org/scenarios/broken.yaml:6:19: error[BO003]: YAML syntax error: "
        "did not find expected ',' or ']' (while parsing a flow sequence)"
    )


def test_a_scenario_left_stale_by_a_base_edit(example: Path, boconf: Callable[..., Run]) -> None:
    # The base drops the post that service-desk-outsourcing removes (its holder goes too).
    unit = example / "units" / "service-desk.yaml"
    text = unit.read_text(encoding="utf-8")
    post = (
        "  - id: service-desk-analyst\n    title: Service desk analyst\n"
        "    reports_to: service-desk-lead\n    holder: michele-vitale\n"
    )
    assert post in text
    unit.write_text(text.replace(post, ""), encoding="utf-8")
    (example / "people" / "michele-vitale.yaml").unlink()
    # on its own the edited base is clean ...
    assert boconf("check", "org", *DATE, "--no-scenarios", cwd=example.parent).code == 0
    # ... but the scenario no longer applies: shown at its own line (16) in the scenario file
    run = boconf("check", "org", *DATE, cwd=example.parent)
    assert run.code == 1
    scenario = "org/scenarios/service-desk-outsourcing.yaml"
    assert run.lines[:4] == [
        f"{scenario}:16:15: error[BO038]: unknown position 'service-desk-analyst'",
        "    hint: did you mean 'service-desk-lead'?",
        f"{scenario}:17:13: error[BO038]: unknown person 'michele-vitale'",
        "    hint: no person has that id in the base",
    ]


def test_a_result_that_does_not_validate_names_the_scenario(
    example: Path, boconf: Callable[..., Run]
) -> None:
    # Removing the service desk lead leaves the unit without its manager and three posts
    # reporting to nobody: all in the base file, which is clean on its own.
    add_scenario(example, "no-lead", HEADER + "remove:\n  - position: service-desk-lead\n")
    run = boconf("check", "org", *DATE, "--format", "json", cwd=example.parent)
    assert run.code == 1
    found = [
        (f["file"], f["line"], f["column"], f["message"]) for f in json.loads(run.out)["findings"]
    ]
    dangling = "with scenario 'no-lead' applied: position '{}' -> reports_to: no position 'service-desk-lead'"
    assert found[0] == (
        "org/units/service-desk.yaml",
        9,
        10,
        "with scenario 'no-lead' applied: unit 'service-desk' -> manager: "
        "no position 'service-desk-lead'",
    )
    assert found[1:] == [
        ("org/units/service-desk.yaml", line, 17, dangling.format(post))
        for line, post in (
            (43, "service-desk-analyst"),
            (47, "desktop-technician"),
            (51, "field-technician-roma"),
        )
    ]
    assert all(
        f["hint"].startswith(
            "the scenario removes position 'service-desk-lead' (org/scenarios/no-lead.yaml:5)"
        )
        for f in json.loads(run.out)["findings"]
    )


def test_each_scenario_applies_to_the_base_alone(example: Path, boconf: Callable[..., Run]) -> None:
    # The scenarios share the base's parse: service-desk-outsourcing removes the analyst's
    # post, and a scenario applied after it (names are sorted) still finds that post.
    add_scenario(
        example,
        "zz-retitle",
        HEADER + "patch:\n  - position: service-desk-analyst\n    set: {title: Analyst}\n",
    )
    run = boconf("check", "org", *DATE, cwd=example.parent)
    assert run.code == 0, run.out
    assert "3 scenarios" in run.out


def test_no_scenarios_skips_them(example: Path, boconf: Callable[..., Run]) -> None:
    add_scenario(example, "typo", HEADER + "remove:\n  - position: service-desk-analyts\n")
    run = boconf("check", "org", *DATE, "--no-scenarios", cwd=example.parent)
    assert run.code == 0, run.out
    assert run.out.startswith("org: clean: ") and "scenario" not in run.out


def test_an_invalid_base_is_reported_and_its_scenarios_are_not_applied(
    example: Path, boconf: Callable[..., Run]
) -> None:
    (example / "units" / "credit.yaml").write_text("kind: [\n", encoding="utf-8")
    run = boconf("check", "org", *DATE, cwd=example.parent)
    assert run.code == 1
    errors = {line.split(":")[0] for line in run.lines if "error[" in line}
    # the broken file, and a unit that names it as its parent; nothing in scenarios/
    assert errors == {"org/units/credit.yaml", "org/units/collections-cluj.yaml"}
    assert "scenario" not in run.lines[-1]


def test_a_baseline_records_the_organisation_only(
    example: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    add_scenario(example, "typo", HEADER + "remove:\n  - position: service-desk-analyts\n")
    baseline = tmp_path / "baseline.json"
    run = boconf("check", "org", *DATE, "--baseline-write", str(baseline), cwd=example.parent)
    assert run.code == 0 and run.out == f"wrote {baseline}: 0 finding(s) baselined\n"
    # and a run against that baseline still fails on the scenario
    again = boconf("check", "org", *DATE, "--baseline", str(baseline), cwd=example.parent)
    assert again.code == 1 and again.lines[0] == UNKNOWN[0]


def test_the_pre_commit_hook_runs_on_a_scenario_change() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    check = next(hook for hook in hooks if hook["id"] == "boconf-check")
    assert check["entry"] == "boconf check" and check["pass_filenames"] is False
    assert re.search(check["files"], "org/scenarios/credit-to-cluj.yaml")
