"""Shared helpers for the interop tests: run an import, check its result, read a tree."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Run, shared_dir

DATA = shared_dir() / "data"
ORACLE = DATA / "oracle-hr" / "employees.csv"
NORTHWIND = DATA / "northwind" / "employees.csv"
SYNTHETIC = DATA / "northwind" / "employees-synthetic-100.csv"
ACME = DATA / "backstage-acme"


def check_json(boconf: Callable[..., Run], tree: Path) -> dict[str, Any]:
    run = boconf("check", str(tree), "--format", "json")
    assert run.code in (0, 1), run.err
    report: dict[str, Any] = json.loads(run.out)
    assert report["summary"]["valid"] is True
    return report


def codes(report: dict[str, Any]) -> Counter[str]:
    return Counter(finding["code"] for finding in report["findings"])


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (hidden ones included), by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
