"""Positions read off the lines of block YAML equal libyaml's, for every path of real files.

For each file, every path in every document (each key, each item, a missing key under each
mapping, a path past each scalar), as a key and as a value, is located both ways; the line
reader may give up (the caller composes), but whatever it answers must be libyaml's answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from yaml import MappingNode, Node, ScalarNode, SequenceNode

from boconf.loading.block_positions import BlockText
from boconf.loading.positions import PathPart, SourceMap, _compose_for_positions, locate

from .conftest import REPO, shared_dir


def _paths(node: Node, prefix: tuple[PathPart, ...]) -> Iterator[tuple[PathPart, ...]]:
    yield prefix
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield from _paths(value, (*prefix, key.value))
        yield (*prefix, "no-such-key")
    elif isinstance(node, SequenceNode):
        for index, value in enumerate(node.value):
            yield from _paths(value, (*prefix, index))
        yield (*prefix, len(node.value))
    else:
        yield (*prefix, "deeper")


def _compare(files: list[Path]) -> tuple[int, int]:
    asked = answered = 0
    for path in files:
        block = BlockText.of(path.read_text(encoding="utf-8", errors="replace"))
        if block is None:
            continue
        for document, root in enumerate(_compose_for_positions(str(path))):
            for at in _paths(root, ()):
                for want in ("key", "value"):
                    asked += 1
                    got = block.locate(document, at, want)
                    if got is None:
                        continue
                    answered += 1
                    expected = locate(root, at, want)
                    assert got == (expected.line, expected.column), (path, document, at, want)
    return asked, answered


# Organisation trees (tests/fixtures/imports holds export files in other shapes).
@pytest.mark.parametrize("tree", ["org", "examples", "tests/fixtures/minimal-org"])
def test_identical_to_libyaml_on_every_path(tree: str) -> None:
    asked, answered = _compare(sorted((REPO / tree).rglob("*.y*ml")))
    # Empty values and flow lists ('tags: [a, b]') are left to libyaml; the rest is answered.
    assert answered >= 0.9 * asked


def test_identical_to_libyaml_on_the_yaml_test_suite() -> None:
    """Exotic YAML: whatever the reader answers (it gives up on most) is libyaml's answer."""
    suite = sorted((shared_dir() / "data" / "yaml-test-suite").glob("*.yaml"))
    assert _compare(suite) == (2128, 654)  # (paths asked in files it reads, paths answered)


def test_identical_on_a_slice_of_the_bench_tree(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import make_org

    make_org.generate(1000, tmp_path / "org")
    asked, answered = _compare(sorted((tmp_path / "org").rglob("*.yaml")))
    assert answered >= 0.95 * asked


SAMPLE = """\
# a comment
---
apiVersion: boconf/v1
kind: Unit
id: credit
positions:
- id: head   # the manager
  title: "Head of credit"
  reports_to:
- id: clerk
  tags: [a, b]
  note: |
    reports_to: nobody
---
kind: Person
id: ada
"""


@pytest.mark.parametrize(
    ("document", "at", "want", "expected"),
    [
        (0, ("id",), "value", (5, 5)),
        (0, ("id",), "key", (5, 1)),
        (0, ("positions",), "value", (7, 1)),
        (0, ("positions", 0), "value", (7, 3)),
        (0, ("positions", 0, "title"), "value", (8, 10)),  # at the opening quote
        (0, ("positions", 1, "note"), "value", (12, 9)),  # at the block indicator
        (0, ("positions", 1, "reports_to"), "value", (10, 3)),  # missing: the nearest parent
        (0, ("positions", 5, "id"), "value", (7, 1)),  # no such item: the sequence
        (0, ("positions", 1, "id", "deeper"), "value", (10, 7)),
        (1, ("id",), "value", (16, 5)),
        (0, ("positions", 0, "reports_to"), "value", None),  # an empty value: libyaml decides
        (0, ("positions", 1, "tags", 1), "value", None),  # inside a flow list: libyaml
    ],
)
def test_pinned_positions(
    document: int, at: tuple[PathPart, ...], want: str, expected: tuple[int, int] | None
) -> None:
    block = BlockText.of(SAMPLE)
    assert block is not None
    assert block.locate(document, at, want) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",  # anchors: the native scan refuses the file
        "a:\tb\n",  # tabs
        "--- a: 1\n",  # content on the marker line
    ],
)
def test_unusual_files_are_left_to_libyaml(text: str) -> None:
    assert BlockText.of(text) is None


def test_source_map_answers_what_the_reader_gives_up_on(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    sources = SourceMap()
    answers = sources.answers(
        {
            str(path): [
                (0, ("positions", 0, "reports_to"), "value"),
                (0, ("positions", 1, "tags", 1), "value"),
                (0, ("positions", 0, "title"), "value"),
            ]
        },
        jobs=1,
    )
    assert answers == {str(path): [(9, 14), (11, 13), (8, 10)]}
    assert sources.consulted == {str(path)}
    # One at a time, the same answers.
    found = [
        sources.locate(str(path), 0, at)
        for at in (("positions", 0, "reports_to"), ("positions", 1, "tags", 1))
    ]
    assert [(p.line, p.column) for p in found if p] == [(9, 14), (11, 13)]
    title = sources.locate(str(path), 0, ("positions", 0, "title"))
    assert title is not None
    assert (title.line, title.column) == (8, 10)
