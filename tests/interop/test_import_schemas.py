"""An imported tree carries its own JSON Schemas, and every modeline points at them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from jsonschema import Draft202012Validator

from boconf.interop.tree_writer import SCHEMA_FILES
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.schema import schemas
from tests.conftest import REPO, Run, shared_dir

MODELINE = "# yaml-language-server: $schema="


def test_the_schema_list_is_boconf_schemas() -> None:
    assert sorted(SCHEMA_FILES) == sorted(schemas())


def test_modelines_resolve_to_the_written_schemas(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    source = shared_dir() / "data" / "oracle-hr" / "employees.csv"
    assert boconf("import", "csv", str(source), "-o", str(tmp_path / "hr")).code == 0
    tree = tmp_path / "hr"
    written = sorted(path.name for path in (tree / "schemas").iterdir())
    assert written == sorted(SCHEMA_FILES)
    # The copies are the installed boconf's: the same bytes `boconf schema` commits.
    for name in written:
        assert (tree / "schemas" / name).read_bytes() == (REPO / "schemas" / name).read_bytes()
    manifest = (tree / ".boconf-import").read_text(encoding="utf-8").splitlines()
    assert {f"schemas/{name}" for name in SCHEMA_FILES} <= set(manifest)  # --force replaces them
    yaml_files = sorted([*tree.rglob("*.yaml"), tree / ".boconf.yaml"])
    assert len(yaml_files) > 10
    validators: dict[Path, Draft202012Validator] = {}
    for path in yaml_files:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith(MODELINE), path
        schema = (path.parent / first.removeprefix(MODELINE)).resolve()
        assert schema.parent == (tree / "schemas").resolve(), path
        if schema not in validators:
            validators[schema] = Draft202012Validator(json.loads(schema.read_text("utf-8")))
        # What an editor does with the modeline: check every document against that schema.
        parsed = parse_file(str(path), path.name, Limits())
        assert parsed.diagnostics == []
        for document in parsed.documents:
            assert list(validators[schema].iter_errors(document.data)) == [], path
        assert "boconf.dev" not in text and "github.com/boconf" not in text


def test_no_file_of_the_repository_names_an_invented_address() -> None:
    """boconf has no web site and no public repository: nothing may point at one. (The
    `boconf.io/` prefix of Backstage annotations is a key's namespace, not an address.)"""
    invented = ("boconf.dev", "github.com/boconf")
    # Everything that ships or is shown; tests/*.py name the hosts to assert their absence.
    shown = ["boconf", "docs", "org", "examples", "schemas", ".github", "benchmarks"]
    files = [path for top in shown for path in (REPO / top).rglob("*")]
    files += [REPO / name for name in ("README.md", ".pre-commit-hooks.yaml", "pyproject.toml")]
    files += [*(REPO / "tests" / "golden").rglob("*"), *(REPO / "tests" / "fixtures").rglob("*")]
    offenders = []
    for path in files:
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix not in {".py", ".md", ".yaml", ".yml", ".json", ".tmpl", ".toml", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{path.relative_to(REPO)}: {host}" for host in invented if host in text]
    assert offenders == []
