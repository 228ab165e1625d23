"""The font charts are measured for, and the font stack a reader's browser picks from.

Graphviz sizes every box for the text of its ``fontname``. The widest of the common sans fonts
is DejaVu Sans (the only sans font of many minimal Linux installations); Helvetica, Arial and
Liberation Sans (metric twins of each other) are about a tenth narrower. So charts are laid out
with DejaVu Sans metrics (graphviz-pure and Graphviz without Pango have them built in; Graphviz
with Pango measures the installed font), and the SVG names a stack that starts with DejaVu Sans:
with it installed the text is exactly as wide as measured, with any of the others it is
narrower, and it fits either way.
"""

from __future__ import annotations

FONT = "DejaVu Sans"
# What the SVG asks for: the measured font first, then its narrower stand-ins, then any sans.
FONT_STACK = "DejaVu Sans,Helvetica,Arial,Liberation Sans,sans-serif"

# Graphviz writes the font name as given, with nothing to fall back on: a reader without DejaVu
# Sans would get the browser's default serif font. The attribute is rewritten to the stack.
_AS_WRITTEN = f'font-family="{FONT}"'.encode()
_STACKED = f'font-family="{FONT_STACK}"'.encode()


def with_font_stack(svg: bytes) -> bytes:
    """The SVG with every ``font-family`` Graphviz wrote for :data:`FONT` naming the stack."""
    return svg.replace(_AS_WRITTEN, _STACKED)
