"""The documentation site and the charts in Italian: the example's site built under
``i18n.using("it")`` (the library, as ``boconf docs --lang it`` runs it) says everything of its
own in Italian, its figures and dates as Italians write them, and the data as written.

English stays as it was: every other site and chart test runs in English, unchanged.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from boconf import i18n
from boconf.i18n.catalogs import message_key, read_sources
from boconf.i18n.extract import extract_messages
from boconf.linting.check import check, settings_for
from boconf.rendering.dot import to_dot
from boconf.rendering.paging import page_chart
from boconf.rendering.renderer import render
from boconf.rendering.views.common import ViewContext
from boconf.rendering.views.registry import VIEWS
from boconf.website import SiteOptions, plan_site, render_site, write_site
from boconf.website.page import MARKDOWN

from .conftest import REPO
from .test_docs_site import check_links

DAY = dt.date(2026, 11, 26)  # the site tests' reference date


def build_site(org: Path, out: Path, language: str, fmt: str = "html") -> Path:
    """The site of ``org`` in ``language``, through the library (forked workers inherit it)."""
    with i18n.using(language):
        result = check(org, settings_for(org, None, DAY))
        write_site(render_site(plan_site(result, SiteOptions(fmt))), out)
    return out


def render_charts(org: Path, out: Path, language: str) -> list[Path]:
    """Every view of ``org`` as SVG in ``language``, paged as `boconf render --all` pages them
    (``view.svg`` and ``view--<page>.svg`` side by side)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with i18n.using(language):
        result = check(org, settings_for(org, None, DAY))
        structure = result.lint.structure
        assert structure is not None
        context = ViewContext(structure, rule_options=result.settings.options)
        for name in sorted(VIEWS):

            def file_of(page: str, stem: str = name) -> str:
                return f"{stem}--{page}.svg" if page else f"{stem}.svg"

            for page in page_chart(VIEWS[name](context), file_of):
                target = out / file_of(page.name)
                target.write_bytes(render(to_dot(page.chart), "svg", None)[0])
                written.append(target)
    return written


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(REPO / "org", tmp_path_factory.mktemp("it") / "org"))


@pytest.fixture(scope="module")
def site(example: Path) -> Path:
    return build_site(example, example.parent / "site", "it")


@pytest.fixture(scope="module")
def markdown_site(example: Path) -> Path:
    return build_site(example, example.parent / "site-md", "it", MARKDOWN)


# -- what the pages say ------------------------------------------------------------------


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_page_is_italian_and_linked(site: Path) -> None:
    from .test_docs_site import StrictHTML

    pages = {}
    for page in sorted(site.rglob("*.html")):
        text = read(page)
        assert text.startswith('<!DOCTYPE html>\n<html lang="it">'), page
        parser = StrictHTML(str(page))
        parser.feed(text)
        pages[page] = parser.finish()
    assert len(pages) == 32
    assert check_links(site, pages) > 1000  # translated labels, same links


def test_pinned_italian_on_the_overview(site: Path) -> None:
    text = read(site / "index.html")
    for expected in (
        '<a href="index.html" aria-current="page">Panoramica</a>',
        '<a href="findings.html">Segnalazioni</a>',
        "<h2>Front e back office</h2>",
        '<th scope="col" class="n">Quota di FTE</th>',
        '<div class="card"><span class="num">101</span> posti <span class="sub">in 93 '
        "posizioni</span></div>",
        '<div class="card"><span class="num">3</span> fornitori <span class="sub">3 contratti'
        "</span></div>",
        '<td class="n">63,5%</td>',  # the back office's share of FTE
        '<td class="n">EUR 188.000,00</td>',  # the three contracts
        '<tfoot><tr><th scope="row">Totale annuo</th><td class="n">EUR 5.767.600,00</td>',
        "<h2>Chi svolge il lavoro</h2>",
        "Tutto in ordine: nessuna segnalazione aperta; "
        '<a href="findings.html">5 eccezioni accettate</a> con i loro motivi.',
        '<th scope="col">Unità di back office</th>',
        "Contabilità fornitori</a> <em>(accettata)</em>",
        "Data di riferimento per contratti e lint: 26 novembre 2026. Importi in EUR.",
        'data-zoom-in="Ingrandisci"',
        'data-found="trovati: {n}"',
    ):
        assert expected in text, expected


