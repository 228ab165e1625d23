"""The public loading API: a path -> an :class:`OrgTree` and every diagnostic, sorted.

The one entry point every command (and a library user) loads an organisation through:
discover the files (:mod:`boconf.loading`), parse them, validate each document against its
model and check the references across files (:mod:`boconf.validation`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from boconf.diagnostics import Code, Diagnostic, Severity, sort_unique
from boconf.i18n import _, ngettext
from boconf.loading.cache import ParseCache
from boconf.loading.discovery import discover
from boconf.loading.gc_pause import no_cyclic_gc
from boconf.loading.limits import Limits
from boconf.loading.parallel import parse_files
from boconf.loading.parse import CommentSuppression
from boconf.loading.positions import SourceMap
from boconf.util.paths import display_path

if TYPE_CHECKING:
    from boconf.model.tree import OrgTree


@dataclass
class LoadResult:
    """The outcome of loading a tree: the organisation if valid, and every diagnostic."""

    root: Path
    files: int
    documents: int
    tree: OrgTree | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # '# boconf: ignore[...]' comments: (display path, file path, suppression).
    suppressions: list[tuple[str, str, CommentSuppression]] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return self.tree is not None and not self.errors

    def counts(self) -> dict[str, int] | None:
        """The organisation's counts (units, positions...) when it is valid."""
        return self.tree.counts() if self.ok and self.tree is not None else None


def load_organisation(
    path: Path,
    *,
    limits: Limits | None = None,
    jobs: int | None = None,
    cache: ParseCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    sources: SourceMap | None = None,
) -> LoadResult:
    """Load, validate and index the organisation at ``path`` (a directory or a single file).

    Never raises for problems in the input: they are diagnostics. Never writes anything
    (but through ``cache``). ``progress(done, total)`` is told of each file parsed;
    ``sources`` finds the positions of diagnostics (and says which files it read).
    """
    limits = limits or Limits()
    root = Path(path)
    files = discover(root)
    pairs = [(str(file), display_path(file)) for file in files]
    with no_cyclic_gc():
        parsing = parse_files(pairs, limits, jobs, cache)
        # Imported once the workers parse, not with this module: the models and pydantic
        # take a tenth of a second to import, which the workers use (100,000 positions).
        from boconf.validation.collect import Collector
        from boconf.validation.references import ReferenceChecker, unread_hint

        collector = Collector(sources if sources is not None else SourceMap())
        checker = ReferenceChecker(collector)
        for done, parsed in enumerate(parsing, 1):
            collector.add_file(parsed)
            checker.sweep()
            if progress is not None:
                progress(done, len(pairs))
        tree = checker.check()
    diagnostics = collector.diagnostics
    if not files:
        diagnostics.append(
            Diagnostic(
                display_path(root),
                1,
                1,
                Code.NO_FILES,
                _("no organisation files: no *.yaml or *.yml file here"),
                _("point boconf at the directory that holds the organisation, or run it in one"),
            )
        )
    elif tree is None and not collector.collected.organisation_invalid:
        # Against the directory: the organisation is missing from the tree, not from its
        # first file (which the user would open in vain).
        unread = collector.collected.unread_files
        diagnostics.append(
            Diagnostic(
                display_path(root),
                1,
                1,
                Code.ORGANISATION_COUNT,
                ngettext(
                    "no Organisation document among the {n} files under {path}",
                    "no Organisation document among the {n} files under {path}",
                    len(files),
                ).format(n=len(files), path=display_path(root)),
                unread_hint(unread, _("hold it"))
                if unread
                else _(
                    "add a file (e.g. organisation.yaml) with kind: Organisation, id, name, "
                    "headquarters, currency and back_office_head"
                ),
            )
        )
    result = LoadResult(
        root,
        len(files),
        collector.collected.documents,
        None,
        sort_unique(diagnostics),
        collector.collected.suppressions,
    )
    if not result.errors:
        result.tree = tree
    return result
