"""Shared fixtures: a small valid organisation to break in tests, the CLI, the shared data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from boconf.cli.main import main

REPO = Path(__file__).resolve().parent.parent

MINIMAL_ORG: dict[str, str] = {
    "organisation.yaml": """\
apiVersion: boconf/v1
kind: Organisation
id: acme
name: Acme S.p.A.
headquarters: hq
currency: EUR
back_office_head: coo
""",
    "locations.yaml": """\
apiVersion: boconf/v1
kind: Location
id: hq
name: Sede di Milano
country: IT
city: Milano
type: headquarters
annual_cost_per_fte: 60000
---
apiVersion: boconf/v1
kind: Location
id: cluj
name: Cluj centre
country: RO
city: Cluj-Napoca
type: remote_centre
annual_cost_per_fte: 25000
---
apiVersion: boconf/v1
kind: Location
id: manila
name: Vendor site
country: PH
city: Manila
type: vendor_site
""",
    "vendors/helpco.yaml": """\
apiVersion: boconf/v1
kind: Vendor
id: helpco
name: HelpCo Inc.
country: PH
contracts:
  - id: helpco-desk
    services: [it_support]
    start: 2025-01-01
    end: 2027-12-31
    notice_days: 90
    annual_cost: 120000
    owner: it-head
""",
    "units/exec.yaml": """\
apiVersion: boconf/v1
kind: Unit
id: exec
name: Direzione generale
office: back
function: executive
manager: ceo
positions:
  - id: ceo
    title: Amministratore delegato
    holder: nicolo
  - id: coo
    title: Chief operating officer
    reports_to: ceo
""",
    "units/sales.yaml": """\
apiVersion: boconf/v1
kind: Unit
id: sales
name: Vendite
office: front
function: sales
parent: exec
manager: sales-head
positions:
  - id: sales-head
    title: Sales director
    reports_to: ceo
  - id: sales-rep
    title: Sales representative
    reports_to: sales-head
    headcount: 3
""",
    "units/it.yaml": """\
apiVersion: boconf/v1
kind: Unit
id: it
name: IT support
office: back
function: it_support
parent: exec
manager: it-head
supports: [sales]
sourcing:
  - provider: in_house
    location: hq
    share: 0.6
  - provider: helpco
    location: manila
    share: 0.4
    contract: helpco-desk
positions:
  - id: it-head
    title: IT manager
    reports_to: coo
    holder: ilaria
""",
    "people.yaml": """\
apiVersion: boconf/v1
kind: Person
id: nicolo
name: Niccolò Bernardi
---
apiVersion: boconf/v1
kind: Person
id: ilaria
name: Ilaria D'Amico
email: ilaria@example.com
""",
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def org(tmp_path: Path) -> Callable[..., Path]:
    """Write the minimal valid organisation, with some files replaced, under tmp_path/org."""

    def make(**overrides: str | bytes | None) -> Path:
        files: dict[str, str | bytes] = dict(MINIMAL_ORG)
        for name, content in overrides.items():
            name = name.replace("__", "/").replace("_yaml", ".yaml").replace("_yml", ".yml")
            if content is None:
                files.pop(name, None)
            else:
                files[name] = content
        return write_tree(tmp_path / "org", files)

    return make


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


@pytest.fixture
def boconf(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run the CLI in-process from a working directory; returns exit code and output."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def shared_dir() -> Path:
    """The read-only shared/ folder beside the repository (or BOCONF_SHARED)."""
    candidates = [os.environ.get("BOCONF_SHARED", ""), REPO.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "data").is_dir():
            return Path(candidate)
    raise AssertionError("shared/ not found: set BOCONF_SHARED to the folder holding data/")
