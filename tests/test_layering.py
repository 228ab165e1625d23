"""The import-linter contracts bite: a forbidden import added to a copy of the package fails
`lint-imports` with the repository's own configuration, naming the contract and the import.

Each probe is one file added to a scratch copy of ``boconf/``; the copy is put first on
PYTHONPATH so that import-linter analyses it rather than the installed package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

LAYERS = "One-way data flow: files -> load -> validate -> model -> graph -> lint -> reports -> CLI"
CLICK = "Only the CLI imports click"
YAML = "YAML is parsed only in loading"
RUAMEL = "ruamel.yaml only in editing"


def _lint_copy(tmp_path: Path, probe: tuple[str, str] | None) -> tuple[int, str]:
    """Run lint-imports on a copy of the package, with ``probe`` = (package, import line)
    written to ``boconf/<package>/_probe.py``; returns the exit code and the output."""
    shutil.copytree(
        REPO / "boconf", tmp_path / "boconf", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    if probe is not None:
        package, line = probe
        (tmp_path / "boconf" / package / "_probe.py").write_text(line + "\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    # import-linter wraps long contract names: unwrap to match them whole.
    return done.returncode, done.stdout.replace(" \n", " ") + done.stderr


def _status(output: str, contract: str) -> str:
    for line in output.splitlines():
        if line.startswith(contract + " "):
            return line[len(contract) + 1 :].split()[0]
    raise AssertionError(f"contract {contract!r} not in the output:\n{output}")


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    code, output = _lint_copy(tmp_path, None)
    assert code == 0, output
    assert [_status(output, c) for c in (LAYERS, CLICK, YAML, RUAMEL)] == ["KEPT"] * 4


@pytest.mark.parametrize(
    ("package", "line", "broken", "illegal"),
    [
        # YAML only below loading/: the model sees values, never YAML.
        ("model", "import yaml", YAML, "boconf.model._probe -> yaml (l.1)"),
        ("rules", "import yaml_rs", YAML, "boconf.rules._probe -> yaml_rs (l.1)"),
        # The round-trip library only where files are edited.
        ("validation", "from ruamel.yaml import YAML", RUAMEL, "boconf.validation._probe -> ruamel"),
        # Only the CLI parses options: a package that the contract does not list by name.
        ("economics", "import click", CLICK, "boconf.economics._probe -> click (l.1)"),
        # The model does no I/O and knows no file; loading knows no model.
        ("model", "from boconf.loading import limits", LAYERS, "boconf.model._probe -> boconf.loading.limits"),
        ("loading", "from boconf.model import entities", LAYERS, "boconf.loading._probe -> boconf.model.entities"),
        # The utilities are the bottom layer: they import no other boconf package.
        ("util", "from boconf.diagnostics import Code", LAYERS, "boconf.util._probe -> boconf.diagnostics"),
        # An arrow into validation/ means validation: the helpers are not there any more.
        ("util", "from boconf.validation import errors", LAYERS, "boconf.util._probe -> boconf.validation.errors"),
    ],
)  # fmt: skip
def test_a_forbidden_import_fails_lint_imports(
    tmp_path: Path, package: str, line: str, broken: str, illegal: str
) -> None:
    code, output = _lint_copy(tmp_path, (package, line))
    assert code == 1, output
    assert _status(output, broken) == "BROKEN"
    assert f"- {illegal}" in output
    kept = [c for c in (LAYERS, CLICK, YAML, RUAMEL) if c != broken]
    assert [_status(output, c) for c in kept] == ["KEPT"] * len(kept)


def _parts() -> list[str]:
    """boconf's packages and top-level modules, as ``name/`` and ``name.py`` (not the private
    ``_lazy.py`` and ``_version.py``)."""
    found = []
    for path in sorted((REPO / "boconf").iterdir()):
        if path.is_dir() and (path / "__init__.py").is_file():
            found.append(f"{path.name}/")
        elif path.suffix == ".py" and not path.name.startswith("_"):
            found.append(path.name)
    return found


def test_every_package_is_in_a_layer() -> None:
    """A package no layer names is held by no contract: a new one must be placed."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["name"] == LAYERS)["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    modules = {f"boconf.{part.removesuffix('/').removesuffix('.py')}" for part in _parts()}
    assert modules - named == set()
    assert named - modules == set()  # and no layer names a package that is gone


def test_the_layout_page_names_every_package_once() -> None:
    text = (REPO / "docs" / "layout.md").read_text(encoding="utf-8")
    block = text.split("```\n")[1]
    listed = [
        line.split()[0] for line in block.splitlines() if line.startswith("  ") and line[2] != " "
    ]
    private = ["__init__.py", "__main__.py"]
    assert sorted(listed) == sorted(_parts() + private)
