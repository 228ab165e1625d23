"""Human-readable report: ``path:line:col: severity[CODE]: message``, its hint, a summary."""

from __future__ import annotations

from collections import Counter

from boconf.validation.run import LoadResult, display_path


def render(result: LoadResult) -> str:
    lines: list[str] = []
    for diagnostic in result.diagnostics:
        lines.append(
            f"{diagnostic.location}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"
        )
        if diagnostic.hint:
            lines.append(f"    hint: {diagnostic.hint}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: LoadResult) -> str:
    where = display_path(result.root)
    scanned = f"{_plural(result.files, 'file')}, {_plural(result.documents, 'document')}"
    if result.tree is not None and not result.errors:
        counts = result.tree.counts()
        return (
            f"{where}: valid: {_plural(counts['units'], 'unit')}, "
            f"{_plural(counts['positions'], 'position')} ({_plural(counts['posts'], 'post')}), "
            f"{_plural(counts['people'], 'person', 'people')}, {_plural(counts['locations'], 'location')}, "
            f"{_plural(counts['vendors'], 'vendor')}, {_plural(counts['contracts'], 'contract')} "
            f"({scanned})"
        )
    by_severity = Counter(d.severity.value for d in result.diagnostics)
    files = len({d.file for d in result.diagnostics})
    found = ", ".join(
        _plural(by_severity[name], name)
        for name in ("error", "warning", "info")
        if by_severity[name]
    )
    return f"{where}: {found} in {_plural(files, 'file')} ({scanned})"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"
