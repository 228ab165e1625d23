"""User text inside Markdown tables and lists: inert, on one line."""

from __future__ import annotations


def cell(value: str) -> str:
    """Escape what would end a table cell or open HTML; keep the value on one line."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")
