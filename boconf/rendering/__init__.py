"""Charts: views over the shared structure -> an abstract chart -> DOT, Mermaid, SVG, PNG."""
