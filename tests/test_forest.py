"""The one-pass forest analysis against a naive, obviously correct walk on random graphs."""

from __future__ import annotations

import random

import pytest

from boconf.graph.forest import analyse


def naive(
    parent: dict[str, str | None],
) -> tuple[dict[str, str | None], dict[str, int], set[frozenset[str]]]:
    root_of: dict[str, str | None] = {}
    depth: dict[str, int] = {}
    cycles: set[frozenset[str]] = set()
    for start in parent:
        line = [start]
        while True:
            up = parent[line[-1]]
            if up is None or up not in parent:
                root_of[start] = line[-1]
                depth[start] = len(line)
                break
            if up in line:
                root_of[start] = None
                cycles.add(frozenset(line[line.index(up) :]))
                break
            line.append(up)
    return root_of, depth, cycles


@pytest.mark.parametrize("seed", range(40))
def test_matches_the_naive_walk(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randrange(1, 60)
    nodes = [f"n{i}" for i in range(size)]
    parent: dict[str, str | None] = {}
    for node in rng.sample(nodes, size):  # random insertion order
        roll = rng.random()
        parent[node] = None if roll < 0.1 else ("missing" if roll < 0.15 else rng.choice(nodes))
    # As drawn, and with the nodes that share a parent listed together (as HR exports list a
    # manager's reports), which the analysis follows without looking the parent up again.
    by_parent = dict(sorted(parent.items(), key=lambda item: str(item[1])))
    for order in (parent, by_parent):
        check_against_naive(order)


def check_against_naive(parent: dict[str, str | None]) -> None:
    forest = analyse(parent)
    root_of, depth, cycles = naive(parent)
    assert forest.root_of == root_of
    assert forest.depth == depth
    assert {frozenset(cycle) for cycle in forest.cycles} == cycles
    assert forest.roots == sorted(node for node in parent if root_of[node] == node)
    for cycle in forest.cycles:
        assert cycle[0] == min(cycle)  # canonical rotation
        for here, there in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert parent[here] == there  # in parent order
    orphans = {n for n in parent if root_of[n] is None} - {m for c in cycles for m in c}
    assert set(forest.orphans) == orphans
    children = {
        up: sorted(n for n in parent if parent[n] == up) for up in parent.values() if up in parent
    }
    assert forest.children == children
    for node in parent:
        below = forest.descendants(node)
        assert len(below) == len(set(below))
        assert set(below) == {m for m in parent if m != node and node in line_up(parent, m)}


def line_up(parent: dict[str, str | None], node: str) -> list[str]:
    """``node`` and every node above it, once (a cycle is walked around once)."""
    line = [node]
    up = parent[node]
    while up is not None and up in parent and up not in line:
        line.append(up)
        up = parent[up]
    return line


@pytest.mark.parametrize("seed", range(20))
def test_descendants_without_a_cycle_come_in_the_general_walks_order(seed: int) -> None:
    # Without a cycle the walk skips its "seen" set; it must visit in the same order as the
    # walk that keeps one (forced here by a cycle elsewhere in the forest).
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randrange(2, 80))]
    parent: dict[str, str | None] = {nodes[0]: None}
    for index, node in enumerate(nodes[1:], 1):
        parent[node] = rng.choice(nodes[:index])
    forest = analyse(parent)
    assert not forest.cycles
    walks = {node: forest.descendants(node) for node in nodes}
    forest.cycles.append(["elsewhere"])
    assert {node: forest.descendants(node) for node in nodes} == walks
    assert len(walks[nodes[0]]) == len(nodes) - 1


def test_deep_chains_do_not_recurse() -> None:
    size = 200_000
    parent: dict[str, str | None] = {
        f"n{i}": (f"n{i + 1}" if i + 1 < size else None) for i in range(size)
    }
    forest = analyse(parent)
    assert forest.roots == [f"n{size - 1}"]
    assert forest.depth["n0"] == size
    assert len(forest.chain("n0")) == size
    assert len(forest.descendants(f"n{size - 1}")) == size - 1
