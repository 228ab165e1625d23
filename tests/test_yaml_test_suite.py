"""Every input of the official YAML test suite, fed to `boconf validate` as an organisation file,
gives positioned diagnostics (exit 1) and never a traceback or a crash (exit 3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, shared_dir

SUITE = shared_dir() / "data" / "yaml-test-suite"
CASES: list[dict[str, Any]] = json.loads((SUITE / "manifest.json").read_text(encoding="utf-8"))[
    "cases"
]


def test_the_suite_is_complete() -> None:
    assert len(CASES) == 402
    assert sum(case["fail"] for case in CASES) == 94


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case_gives_clean_diagnostics(
    case: dict[str, Any], tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    source = (SUITE / case["file"]).read_bytes()
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "case.yaml").write_bytes(source)
    run = boconf("validate", "org", "--format", "json", cwd=tmp_path)
    # None of these is a boconf organisation, so each must fail cleanly: exit 1, not 3.
    assert run.code == 1, run.err
    records = json.loads(run.out)
    assert records, "a failing run must say why"
    last_line = source.count(b"\n") + 2
    for record in records:
        # The one exception: a tree without an organisation is reported on its directory.
        assert record["file"] == "org/case.yaml" or (record["file"], record["code"]) == (
            "org",
            "BO032",
        ), record
        assert 1 <= record["line"] <= last_line, record
        assert record["column"] >= 1
        assert record["hint"], record
