"""`boconf init`: a new organisation repository that passes `boconf check` at once."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from boconf.interop.scaffold import TEMPLATES, ScaffoldOptions, plan_scaffold
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from tests.conftest import REPO, Run

BOCONF_EXE = REPO / ".venv" / "bin" / "boconf"
MODELINE = "# yaml-language-server: $schema="


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def yaml12(path: Path) -> Any:
    """One YAML document read as boconf (YAML 1.2) reads it: `on:` stays the string 'on'."""
    parsed = parse_file(str(path), path.name, Limits())
    assert parsed.diagnostics == [], parsed.diagnostics
    assert len(parsed.documents) == 1
    return parsed.documents[0].data


def test_init_then_check_is_clean(boconf: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "neworg"
    created = boconf("init", str(target))
    assert created.code == 0, created.err
    assert "org/units/administration.yaml" in created.out
    assert "boconf check" in created.out  # what to do next
    checked = boconf("check", "--format", "json", cwd=target)  # default: org/ in the cwd
    assert checked.code == 0, checked.out
    report = json.loads(checked.out)
    assert report["findings"] == []
    assert report["summary"]["organisation"]["units"] == 4
    assert boconf("check", cwd=target).out.startswith("org: clean")


@pytest.mark.skipif(not BOCONF_EXE.exists(), reason="needs the installed .venv/bin/boconf")
def test_init_then_check_as_a_user_runs_them(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    init = subprocess.run(
        [str(BOCONF_EXE), "init", "neworg"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    assert "cd neworg" in init.stdout
    check = subprocess.run(
        [str(BOCONF_EXE), "check"],
        cwd=tmp_path / "neworg",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("org: clean: 4 units, 9 positions")


def test_refuses_existing_files_and_writes_nothing(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "organisation.yaml").write_text("mine\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("my readme\n", encoding="utf-8")
    result = boconf("init", str(tmp_path))
    assert result.code == 2
    assert "2 file(s)" in result.err and "nothing was written" in result.err
    assert str(tmp_path / "README.md") in result.err
    assert str(tmp_path / "org" / "organisation.yaml") in result.err
    assert "--force" in result.err
    assert tree_bytes(tmp_path) == {"README.md": b"my readme\n", "org/organisation.yaml": b"mine\n"}


def test_force_overwrites(boconf: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "organisation.yaml").write_text("mine\n", encoding="utf-8")
    result = boconf("init", str(tmp_path), "--force")
    assert result.code == 0, result.err
    assert "kind: Organisation" in (tmp_path / "org" / "organisation.yaml").read_text("utf-8")
    assert boconf("check", str(tmp_path / "org")).code == 0


def test_default_directory_is_the_current_one(boconf: Callable[..., Run], tmp_path: Path) -> None:
    result = boconf("init", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / ".boconf.yaml").is_file()
    assert "cd " not in result.out  # already there


def test_output_is_deterministic(boconf: Callable[..., Run], tmp_path: Path) -> None:
    assert boconf("init", str(tmp_path / "a")).code == 0
    assert boconf("init", str(tmp_path / "b")).code == 0
    first = tree_bytes(tmp_path / "a")
    assert first == tree_bytes(tmp_path / "b")
    assert first == plan_scaffold(ScaffoldOptions())  # exactly the planned files, no others


def test_options_fill_the_organisation(boconf: Callable[..., Run], tmp_path: Path) -> None:
    result = boconf(
        "init",
        str(tmp_path),
        "--name",
        "Ørsted & Sønner: Holding",
        "--country",
        "dk",
        "--city",
        "København",
        "--currency",
        "DKK",
    )
    assert result.code == 0, result.err
    organisation = yaml12(tmp_path / "org" / "organisation.yaml")
    assert organisation["name"] == "Ørsted & Sønner: Holding"
    assert organisation["id"] == "orsted-sonner-holding"
    assert organisation["currency"] == "DKK"
    location = yaml12(tmp_path / "org" / "locations" / "headquarters.yaml")
    assert (location["country"], location["city"], location["id"]) == (
        "DK",
        "København",
        "kobenhavn-hq",
    )
    assert "# Ørsted & Sønner: Holding" in (tmp_path / "README.md").read_text("utf-8")
    checked = boconf("check", "--format", "json", str(tmp_path / "org"))
    assert checked.code == 0 and json.loads(checked.out)["findings"] == []


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--currency", "EUX", "ISO 4217"),
        ("--country", "XX", "ISO 3166-1"),
        ("--name", "", "--name"),
        ("--name", "two\nlines", "single line"),
    ],
)
def test_bad_options_are_usage_errors(
    boconf: Callable[..., Run], tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = boconf("init", str(tmp_path / "new"), option, value)
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "new").exists()


def test_a_file_in_the_way_of_the_directory(boconf: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = boconf("init", str(tmp_path / "taken"))
    assert result.code == 2
    assert "not a directory" in result.err


def test_other_yaml_in_org_is_pointed_out(boconf: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "org" / "units").mkdir(parents=True)
    (tmp_path / "org" / "units" / "legacy.yaml").write_text("x: 1\n", encoding="utf-8")
    result = boconf("init", str(tmp_path))
    assert result.code == 0
    assert "org/units/legacy.yaml" in result.out and "note:" in result.out


def test_pre_commit_config_is_a_local_boconf_hook(
    tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    # A local hook runs the boconf installed where one commits: no repository URL to invent.
    assert boconf("init", str(tmp_path)).code == 0
    config = yaml12(tmp_path / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    provided = {
        hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    # The same hook as the one boconf's .pre-commit-hooks.yaml provides, run from the system.
    assert hook["id"] == "boconf-check" and hook["language"] == "system"
    for key in ("entry", "files", "pass_filenames", "require_serial"):
        assert hook[key] == provided["boconf-check"][key], key


def test_workflow_checks_the_organisation(tmp_path: Path, boconf: Callable[..., Run]) -> None:
    assert boconf("init", str(tmp_path)).code == 0
    workflow = yaml12(tmp_path / ".github" / "workflows" / "boconf.yml")
    assert workflow["on"]["pull_request"]["paths"] == ["org/**", ".boconf.yaml"]
    steps = workflow["jobs"]["check"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    # In the tests boconf runs from its checkout: that is where the new repository gets it.
    assert f"pip install {REPO}" in runs.splitlines()
    assert "boconf check org --format sarif --output boconf.sarif" in runs
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps
    )
    diff_job = workflow["jobs"]["diff"]
    assert diff_job["permissions"]["pull-requests"] == "write"
    diff_runs = "\n".join(step.get("run", "") for step in diff_job["steps"])
    assert 'boconf diff "origin/${{ github.base_ref }}" HEAD org --format markdown' in diff_runs
    assert "gh pr comment" in diff_runs


def test_modelines_resolve_to_schemas_in_the_new_repository(
    tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    assert boconf("init", str(tmp_path)).code == 0
    yaml_files = [*(tmp_path / "org").rglob("*.yaml"), tmp_path / ".boconf.yaml"]
    assert len(yaml_files) == 16
    for path in yaml_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE), path
        schema = (path.parent / first.removeprefix(MODELINE)).resolve()
        assert schema.is_file(), f"{path}: {schema}"
        # What an editor does with the modeline: check the file against that schema.
        validator = Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
        assert list(validator.iter_errors(yaml12(path))) == [], path
    # The copied schemas are those of the installed boconf.
    assert boconf("schema", "--check", "--out", str(tmp_path / "schemas")).code == 0


def test_readme_tells_admins_how_to_work(tmp_path: Path, boconf: Callable[..., Run]) -> None:
    assert boconf("init", str(tmp_path), "--name", "Acme").code == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Acme: the organisation as code")
    for command in (
        "boconf validate",
        "boconf check",
        "boconf render",
        "boconf diff",
        "pre-commit install",
    ):
        assert command in readme
    assert "<<" not in readme


def test_every_template_is_package_data() -> None:
    """A template the package-data pattern misses would be absent from a wheel install."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["boconf.interop"]
    package = REPO / "boconf" / "interop"
    shipped = {
        path.relative_to(package).as_posix()
        for pattern in patterns
        for path in package.glob(pattern)
        if path.is_file()
    }
    on_disk = {
        path.relative_to(package).as_posix()
        for path in (package / TEMPLATES).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert on_disk and on_disk == shipped


def test_the_scaffolded_workflow_is_the_example_workflow() -> None:
    # One workflow, two copies: the template may differ from the repository's example only
    # in its opening comment and in installing boconf from PyPI.
    from tests.conftest import REPO

    example = (REPO / ".github/workflows/boconf.yml").read_text(encoding="utf-8")
    template = (
        REPO / "boconf/interop/scaffold_templates/dot-github/workflows/boconf.yml.tmpl"
    ).read_text(encoding="utf-8")

    def body(text: str) -> list[str]:
        lines = [line for line in text.splitlines() if not line.startswith("#")]
        return [
            "INSTALL" if "pip install" in line or "<<pip_install_yaml>>" in line else line
            for line in lines
            if not line.strip().startswith("#") and line.strip() != "<<install_note>>"
        ]

    assert body(template) == body(example)
    assert template.count("- run: <<pip_install_yaml>>") == 2


def _installs(root: Path) -> list[str]:
    """Every `pip install` command the new repository runs: the workflow's and the README's."""
    workflow = yaml12(root / ".github" / "workflows" / "boconf.yml")
    runs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if str(step.get("run", "")).startswith("pip install")
    ]
    readme = (root / "README.md").read_text(encoding="utf-8")
    return runs + [line for line in readme.splitlines() if line.startswith("pip install")]


