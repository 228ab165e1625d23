"""What a change costs: a new output format, or a new chart view, is its module and one line in
its registry (with the registry's import of the module); the commands and the tests that
iterate the registries take it up with nothing else edited.

Each test makes the change in a scratch copy of the repository and runs the copy's boconf and
the copy's own tests there (the copy first on PYTHONPATH), so no file of the repository is
touched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from boconf import load_organisation
from boconf.rendering.mermaid import escape

from .helpers import REPO, edit

LINES_FORMAT = '''"""`lines`: one line a finding (the change test's throwaway format)."""

from boconf.formats.report import Report, ReportOptions


def render(report: Report, options: ReportOptions) -> str:
    return "".join(f"{d.file}:{d.line}:{d.column}: {d.code}\\n" for d in report.diagnostics)
'''

UNIT_LIST_VIEW = '''"""`unit-list`: every unit, no lines between them (the change test's throwaway view)."""

from boconf.rendering.chart import Chart
from boconf.rendering.views.common import ViewContext, ViewSpec, select_units, unit_lines


def build(context: ViewContext) -> Chart:
    chart = Chart("Unit list", noun=("unit", "units"))
    for unit_id in select_units(context):
        lines = unit_lines(context.structure, unit_id)
        chart.add_node(f"unit:{unit_id}", lines, (), context.link("unit", unit_id), unit_id)
    return chart


VIEW = ViewSpec("unit-list", build, caption="Every unit of the organisation.", overview=9)
'''


def _scratch(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in ("boconf", "tests", "org"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
    env.pop("BOCONF_UPDATE_GOLDEN", None)
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def _added_lines(root: Path) -> list[str]:
    """The lines of the copy's boconf/ that the repository's does not have, by file."""
    added = []
    for path in sorted((root / "boconf").rglob("*.py")):
        relative = path.relative_to(root)
        original = REPO / relative
        before = original.read_text(encoding="utf-8").splitlines() if original.exists() else []
        added += [f"{relative}: {line}" for line in path.read_text().splitlines()
                  if line not in before]  # fmt: skip
    return added


def test_a_new_output_format_is_its_module_and_one_registry_line(tmp_path: Path) -> None:
    root = _scratch(tmp_path)
    formats = root / "boconf" / "formats"
    (formats / "lines_report.py").write_text(LINES_FORMAT, encoding="utf-8")
    edit(formats / "__init__.py", "from boconf.formats import github_report,",
          "from boconf.formats import lines_report\nfrom boconf.formats import github_report,")  # fmt: skip
    edit(formats / "__init__.py", '    "github": github_report.render,\n',
          '    "github": github_report.render,\n    "lines": lines_report.render,\n')  # fmt: skip
    assert len([a for a in _added_lines(root) if "lines_report.py" not in a]) == 2

    help_text = _run(root, "-m", "boconf", "check", "--help")
    assert help_text.returncode == 0, help_text.stderr
    assert "[github|json|lines|sarif|text]" in help_text.stdout
    tests = _run(
        root, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA",
        "tests/test_reports.py", "-k", "every_format_is_deterministic",
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout + tests.stderr
    # The registry's iteration ran the new format through the same checks as the others.
    assert "PASSED tests/test_reports.py::test_every_format_is_deterministic_and_names_every_finding[lines]" in tests.stdout  # fmt: skip
    assert "5 passed" in tests.stdout


def test_a_new_chart_view_is_its_module_and_one_registry_line(tmp_path: Path) -> None:
    root = _scratch(tmp_path)
    views = root / "boconf" / "rendering" / "views"
    (views / "unit_list.py").write_text(UNIT_LIST_VIEW, encoding="utf-8")
    edit(views / "registry.py", "    back_office,\n", "    back_office,\n    unit_list,\n")
    edit(views / "registry.py", "    support.VIEW,\n", "    support.VIEW,\n    unit_list.VIEW,\n")
    assert len([a for a in _added_lines(root) if "unit_list.py" not in a]) == 2

    help_text = _run(root, "-m", "boconf", "render", "--help")
    assert help_text.returncode == 0, help_text.stderr
    assert "unit-list" in help_text.stdout
    drawn = _run(
        root, "-m", "boconf", "render", "org", "--view", "unit-list", "--format", "mermaid"
    )
    assert drawn.returncode == 0, drawn.stderr
    # A box a unit, each unit of the example once.
    tree = load_organisation(REPO / "org").tree
    assert tree is not None
    assert drawn.stdout.startswith("%% Unit list (generated by boconf)\n")
    boxes = re.findall(r"^    n\d+\[\"([^<]*)<br/>", drawn.stdout, re.MULTILINE)
    assert sorted(boxes) == sorted(escape(unit.name) for unit in tree.units.values())
    # On the site plan: the overview (page "") has the view's chart, with its caption.
    plan = _run(root, "-c", (
        "from pathlib import Path\n"
        "from boconf.linting.check import check, settings_for\n"
        "from boconf.website.plan import plan_charts\n"
        "result = check(Path('org'), settings_for(Path('org'), None))\n"
        "for c in plan_charts(result.lint.structure, result.lint.overlay(), 'html'):\n"
        "    if c.page == '' and c.view == 'unit-list': print(c.path, '|', c.caption)\n"
    ))  # fmt: skip
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout == "charts/unit-list | Every unit of the organisation.\n"
