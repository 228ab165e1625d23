"""Graphviz, found without a system package.

The order, first match wins: an explicit binary (``--dot PATH`` or ``BOCONF_DOT``), ``dot`` on
the PATH (a system Graphviz), then ``graphviz-pure``, the pure-Rust port of Graphviz that
boconf installs with pip (SVG and PNG, no PDF). DOT goes in on stdin; the chart comes back on
stdout. A renderer that cannot write the format is skipped; when none can, the error says
what to install. ``--format dot`` and ``mermaid`` need no renderer at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from boconf.rendering.fonts import with_font_stack

ALL_FORMATS = frozenset({"svg", "png", "pdf"})
PURE_FORMATS = frozenset({"svg", "png"})
TIMEOUT_SECONDS = 300


class RendererError(Exception):
    """No renderer can write the format, or the renderer failed: a usage-level error."""


@dataclass(frozen=True)
class Renderer:
    name: str
    binary: str
    formats: frozenset[str]

    def describe(self) -> str:
        return f"{self.name} ({self.binary})"


def find_renderers(explicit: str | None = None) -> list[Renderer]:
    found: list[Renderer] = []
    chosen = explicit or os.environ.get("BOCONF_DOT")
    if chosen:
        binary = shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
        if binary is None:
            raise RendererError(
                f"the Graphviz binary '{chosen}' does not exist or is not executable"
            )
        found.append(Renderer("explicit", binary, ALL_FORMATS))
        return found  # an explicit choice is never silently replaced
    system = shutil.which("dot")
    if system:
        found.append(Renderer("system Graphviz", system, ALL_FORMATS))
    beside = Path(sys.executable).parent / "graphviz-pure"
    pure = str(beside) if beside.is_file() else shutil.which("graphviz-pure")
    if pure:
        found.append(Renderer("graphviz-pure", pure, PURE_FORMATS))
    return found


def render(
    dot_source: str, output_format: str, explicit: str | None = None
) -> tuple[bytes, Renderer]:
    """Lay out and draw DOT in ``output_format``; returns the bytes and the renderer used."""
    renderers = find_renderers(explicit)
    able = [r for r in renderers if output_format in r.formats]
    if not able:
        tried = ", ".join(r.describe() for r in renderers) or "none found"
        raise RendererError(
            f"no Graphviz renderer here can write {output_format} (tried: {tried}). "
            + (
                "graphviz-pure writes svg and png only; for pdf install Graphviz "
                "(apt-get install graphviz) or pass --dot PATH"
                if output_format not in PURE_FORMATS
                else "Install one: pip install graphviz-pure (boconf's default), or your system's "
                "graphviz package; or pass --dot PATH"
            )
            + ". --format dot and --format mermaid need no renderer."
        )
    renderer = able[0]
    try:
        completed = subprocess.run(
            [renderer.binary, f"-T{output_format}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RendererError(f"{renderer.describe()} failed to run: {error}") from None
    if completed.returncode != 0 or not completed.stdout:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RendererError(
            f"{renderer.describe()} failed: {' '.join(message[-3:]) or 'no output'}"
        )
    if output_format == "svg":
        return with_font_stack(completed.stdout), renderer
    return completed.stdout, renderer


SVG_START = b"<?xml "


def render_many(dot_sources: list[str], explicit: str | None = None) -> list[bytes]:
    """Several DOT graphs as SVG in one renderer process (one start-up instead of many).

    Graphviz reads every graph of its input and writes one SVG document each; they are split
    at their XML declarations. If the count does not match, the graphs are drawn one by one.
    """
    if not dot_sources:
        return []
    if len(dot_sources) == 1:
        return [render(dot_sources[0], "svg", explicit)[0]]
    data, _ = render("\n".join(dot_sources), "svg", explicit)
    parts = [SVG_START + part for part in data.split(SVG_START)[1:]]
    if len(parts) != len(dot_sources):
        return [render(source, "svg", explicit)[0] for source in dot_sources]
    return parts
