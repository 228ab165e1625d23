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

SETTINGS_COMMENT = """\
Written by `boconf import`. The source held no office, function, back-office head or
support relations, so the rules that judge them are off: re-enable each (delete its line)
once the tree is enriched. Every structural rule is on."""

ENRICHMENT_RULES: tuple[IgnoredRule, ...] = (
    IgnoredRule(
        "back-office-unit-without-manager",
        "BO201: the office of each unit was guessed from its name (and empty units are\n"
        "already reported by empty-unit); re-enable once offices are set.",
    ),
    IgnoredRule(
        "no-back-office-head",
        "BO202: back_office_head is the top of the organisation, chosen by the import;\n"
        "re-enable once the real back-office head is named.",
    ),
    IgnoredRule(
        "back-office-outside-head-line",
        "BO203: judges lines against that chosen back-office head; re-enable with BO202.",
    ),
    IgnoredRule(
        "front-office-unsupported",
        "BO204: the source says nothing of which units support which (`supports`);\n"
        "re-enable once they are added.",
    ),
    IgnoredRule(
        "back-office-supports-nothing",
        "BO205: the same: re-enable once `supports` is filled in.",
    ),
    IgnoredRule(
        "missing-function",
        "BO206: unit functions were guessed from their names; re-enable once checked.",
    ),
    IgnoredRule(
        "key-person-risk",
        "BO213: counts people per guessed function; re-enable once functions are checked.",
    ),
)

UNITS_ONLY_COMMENT = """\
A register of units (`import --units`) names no posts and no people: the rules that need
them are off too, each until positions are added to the units."""

UNITS_ONLY_RULES: tuple[IgnoredRule, ...] = (
    IgnoredRule(
        "empty-unit",
        "BO111: every unit of a register is empty; re-enable once positions are added.",
    ),
    IgnoredRule(
        "vacant-manager",
        "BO109: the one post, 'head-to-be-named', is vacant by design; re-enable once\n"
        "the back-office head is named and units have managers.",
    ),
)
