"""References checked between files (ReferenceChecker.sweep) report what one check at the end
reports: forward references across files, units read before the organisation, dangling ids."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from boconf import load_organisation
from boconf.diagnostics import Diagnostic
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.loading.positions import SourceMap
from boconf.util.paths import display_path
from boconf.validation.collect import Collector
from boconf.validation.references import ReferenceChecker

from .conftest import write_tree

HEADER = "apiVersion: boconf/v1\n"


def organisation(functions: str = "[treasury]") -> str:
    return (
        f"{HEADER}kind: Organisation\nid: acme\nname: Acme\nheadquarters: hq\n"
        f"currency: EUR\nback_office_head: coo\nfunctions: {functions}\n"
    )


LOCATION = (
    f"{HEADER}kind: Location\nid: hq\nname: HQ\ncountry: IT\ncity: Milano\ntype: headquarters\n"
)


def unit(
    identifier: str,
    *,
    office: str = "back",
    function: str = "it_support",
    parent: str | None = None,
    supports: list[str] | None = None,
    positions: list[dict[str, object]] | None = None,
) -> str:
    lines = [
        f"{HEADER}kind: Unit",
        f"id: {identifier}",
        f"name: Unit {identifier}",
        f"office: {office}",
        f"function: {function}",
    ]
    if parent:
        lines.append(f"parent: {parent}")
    if supports:
        lines.append(f"supports: [{', '.join(supports)}]")
    if positions:
        lines.append("positions:")
        for position in positions:
            lines.append(f"  - id: {position['id']}")
            lines.append(f"    title: Post {position['id']}")
            for key in ("reports_to", "holder"):
                if position.get(key):
                    lines.append(f"    {key}: {position[key]}")
            if position.get("dotted_to"):
                lines.append(f"    dotted_to: [{', '.join(position['dotted_to'])}]")  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


def person(identifier: str) -> str:
    return f"{HEADER}kind: Person\nid: {identifier}\nname: Person {identifier}\n"


def found(root: Path) -> list[tuple[str, int, int, str, str]]:
    return [
        (d.file.rsplit("/", 1)[-1], d.line, d.column, d.code, d.message)
        for d in load_organisation(root, jobs=1).diagnostics
    ]


def test_forward_references_across_files_resolve_and_the_rest_is_reported(
    tmp_path: Path,
) -> None:
    """The units come before the organisation (a.yaml < b.yaml < zz.yaml): a manager, a
    parent and a holder defined in a later file resolve; a back-office unit defined later
    and listed in 'supports' is still reported, and so is a function the organisation does
    not declare, a dotted line to a missing post and a holder nobody defines (counted by
    hand in the text below: line, then column of the value)."""
    a = unit(
        "first",
        function="treasury",  # declared by the organisation, read last
        parent="second",
        supports=["second"],  # a back-office unit, defined in the next file
        positions=[
            {"id": "coo", "reports_to": "boss", "holder": "ann"},
            {"id": "clerk", "reports_to": "coo", "dotted_to": ["ghost"]},
            {"id": "temp", "reports_to": "boss", "holder": "nobody"},
        ],
    )
    b = unit("second", function="treasurry", positions=[{"id": "boss"}]) + "---\n" + person("ann")
    root = write_tree(
        tmp_path / "org",
        {"a.yaml": a, "b.yaml": b, "locations.yaml": LOCATION, "zz.yaml": organisation()},
    )
    assert found(root) == [
        ("a.yaml", 8, 12, "BO037", "unit 'first' -> supports[0]: 'second' is a back-office unit"),
        ("a.yaml", 17, 17, "BO031", "position 'clerk' -> dotted_to[0]: no position 'ghost'"),
        ("a.yaml", 21, 13, "BO031", "position 'temp' -> holder: no person 'nobody'"),
        ("b.yaml", 6, 11, "BO035", "unit 'second' -> function: unknown function 'treasurry'"),
    ]


def test_without_an_organisation_no_function_is_checked_and_references_still_are(
    tmp_path: Path,
) -> None:
    root = write_tree(
        tmp_path / "org",
        {"a.yaml": unit("first", function="nonsense", parent="missing"), "hq.yaml": LOCATION},
    )
    codes = [(name, code, message) for name, _l, _c, code, message in found(root)]
    assert ("a.yaml", "BO031", "unit 'first' -> parent: no unit 'missing'") in codes
    assert not [entry for entry in codes if entry[1] == "BO035"]


def checked_at_the_end(root: Path) -> list[Diagnostic]:
    """What the collector reports when references are checked once, after every file."""
    collector = Collector(SourceMap())
    for file in sorted(root.rglob("*.yaml")):
        collector.add_file(parse_file(str(file), display_path(file), Limits()))
    ReferenceChecker(collector).check()
    return collector.diagnostics


def swept_between_files(root: Path) -> list[Diagnostic]:
    """The same, swept after each file as load_organisation does."""
    collector = Collector(SourceMap())
    checker = ReferenceChecker(collector)
    for file in sorted(root.rglob("*.yaml")):
        collector.add_file(parse_file(str(file), display_path(file), Limits()))
        checker.sweep()
    checker.check()
    return collector.diagnostics


@pytest.mark.parametrize("seed", range(60))
def test_sweeping_between_files_reports_the_same_in_the_same_order(
    tmp_path: Path, seed: int
) -> None:
    """Random trees over several files, in random order, with references forward, backward
    and nowhere; the organisation in a random file or missing."""
    rng = random.Random(seed)
    unit_ids = [f"u{i}" for i in range(rng.randint(3, 12))]
    post_ids = [f"p{i}" for i in range(len(unit_ids) * 3)]
    people = [f"h{i}" for i in range(len(post_ids))]
    documents: list[str] = [LOCATION, *(person(h) for h in people if rng.random() < 0.7)]
    posts = iter(post_ids)

    def some(pool: list[str]) -> str | None:
        pick = rng.random()
        return None if pick < 0.2 else ("ghost" if pick < 0.3 else rng.choice(pool))

    for identifier in unit_ids:
        documents.append(
            unit(
                identifier,
                office=rng.choice(("front", "back")),
                function=rng.choice(("it_support", "sales", "treasury", "treasurry")),
                parent=some(unit_ids),
                supports=[rng.choice([*unit_ids, "ghost"]) for _ in range(rng.randint(0, 3))],
                positions=[
                    {
                        "id": next(posts),
                        "reports_to": some(post_ids),
                        "holder": some(people),
                        "dotted_to": [rng.choice([*post_ids, "nowhere"])]
                        if rng.random() < 0.3
                        else [],
                    }
                    for _ in range(3)
                ],
            )
        )
    if rng.random() < 0.85:
        documents.append(organisation(rng.choice(("[treasury]", "[]"))))
    rng.shuffle(documents)
    files: dict[str, str] = {}
    for document in documents:
        name = f"f{rng.randint(0, max(1, len(documents) // 3)):02d}.yaml"
        files[name] = files[name] + "---\n" + document if name in files else document
    root = write_tree(tmp_path / "org", files)
    at_the_end = checked_at_the_end(root)
    assert swept_between_files(root) == at_the_end
    assert any(d.code == "BO031" for d in at_the_end)  # the draw has dangling references
