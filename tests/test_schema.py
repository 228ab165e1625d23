"""The committed JSON Schemas: fresh, accepted by an independent validator on every example
document, and strict enough to reject a typo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from boconf.diagnostics import CHECK_DESCRIPTIONS, Code
from boconf.loading.discovery import discover
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.loading.yaml12 import build_value, compose_documents
from boconf.rules.registry import RULES
from boconf.schema import COMBINED, stale_files, write

from .conftest import MINIMAL_ORG, REPO

SCHEMAS = REPO / "schemas"
EXAMPLE_FILES = discover(REPO / "org") + discover(REPO / "examples")
MODELINE = "# yaml-language-server: $schema="


def combined() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / COMBINED).read_text(encoding="utf-8"))
    return schema


def documents(path: Path) -> list[dict[str, Any]]:
    parsed = parse_file(str(path), path.name, Limits())
    assert not parsed.diagnostics, parsed.diagnostics
    return [document.data for document in parsed.documents]


def test_committed_schemas_are_fresh() -> None:
    assert stale_files(SCHEMAS) == []


def test_stale_and_missing_schemas_are_detected(tmp_path: Path) -> None:
    write(tmp_path)
    assert stale_files(tmp_path) == []
    unit = tmp_path / "unit.schema.json"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace('"office"', '"officE"'), encoding="utf-8"
    )
    (tmp_path / "person.schema.json").unlink()
    assert stale_files(tmp_path) == ["unit.schema.json", "person.schema.json"]


def test_the_examples_are_numerous_enough_to_mean_something() -> None:
    assert len(EXAMPLE_FILES) > 100


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_example_file_has_a_working_modeline_and_matches_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    target = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert target == (SCHEMAS / COMBINED).resolve()
    validator = jsonschema.Draft202012Validator(
        combined(), format_checker=jsonschema.FormatChecker()
    )
    for document in documents(path):
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == []


def test_minimal_org_matches_the_schema_document_by_document(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(combined())
    for name, text in MINIMAL_ORG.items():
        path = tmp_path / name.replace("/", "_")
        path.write_text(text, encoding="utf-8")
        for document in documents(path):
            assert list(validator.iter_errors(document)) == []


def test_schema_rejects_a_typo_and_an_unknown_kind() -> None:
    validator = jsonschema.Draft202012Validator(combined())
    person = {"apiVersion": "boconf/v1", "kind": "Person", "id": "ada", "name": "Ada"}
    assert validator.is_valid(person)
    assert not validator.is_valid({**person, "nmae": "Ada"})
    assert not validator.is_valid({**person, "kind": "Persn"})
    unit = documents_of(MINIMAL_ORG["units/it.yaml"])
    unit["positions"][0]["titel"] = unit["positions"][0].pop("title")
    assert not validator.is_valid(unit)


def documents_of(text: str) -> dict[str, Any]:
    """The single document in ``text``, read by boconf's own YAML 1.2 loader."""
    [root] = compose_documents(text)
    loaded: dict[str, Any] = build_value(root, 64, lambda first, repeated: None)
    return loaded


def test_check_jsonschema_accepts_every_file_in_org() -> None:
    executable = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert executable, "check-jsonschema is a dev dependency"
    files = [str(path) for path in discover(REPO / "org")]
    result = subprocess.run(
        [executable, "--schemafile", str(SCHEMAS / COMBINED), *files],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout
    typo = REPO / "org" / "organisation.yaml"
    bad = subprocess.run(
        [executable, "--schemafile", str(SCHEMAS / COMBINED), "-"],
        input=typo.read_text(encoding="utf-8").replace("currency:", "curency:"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1


def test_the_schema_and_init_load_no_rule_and_no_linter() -> None:
    # The settings model lives below the linter: describing it needs no rule catalogue.
    probe = (
        "import sys, boconf.schema, boconf.cli.init_cmd; "
        "print(sorted(m for m in sys.modules if m.startswith(('boconf.rules', 'boconf.linting'))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert run.stdout == "[]\n"


def test_every_check_code_is_described_once_and_no_rule_reuses_its_code_or_name() -> None:
    # Drift-proof: a new Code without a description (or a stale description) fails here.
    assert list(CHECK_DESCRIPTIONS) == list(Code)
    names = [name for name, _ in CHECK_DESCRIPTIONS.values()] + [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert not {rule.code for rule in RULES} & set(Code)
    assert all(summary.endswith(".") for _, summary in CHECK_DESCRIPTIONS.values())
