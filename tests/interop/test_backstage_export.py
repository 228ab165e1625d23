"""`boconf export backstage`: entities Backstage accepts, consistent, and the same bytes each run."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from boconf.cli.export_backstage_cmd import export_backstage
from boconf.graph.structure import build_structure
from boconf.interop.backstage_export import CATALOG_FILE, build_catalog
from boconf.interop.backstage_names import assign_names, entity_name
from boconf.load import load_organisation
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.model.tree import OrgTree
from tests.conftest import MINIMAL_FIXTURE, REPO, Run

SCHEMAS = REPO / "tests" / "fixtures" / "backstage-schemas"
EXAMPLE_ORG = REPO / "org"

# Backstage's own format rules, which its JSON schemas leave to code
# (packages/catalog-model/src/validation/KubernetesValidatorFunctions.ts and
# CommonValidatorFunctions.ts), re-implemented here to check the output independently.
OBJECT_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
DNS_LABEL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KIND = re.compile(r"^[a-zA-Z][a-z0-9A-Z]*$")


def is_object_name(value: str) -> bool:
    return 1 <= len(value) <= 63 and OBJECT_NAME.match(value) is not None


def is_dns_label(value: str) -> bool:
    return 1 <= len(value) <= 63 and DNS_LABEL.match(value) is not None


def is_dns_subdomain(value: str) -> bool:
    return 1 <= len(value) <= 253 and all(is_dns_label(part) for part in value.split("."))


def is_prefixed(value: str, suffix: Callable[[str], bool]) -> bool:
    parts = value.split("/")
    if len(parts) == 1:
        return suffix(parts[0])
    return len(parts) == 2 and is_dns_subdomain(parts[0]) and suffix(parts[1])


def is_api_version(value: str) -> bool:
    return is_prefixed(
        value, lambda n: 1 <= len(n) <= 63 and re.fullmatch(r"[a-z0-9A-Z]+", n) is not None
    )


def backstage_validators() -> dict[str, Draft7Validator]:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, DRAFT7)))
    registry: Registry[Any] = Registry().with_resources(resources)
    return {
        kind: Draft7Validator(
            json.loads((SCHEMAS / f"{kind}.v1alpha1.schema.json").read_text(encoding="utf-8")),
            registry=registry,
        )
        for kind in ("Group", "User")
    }


def problems(entity: dict[str, Any], validators: dict[str, Draft7Validator]) -> list[str]:
    """Everything Backstage would refuse in one entity: its schema, then its format rules."""
    found = [error.message for error in validators[entity["kind"]].iter_errors(entity)]
    metadata = entity["metadata"]
    if not is_api_version(entity["apiVersion"]) or not KIND.match(entity["kind"]):
        found.append(f"apiVersion/kind {entity['apiVersion']}/{entity['kind']}")
    if not is_object_name(metadata["name"]):
        found.append(f"name {metadata['name']!r}")
    for key, value in metadata.get("labels", {}).items():
        if not is_prefixed(key, is_object_name) or not (value == "" or is_object_name(value)):
            found.append(f"label {key}: {value!r}")
    for key, value in metadata.get("annotations", {}).items():
        if not is_prefixed(key, is_object_name) or not isinstance(value, str):
            found.append(f"annotation {key}: {value!r}")
    found.extend(f"tag {t!r}" for t in metadata.get("tags", []) if not is_dns_label(t))
    return found


def read_catalog(path: Path) -> list[dict[str, Any]]:
    """The file as a YAML 1.2 reader (boconf's own, like Backstage's) sees it."""
    parsed = parse_file(str(path), path.name, Limits())
    assert parsed.diagnostics == []
    return [document.data for document in parsed.documents]


def export(org_dir: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(export_backstage, [str(org_dir), "-o", str(out)])
    return result.exit_code, result.output


def load_tree(org_dir: Path) -> OrgTree:
    loaded = load_organisation(org_dir, jobs=1)
    assert loaded.tree is not None, loaded.diagnostics
    return loaded.tree


def by_id(entities: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {e["metadata"]["annotations"]["boconf.io/id"]: e for e in entities if e["kind"] == kind}


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft7Validator]:
    return backstage_validators()


@pytest.mark.parametrize("org_dir", [EXAMPLE_ORG, MINIMAL_FIXTURE], ids=["example", "minimal"])
def test_export_is_schema_valid_and_consistent(
    org_dir: Path, tmp_path: Path, validators: dict[str, Draft7Validator]
) -> None:
    code, output = export(org_dir, tmp_path / "out")
    assert code == 0, output
    tree = load_tree(org_dir)
    entities = read_catalog(tmp_path / "out" / CATALOG_FILE)
    assert f"{len(tree.units) + 1} groups, {len(tree.people)} users" in output

    assert {e["kind"] for e in entities} == {"Group", "User"}
    for entity in entities:
        assert problems(entity, validators) == [], entity["metadata"]["name"]
    for kind in ("Group", "User"):
        names = [e["metadata"]["name"].lower() for e in entities if e["kind"] == kind]
        assert len(names) == len(set(names)), f"duplicate {kind} names"

    groups = by_id(entities, "Group")
    users = by_id(entities, "User")
    # Every unit is a group, plus one for the organisation at the top.
    assert set(groups) == {*tree.units, tree.organisation.id}
    root = groups[tree.organisation.id]
    assert root["spec"]["type"] == "organization"
    assert "parent" not in root["spec"]
    name_of = {i: g["metadata"]["name"] for i, g in groups.items()}

    # parent and children agree both ways, and mirror the unit tree.
    group_by_name = {g["metadata"]["name"]: g for g in groups.values()}
    for unit_id, unit in tree.units.items():
        spec = groups[unit_id]["spec"]
        expected_parent = name_of[unit.parent] if unit.parent else name_of[tree.organisation.id]
        assert spec["parent"] == expected_parent
        assert name_of[unit_id] in group_by_name[spec["parent"]]["spec"]["children"]
        assert spec["type"] == ("department" if spec["children"] else "team")
    for group in groups.values():
        for child in group["spec"]["children"]:
            assert group_by_name[child]["spec"]["parent"] == group["metadata"]["name"]

    # Members and memberOf agree; everyone with a post is a member of their posts' units.
    user_by_name = {u["metadata"]["name"]: u for u in users.values()}
    for group in groups.values():
        for member in group["spec"]["members"]:
            assert group["metadata"]["name"] in user_by_name[member]["spec"]["memberOf"]
    for person_id in tree.people:
        held_units = {p.unit for p in tree.positions.values() if p.holder == person_id}
        spec = users[person_id]["spec"]
        assert sorted(spec["memberOf"]) == sorted(name_of[u] for u in held_units if u)
        for group_name in spec["memberOf"]:
            assert (
                users[person_id]["metadata"]["name"] in group_by_name[group_name]["spec"]["members"]
            )
        assert spec["profile"]["displayName"] == tree.people[person_id].name
    assert any(u["spec"]["memberOf"] for u in users.values())


def test_example_org_managers_and_sourcing_are_annotated(tmp_path: Path) -> None:
    assert export(EXAMPLE_ORG, tmp_path)[0] == 0
    entities = read_catalog(tmp_path / CATALOG_FILE)
    groups = by_id(entities, "Group")
    service_desk = groups["service-desk"]["metadata"]
    assert service_desk["annotations"]["boconf.io/manager-position"] == "service-desk-lead"
    assert service_desk["annotations"]["boconf.io/manager"] == "user:default/nicolo-rinaldi"
    assert service_desk["labels"] == {
        "boconf.io/office": "back",
        "boconf.io/function": "it_support",
        "boconf.io/sourcing": "mixed",
    }
    assert (
        "bluewave-bpo 40% at manila-vendor-site under bluewave-service-desk-2024"
        in (service_desk["annotations"]["boconf.io/sourcing-allocations"])
    )
    root = groups["ferro-e-lana"]
    assert root["spec"]["profile"]["displayName"] == "Ferro & Lana S.p.A."
    assert root["metadata"]["annotations"]["boconf.io/back-office-head-position"] == "coo"
    users = by_id(entities, "User")
    assert users["alessandro-ferro"]["spec"]["profile"]["email"] == "alessandro.ferro@ferroelana.it"


def test_vacant_manager_has_its_post_but_no_holder(tmp_path: Path) -> None:
    assert export(MINIMAL_FIXTURE, tmp_path)[0] == 0
    groups = by_id(read_catalog(tmp_path / CATALOG_FILE), "Group")
    sales = groups["sales"]["metadata"]["annotations"]
    assert sales["boconf.io/manager-position"] == "sales-head"
    assert "boconf.io/manager" not in sales  # sales-head is vacant
    assert groups["exec"]["metadata"]["annotations"]["boconf.io/manager"] == "user:default/nicolo"
    assert groups["sales"]["spec"]["members"] == []  # nobody holds a sales post
    assert groups["it"]["metadata"]["labels"]["boconf.io/sourcing"] == "mixed"


def test_export_is_byte_identical_across_runs(tmp_path: Path) -> None:
    assert export(EXAMPLE_ORG, tmp_path / "one")[0] == 0
    assert export(EXAMPLE_ORG, tmp_path / "two")[0] == 0
    first = (tmp_path / "one" / CATALOG_FILE).read_bytes()
    assert first == (tmp_path / "two" / CATALOG_FILE).read_bytes()
    tree = load_tree(EXAMPLE_ORG)
    # The library gives the same text as the file, whatever order the units come in.
    tree.units = dict(reversed(tree.units.items()))
    tree.people = dict(reversed(tree.people.items()))
    assert build_catalog(build_structure(tree)).render().encode("utf-8") == first


UNRULY_UNITS = """\
apiVersion: boconf/v1
kind: Unit
id: "team:one"
name: "1e3"
office: back
function: it_support
parent: exec
tags: [Shared_Services, "x:y"]
positions:
  - {id: t1, title: "NO", reports_to: coo, holder: "ana:b"}
