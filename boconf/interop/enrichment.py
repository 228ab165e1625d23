"""The lint settings an imported tree starts with.

An import cannot know what the source does not hold: which units are front or back office
and what function they perform (guessed from their names), who the back-office head is
(the top of the organisation, for want of better), which front-office units each back-office
unit supports (nothing says), how work is sourced. Rules that judge those would report the
importer's guesses, not the data's defects, so the ``.boconf.yaml`` an import writes turns
them off, each with a comment saying when to turn it back on. Everything structural stays
on: reporting cycles, tops, orphans, self-reports, unit cycles, empty units, positions
without a unit, spans, vacancies, overallocated people.

The sourcing and vendor rules (BO207-BO216) need not be listed: an import creates no
sourcing, vendors or contracts, so they have nothing to report until an admin adds some,
and then they should run. office-function-mismatch (BO217) stays on for the same reason:
the guessed office always agrees with the guessed function, and it checks an admin's edits.
"""

from __future__ import annotations

from boconf.interop.plain_org import IgnoredRule
from boconf.rules.base import GUESSED, UNITS_ONLY
from boconf.rules.registry import RULES

SETTINGS_COMMENT = """\
Written by `boconf import`. The source held no office, function, back-office head or
support relations, so the rules that judge them are off: re-enable each (delete its line)
once the tree is enriched. Every structural rule is on."""


def rules_off(guess: str) -> tuple[IgnoredRule, ...]:
    """The rules that say they judge what this kind of import guesses, in registry order,
    each with its reason: a new rule opts in where it is written, not here."""
    return tuple(
        IgnoredRule(rule.name, f"{rule.code}: {rule.off_when_imported[guess]}")
        for rule in RULES
        if guess in rule.off_when_imported
    )


ENRICHMENT_RULES = rules_off(GUESSED)

UNITS_ONLY_COMMENT = """\
A register of units (`import --units`) names no posts and no people: the rules that need
them are off too, each until positions are added to the units."""

UNITS_ONLY_RULES = rules_off(UNITS_ONLY)
