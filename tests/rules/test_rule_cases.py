"""Every rule's case file: failing and passing fragments with pinned findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .casefile import case_files, load_cases, run_case

CASES = [
    pytest.param(code, case, id=f"{code}-{index}-{case['name']}")
    for path in case_files()
    for code, cases in [load_cases(path)]
    for index, case in enumerate(cases)
]


@pytest.mark.parametrize(("code", "case"), CASES)
def test_rule_case(
    code: str, case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _, found = run_case(code, case, tmp_path / "org")
    expected = [{**item, "file": item["file"]} for item in case.get("expect") or []]
    # A case pins the hint where it says one (the hint is part of the finding's promise).
    pinned = any("hint" in item for item in expected)
    if not pinned:
        found = [{k: v for k, v in item.items() if k != "hint"} for item in found]
    assert found == expected