def test_pinned_italian_on_a_unit_page_and_the_registers(site: Path) -> None:
    page = read(site / "units" / "service-desk.html")
    assert '<span class="office office-back">back office</span> · it support · misto' in page
    assert '<th scope="col">Svolto da</th><th scope="col">Sede</th>' in page
    assert '<span class="badge">responsabile</span>' in page
    # The service desk's cost as tests/test_docs_site.py pins it in English, in Italian figures.
    sourcing = page[page.index("<h2>Chi svolge il lavoro</h2>") : page.index("<h2>Contratti</h2>")]
    costs = re.findall(r"EUR ([\d.]+,\d\d)", sourcing)
    assert costs == ["186.000,00", "56.000,00", "96.000,00", "338.000,00"]
    assert '2,67 <span class="sub">ricavati</span>' in sourcing
    assert "copre il lavoro dell’unità" in page
    vendors = read(site / "vendors.html")
    # bluewave-service-desk-2024 ends on 2027-03-31, 125 days after the reference date, with
    # 90 days' notice (by 2026-12-31); the Brianza contract has no end.
    assert (
        "<td>1 aprile 2024</td>\n<td>31 marzo 2027</td>\n<td>125 giorni</td>\n"
        '<td class="n">90 gg</td>\n<td>31 dicembre 2026</td>' in vendors
    )
    assert "<td>senza scadenza</td>\n<td>senza scadenza</td>" in vendors
    locations = read(site / "locations.html")
    assert "<td>sede centrale</td>" in locations and "<td>sede del fornitore</td>" in locations
    units = read(site / "units.html")
    assert '<p class="filter" hidden data-count="{shown} di {total}">' in units
    assert "<p>26 unità, ciascuna sotto la sua unità superiore." in units


def test_the_charts_speak_italian(site: Path) -> None:
    structure = read(site / "charts" / "structure.svg")
    # Vendite Sud e Isole's area manager post is vacant (org/units/sales-south.yaml).
    assert ">Area manager Sud e Isole:</text>" in structure and ">vacante</text>" in structure
    assert ">sales · front office</text>" in structure
    assert ">Struttura delle unità</text>" in structure
    back = read(site / "charts" / "back-office.svg")
    assert ">Responsabile del back office</text>" in back
    assert ">interno 60% · esternalizzato 40%</text>" in back  # the service desk's badge
    mix = read(site / "charts" / "sourcing-mix.svg")
    assert ">Intero back office</text>" in mix
    assert ">69,47 FTE: 76% interno, 14% captive, 10% fornitore</text>" in mix
    desk = read(site / "charts" / "units" / "service-desk.reporting.svg")
    assert ">Linee di riporto: IT service desk</text>" in desk
    index = read(site / "index.html")
    assert "<strong>Struttura delle unità.</strong> L’albero delle unità" in index
    assert '<a href="charts/structure.svg">Apri il grafico</a> per passare alle unità' in index


def test_the_markdown_site_is_italian_and_still_escapes(markdown_site: Path) -> None:
    index = read(markdown_site / "index.md")
    assert index.startswith(
        "[Panoramica](index.md) · [Unità](units.md) · [Fornitori](vendors.md) · "
        "[Sedi](locations.md) · [Funzioni](functions.md) · [Segnalazioni](findings.md)\n"
    )
    assert "# Ferro \\& Lana S.p.A." in index  # data: escaped
    # interface: written as Markdown, the values in it escaped
    assert "26 unità, 101 posti in 93 posizioni, 98,8 FTE; back office 63,5% degli FTE" in index
    assert "| **Totale** | EUR 5.767.600,00 |" in index
    assert (
        "Tutto in ordine: nessuna segnalazione aperta; [5 eccezioni accettate](findings.md) "
        "con i loro motivi." in index
    )
    assert "- [Sedi](locations.md): dove si svolge il lavoro e quanto costa.\n" in index
    desk = read(markdown_site / "units" / "service-desk.md")
    assert "back office · it support · misto" in desk
    assert "| Svolto da | Sede | Quota | FTE | Modalità | Contratto | Costo annuo |" in desk


# -- no English left ---------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>|%%")
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "xlink:title"}


