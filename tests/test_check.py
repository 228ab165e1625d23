"""`boconf check`: settings, suppressions, baselines, fail levels and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .conftest import MINIMAL_ORG, Run

DATE = ("--reference-date", "2026-01-01")

CYCLE = MINIMAL_ORG["units/sales.yaml"].replace(
    "    title: Sales director\n    reports_to: ceo\n",
    "    title: Sales director\n    reports_to: sales-rep\n",
)


def check(boconf: Callable[..., Run], root: Path, *args: str) -> Run:
    return boconf("check", "org", *DATE, "--format", "json", *args, cwd=root.parent)


def findings(run: Run) -> list[tuple[str, int, int, str]]:
    document = json.loads(run.out)
    assert document["version"] == 1
    return [(f["file"], f["line"], f["column"], f["rule"]) for f in document["findings"]]


def test_reporting_cycle_fails_with_its_rule_and_line(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    run = check(boconf, org(units__sales_yaml=CYCLE))
    assert run.code == 1
    assert ("org/units/sales.yaml", 12, 17, "reporting-cycle") in findings(run)


def test_invalid_files_fail_check_without_linting(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org(units__sales_yaml=CYCLE.replace("office: front", "office: frnt"))
    run = check(boconf, root)
    assert run.code == 1
    document = json.loads(run.out)
    assert [f["rule"] for f in document["findings"]] == ["invalid-value"]
    assert document["summary"]["valid"] is False and document["summary"]["rules_run"] == 0


def test_settings_select_ignore_severity_options_and_fail_on(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    settings = """\
extends: recommended
ignore: [reporting-cycle]
severity: {BO107: error}
rules:
  span-of-control: {max_reports: 2}
