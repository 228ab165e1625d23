"""`boconf docs`: the static site (HTML and Markdown) for the example organisation and for one
whose every name tries to inject markup."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from boconf.cli import docs_cmd
from boconf.linting.check import check, settings_for
from boconf.load import load_organisation
from boconf.rendering.views.registry import OVERVIEW
from boconf.website import site_dot_sources
from boconf.website.markdown_output import escape as markdown_escape

from .conftest import MINIMAL_ORG, Run

DATE = "2026-11-26"
# Every kind of markup a name could carry: HTML, a script, quotes of both kinds, a comment
# end, CDATA and template delimiters, Markdown table, emphasis, code and link syntax, a line.
NASTY = (
    "<script>alert(1)</script> \"dq\" 'sq' --> ]]> {{ x }} {% y %} | *b* _i_ `c` "
    "[l](http://x.invalid) <img src=x onerror=alert(2)> & &amp;\nsecond line"
)
OWN_SCRIPT = '<script src="filter.js" defer>'
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML 1.2 double-quoted scalar


def nasty_files() -> dict[str, str]:
    """The minimal organisation with hostile text in every free-text field the site shows."""
    files = dict(MINIMAL_ORG)

    def swap(name: str, old: str, new: str) -> None:
        assert old in files[name], (name, old)
        files[name] = files[name].replace(old, new)

    swap("organisation.yaml", "name: Acme S.p.A.", f"name: {_yaml('Org ' + NASTY)}")
    swap(
        "organisation.yaml",
        "currency: EUR",
        f"currency: EUR\ndescription: {_yaml('About ' + NASTY)}",
    )
    swap("units/exec.yaml", "name: Direzione generale", f"name: {_yaml('Exec ' + NASTY)}")
    swap("units/exec.yaml", "function: executive", "function: executive\ntags: [a-b, c.d]")
    swap("units/it.yaml", "name: IT support", f"name: {_yaml('IT ' + NASTY)}")
    swap(
        "units/it.yaml",
        "supports: [sales]",
        f"supports: [sales]\ndescription: {_yaml('Desc ' + NASTY)}",
    )
    swap("units/sales.yaml", "title: Sales representative", f"title: {_yaml('Rep ' + NASTY)}")
    swap("people.yaml", "name: Niccolò Bernardi", f"name: {_yaml('Person ' + NASTY)}")
    swap("locations.yaml", "name: Sede di Milano", f"name: {_yaml('HQ ' + NASTY)}")
    swap("locations.yaml", "city: Manila", f"city: {_yaml('City ' + NASTY)}")
    swap("vendors/helpco.yaml", "name: HelpCo Inc.", f"name: {_yaml('Vendor ' + NASTY)}")
    return files


def write(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def nasty(tmp_path: Path) -> Path:
    return write(tmp_path / "nasty", nasty_files())


def build(
    boconf: Callable[..., Run], org: Path, out: Path, *extra: str, cwd: Path | None = None
) -> Run:
    run = boconf("docs", str(org), "-o", str(out), "--reference-date", DATE, *extra, cwd=cwd)
    assert run.code == 0, run.out + run.err
    return run


# -- what every page must be ------------------------------------------------------------


class StrictHTML(HTMLParser):
    """Fails on any unbalanced, misnested or self-closed non-void tag; collects ids and links."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        handlers = [name for name in values if name.startswith("on")]
        assert not handlers, f"{self.name}: <{tag}> with event handler {handlers}"
        if values.get("id"):
            assert values["id"] not in self.ids, f"{self.name}: duplicate id {values['id']}"
            self.ids.add(values["id"] or "")
        for attribute in ("href", "src"):
            if values.get(attribute):
                self.links.append(values[attribute] or "")
        if tag == "script":
            self.scripts.append(self.get_starttag_text() or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "svg" in self.stack:  # an inline chart: XML syntax, <path/> closes itself
            self.stack.append(tag)
            self.handle_starttag(tag, attrs)
            self.stack.pop()
            self.stack.pop()
            return
        assert tag in VOID, f"{self.name}: <{tag}/> is not a void element"
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"{self.name}: </{tag}> closes a void element"
        assert self.stack, f"{self.name}: </{tag}> closes nothing"
        opened = self.stack.pop()
        assert opened == tag, f"{self.name}: </{tag}> closes <{opened}> (line {self.getpos()[0]})"

    def finish(self) -> StrictHTML:
        self.close()
        assert not self.stack, f"{self.name}: unclosed {self.stack}"
        return self


def parse_site(site: Path) -> dict[Path, StrictHTML]:
    pages = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert text.startswith('<!DOCTYPE html>\n<html lang="en">'), page
        parser = StrictHTML(str(page.relative_to(site)))
        parser.feed(text)
        pages[page] = parser.finish()
    return pages


def check_links(site: Path, pages: dict[Path, StrictHTML]) -> int:
    """Every link is relative and lands on a file of the site (and on an id, for #anchors)."""
    ids = {page.resolve(): parser.ids for page, parser in pages.items()}
    checked = 0
    for page, parser in pages.items():
        for link in parser.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page}: absolute link {link}"
            assert not link.startswith("/"), f"{page}: absolute path {link}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page}: {link} -> {target} does not exist"
            assert site.resolve() in target.parents, f"{page}: {link} leaves the site"
            if parts.fragment:
                assert parts.fragment in ids[target], f"{page}: no #{parts.fragment} in {target}"
            checked += 1
    return checked


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# -- the example organisation -------------------------------------------------------------