class Texts(HTMLParser):
    """Every text a reader sees: text nodes (SVG labels and tooltips too) and the attributes
    shown or spoken (titles, labels, placeholders, and the words the scripts show).

    A chart box's lines are one text: a long name is wrapped over two lines of the box."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skip = 0
        self.groups = 0  # <g> elements open inside a chart box (0: not in a box)
        self.box: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "g" and (
            self.groups or {"node", "cluster"} & set(str(values.get("class")).split())
        ):
            self.groups += 1
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or name.startswith("data-")):
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "g" and self.groups:
            self.groups -= 1
            if not self.groups:
                self.texts.append(" ".join(self.box))
                self.box = []

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            (self.box if self.groups else self.texts).append(data)


# Keys whose values are the schema's words (office: back), which pages show in words of their own.
ENUMS = {"office", "type", "kind"}


def data_strings(org: Path) -> set[str]:
    """Every string the organisation's files hold (names, titles, descriptions, ids, codes,
    reasons, file names), as written and with underscores read as spaces, as pages show ids."""
    found: set[str] = set()

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ENUMS:
                    yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        elif isinstance(value, str):
            yield value

    for path in org.rglob("*.yaml"):
        found.add(path.name)
        # A suppression comment's reason is data too (``# boconf: ignore[RULE] reason``).
        found |= set(re.findall(r"#\s*boconf:\s*ignore\[[^\]]*\]\s*(.+)", path.read_text()))
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            for text in walk(document):
                found |= {" ".join(text.split()), text.replace("_", " ")}
    return {text for text in found if text.strip()}


def other_areas(org: Path) -> set[str]:
    """What the site shows from other areas: the diagnostics' messages and hints (their
    catalog's), rule names and finding positions (codes). Not the site's interface."""
    from boconf.formats.report import rule_name

    with i18n.using("it"):
        result = check(org, settings_for(org, None, DAY))
    diagnostics = [*result.diagnostics, *(d for d, _reason in result.lint.suppressed_findings)]
    shown = {text for d in diagnostics for text in (d.message, d.hint, rule_name(d.code))}
    return {" ".join(text.split()) for text in shown if text}


POSITION = re.compile(r"[\w./-]+\.yaml(?::\d+:\d+)?")


def fragments(text: str) -> set[str]:
    """A message's own words: what is left between its placeholders and tags."""
    return {part.strip() for part in PLACEHOLDER.split(text) if re.search(r"[A-Za-z]", part)}


def catalog() -> tuple[set[str], set[str]]:
    """The English fragments whose Italian differs, and every Italian fragment."""
    italian: dict[str, tuple[str, ...]] = {}
    for _path, source in read_sources("it"):
        for message in source:
            if message.id:
                forms = message.string
                italian[message_key(message)] = forms if isinstance(forms, tuple) else (forms,)
    english: set[str] = set()
    said: set[str] = set()
    for message in extract_messages().values():
        for form in italian[message.id]:
            said |= fragments(form)
        english |= fragments(message.id) | fragments(message.plural or "")
    # A fragment both languages write (FTE, back office, captive) proves nothing.
    return english - said, said