"""
    root = org(units__sales_yaml=CYCLE)
    (root / ".boconf.yaml").write_text(settings, encoding="utf-8")
    run = check(boconf, root)
    rules = {rule for *_, rule in findings(run)}
    assert "reporting-cycle" not in rules
    document = json.loads(run.out)
    span = [f for f in document["findings"] if f["rule"] == "span-of-control"]
    assert span and span[0]["severity"] == "warning"
    assert run.code == (1 if any(f["severity"] == "error" for f in document["findings"]) else 0)
    strict = check(boconf, root, "--fail-on", "warning")
    assert strict.code == 1


def test_unknown_rule_or_option_in_settings_is_a_positioned_usage_error(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    settings = root / ".boconf.yaml"
    settings.write_text(
        "ignore: [reporting-cylce]\nrules:\n  span-of-control: {max_report: 3}\n", encoding="utf-8"
    )
    run = boconf("check", "org", cwd=root.parent)
    assert run.code == 2
    lines = run.err.splitlines()
    assert lines[0] == "org/.boconf.yaml:1:10: error[BO090]: unknown rule 'reporting-cylce'"
    assert lines[1] == "    hint: did you mean 'reporting-cycle'?"
    assert lines[2].startswith(
        "org/.boconf.yaml:3:21: error[BO090]: rules -> span-of-control: unknown option 'max_report'"
    )
    settings.write_text("extends: recomended\n", encoding="utf-8")
    run = boconf("check", "org", cwd=root.parent)
    assert run.code == 2
    assert run.err.startswith(
        "org/.boconf.yaml:1:10: error[BO090]: settings -> extends: 'recomended'"
    )
    settings.write_text("ignore: [\n", encoding="utf-8")
    run = boconf("check", "org", cwd=root.parent)
    assert (run.code, run.err.split(": ")[0]) == (2, "org/.boconf.yaml:2:1")


def test_settings_in_pyproject(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    root = org(units__sales_yaml=CYCLE)
    (root.parent / "pyproject.toml").write_text(
        '[tool.boconf]\nignore = ["BO101"]\n', encoding="utf-8"
    )
    assert "reporting-cycle" not in {r for *_, r in findings(check(boconf, root))}
    (root.parent / "pyproject.toml").write_text(
        '[tool.boconf]\nignore = "BO101"\n', encoding="utf-8"
    )
    run = check(boconf, root)
    assert run.code == 2
    assert run.err.startswith("pyproject.toml:1:1: error[BO090]: [tool.boconf]")


def test_entity_and_comment_suppressions(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    suppressed = CYCLE.replace(
        "  - id: sales-head\n",
        "  - id: sales-head\n    lint: {ignore: {reporting-cycle: the deputy covers this}}\n",
    )
    run = check(boconf, org(units__sales_yaml=suppressed))
    assert "reporting-cycle" not in {r for *_, r in findings(run)}
    assert json.loads(run.out)["summary"]["suppressed"] == 1
    commented = CYCLE.replace(
        "    reports_to: sales-rep\n",
        "    # boconf: ignore[BO101] interim arrangement until March\n    reports_to: sales-rep\n",
    )
    run = check(boconf, org(units__sales_yaml=commented))
    assert "reporting-cycle" not in {r for *_, r in findings(run)}


def test_unused_suppressions_are_reported(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    text = (
        MINIMAL_ORG["units/sales.yaml"].replace(
            "  - id: sales-head\n",
            "  - id: sales-head\n    lint: {ignore: {BO101: no longer true}}\n",
        )
        + "# boconf: ignore[self-report] stale comment\n"
    )
    run = check(boconf, org(units__sales_yaml=text))
    unused = [f for f in json.loads(run.out)["findings"] if f["rule"] == "unused-suppression"]
    assert [(f["line"], f["column"]) for f in unused] == [(11, 21), (18, 1)]


def test_bad_suppressions_are_usage_errors(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    no_reason = MINIMAL_ORG["units/sales.yaml"] + "# boconf: ignore[BO101]\n"
    run = check(boconf, org(units__sales_yaml=no_reason))
    assert run.code == 2
    assert "org/units/sales.yaml:17:1: error[BO090]: suppression without a reason" in run.err
    unknown = MINIMAL_ORG["units/sales.yaml"].replace(
        "  - id: sales-head\n", "  - id: sales-head\n    lint: {ignore: {BO999: because}}\n"
    )
    run = check(boconf, org(units__sales_yaml=unknown))
    assert run.code == 2
    assert (
        "org/units/sales.yaml:11:21: error[BO090]: position 'sales-head' -> lint.ignore: unknown rule 'BO999'"
        in run.err
    )
    short = MINIMAL_ORG["units/sales.yaml"].replace(
        "  - id: sales-head\n", "  - id: sales-head\n    lint: {ignore: {BO101: ''}}\n"
    )
    run = check(boconf, org(units__sales_yaml=short))
    assert run.code == 1  # the model itself refuses an empty reason
    assert "lint.ignore.BO101" in run.out


def test_baseline_adopts_a_messy_org_and_fails_only_on_new_findings(
    org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path
) -> None:
    root = org(units__sales_yaml=CYCLE)
    baseline = tmp_path / "baseline.json"
    written = boconf("check", "org", *DATE, "--baseline-write", str(baseline), cwd=root.parent)
    assert written.code == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert any(entry["code"] == "BO101" for entry in entries)
    run = check(boconf, root, "--baseline", str(baseline))
    assert run.code == 0 and findings(run) == []
    assert json.loads(run.out)["summary"]["baselined"] == len(entries)
    # from another working directory the same baseline still matches
    elsewhere = boconf("check", ".", *DATE, "--baseline", str(baseline), cwd=root)
    assert elsewhere.code == 0, elsewhere.out
    exec_unit = MINIMAL_ORG["units/exec.yaml"].replace(
        "    reports_to: ceo\n", "    reports_to: coo\n"
    )
    worse = org(units__sales_yaml=CYCLE, units__exec_yaml=exec_unit)
    run = check(boconf, worse, "--baseline", str(baseline))
    assert run.code == 1
    assert "self-report" in {r for *_, r in findings(run)}
    baseline.write_text("{nonsense", encoding="utf-8")
    assert check(boconf, root, "--baseline", str(baseline)).code == 2


def test_output_file_writes_the_format_and_prints_text(
    org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path
) -> None:
    root = org(units__sales_yaml=CYCLE)
    sarif = tmp_path / "out.sarif"
    run = boconf(
        "check", "org", *DATE, "--format", "sarif", "--output", str(sarif), cwd=root.parent
    )
    assert run.code == 1
    assert "error[BO101]" in run.out
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_long_cycles_and_orphan_chains_neither_hang_nor_recurse(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # A 5,000-post reporting cycle with a 3,000-post chain hanging off it: far past
    # Python's recursion limit, so any recursive rule would fail here.
    cycle, chain = 5000, 3000
    lines = [
        "apiVersion: boconf/v1",
        "kind: Unit",
        "id: loop",
        "name: Loop",
        "office: back",
        "function: administration",
        "parent: exec",
        "positions:",
    ]
    for number in range(cycle):
        lines += [
            f"  - id: c{number}",
            "    title: Clerk",
            f"    reports_to: c{(number + 1) % cycle}",
        ]
    for number in range(chain):
        boss = f"o{number + 1}" if number + 1 < chain else "c0"
        lines += [f"  - id: o{number}", "    title: Orphan", f"    reports_to: {boss}"]
    root = org(units__loop_yaml="\n".join(lines) + "\n")
    run = boconf("check", "org", *DATE, "--format", "json", cwd=root.parent)
    assert run.code == 1
    records = json.loads(run.out)["findings"]
    cycles = [r for r in records if r["rule"] == "reporting-cycle"]
    assert len(cycles) == 1
    [found] = cycles
    # One mistake, one finding: the 3,000 posts hanging off the cycle are counted in it, as
    # one line headed by o2999 (o2999 -> c0), not reported one by one.
    assert found["message"].startswith(
        "position 'c0' reports to 'c1', closing the reporting cycle c0 -> c1 -> c2 -> "
    )
    assert found["message"].endswith(
        "(5000 positions); 3,000 positions below it never reach the top (the line of 'o2999')"
    )
    # Nobody in the cycle manages 'loop': the nearest manager up the unit line is exec's.
    assert found["hint"] == (
        "point the reports_to of 'c0' at 'ceo', the manager of 'exec', above its unit "
        "'loop', who reaches the top"
    )
    assert found["subject"] == {"kind": "position", "id": "c0"}
    assert not any(r["rule"] == "orphan-position" for r in records)


def test_the_chart_overlay_marks_errors_and_warnings_not_infos() -> None:
    """One overlay for `render --findings` and the site: the worst finding per entity, but
    an info (advice) leaves the box unmarked."""
    from boconf.diagnostics import Severity
    from boconf.linting.engine import LintResult

    result = LintResult(
        entities={
            ("unit", "credit"): Severity.ERROR,
            ("position", "coo"): Severity.WARNING,
            ("unit", "it"): Severity.INFO,
        }
    )
    assert result.overlay() == {("unit", "credit"): "error", ("position", "coo"): "warning"}
