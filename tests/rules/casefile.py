"""Per-rule case files: ``tests/rules/cases/<CODE>.yaml``.

```yaml
rule: BO101
cases:
  - name: two positions report to each other      # a failing case
    files:                                        # replace or add files of the minimal org
      units/sales.yaml: |                         # (tests/fixtures/minimal-org)
        apiVersion: boconf/v1
        ...
    remove: [vendors/helpco.yaml]                 # optional: files to drop
    options: {max_reports: 3}                     # optional: the rule's options
    reference_date: 2026-06-01                    # optional; default 2026-01-01
    also: [BO101]                                 # optional: rules to run beside it
    expect:                                       # exactly these findings of the rule
      - {file: units/sales.yaml, line: 12, column: 17, message: "..."}
        # hint: "..."                             # optional: pinned when given
  - name: the minimal organisation passes         # a passing case
    expect: []
```
Only the rule under test runs, so a case shows that rule alone. Positions are pinned.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from boconf.linting.engine import LintResult, lint
from boconf.linting.settings import resolve
from boconf.load import load_organisation
from boconf.model.settings import Settings

from ..conftest import MINIMAL_ORG, write_tree

CASES_DIR = Path(__file__).resolve().parent / "cases"
DEFAULT_DATE = dt.date(2026, 1, 1)


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def load_cases(path: Path) -> tuple[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["rule"], data["cases"]


def run_case(
    code: str, case: dict[str, Any], root: Path
) -> tuple[LintResult, list[dict[str, Any]]]:
    files: dict[str, str | bytes] = dict(MINIMAL_ORG)
    for name in case.get("remove", []):
        files.pop(name)
    files.update(case.get("files") or {})
    write_tree(root, files)
    loaded = load_organisation(root)
    assert loaded.ok, [d.location + " " + d.message for d in loaded.diagnostics]
    reference = case.get("reference_date", DEFAULT_DATE)
    settings = resolve(
        Settings(rules={code: case.get("options") or {}}, reference_date=reference),
        None,
        lambda at, want="value": (1, 1),
        None,
    )
    # Only the rule under test, and any rule the case needs beside it (`also`).
    wanted = {code, *case.get("also", [])}
    settings.enabled = [rule for rule in _all() if rule.code in wanted]
    result = lint(loaded, settings)
    found = [
        {
            "file": Path(d.file).resolve().relative_to(root.resolve()).as_posix(),
            "line": d.line,
            "column": d.column,
            "message": d.message,
            "hint": d.hint,
        }
        for d in result.diagnostics
        if d.code == code
    ]
    return result, found


def _all() -> tuple[Any, ...]:
    from boconf.rules.registry import RULES

    return RULES