def remover(known: set[str]) -> re.Pattern[str]:
    """Whole words and phrases, longest first: a name goes before a word inside it."""
    ordered = sorted(known, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


class EnglishFinder:
    """The English fragments in a text, once the data is taken out; an English word inside an
    Italian phrase ("office" in "back office") is Italian."""

    def __init__(self, org: Path) -> None:
        self.english, italian = catalog()
        data = data_strings(org) | other_areas(org)
        # A data string that is also an English message (a tag "outsourced") would hide that
        # message everywhere: it is data only where it is the whole text (the tag's <li>).
        self.whole = data & self.english
        self.data = remover(data - self.english)
        self.italian = remover(italian)
        self.patterns = [
            (f, re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)")) for f in sorted(self.english)
        ]

    def __call__(self, text: str) -> list[str]:
        flat = " ".join(text.split())
        if flat in self.whole:
            return []
        rest = self.data.sub(" ", POSITION.sub(" ", flat))
        italian = [m.span() for m in self.italian.finditer(rest)]
        return [
            fragment
            for fragment, pattern in self.patterns
            for m in pattern.finditer(rest)
            if not any(a <= m.start() and m.end() <= b for a, b in italian)
        ]


def test_no_english_interface_text_on_the_italian_site(site: Path, example: Path) -> None:
    find = EnglishFinder(example)
    assert {"Overview", "Chain of command", "vacant", "Zoom in"} <= find.english  # it looks
    found: set[tuple[str, str, str]] = set()
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    for page in pages:
        parser = Texts()
        parser.feed(read(page))
        for text in parser.texts:
            for fragment in find(text):
                found.add((str(page.relative_to(site)), fragment, text.strip()[:80]))
    assert len(pages) > 60
    assert not found, "\n".join(f"{p}: {f!r} in {t!r}" for p, f, t in sorted(found)[:30])


def test_the_english_detector_finds_english(example: Path, tmp_path: Path) -> None:
    """So that a clean run above means something: the English site fails the same check."""
    find = EnglishFinder(example)
    site = build_site(example, tmp_path / "en", "en")
    found: set[str] = set()
    for page in (site / "index.html", site / "charts" / "structure.svg"):
        parser = Texts()
        parser.feed(read(page))
        for text in parser.texts:
            found.update(find(text))
    for fragment in (
        "Overview",
        "Front and back office",
        "Registers",
        "Zoom in",
        "Key figures",
        "Unit structure",
        "vacant",
        "Generated by boconf",
    ):
        assert fragment in found, fragment


# -- the longer words still fit ----------------------------------------------------------

LAYOUT = """
<pre id="measured"></pre><script>
const main = document.querySelector("main").getBoundingClientRect();
const wide = [...document.querySelectorAll("main table, main h1, main h2, main p, main dl")]
  .filter(e => !e.closest(".matrix-wrap, figure"))
  .filter(e => e.getBoundingClientRect().right > main.right + 0.5)
  .map(e => e.tagName + ": " + e.textContent.trim().slice(0, 60));
const charts = [...document.querySelectorAll("svg")].filter(s => s.viewBox && s.viewBox.baseVal);
const smallest = charts.map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll("text")].map(
    t => parseFloat(t.getAttribute("font-size")) * scale));
});
document.getElementById("measured").textContent = JSON.stringify(
  {scroll: document.documentElement.scrollWidth - window.innerWidth, wide, smallest});
</script>
"""


def test_the_italian_pages_fit_a_laptop_screen(site: Path) -> None:
    """At 1440 x 900 nothing scrolls across, no table or text runs out of the page's card
    (the support matrix scrolls in its own frame), and chart labels stay readable; the
    registers, the overview and every unit page with a sub-unit chart (the longest labels)."""
    from .test_chart_reading_browser import MIN_PX, open_in_chromium

    names = ["index", "units", "vendors", "locations", "functions", "findings"]
    pages = [site / f"{name}.html" for name in names]
    pages += sorted(p for p in (site / "units").glob("*.html") if "Sottounità: " in read(p))
    assert len(pages) >= 6 + 5
    for page in pages:
        probe = page.with_name(f"probe-{page.name}")
        probe.write_text(read(page).replace("</body>", LAYOUT + "</body>"), encoding="utf-8")
        dom = open_in_chromium(probe.resolve().as_uri(), site.parent / "profile")
        probe.unlink()
        found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
        assert found and found.group(1), f"{page}: the measuring script did not run"
        result = json.loads(html.unescape(found.group(1)))
        assert result["scroll"] == 0, (page.name, result)
        assert result["wide"] == [], (page.name, result["wide"])
        assert all(size >= MIN_PX for size in result["smallest"]), (page.name, result)


def test_no_message_is_both_plain_and_plural() -> None:
    """gettext keeps one entry per id: ``_("error")`` and ``ngettext("error", "errors", n)``
    would share it, and one of them would fall back to English. (The site once had both.)"""
    from babel.messages.extract import extract_from_dir

    from boconf.i18n.extract import METHOD_MAP, OPTIONS_MAP, PACKAGE

    kinds: dict[str, set[bool]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), METHOD_MAP, OPTIONS_MAP
    ):
        singular = message[0] if isinstance(message, tuple) else message
        kinds.setdefault(singular, set()).add(isinstance(message, tuple))
    assert len(kinds) > 250
    assert sorted(key for key, seen in kinds.items() if len(seen) > 1) == []


def test_a_chart_filter_naming_nothing_is_refused_in_italian(example: Path) -> None:
    from boconf.rendering.views.common import ViewError, ViewFilter

    with i18n.using("it"):
        structure = check(example, settings_for(example, None, DAY)).lint.structure
        assert structure is not None
        with pytest.raises(ViewError) as unit:
            VIEWS["structure"](ViewContext(structure, ViewFilter(unit="zzzz")))
        with pytest.raises(ViewError) as root:
            VIEWS["reporting"](ViewContext(structure, ViewFilter(root="zzzz")))
    assert (
        str(unit.value)
        == "--unit: nessuna unità 'zzzz'. esegui 'boconf graph' per l’elenco degli id"
    )
    assert str(root.value) == (
        "--root: nessuna posizione 'zzzz'. indica l’id di una posizione (o un’unità con un "
        "responsabile)"
    )
