"""The documentation site in a real browser: headless Chromium opens pages from file:// and
must show the charts, run the optional filter script, and log no script or console error."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from .conftest import REPO, Run, missing_browser_dependency
from .test_docs_site import DATE, nasty_files, write

TIMEOUT = 60
# Chromium logs every console message, console.error and uncaught exceptions included, as
# `[...:INFO:CONSOLE:3] "text", source: ...` (older builds: `CONSOLE(3)`), whatever its level.
# The site logs nothing at all, so any console line is a failure: an error, a warning, or a
# resource that failed to load.
CONSOLE_ERROR = re.compile(r":CONSOLE[:(]|Uncaught")


def chromium() -> str:
    binary = shutil.which("chromium")
    if binary is None:
        missing_browser_dependency("chromium")
    assert binary is not None
    return binary


def dump_dom(page: Path, profile: Path) -> tuple[str, str]:
    """The DOM after load (scripts run) and Chromium's log."""
    completed = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout, completed.stderr


def console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if CONSOLE_ERROR.search(line)]


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def of(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.found if name == tag]


def elements(dom: str) -> Elements:
    parser = Elements()
    parser.feed(dom)
    return parser


def assert_charts_shown(page: Path, dom: str, at_least: int) -> None:
    """Charts are drawn inline; each figure also links its SVG file, which must exist."""
    found = elements(dom)
    inline = [attrs for attrs in found.of("svg") if (attrs.get("viewbox") or "")]
    assert len(inline) >= at_least, f"{page}: {len(inline)} charts in the DOM"
    files = [
        attrs["href"] or "" for attrs in found.of("a") if (attrs.get("href") or "").endswith(".svg")
    ]
    assert len(files) >= at_least
    for source in files:
        assert (page.parent / unquote(source)).is_file(), f"{page}: {source} is missing"


def test_the_error_detector_sees_errors(tmp_path: Path) -> None:
    """So that a clean log below means something."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><title>x</title><script>console.error('boom'); nothing();</script>",
        encoding="utf-8",
    )
    _, log = dump_dom(page, tmp_path / "profile")
    found = console_errors(log)
    assert any('"boom"' in line for line in found), log
    assert any("Uncaught ReferenceError" in line for line in found), log


def test_site_in_headless_chromium(boconf: Callable[..., Run], tmp_path: Path) -> None:
    site = tmp_path / "site"
    example = Path(shutil.copytree(REPO / "org", tmp_path / "org"))
    run = boconf("docs", str(example), "-o", str(site), "--reference-date", DATE)
    assert run.code == 0, run.err
    profile = tmp_path / "profile"

    dom, log = dump_dom(site / "index.html", profile)
    assert not console_errors(log), console_errors(log)
    assert "Ferro &amp; Lana S.p.A." in dom
    assert_charts_shown(site / "index.html", dom, 3)
    # The support matrix is a table: every front-office unit heads a column.
    headers = [
        a
        for a in elements(dom).of("th")
        if a.get("scope") == "col" and "unit" in (a.get("class") or "").split()
    ]
    assert len(headers) == 9, headers

    unit = site / "units" / "service-desk.html"
    dom, log = dump_dom(unit, profile)
    assert not console_errors(log), console_errors(log)
    assert_charts_shown(unit, dom, 1)
    assert "BlueWave Outsourcing Inc." in dom

    # The optional filter script ran: it shows its (by default hidden) box.
    dom, log = dump_dom(site / "units.html", profile)
    assert not console_errors(log), console_errors(log)
    boxes = [attrs for attrs in elements(dom).of("p") if attrs.get("class") == "filter"]
    assert boxes and "hidden" not in boxes[0], boxes


def test_injected_names_do_not_run_in_chromium(boconf: Callable[..., Run], tmp_path: Path) -> None:
    root = write(tmp_path / "nasty", nasty_files())
    site = tmp_path / "site"
    run = boconf("docs", str(root), "-o", str(site), "--reference-date", DATE)
    assert run.code == 0, run.err
    page = site / "units" / "sales.html"
    dom, log = dump_dom(page, tmp_path / "profile")
    assert not console_errors(log), console_errors(log)
    found = elements(dom)
    scripts = [attrs.get("src") for attrs in found.of("script")]
    assert scripts == ["../charts.js"], "a name became a script element"
    assert all((attrs.get("src") or "").endswith(".svg") for attrs in found.of("img"))
    assert "Rep &lt;script&gt;alert(1)&lt;/script&gt;" in dom