def _spec_is_installable(spec: str) -> bool:
    """What pip would accept: an existing project directory or file, a URL, or a requirement."""
    from packaging.requirements import InvalidRequirement, Requirement

    path = Path(spec)
    if path.is_absolute():
        return (path / "pyproject.toml").is_file() or path.is_file()
    if "://" in spec:
        return True
    try:
        Requirement(spec)
    except InvalidRequirement:
        return False
    return True


def test_default_install_is_the_checkout_boconf_runs_from(
    tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    assert boconf("init", str(tmp_path)).code == 0
    installs = _installs(tmp_path)
    assert installs == [f"pip install {REPO}"] * 2 + [f"pip install {REPO} pre-commit"]
    (spec,) = {shlex.split(command)[2] for command in installs}
    assert _spec_is_installable(spec)
    assert 'name = "boconf"' in (Path(spec) / "pyproject.toml").read_text(encoding="utf-8")
    workflow = (tmp_path / ".github" / "workflows" / "boconf.yml").read_text(encoding="utf-8")
    assert workflow.count("CI cannot reach a path on your machine") == 2


def test_default_install_elsewhere_is_the_index_with_a_note(
    tmp_path: Path, boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed wheel (no checkout): boconf from the index, and a note to change it.
    monkeypatch.setattr("boconf.interop.scaffold.source_checkout", lambda: None)
    assert boconf("init", str(tmp_path)).code == 0
    assert _installs(tmp_path) == ["pip install boconf"] * 2 + ["pip install boconf pre-commit"]
    workflow = (tmp_path / ".github" / "workflows" / "boconf.yml").read_text(encoding="utf-8")
    assert workflow.count("# boconf from the package index: if yours does not have it") == 2
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "boconf from the package index: if yours does not have it" in readme


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("boconf==0.1.0", "pip install boconf==0.1.0"),
        ("boconf[lsp]>=0.1,<0.2", "pip install 'boconf[lsp]>=0.1,<0.2'"),
        (
            "git+https://git.example.com/tools/boconf.git@v0.1.0",
            "pip install git+https://git.example.com/tools/boconf.git@v0.1.0",
        ),
    ],
)
def test_install_from_is_written_quoted_for_the_shell(
    tmp_path: Path, boconf: Callable[..., Run], given: str, written: str
) -> None:
    assert boconf("init", str(tmp_path), "--install-from", given).code == 0
    assert _installs(tmp_path) == [written] * 2 + [f"{written} pre-commit"]
    assert shlex.split(written)[2] == given and _spec_is_installable(given)
    workflow = (tmp_path / ".github" / "workflows" / "boconf.yml").read_text(encoding="utf-8")
    assert workflow.count("# boconf from where you get it (boconf init --install-from).") == 2


def test_install_from_a_relative_path_is_made_absolute(
    tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    assert boconf("init", str(tmp_path / "new"), "--install-from", ".", cwd=REPO).code == 0
    assert _installs(tmp_path / "new")[0] == f"pip install {REPO}"


@pytest.mark.parametrize("given", ["./no-such-checkout", "boconf 0.1", "", "boconf==0.1\nx"])
def test_install_from_that_pip_could_not_use_is_a_usage_error(
    tmp_path: Path, boconf: Callable[..., Run], given: str
) -> None:
    result = boconf("init", str(tmp_path), "--install-from", given.replace("\\n", "\n"))
    assert result.code == 2
    assert "--install-from" in result.err
    assert not any(tmp_path.iterdir())


def test_nothing_written_names_an_invented_address(
    tmp_path: Path, boconf: Callable[..., Run]
) -> None:
    assert boconf("init", str(tmp_path)).code == 0
    for name, content in tree_bytes(tmp_path).items():
        for host in (b"boconf.dev", b"github.com/boconf", b"boconf==0.1.0"):
            assert host not in content, f"{name} names {host!r}"