def test_example_site_is_complete_valid_and_linked(
    boconf: Callable[..., Run], example: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    run = build(boconf, example, site)
    assert "pages" in run.err and "charts" in run.err
    tree = load_organisation(example).tree
    assert tree is not None
    assert {p.name for p in (site / "units").glob("*.html")} == {f"{u}.html" for u in tree.units}
    for name in ("index", "units", "vendors", "locations", "functions", "findings"):
        assert (site / f"{name}.html").is_file()
    assert (site / "style.css").read_text(encoding="utf-8").count("@media print") == 1

    pages = parse_site(site)
    assert len(pages) == len(tree.units) + 6
    assert check_links(site, pages) > 1000

    # Every chart the site would render is there, and each page shows its own.
    svgs = sorted(site.rglob("*.svg"))
    result = check(example, settings_for(example, None))
    assert len(svgs) == len(site_dot_sources(result))
    index = pages[site / "index.html"]
    shown = [link for link in index.links if link.endswith(".svg")]
    # Every overview view of the registry, but one drawn as a matrix: the example's support
    # relation crosses itself, and the overview shows it as a table, not a chart.
    assert {Path(link).stem for link in shown} == {
        spec.name for spec in OVERVIEW if not spec.matrix_as_table
    }
    assert '<section id="support">' in (site / "index.html").read_text(encoding="utf-8")
    desk = pages[site / "units" / "service-desk.html"]
    assert "../charts/units/service-desk.reporting.svg" in desk.links
    # Chart boxes link to unit pages, relative to the SVG file itself.
    structure = (site / "charts" / "structure.svg").read_text(encoding="utf-8")
    assert 'xlink:href="../units/service-desk.html"' in structure

    text = (site / "index.html").read_text(encoding="utf-8")
    assert "Ferro &amp; Lana S.p.A." in text
    # Nothing open, and the accepted exceptions are one click away, never hidden.
    assert (
        'Clean: no findings open; <a href="findings.html">5 accepted exceptions</a> with their '
        "reasons." in text
    )
    assert "EUR 188,000.00" in text  # the three contracts' annual cost
    assert "63.5%" in text  # back-office share of FTE
    page = (site / "units" / "service-desk.html").read_text(encoding="utf-8")
    for expected in (
        "Service desk lead",
        "BlueWave Outsourcing Inc.",
        "bluewave-service-desk-2024",
        "covers this unit&#39;s work",
        "Amministratore delegato (CEO)",
        "Chain of command",
    ):
        assert expected in page, expected
    # The service desk's cost as `boconf report cost` gives it (tests/test_cost.py recomputes
    # it by hand): 3 posts in Milano, 1 in Roma, BlueWave's contract; 338,000 in all.
    sourcing = page[page.index("<h2>Sourcing</h2>") : page.index("<h2>Contracts</h2>")]
    costs = re.findall(r"EUR ([\d,]+\.\d\d)", sourcing)
    assert costs == ["186,000.00", "56,000.00", "96,000.00", "338,000.00"]  # the last: total
    assert '2.67 <span class="sub">derived</span>' in sourcing
    assert "EUR 5,767,600.00" in text  # the organisation's total, as the cost report's
    vendors = (site / "vendors.html").read_text(encoding="utf-8")
    assert "2027-03-31" in vendors and "125 days" in vendors  # to the end of March 2027
    assert "open-ended" in vendors


def test_two_runs_are_byte_identical(
    boconf: Callable[..., Run], example: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "elsewhere" / "two"
    build(boconf, example, first)
    (tmp_path / "elsewhere").mkdir()
    # From another working directory, with a relative organisation path: nothing may depend on it.
    build(boconf, Path("../org"), second, cwd=tmp_path / "elsewhere")
    assert tree_hashes(first) == tree_hashes(second)
    for path in first.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg", ".css"):
            assert str(tmp_path) not in path.read_text(encoding="utf-8"), path


def test_markdown_site(boconf: Callable[..., Run], example: Path, tmp_path: Path) -> None:
    site = tmp_path / "md"
    build(boconf, example, site, "--format", "markdown")
    tree = load_organisation(example).tree
    assert tree is not None
    assert {p.name for p in (site / "units").glob("*.md")} == {f"{u}.md" for u in tree.units}
    for name in ("index", "units", "vendors", "locations", "functions", "findings"):
        assert (site / f"{name}.md").is_file()
    assert not list(site.rglob("*.svg")) and not list(site.rglob("*.html"))
    index = (site / "index.md").read_text(encoding="utf-8")
    # Mermaid has no tables: the support matrix is a Markdown table, the sourcing bars are left
    # out (the page lists the sourcing mix in tables).
    assert index.count("```mermaid") == 2
    assert "| Function | Back-office unit | [Key account](units/key-accounts.md) |" in index
    assert "# Ferro \\& Lana S.p.A." in index
    for page in site.rglob("*.md"):
        check_markdown(page)


def check_markdown(page: Path) -> None:
    """Tables keep their column count (no cell was injected) and fences are balanced; every
    relative link lands on a file."""
    lines = page.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("```") for line in lines) % 2 == 0, page
    columns: int | None = None
    for line in lines:
        if not line.startswith("|"):
            columns = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or cells
        assert cells == columns, f"{page}: {line}"
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", "\n".join(lines)):
        assert (page.parent / target).is_file(), f"{page}: {target}"


# -- hostile names --------------------------------------------------------------------------


def test_injected_names_stay_inert_in_html(
    boconf: Callable[..., Run], nasty: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(boconf, nasty, site)
    pages = parse_site(site)
    check_links(site, pages)
    for page, parser in pages.items():
        expected = [OWN_SCRIPT] if page.name == "units.html" and page.parent == site else []
        if "<svg" in page.read_text(encoding="utf-8"):  # a page with charts: the chart script
            up = "../" * (len(page.relative_to(site).parts) - 1)
            expected = [f'<script src="{up}charts.js" defer>']
        assert parser.scripts == expected, page
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            # Text such as `onerror=alert` may stay: only markup could run (the parser checks
            # that no element has an event handler).
            for raw in ("<script>alert", "<img src=x"):
                assert raw not in text, (path, raw)
    # The names are all there, escaped (one line: the newline is only whitespace in HTML).
    unit = (site / "units" / "sales.html").read_text(encoding="utf-8")
    assert "Rep &lt;script&gt;alert(1)&lt;/script&gt; &#34;dq&#34; &#39;sq&#39; --&gt;" in unit
    assert "{{ x }} {% y %} | *b*" in unit
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Overview · Org &lt;script&gt;" in index
    assert "About &lt;script&gt;" in index
    svg = (site / "charts" / "structure.svg").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg and "<script" not in svg


def test_injected_names_stay_inert_in_markdown(
    boconf: Callable[..., Run], nasty: Path, tmp_path: Path
) -> None:
    site = tmp_path / "md"
    build(boconf, nasty, site, "--format", "markdown")
    for page in site.rglob("*.md"):
        check_markdown(page)
        text = page.read_text(encoding="utf-8")
        # Escaped, `\<script` is text; only an unescaped `<` could open a tag.
        assert not re.search(r"(?<!\\)<(script|img|/script)", text), page
        assert "[l](http" not in text, page
    sales = (site / "units" / "sales.md").read_text(encoding="utf-8")
    row = next(line for line in sales.splitlines() if "Rep " in line)
    assert row.startswith("| ") and row.endswith(" |")
    assert "Rep \\<script\\>alert\\(1\\)\\</script\\> \"dq\" 'sq' --\\> \\]\\]\\>" in row
    assert "\\{\\{ x \\}\\} \\{% y %\\} \\| \\*b\\* \\_i\\_ \\`c\\`" in row
    assert "\\[l\\]\\(http://x.invalid\\)" in row and "\\& \\&amp; second line" in row
    index = (site / "index.md").read_text(encoding="utf-8")
    assert "#lt;script#gt;" in index  # Mermaid's own escaping inside the charts


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("<b>[l](u)</b>", "\\<b\\>\\[l\\]\\(u\\)\\</b\\>"),
        ("line\nnext\r\nlast", "line next last"),
        ("1. not a list", "1\\. not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("---", "\\---"),
        ("# not a heading", "\\# not a heading"),
        ("2.5 FTE", "2.5 FTE"),
        ("a-b", "a-b"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


# -- findings, costs ---------------------------------------------------------------------------


def test_findings_are_listed_and_linked(
    boconf: Callable[..., Run], org: Callable[..., Path], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(boconf, org(), site)
    findings = (site / "findings.html").read_text(encoding="utf-8")
    # Paths relative to the organisation directory, with line and column.
    assert "units/sales.yaml:8:10" in findings
    assert "organisation.yaml:7:19" in findings
    assert "front-office-unsupported" in findings and "BO204" in findings
    assert 'href="units/sales.html"' in findings  # the finding's unit
    assert 'href="units/exec.html#position-coo"' in findings  # a finding on a post
    assert 'href="locations.html#location-cluj"' in findings  # on a location
    sales = (site / "units" / "sales.html").read_text(encoding="utf-8")
    assert "BO109" in sales and "BO204" in sales and "BO202" not in sales
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<span class="num">1</span> error' in index
    assert '<span class="num">7</span> warnings' in index
    functions = (site / "functions.html").read_text(encoding="utf-8")
    assert "no unit does data_management" in functions
    assert "no unit does finance or credit" in functions
    charts = (site / "charts" / "support.svg").read_text(encoding="utf-8")
    assert "#d97706" in charts  # the findings overlay marks the unsupported sales unit


def test_missing_cost_data_is_said_not_shown_as_zero(
    boconf: Callable[..., Run], org: Callable[..., Path], tmp_path: Path
) -> None:
    no_costs = {
        "locations_yaml": MINIMAL_ORG["locations.yaml"]
        .replace("annual_cost_per_fte: 60000\n", "")
        .replace("annual_cost_per_fte: 25000\n", ""),
        "vendors__helpco_yaml": MINIMAL_ORG["vendors/helpco.yaml"].replace(
            "    annual_cost: 120000\n", ""
        ),
    }
    site = tmp_path / "none"
    build(boconf, org(**no_costs), site)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "No cost data" in index and "EUR 0.00" not in index
    assert "Contracts without an annual cost" in index

    partial = tmp_path / "partial"
    build(boconf, org(locations_yaml=no_costs["locations_yaml"]), partial)
    index = (partial / "index.html").read_text(encoding="utf-8")
    assert "Total per year of what is priced" in index
    assert "EUR 120,000.00" in index  # the contract
    assert "FTE of own staff work at locations without a cost per FTE" in index


# -- refusals and exit codes --------------------------------------------------------------------


def test_refuses_output_inside_the_organisation(
    boconf: Callable[..., Run], org: Callable[..., Path]
) -> None:
    root = org()
    before = tree_hashes(root)
    run = boconf("docs", str(root), "-o", str(root / "site"))
    assert run.code == 2
    assert "refusing to write inside the organisation directory" in run.err
    assert tree_hashes(root) == before


def test_invalid_organisation_exits_1_and_writes_nothing(
    boconf: Callable[..., Run], org: Callable[..., Path], tmp_path: Path
) -> None:
    root = org(units__it_yaml=MINIMAL_ORG["units/it.yaml"].replace("parent: exec", "parent: exc"))
    site = tmp_path / "site"
    run = boconf("docs", str(root), "-o", str(site))
    assert run.code == 1
    assert "error[BO031]" in run.out and "did you mean 'exec'?" in run.out
    assert "no site written" in run.err
    assert not site.exists()


def test_unwritable_output_is_a_usage_error(
    boconf: Callable[..., Run], org: Callable[..., Path], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert boconf("docs", str(org()), "-o", str(blocker)).code == 2
    run = boconf("docs", str(org()), "-o", str(blocker / "site"))
    assert run.code == 2
    assert "cannot write" in run.err


def test_no_renderer_fails_html_but_not_markdown(
    boconf: Callable[..., Run],
    org: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = boconf("docs", str(org()), "-o", str(tmp_path / "x"), "--dot", "/no/such/dot")
    assert missing.code == 2 and "/no/such/dot" in missing.err
    monkeypatch.setattr(docs_cmd, "find_renderers", lambda explicit=None: [])
    run = boconf("docs", str(org()), "-o", str(tmp_path / "html"))
    assert run.code == 2
    assert "pip install graphviz-pure" in run.err and "--format markdown" in run.err
    assert not (tmp_path / "html").exists()
    build(boconf, org(), tmp_path / "md", "--format", "markdown")
    assert "```mermaid" in (tmp_path / "md" / "index.md").read_text(encoding="utf-8")


def test_rebuild_removes_its_own_stale_files_only(
    boconf: Callable[..., Run], org: Callable[..., Path], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(boconf, org(), site)
    assert (site / "units" / "sales.html").is_file()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    renamed = MINIMAL_ORG["units/sales.yaml"].replace("id: sales\n", "id: vendite\n")
    root = org(units__sales_yaml=renamed.replace("function: sales", "function: sales"))
    # `it` supports `sales`: follow the rename there too.
    (root / "units" / "it.yaml").write_text(
        MINIMAL_ORG["units/it.yaml"].replace("supports: [sales]", "supports: [vendite]"),
        encoding="utf-8",
    )
    build(boconf, root, site)
    assert not (site / "units" / "sales.html").exists()
    assert (site / "units" / "vendite.html").is_file()
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_progress_bar_on_a_terminal_builds_the_same_site(
    boconf: Callable[..., Run],
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = tmp_path / "plain"
    build(boconf, example, plain)
    monkeypatch.setattr(docs_cmd.sys.stderr, "isatty", lambda: True)
    shown = tmp_path / "shown"
    run = build(boconf, example, shown)
    assert "Building the site" in run.err
    assert tree_hashes(plain) == tree_hashes(shown)


def test_an_identical_rebuild_writes_nothing(
    boconf: Callable[..., Run], org: Callable[..., Path], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert "files written" in build(boconf, org(), site).err
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    assert "no file changed" in build(boconf, org(), site).err
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()} == before


def test_findings_page_lists_the_accepted_exceptions_with_their_reasons(
    boconf: Callable[..., Run], example: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(boconf, example, site)
    page = (site / "findings.html").read_text(encoding="utf-8")
    # org/ is clean, with five suppressions: the page says so, and lists them.
    assert "Clean: no findings open; 5 accepted exceptions below." in page
    assert "<h2>Accepted exceptions (suppressed)</h2>" in page
    assert page.count('<tr class="finding-suppressed">') == 5
    row = page[page.index("units/sales-south.yaml:9:10") :]
    row = row[: row.index("</tr>")]
    assert "BO109</span> vacant-manager" in row
    assert "the commercial director covers the post ad interim" in row
    assert 'href="units/sales-south.html"' in row  # its subject, linked
    markdown = tmp_path / "md"
    build(boconf, example, markdown, "--format", "markdown")
    text = (markdown / "findings.md").read_text(encoding="utf-8")
    assert "## Accepted exceptions (suppressed)" in text
    assert (
        "| units/legal-compliance.yaml:16:9 | info | BO107 single-report-manager | position "
        "'legal-counsel' has a single direct report: 'compliance-officer' | a two-person legal "
        "team by design; counsel keeps the DPO separate | "
    ) in text
