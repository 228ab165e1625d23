"""`boconf import backstage`: refs, namespaces, parent/children and unknown refs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from boconf.interop.backstage_catalog import parse_ref
from tests.conftest import Run
from tests.interop.helpers import ACME, check_json, codes, tree_bytes

CATALOG = """\
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: root}
spec: {type: organization, children: [ops]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: ops}
spec: {type: team, parent: root, children: [group:default/sales], members: [ann]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: sales}
spec: {type: team, parent: root, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ann}
spec: {memberOf: [ops, default/sales, nowhere]}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: website}
spec: {}
"""


def test_refs_resolve_in_every_form() -> None:
    assert parse_ref("team-a", "group", "default") == ("group", ("default", "team-a"))
    assert parse_ref("group:default/team-a", "group", "x") == ("group", ("default", "team-a"))
    assert parse_ref("dev/guest", "user", "default") == ("user", ("dev", "guest"))


def test_disagreements_and_unknown_refs_are_reported_and_checked(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    out = tmp_path / "out"
    run = boconf("import", "backstage", str(tmp_path / "catalog.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    assert "catalog.yaml:14: group 'sales' names 'root' as parent, but the children" in run.err
    assert "catalog.yaml:19: 'nowhere' is not a Group of the catalog: ignored" in run.err
    assert "skipped Component 'website'" in run.err
    ops = (out / "units" / "ops.yaml").read_text(encoding="utf-8")
    assert "id: ops.ann\n    title: Member\n    reports_to: ops-lead\n    holder: ann" in ops
    assert "fte: 0.5" in ops  # ann is in two groups
    # sales sits under root (its parent) but its lead reports to ops's (ops's children).
    found = codes(check_json(boconf, out))
    assert found == {"BO110": 1}


def test_acme_import_is_deterministic_and_strict_fails(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    for name in ("one", "two"):
        assert boconf("import", "backstage", str(ACME), "-o", str(tmp_path / name)).code == 0
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    run = boconf("import", "backstage", str(ACME), "-o", str(tmp_path / "s"), "--strict")
    assert run.code == 1 and not (tmp_path / "s").exists()
