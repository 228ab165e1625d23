"""Every chart's text fits its box in a real browser, whichever common sans font draws it.

The example's charts (every view ``render --all`` writes) are inlined into one page per font,
with CSS forcing that font on every text element; headless Chromium measures each text with
``getBBox`` against the shape around it (its node's box or ellipse, its cluster's frame, the
chart's background for the title). DejaVu Sans is the widest of the common sans fonts and the
one the layout is measured for; Liberation Sans has the metrics of Helvetica and Arial.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf.rendering.views.registry import VIEWS

from .conftest import REPO, Run, missing_browser_dependency
from .test_docs_browser import dump_dom
from .test_site_italian import render_charts

# font -> the Debian package that installs it (.ci/run installs both)
FONTS = {"DejaVu Sans": "fonts-dejavu-core", "Liberation Sans": "fonts-liberation"}

# Runs in the page: for every text of every chart, its box and the box (or ellipse) that must
# hold it; then whether the forced font is installed at all (a missing font would silently
# fall back to another and prove nothing), by comparing its width with a monospace fallback.
MEASURE = """
const font = document.body.dataset.font;
const overflow = [];
let texts = 0;
function box(element) { const b = element.getBBox(); return [b.x, b.y, b.width, b.height]; }
function area(b) { return b[2] * b[3]; }
function holder(group) {
  // The innermost shape: a doubled box (peripheries=2) draws its outer frame too.
  const shapes = [...group.querySelectorAll("path, polygon, ellipse")];
  shapes.sort((a, b) => area(box(a)) - area(box(b)));
  return shapes[0];
}
for (const chart of document.querySelectorAll("div[data-view]")) {
  const view = chart.dataset.view;
  const graph = chart.querySelector("g.graph");
  const containers = [...graph.querySelectorAll("g.node, g.cluster")];
  const title = [...graph.children].filter(e => e.tagName === "text");
  const background = graph.querySelector(":scope > polygon");
  const pairs = title.map(t => [t, background, "title"]);
  for (const group of containers) {
    const shapes = [...group.querySelectorAll("path, polygon, ellipse")];
    if (group.querySelector(":scope > title")?.textContent === "table") {
      // A table chart (the support matrix, the sourcing bars): each text must sit in the
      // smallest cell around its centre (the chart's background in a borderless table) and
      // overlap no other shape: no neighbouring cell, bar or swatch.
      for (const t of group.querySelectorAll("text")) {
        const [x, y, w, h] = box(t);
        const around = shapes.filter(s => { const [sx, sy, sw, sh] = box(s);
          return x + w / 2 >= sx && x + w / 2 <= sx + sw && y + h / 2 >= sy && y + h / 2 <= sy + sh; });
        around.sort((a, b) => area(box(a)) - area(box(b)));
        pairs.push([t, around[0] || background, "table cell"]);
        for (const s of shapes) {
          if (around.includes(s)) continue;
          const [sx, sy, sw, sh] = box(s);
          const overlap = Math.min(x + w, sx + sw) - Math.max(x, sx) > 0.5 && Math.min(y + h, sy + sh) - Math.max(y, sy) > 0.5;
          if (overlap) overflow.push({view, kind: "table cell overlaps a shape", text: t.textContent, text_box: [x, y, w, h], shape_box: [sx, sy, sw, sh]});
        }
      }
      continue;
    }
    const shape = holder(group);
    for (const t of group.querySelectorAll("text")) pairs.push([t, shape, group.getAttribute("class")]);
  }
  for (const [t, shape, kind] of pairs) {
    texts += 1;
    const [x, y, w, h] = box(t);
    const [sx, sy, sw, sh] = box(shape);
    let inside = x >= sx - 0.01 && x + w <= sx + sw + 0.01 && y >= sy - 0.01 && y + h <= sy + sh + 0.01;
    if (shape.tagName === "ellipse") {
      const cx = sx + sw / 2, cy = sy + sh / 2, rx = sw / 2, ry = sh / 2;
      inside = [[x, y], [x + w, y], [x, y + h], [x + w, y + h]].every(
        ([px, py]) => ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1.0001);
    }
    if (!inside) overflow.push({view, kind, text: t.textContent, text_box: [x, y, w, h], shape_box: [sx, sy, sw, sh]});
  }
}
const canvas = document.createElement("canvas").getContext("2d");
const sample = "Responsabile amministrazione vendite";
canvas.font = `11px "${font}", monospace`;
const forced = canvas.measureText(sample).width;
canvas.font = "11px monospace";
const fallback = canvas.measureText(sample).width;
document.getElementById("result").textContent = JSON.stringify(
  {texts, overflow, installed: Math.abs(forced - fallback) > 1});
"""


def chart_page(charts: Path, font: str, page: Path) -> None:
    parts = [
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{font}</title>',
        f'<style>svg text {{ font-family: "{font}" !important; }}</style></head>',
        f'<body data-font="{font}">',
    ]
    for file in sorted(charts.glob("*.svg")):  # every view, and the pages of a paged one
        svg = file.read_text(encoding="utf-8")
        parts.append(f'<div data-view="{file.stem}">{svg[svg.index("<svg") :]}</div>')
    parts.append(f'<pre id="result"></pre><script>{MEASURE}</script></body></html>')
    page.write_text("".join(parts), encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "it"])  # Italian: longer labels, the same boxes
@pytest.mark.parametrize("font", sorted(FONTS))
def test_every_label_fits_its_box_in_chromium(
    font: str, language: str, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    charts = tmp_path / "charts"
    if language == "en":
        run = boconf("render", "org", "--all", "-o", str(charts), cwd=REPO)
        assert run.code == 0, run.err
    else:
        render_charts(Path(shutil.copytree(REPO / "org", tmp_path / "org")), charts, language)
    page = tmp_path / "page.html"
    chart_page(charts, font, page)
    dom, _ = dump_dom(page, tmp_path / "profile")
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.DOTALL)
    assert found and found.group(1), "the measuring script did not run"
    result = json.loads(html.unescape(found.group(1)))
    if not result["installed"]:
        missing_browser_dependency(FONTS[font])
    # Every text of the charts was measured: the edge and tree charts with the reporting
    # chart's pages, the matrix and the bar charts; titles, frames and breadcrumbs too.
    assert sorted(p.name for p in charts.glob("*.svg")) == sorted(
        [f"{view}.svg" for view in VIEWS] + ["reporting--coo.svg", "reporting--finance-manager.svg"]
    )
    assert result["texts"] > 800, result["texts"]
    assert result["overflow"] == [], json.dumps(result["overflow"][:5], indent=1)
