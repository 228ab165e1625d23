"""What a rule is: a stable code, a kebab-case name, a default severity, typed options, and a
``check`` generator of findings. The class docstring is the rule's documentation.

Rules never decide severity, suppressions or positions: they yield :class:`Finding` values
that name the entity and the field at fault; the engine does the rest.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from boconf import i18n
from boconf.diagnostics import Severity
from boconf.graph.structure import OrgStructure
from boconf.i18n import N_, _, ngettext

# The entity kinds, re-exported: rules name what a finding is about with them.
from boconf.model.tree import CONTRACT as CONTRACT
from boconf.model.tree import LOCATION as LOCATION
from boconf.model.tree import ORGANISATION as ORGANISATION
from boconf.model.tree import PERSON as PERSON
from boconf.model.tree import POSITION as POSITION
from boconf.model.tree import UNIT as UNIT
from boconf.model.tree import VENDOR as VENDOR
from boconf.model.tree import OrgTree, PathPart
from boconf.rules.documentation import translated_documentation

DOC_SECTIONS = (
    "## What it checks",
    "## Why it matters",
    "## How to fix",
    "## Options",
    "## Failing example",
    "## Passing example",
)


class RuleOptions(BaseModel):
    """A rule without options."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Finding(NamedTuple):
    """A problem a rule found: which entity, which of its fields, and what to do.

    A named tuple, not a frozen dataclass: a rule can find hundreds of thousands (a million
    positions, a tight depth limit), and a frozen dataclass sets each field through
    ``object.__setattr__``; the rules' child process sends them back as plain tuples, which
    become findings again without a constructor call."""

    kind: str  # ORGANISATION, UNIT, POSITION, ...
    id: str
    message: str
    hint: str = ""
    at: tuple[PathPart, ...] = ("id",)  # the field at fault, inside the entity


@dataclass(frozen=True)
class LintContext:
    tree: OrgTree
    structure: OrgStructure
    reference_date: dt.date  # "today" for date rules; settable for reproducible runs


OptionsT = TypeVar("OptionsT", bound=RuleOptions)

CYCLE_SHOWN = 8
# The finding that reports a cycle itself (once per cycle) shows it whole up to this length.
CYCLE_SHOWN_WHOLE = 40


def contracts_in_use(context: LintContext, contracts: set[str]) -> Iterator[tuple[str, str]]:
    """Those of ``contracts`` some unit's vendor work names, by id, each with its units as a
    message says them: ``unit 'it'`` or ``units 'a', 'b'``."""
    users = context.structure.contract_users
    for contract_id in sorted(contracts & users.keys()):
        units = users[contract_id]
        named = ", ".join(f"'{u}'" for u in units)
        yield contract_id, ngettext("unit {names}", "units {names}", len(units)).format(names=named)


_LONG_CYCLE = {
    "positions": N_("{first} -> ... -> {start} ({n} positions)"),
    "units": N_("{first} -> ... -> {start} ({n} units)"),
}


def cycle_path(cycle: list[str], noun: str = "positions", shown: int = CYCLE_SHOWN) -> str:
    """``a -> b -> a``; a cycle longer than ``shown`` shows its first members and its length."""
    if len(cycle) <= shown:
        return " -> ".join([*cycle, cycle[0]])
    first = " -> ".join(cycle[: shown - 1])
    return _(_LONG_CYCLE[noun]).format(first=first, start=cycle[0], n=len(cycle))


# What an import could not know, so that the rules judging it would report its guesses: every
# import guesses offices, functions, the back-office head and support (GUESSED); a register of
# units has no posts or people (UNITS_ONLY); Backstage names no group leads (BACKSTAGE).
GUESSED = "guessed"
UNITS_ONLY = "units-only"
BACKSTAGE = "backstage"


class Rule(Generic[OptionsT]):
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    options_model: ClassVar[type[RuleOptions]] = RuleOptions
    # Presets that enable the rule; "strict" is a superset of "recommended".
    presets: ClassVar[frozenset[str]] = frozenset({"recommended", "strict"})
    # What an import guesses that this rule would judge (GUESSED, UNITS_ONLY, BACKSTAGE), each
    # with when to turn it back on: the settings an imported tree starts with switch it off.
    off_when_imported: ClassVar[Mapping[str, str]] = {}

    def check(self, context: LintContext, options: OptionsT) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        """The rule's documentation in the active language: the class docstring in English,
        ``translations/<lang>/<code>.md`` beside this module in another language."""
        return translated_documentation(cls.code, i18n.active_language()) or inspect.cleandoc(
            cls.__doc__ or ""
        )

    @classmethod
    def summary_text(cls) -> str:
        """``summary`` in the active language (also the first line of the documentation)."""
        return _(cls.summary)

    @classmethod
    def section(cls, heading: str) -> str:
        """One section of the documentation, e.g. ``section(WHAT_IT_CHECKS)``."""
        text = cls.documentation()
        marker = f"## {_(heading)}\n"
        start = text.find(marker)
        if start < 0:
            return ""
        body = text[start + len(marker) :]
        end = body.find("\n## ")
        return (body if end < 0 else body[:end]).strip()