---
apiVersion: boconf/v1
kind: Unit
id: Team-One
name: Team one
office: back
function: it_support
parent: exec
---
apiVersion: boconf/v1
kind: Unit
id: department-with-a-very-long-identifier-that-goes-on-and-on-and-on-past-sixty-three
name: Long
office: back
function: it_support
parent: exec
---
apiVersion: boconf/v1
kind: Unit
id: department-with-a-very-long-identifier-that-goes-on-and-on-and-on-past-sixty-three-2
name: Long too
office: back
function: it_support
parent: exec
---
apiVersion: boconf/v1
kind: Person
id: "ana:b"
name: "yes"
"""


def test_unruly_ids_become_valid_unique_names_and_collisions_are_reported(
    org: Callable[..., Path], tmp_path: Path, validators: dict[str, Draft7Validator]
) -> None:
    org_dir = org(units__unruly_yaml=UNRULY_UNITS)
    code, output = export(org_dir, tmp_path / "out")
    assert code == 0, output
    entities = read_catalog(tmp_path / "out" / CATALOG_FILE)
    for entity in entities:
        assert problems(entity, validators) == [], entity["metadata"]
    groups = by_id(entities, "Group")
    names = {i: g["metadata"]["name"] for i, g in groups.items()}
    # 'Team-One' sorts first and keeps the name; 'team:one' is told and renamed.
    assert names["Team-One"] == "Team-One"
    assert names["team:one"].startswith("team-one-") and len(names["team:one"]) == 17
    assert "Group name 'team-one' is wanted by 'Team-One' and by 'team:one'" in output
    long_names = [n for i, n in names.items() if i.startswith("department-with")]
    assert len(set(long_names)) == 2 and all(len(n) <= 63 for n in long_names)
    # Values YAML 1.2 would retype stay strings on the way out.
    assert groups["team:one"]["spec"]["profile"]["displayName"] == "1e3"
    assert groups["team:one"]["metadata"]["tags"] == ["shared-services", "x-y"]
    user = by_id(entities, "User")["ana:b"]
    assert user["metadata"]["name"] == "ana-b"
    assert user["spec"]["profile"] == {"displayName": "yes", "jobTitle": "NO"}
    assert user["spec"]["memberOf"] == [names["team:one"]]


def test_name_mapping_rules() -> None:
    assert entity_name("it-support") == "it-support"
    assert entity_name("a:b") == "a-b"
    assert entity_name("x" * 128) != entity_name("x" * 127)
    assert all(is_object_name(entity_name(i)) for i in ["a:", "a" * 200, "A.b_c", "9"])
    names, collisions = assign_names("Group", ["b:c", "b-c"], reserved={"B-C": "acme"})
    assert len(set(names.values())) == 2 and all(n.lower() != "b-c" for n in names.values())
    assert [c.kept for c in collisions] == ["acme"]


def test_invalid_organisation_writes_nothing(org: Callable[..., Path], tmp_path: Path) -> None:
    org_dir = org(organisation_yaml="apiVersion: boconf/v1\nkind: Organisation\nid: x\n")
    code, output = export(org_dir, tmp_path / "out")
    assert code == 1
    assert "BO021" in output
    assert not (tmp_path / "out").exists()


def test_refuses_to_write_inside_the_organisation(org: Callable[..., Path]) -> None:
    org_dir = org()
    code, output = export(org_dir, org_dir / "backstage")
    assert code == 2
    assert "refusing to write inside the organisation directory" in output
    assert not (org_dir / "backstage").exists()


@pytest.mark.skipif(
    importlib.util.find_spec("boconf.cli.export_csv_cmd") is None,
    reason="the export group needs the CSV exporter's command too",
)
def test_export_backstage_through_the_cli(boconf: Callable[..., Run], tmp_path: Path) -> None:
    result = boconf("export", "backstage", str(MINIMAL_FIXTURE), "-o", str(tmp_path))
    assert result.code == 0, result.err
    assert "4 groups, 2 users" in result.err
    assert (tmp_path / CATALOG_FILE).read_text(encoding="utf-8").count("\nkind: Group\n") == 4


def test_the_checks_catch_what_backstage_refuses(validators: dict[str, Draft7Validator]) -> None:
    good = {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Group",
        "metadata": {"name": "team-a", "labels": {"boconf.io/office": "back"}},
        "spec": {"type": "team", "children": []},
    }
    assert problems(good, validators) == []
    no_children = {**good, "spec": {"type": "team"}}
    assert any("'children' is a required property" in p for p in problems(no_children, validators))
    bad_name = {**good, "metadata": {"name": "team:a"}}
    assert problems(bad_name, validators) == ["name 'team:a'"]
    bad_label = {**good, "metadata": {"name": "a", "labels": {"boconf.io/sourcing": "in house"}}}
    assert problems(bad_label, validators) == ["label boconf.io/sourcing: 'in house'"]
    user = {"apiVersion": "backstage.io/v1alpha1", "kind": "User", "metadata": {"name": "u"}}
    assert any("'spec' is a required property" in p for p in problems(user, validators))
