"""Charts read without zooming or scrolling across, in Chromium at 1440 x 900, and the site's
search box finds a name in them.

For every chart `make demo` writes (each view and each page of a paged one, opened on its own)
and every chart the site draws on its overview and unit pages: the page does not scroll
across, and the smallest label is drawn at least ``MIN_PX`` CSS pixels high (its font size
times the chart's on-screen scale, measured with getBoundingClientRect).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf.rendering.views.registry import VIEWS

from .conftest import REPO, Run
from .test_docs_browser import TIMEOUT, chromium
from .test_docs_site import DATE
from .test_site_italian import render_charts

WINDOW = (1440, 900)
MIN_PX = 11.0

MEASURE = """
<pre id="measured"></pre><script>
const charts = [...document.querySelectorAll("svg")].filter(s => s.viewBox && s.viewBox.baseVal);
const result = {scroll: document.documentElement.scrollWidth - window.innerWidth, charts: []};
for (const svg of charts) {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")) * scale);
  result.charts.push({width: svg.getBoundingClientRect().width, smallest: Math.min(...sizes)});
}
document.getElementById("measured").textContent = JSON.stringify(result);
</script>
"""


def open_in_chromium(url: str, profile: Path) -> str:
    completed = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def measure(page: Path, profile: Path) -> dict[str, object]:
    dom = open_in_chromium(page.resolve().as_uri(), profile)
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found and found.group(1), f"{page}: the measuring script did not run"
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


def assert_readable(page: Path, result: dict[str, object], charts: int) -> None:
    assert result["scroll"] == 0, f"{page.name} scrolls across by {result['scroll']} px"
    drawn = result["charts"]
    assert isinstance(drawn, list) and len(drawn) == charts, page
    for chart in drawn:
        assert chart["width"] <= WINDOW[0], (page.name, chart)
        assert chart["smallest"] >= MIN_PX, (page.name, chart)


# Italian through the library, as `render --lang it` draws it: longer labels must still read.
@pytest.mark.parametrize("language", ["en", "it"])
def test_every_demo_chart_reads_at_1440_without_scrolling(
    language: str, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    charts = tmp_path / "charts"
    if language == "en":
        run = boconf("render", "org", "--all", "--format", "svg", "-o", str(charts), cwd=REPO)
        assert run.code == 0
    else:
        render_charts(Path(shutil.copytree(REPO / "org", tmp_path / "org")), charts, language)
    files = sorted(charts.glob("*.svg"))
    # every view, and the reporting chart's two pages
    assert [f.name for f in files if "--" not in f.name] == sorted(f"{v}.svg" for v in VIEWS)
    assert len(files) == len(VIEWS) + 2
    for file in files:
        page = tmp_path / f"{file.stem}.html"
        svg = file.read_text(encoding="utf-8")
        page.write_text(
            '<!DOCTYPE html><html><body style="margin:8px">'
            + svg[svg.index("<svg") :]
            + MEASURE
            + "</body></html>",
            encoding="utf-8",
        )
        assert_readable(page, measure(page, tmp_path / "profile"), 1)


def test_every_site_chart_reads_at_1440_without_scrolling(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    example = Path(shutil.copytree(REPO / "org", tmp_path / "org"))
    site = tmp_path / "site"
    assert boconf("docs", str(example), "-o", str(site), "--reference-date", DATE).code == 0
    pages = [site / "index.html", *sorted((site / "units").glob("*.html"))]
    measured = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        count = text.count('<div class="chart-view"')
        if not count:
            continue
        # The page with the measuring script, beside it so that its links and styles resolve.
        probe = page.with_name(f"probe-{page.name}")
        probe.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        assert_readable(page, measure(probe, tmp_path / "profile"), count)
        measured += count
    assert measured >= 4 + 10


def test_the_search_box_highlights_the_box_with_the_name(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    example = Path(shutil.copytree(REPO / "org", tmp_path / "org"))
    site = tmp_path / "site"
    assert boconf("docs", str(example), "-o", str(site), "--reference-date", DATE).code == 0
    # #find=NAME types NAME into the box (the same handler as typing).
    page = site / "units" / "operations-directorate.html"
    dom = open_in_chromium(page.resolve().as_uri() + "#find=grazia%20lombardo", tmp_path / "p")
    found = re.findall(
        r'<g id="[^"]*" class="node found">\s*<title>[^<]*</title>\s*<g id="[^"]*">'
        r'<a xlink:href="[^"]*" xlink:title="([^"]*)">',
        dom,
    )
    # Her post in the reporting chart, her unit (she is its manager) in the sub-unit chart:
    # the boxes' tooltips are their ids.
    assert found == ["finance-manager", "finance"], found
    assert '<span id="chart-search-count" aria-live="polite">2 found</span>' in dom
    assert dom.count('class="node found"') == 2
    # On her unit's page the positions table row is marked too.
    page = site / "units" / "finance.html"
    dom = open_in_chromium(page.resolve().as_uri() + "#find=Lombardo", tmp_path / "p")
    rows = re.findall(r'<tr id="position-([^"]+)" class="manager found">', dom)
    assert rows == ["finance-manager"], rows
