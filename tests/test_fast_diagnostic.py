"""fast_diagnostic makes the Diagnostic the dataclass's own constructor makes."""

from __future__ import annotations

import dataclasses
import random

import pytest

from boconf.diagnostics import (
    DIAGNOSTIC_FIELDS,
    NO_SUBJECT,
    Diagnostic,
    Severity,
    Subject,
    fast_diagnostic,
)


def test_every_field_of_the_dataclass_in_its_order() -> None:
    # A field added to Diagnostic and not here would be left unset by fast_diagnostic.
    assert tuple(field.name for field in dataclasses.fields(Diagnostic)) == DIAGNOSTIC_FIELDS


def test_the_same_diagnostic_as_the_constructor() -> None:
    generator = random.Random(11)
    for _ in range(1000):
        fields = (
            f"units/{generator.randrange(100)}.yaml",
            generator.randrange(1, 10_000),
            generator.randrange(1, 200),
            f"BO{generator.randrange(100, 400)}",
            "message " * generator.randrange(3),
            "hint " * generator.randrange(3),
            generator.choice(list(Severity)),
            Subject("position", f"p{generator.randrange(50)}"),
        )
        target = generator.choice([NO_SUBJECT, Subject("unit", "u1")])
        made = fast_diagnostic(*fields, target)
        expected = Diagnostic(*fields, target)
        assert made == expected
        assert hash(made) == hash(expected)
        assert dataclasses.astuple(made) == dataclasses.astuple(expected)
    assert fast_diagnostic(*fields).target == NO_SUBJECT  # the default, as the dataclass's


def test_frozen_like_any_other() -> None:
    made = fast_diagnostic("f.yaml", 1, 1, "BO106", "m", "h", Severity.WARNING, NO_SUBJECT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 2  # type: ignore[misc]
