"""fmt, rename and move: canonical style without a change of meaning, refactors that keep the
organisation valid."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from boconf.diff.compare import RENAMED, compare
from boconf.editing.changes import parse_text
from boconf.editing.fmt import format_text, format_tree
from boconf.editing.roundtrip import dump_documents, load_documents
from boconf.editing.tree_files import tree_files
from boconf.load import load_organisation
from boconf.model.tree import OrgTree
from boconf.scenarios.check import check_scenarios
from tests.conftest import MINIMAL_FIXTURE, REPO, Run

EXAMPLES = [REPO / "org", REPO / "examples" / "college", MINIMAL_FIXTURE]


def _short(text: str) -> str:
    """Output with the temporary directory's path cut down to org/."""
    return re.sub(r"\S*?/org/", "org/", text)


def _files(root: Path) -> list[Path]:
    return [path for path, _ in tree_files(root)]


def _models(tree: OrgTree) -> dict[str, dict[str, Any]]:
    return {
        kind: {key: entity.model_dump(mode="json") for key, entity in entities.items()}
        for kind, entities in tree.entities().items()
    }


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_fmt_is_idempotent_and_keeps_every_value(root: Path) -> None:
    for path in _files(root):
        text = path.read_text(encoding="utf-8")
        once = format_text(text)
        assert format_text(once) == once, path
        assert parse_text(once, "f")[0] == parse_text(text, "f")[0], path
        # Every comment line survives, in the same order.
        comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
        kept = [line.strip() for line in once.splitlines() if line.strip().startswith("#")]
        assert sorted(kept) == sorted(comments), path


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_fmt_of_a_whole_tree_gives_the_same_models(root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "org"
    shutil.copytree(root, copy)
    before = load_organisation(copy, jobs=1)
    format_tree(copy).changes.write()
    after = load_organisation(copy, jobs=1)
    assert before.tree is not None and after.tree is not None
    assert _models(after.tree) == _models(before.tree)
    assert not format_tree(copy).changes  # the result is canonical


def test_the_examples_are_canonical() -> None:
    for root in EXAMPLES[:2]:
        result = format_tree(root)
        assert [c.display for c in result.changes.changes] == []
        assert result.skipped == []


def _shuffle(node: Any, rng: random.Random) -> None:
    """Shuffle key order and flip list styles, as a careless editor would."""
    if isinstance(node, CommentedMap):
        keys = list(node)
        rng.shuffle(keys)
        for key in keys:
            node.move_to_end(key)
        for value in node.values():
            _shuffle(value, rng)
    elif isinstance(node, CommentedSeq):
        if all(not isinstance(item, CommentedMap | CommentedSeq) for item in node) and node:
            node.fa.set_flow_style() if rng.random() < 0.5 else node.fa.set_block_style()
        for item in node:
            _shuffle(item, rng)


@pytest.mark.parametrize("seed", range(5))
def test_fmt_of_fuzzed_trees_is_the_canonical_form(seed: int) -> None:
    rng = random.Random(seed)
    for path in _files(REPO / "org") + _files(REPO / "examples" / "college"):
        text = path.read_text(encoding="utf-8")
        documents = load_documents(text)
        for document in documents:
            _shuffle(document, rng)
        fuzzed = dump_documents(documents)
        values = parse_text(text, "f")[0]
        assert parse_text(fuzzed, "f")[0] == values  # the fuzzing kept the meaning
        formatted = format_text(fuzzed)
        assert parse_text(formatted, "f")[0] == values, path
        assert format_text(formatted) == formatted, path
        if "#" not in text:  # without comments, the canonical form is unique
            assert formatted == format_text(text), path


def test_fmt_keeps_comments_with_their_keys_and_the_modeline_first() -> None:
    text = (
        "# top\n"
        "# yaml-language-server: $schema=x\n"
        "apiVersion: boconf/v1\n"
        "kind: Unit\n"
        "name: N  # eol name\n"
        "# about id\n"
        "id: x\n"
        "positions:\n"
        "  - title: T\n"
        "    id: p\n"
        "    # boconf: ignore[BO101] ok\n"
        "    reports_to: q\n"
        "# about office\n"
        "office: back\n"
        "function: credit\n"
        "supports: [a, b]\n"
        "tags:\n"
        "  - x\n"
        "  - y\n"
    )
    assert format_text(text) == (
        "# yaml-language-server: $schema=x\n"
        "# top\n"
        "apiVersion: boconf/v1\n"
        "kind: Unit\n"
        "# about id\n"
        "id: x\n"
        "name: N  # eol name\n"
        "# about office\n"
        "office: back\n"
        "function: credit\n"
        "supports:\n"
        "  - a\n"
        "  - b\n"
        "tags: [x, y]\n"
        "positions:\n"
        "  - id: p\n"
        "    title: T\n"
        "    # boconf: ignore[BO101] ok\n"
        "    reports_to: q\n"
    )


def test_fmt_refuses_what_the_loader_refuses(org: Callable[..., Path]) -> None:
    root = org(**{"units__alias_yaml": "a: &x [1]\nb: *x\n", "units__dup_yaml": "a: 1\na: 2\n"})
    result = format_tree(root)
    assert sorted((Path(d.file).name, d.code) for d in result.skipped) == [
        ("alias.yaml", "BO005"),
        ("dup.yaml", "BO004"),
    ]
    assert not any(c.path.name in ("alias.yaml", "dup.yaml") for c in result.changes.changes)


def test_fmt_check_lists_the_files_and_exits_1(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    unit = root / "units" / "it.yaml"
    lines = unit.read_text(encoding="utf-8").splitlines(keepends=True)
    kind = next(i for i, line in enumerate(lines) if line.startswith("kind:"))
    lines.append(lines.pop(kind))  # kind last: valid, but not in the schema's order
    changed = "".join(lines)
    unit.write_text(changed, encoding="utf-8")
    run = boconf("fmt", str(root), "--check")
    assert run.code == 1
    assert _short(run.err) == "would reformat org/units/it.yaml\n"
    assert unit.read_text(encoding="utf-8") == changed  # --check writes nothing
    run = boconf("fmt", str(root))
    assert run.code == 0
    assert boconf("fmt", str(root), "--check").code == 0


def test_rename_follows_every_reference_and_diff_shows_a_rename(
    example: Path, boconf: Callable[..., Run]
) -> None:
    credit = example / "units" / "credit.yaml"
    credit.write_text(
        credit.read_text(encoding="utf-8").replace(
            "manager: credit-manager\n", "manager: credit-manager  # the head of credit\n"
        ),
        encoding="utf-8",
    )
    base = load_organisation(example, jobs=1).tree
    run = boconf("rename", "position", "credit-manager", "head-of-credit", str(example))
    assert run.code == 0, run.err
    shown = _short(run.out).splitlines()
    assert shown == [
        "org/units/collections-cluj.yaml:22:17: reports_to: credit-manager -> head-of-credit",
        "org/units/credit.yaml:9:10: manager: credit-manager -> head-of-credit",
        "org/units/credit.yaml:19:9: id: credit-manager -> head-of-credit",
        "org/units/credit.yaml:25:17: reports_to: credit-manager -> head-of-credit",
        "org/units/credit.yaml:29:17: reports_to: credit-manager -> head-of-credit",
        "org/units/credit.yaml:33:17: reports_to: credit-manager -> head-of-credit",
        "org/scenarios/credit-to-cluj.yaml:25:17: reports_to: credit-manager -> head-of-credit",
    ]
    text = credit.read_text(encoding="utf-8")
    assert "manager: head-of-credit  # the head of credit\n" in text  # the comment stays
    assert "  - id: head-of-credit\n" in text
    assert "    holder: roberto-marino\n    previously: credit-manager\n" in text
    remaining = [
        (path.name, line)
        for path in _files(example)
        for line in path.read_text(encoding="utf-8").splitlines()
        if "credit-manager" in line
    ]
    assert remaining == [("credit.yaml", "    previously: credit-manager")]
    head = load_organisation(example, jobs=1)
    assert head.ok and head.tree is not None and base is not None
    assert check_scenarios(example, jobs=1) == (2, [])
    renames = [(c.kind, c.previous_id, c.id) for c in compare(base, head.tree).of(RENAMED)]
    assert renames == [("position", "credit-manager", "head-of-credit")]


def test_rename_refuses_an_existing_id_and_writes_nothing(
    example: Path, boconf: Callable[..., Run]
) -> None:
    before = {path: path.read_bytes() for path in _files(example)}
    run = boconf("rename", "position", "credit-manager", "coo", str(example))
    assert run.code == 2
    assert run.err == (
        "boconf: position 'coo' already exists: choose another id, or merge by hand\n"
    )
    run = boconf("rename", "position", "credit-manger", "x", str(example))
    assert run.code == 2
    assert "no position 'credit-manger': did you mean 'credit-manager'?" in run.err
    assert boconf("rename", "unit", "credit", "bad id", str(example)).code == 2
    assert {path: path.read_bytes() for path in _files(example)} == before


def test_rename_dry_run_prints_a_diff_and_writes_nothing(
    example: Path, boconf: Callable[..., Run]
) -> None:
    before = {path: path.read_bytes() for path in _files(example)}
    run = boconf("rename", "unit", "credit", "credit-services", str(example), "--dry-run")
    assert run.code == 0
    assert "-id: credit\n+id: credit-services\n" in run.out
    assert "+previously: credit\n" in run.out
    assert "-parent: credit\n+parent: credit-services\n" in run.out  # collections-cluj
    assert {path: path.read_bytes() for path in _files(example)} == before


def test_move_position_moves_it_into_the_new_units_file(
    example: Path, boconf: Callable[..., Run]
) -> None:
    run = boconf(
        "move",
        "position",
        "credit-analyst-export",
        "--to-unit",
        "collections-cluj",
        "--reports-to",
        "collections-team-lead",
        str(example),
    )
    assert run.code == 0, run.err
    tree = load_organisation(example, jobs=1).tree
    assert tree is not None
    moved = tree.positions["credit-analyst-export"]
    assert (moved.unit, moved.reports_to) == ("collections-cluj", "collections-team-lead")
    assert tree.sources[("position", "credit-analyst-export")].display.endswith(
        "units/collections-cluj.yaml"
    )
    assert "credit-analyst-export" not in (example / "units" / "credit.yaml").read_text()


def test_move_unit_refuses_a_cycle(example: Path, boconf: Callable[..., Run]) -> None:
    run = boconf("move", "unit", "operations-directorate", "--parent", "credit", str(example))
    assert run.code == 2
    assert "unit 'credit' is under unit 'operations-directorate'" in run.err
    run = boconf("move", "unit", "credit", "--parent", "finance", str(example))
    assert run.code == 0
    tree = load_organisation(example, jobs=1).tree
    assert tree is not None and tree.units["credit"].parent == "finance"
