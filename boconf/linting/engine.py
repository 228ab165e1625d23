"""The lint engine: run the enabled rules once each over the shared structure, then apply
positions, severities, suppressions, per-path ignores and the baseline.

Rules only yield findings; everything about how a finding is reported happens here, so every
rule behaves the same way under settings.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boconf.diagnostics import (
    NO_SUBJECT,
    Code,
    Diagnostic,
    Severity,
    Subject,
    fast_diagnostic,
    sort_unique,
)
from boconf.graph.structure import OrgStructure, build_structure
from boconf.i18n import _
from boconf.linting.baseline import Fingerprint, fingerprint
from boconf.linting.rule_runs import run_rules
from boconf.linting.settings import SEVERITY_RANK, ConfigError, ResolvedSettings
from boconf.load import LoadResult
from boconf.loading.positions import Request, SourceMap
from boconf.model.entities import Lint
from boconf.model.tree import OrgTree, SourceRef
from boconf.rules.base import Finding, LintContext, Rule
from boconf.rules.registry import find_rule
from boconf.validation.labels import entity_name

UNUSED_SUPPRESSION = "BO301"


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rule_names: dict[str, str] = field(default_factory=dict)  # code -> rule name
    timings: dict[str, float] = field(default_factory=dict)  # code -> seconds
    suppressed: int = 0
    # Every suppressed finding with why it is accepted: reviewers see them on request.
    suppressed_findings: list[tuple[Diagnostic, str]] = field(default_factory=list)
    baselined: int = 0
    structure: OrgStructure | None = None
    # The worst reported severity per entity, (kind, id) -> severity: for chart overlays.
    entities: dict[tuple[str, str], Severity] = field(default_factory=dict)
    # The list lint() sorted, while ``diagnostics`` is still that list: sorted and unique, so
    # a check result with nothing else to merge need not sort it again (420,000 findings).
    sorted_diagnostics: list[Diagnostic] | None = field(default=None, repr=False, compare=False)

    def overlay(self) -> dict[tuple[str, str], str]:
        """The entities a chart marks, (kind, id) -> "error" or "warning": those with a lint
        error or warning (an info is advice, not a mark on the chart)."""
        return {
            entity: severity.value
            for entity, severity in self.entities.items()
            if severity is not Severity.INFO
        }


def _at_suppression(
    sources: SourceMap,
    ref: SourceRef,
    reference: str,
    code: str,
    message: str,
    hint: str,
    severity: Severity,
    subject: Subject = NO_SUBJECT,
) -> Diagnostic:
    """A diagnostic at the rule's key inside an entity's ``lint: {ignore: ...}``."""
    position = sources.locate(ref.path, ref.document, (*ref.at, "lint", "ignore", reference), "key")
    line, column = (position.line, position.column) if position else (1, 1)
    return Diagnostic(ref.display, line, column, code, message, hint, severity, subject)


class _Suppressions:
    """Entity (`lint: {ignore: ...}`) and comment suppressions, and which of them were used."""

    def __init__(self, load: LoadResult, tree: OrgTree, sources: SourceMap) -> None:
        self.tree = tree
        # (kind, id) -> rule code -> (the reference as written, where, the reason)
        self.entity: dict[tuple[str, str], dict[str, tuple[str, SourceRef, str]]] = {}
        self.comments: dict[tuple[str, int], tuple[set[str], str, int, str]] = {}
        self.used: set[tuple[str, ...]] = set()
        problems: list[Diagnostic] = []
        for kind, table in tree.entities().items():
            for identifier, entity in table.items():
                if entity.lint is not None:
                    self._entity_suppressions(
                        kind,
                        identifier,
                        entity.lint,
                        tree.sources[(kind, identifier)],
                        sources,
                        problems,
                    )
        for display, _path, comment in load.suppressions:
            codes: set[str] = set()
            if not comment.reason:
                problems.append(
                    Diagnostic(
                        display,
                        comment.line,
                        comment.column,
                        Code.CONFIG,
                        _("suppression without a reason"),
                        _(
                            "write why after the bracket: "
                            "# boconf: ignore[BO203] the COO covers this"
                        ),
                    )
                )
            for reference in comment.rules:
                rule = find_rule(reference)
                if rule is None:
                    problems.append(
                        Diagnostic(
                            display,
                            comment.line,
                            comment.column,
                            Code.CONFIG,
                            _("suppression of unknown rule '{rule}'").format(rule=reference),
                            _("run 'boconf rules' for the list of rules"),
                        )
                    )
                else:
                    codes.add(rule.code)
            self.comments[(display, comment.line)] = (
                codes,
                comment.reason,
                comment.column,
                ",".join(comment.rules),
            )
        if problems:
            raise ConfigError(problems)

    def _entity_suppressions(
        self,
        kind: str,
        identifier: str,
        lint: Lint,
        ref: SourceRef,
        sources: SourceMap,
        problems: list[Diagnostic],
    ) -> None:
        rules: dict[str, tuple[str, SourceRef, str]] = {}
        for reference, reason in lint.ignore.items():
            rule = find_rule(reference)
            if rule is None:
                problems.append(
                    _at_suppression(
                        sources,
                        ref,
                        reference,
                        Code.CONFIG,
                        _("{entity} -> lint.ignore: unknown rule '{rule}'").format(
                            entity=entity_name(kind, identifier), rule=reference
                        ),
                        _("run 'boconf rules' for the list of rules"),
                        Severity.ERROR,
                        Subject(kind, identifier),
                    )
                )
                continue
            rules[rule.code] = (reference, ref, reason)
        self.entity[(kind, identifier)] = rules

    def any(self) -> bool:
        """Whether the tree suppresses anything at all."""
        return bool(self.entity or self.comments)

    def reason(self, code: str, kind: str, identifier: str, display: str, line: int) -> str | None:
        """Why the finding is suppressed (as the suppression says), or None when it is not."""
        if not self.any():
            return None
        entity = self.entity.get((kind, identifier), {}).get(code)
        if entity is not None:
            self.used.add(("entity", kind, identifier, code))
            return entity[2]
        for comment_line in (line, line - 1):
            comment = self.comments.get((display, comment_line))
            if comment is not None and code in comment[0]:
                self.used.add(("comment", display, str(comment_line), code))
                return comment[1]
        return None

    def unused(self, sources: SourceMap, enabled: set[str]) -> list[Diagnostic]:
        found = []
        for (kind, identifier), rules in self.entity.items():
            for code, (reference, ref, _reason) in rules.items():
                if code in enabled and ("entity", kind, identifier, code) not in self.used:
                    found.append(
                        _at_suppression(
                            sources,
                            ref,
                            reference,
                            UNUSED_SUPPRESSION,
                            _(
                                "{entity}: suppression of {rule} is not needed: "
                                "the rule finds nothing here"
                            ).format(entity=entity_name(kind, identifier), rule=reference),
                            _("remove the suppression"),
                            Severity.WARNING,
                            Subject(kind, identifier),
                        )
                    )
        for (display, line), (codes, _reason, column, text) in self.comments.items():
            for code in sorted(codes & enabled):
                if ("comment", display, str(line), code) not in self.used:
                    found.append(
                        Diagnostic(
                            display,
                            line,
                            column,
                            UNUSED_SUPPRESSION,
                            _(
                                "suppression of {rule} ({text}) is not needed: the rule finds "
                                "nothing on this or the next line"
                            ).format(rule=code, text=text),
                            _("remove the comment"),
                            Severity.WARNING,
                        )
                    )
        return found


_new_tuple = tuple.__new__


def lint(
    load: LoadResult,
    settings: ResolvedSettings,
    baseline: Counter[Fingerprint] | None = None,
    sources: SourceMap | None = None,
) -> LintResult:
    """Lint a valid organisation. Raises :class:`ConfigError` for bad suppressions.
    ``sources`` finds the findings' positions (and says which files it read)."""
    tree = load.tree
    if tree is None:
        return LintResult()
    sources = sources if sources is not None else SourceMap()
    suppressions = _Suppressions(load, tree, sources)
    structure = build_structure(tree)
    context = LintContext(tree, structure, settings.reference_date)
    result = LintResult(structure=structure)
    root = load.root if load.root.is_dir() else load.root.parent
    remaining = Counter(baseline or {})
    # Each rule with its severity and findings, in the rules' order.
    ran: list[tuple[type[Rule[Any]], Severity, list[Finding]]] = []
    runs = run_rules(settings.enabled, context, settings.options)
    for rule, (findings, seconds) in zip(settings.enabled, runs, strict=True):
        result.timings[rule.code] = seconds
        result.rule_names[rule.code] = rule.name
        ran.append((rule, settings.severity.get(rule.code, rule.severity), findings))
    # Positions for every finding in one batch: each file is composed once, on every core.
    requests, located = _requests(ran, tree)
    answers = sources.answers(requests)
    # Asked once, not per finding (420,000 at a million positions): most trees have no
    # suppression, no per-path ignore and no baseline.
    filtered = suppressions.any() or bool(settings.per_path_ignores) or bool(remaining)
    diagnostics, entities = result.diagnostics, result.entities
    places = iter(located)
    for rule, severity, findings in ran:
        code, rank = rule.code, SEVERITY_RANK[severity]
        # One rule's findings with their places, taken from the places of all, in step: zip
        # stops at the rule's last finding without taking the next rule's first place.
        for finding, (ref, slot) in zip(findings, places, strict=False):
            # The finding's subject, also its key among the entities (a NamedTuple equals the
            # plain tuple): made without the named tuple's Python-level constructor.
            entity = _new_tuple(Subject, (finding.kind, finding.id))
            if ref is None:  # pragma: no cover - rules only name entities of the tree
                diagnostic = _unplaced(rule, finding, severity)
            else:
                line, column = answers[ref.path][slot] or (1, 1)
                diagnostic = fast_diagnostic(
                    ref.display, line, column, code, finding.message, finding.hint, severity, entity
                )
            if filtered and _set_aside(
                diagnostic, finding, suppressions, settings, remaining, root, result
            ):
                continue
            diagnostics.append(diagnostic)
            worst = entities.get(entity)
            if worst is None or rank > SEVERITY_RANK[worst]:
                entities[entity] = severity
    enabled = {rule.code for rule in settings.enabled}
    if UNUSED_SUPPRESSION in enabled:
        # Reported by the engine (only it knows what was used), configured like any rule.
        severity = settings.severity.get(UNUSED_SUPPRESSION, Severity.WARNING)
        for unused in suppressions.unused(sources, enabled - {UNUSED_SUPPRESSION}):
            result.diagnostics.append(dataclasses.replace(unused, severity=severity))
    result.diagnostics = result.sorted_diagnostics = sort_unique(result.diagnostics)
    result.suppressed_findings.sort()
    return result


