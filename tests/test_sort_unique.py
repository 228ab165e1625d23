"""sort_unique sorts and deduplicates by a tuple of fields: the same order and equality as the
Diagnostic dataclass's own, which it replaces for speed."""

from __future__ import annotations

import dataclasses
import random

from boconf import diagnostics
from boconf.diagnostics import Diagnostic, Severity, Subject, sort_unique


def test_the_key_is_every_field_in_order() -> None:
    d = Diagnostic("f.yaml", 3, 4, "BO020", "m", "h", Severity.WARNING, Subject("unit", "u"))
    names = [field.name for field in dataclasses.fields(Diagnostic)]
    assert diagnostics._FIELDS(d) == tuple(getattr(d, name) for name in names)


def test_same_result_as_sorting_the_dataclasses() -> None:
    rng = random.Random(3)
    found = [
        Diagnostic(
            rng.choice(["a.yaml", "b.yaml"]),
            rng.randint(1, 4),
            rng.randint(1, 3),
            rng.choice(["BO020", "BO108"]),
            rng.choice(["m", "n"]),
            "h",
            rng.choice(list(Severity)),
            rng.choice([Subject("", ""), Subject("unit", "u")]),
        )
        for _ in range(500)
    ]
    assert sort_unique(found) == sorted(set(found))
    assert len(sort_unique(found)) < len(found)  # there were duplicates to drop


def test_sorted_input_comes_back_as_is_and_anything_else_is_sorted() -> None:
    a = Diagnostic("a.yaml", 1, 1, "BO020", "m", "h")
    b = Diagnostic("a.yaml", 2, 1, "BO020", "m", "h")
    c = Diagnostic("b.yaml", 1, 1, "BO020", "m", "h")
    assert sort_unique([a, b, c]) == [a, b, c]
    assert sort_unique([]) == [] and sort_unique([b]) == [b]
    # Out of order at the end, or a duplicate (not strictly increasing): sorted, once each.
    assert sort_unique([a, c, b]) == [a, b, c]
    assert sort_unique([a, b, b, c]) == [a, b, c]
    assert sort_unique([c, c]) == [c]
