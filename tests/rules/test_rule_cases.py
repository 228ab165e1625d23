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
    # A hint is compared where the case pins one.
    pinned = [bool(item.get("hint")) for item in expected] + [False] * len(found)
    found = [
        item if keep else {key: value for key, value in item.items() if key != "hint"}
        for item, keep in zip(found, pinned, strict=False)
    ]
    assert found == expected