def _requests(
    ran: list[tuple[type[Rule[Any]], Severity, list[Finding]]], tree: OrgTree
) -> tuple[dict[str, list[Request]], list[tuple[SourceRef | None, int]]]:
    """The position requests of every finding, by file, and per finding, in order: its
    entity's source and where its answer will be in its file's answers."""
    requests: dict[str, list[Request]] = {}
    located: list[tuple[SourceRef | None, int]] = []
    source_of = tree.sources.get
    for _rule, _severity, findings in ran:
        for finding in findings:
            ref = source_of((finding.kind, finding.id))
            slot = 0
            if ref is not None:
                asked = requests.get(ref.path)
                if asked is None:
                    asked = requests[ref.path] = []
                slot = len(asked)
                asked.append((ref.document, ref.at + finding.at, "value"))
            located.append((ref, slot))
    return requests, located


def _set_aside(
    diagnostic: Diagnostic,
    finding: Finding,
    suppressions: _Suppressions,
    settings: ResolvedSettings,
    remaining: Counter[Fingerprint],
    root: Path,
    result: LintResult,
) -> bool:
    """Whether the finding is suppressed (by an entity, a comment or a per-path ignore) or in
    the baseline, counted as such in ``result``; False when it is to be reported."""
    code = diagnostic.code
    reason = suppressions.reason(code, finding.kind, finding.id, diagnostic.file, diagnostic.line)
    if reason is None:
        reason = _ignored_by_path(diagnostic.file, root, code, settings)
    if reason is not None:
        result.suppressed += 1
        result.suppressed_findings.append((diagnostic, reason))
        return True
    if remaining:  # (a fingerprint resolves the file's path: not for every finding)
        key = fingerprint(diagnostic, root)
        if remaining[key] > 0:
            remaining[key] -= 1
            result.baselined += 1
            return True
    return False


def _unplaced(rule: type[Rule[Any]], finding: Finding, severity: Severity) -> Diagnostic:
    """A finding about an entity the tree has no source for."""
    subject = Subject(finding.kind, finding.id)
    return Diagnostic("<org>", 1, 1, rule.code, finding.message, finding.hint, severity, subject)


def _ignored_by_path(display: str, root: Path, code: str, settings: ResolvedSettings) -> str | None:
    """The settings' per-path ignore that covers the finding, as its reason; else None."""
    if not settings.per_path_ignores:
        return None
    try:
        relative = Path(display).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = display
    for pattern, codes in settings.per_path_ignores:
        if code in codes and fnmatch.fnmatch(relative, pattern):
            return _("per_path_ignores '{pattern}' in the settings").format(pattern=pattern)
    return None
