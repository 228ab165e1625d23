"""The guide in docs/ cannot drift from the code: every command and option, every field of
every kind and every diagnostic code is in it.

docs/cli.md is generated from the click commands (`BOCONF_UPDATE_GOLDEN=1 pytest
tests/test_docs_guide.py` rewrites it; look at the diff); the file format and the
troubleshooting page are written by hand and checked here against the models and the codes.
"""

from __future__ import annotations

import re

import click
from pydantic import BaseModel

from boconf.cli.main import cli
from boconf.diagnostics import Code
from boconf.model import entities, scenario
from boconf.model.settings import Settings
from tests.conftest import REPO
from tests.helpers import assert_golden

DOCS = REPO / "docs"
README_LIMIT = 12 * 1024


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def _option_row(parameter: click.Parameter) -> str:
    names = ", ".join(f"`{name}`" for name in [*parameter.opts, *parameter.secondary_opts])
    help_text = " ".join((getattr(parameter, "help", None) or "").split())
    if isinstance(parameter, click.Option) and parameter.show_default and parameter.default:
        help_text += f" (default: `{parameter.default}`)"
    if isinstance(parameter.type, click.Choice):
        help_text += " One of: " + ", ".join(f"`{choice}`" for choice in parameter.type.choices)
    escaped = help_text.replace("|", "\\|").strip()
    return f"| {names} | {escaped} |"


def render_cli_reference() -> str:
    lines = [
        "# Every command and option",
        "",
        "Generated from the commands themselves by `tests/test_docs_guide.py`",
        "(`BOCONF_UPDATE_GOLDEN=1 pytest tests/test_docs_guide.py` rewrites it); `make test`",
        "fails when it is stale. `boconf COMMAND --help` shows the same, with examples.",
        "",
    ]
    for path, command in _commands(cli, "boconf"):
        context = click.Context(command, info_name=path)
        usage = " ".join(command.collect_usage_pieces(context))
        summary = command.get_short_help_str(limit=300)
        lines += [f"## `{path}`", "", summary, "", "```text", f"{path} {usage}".rstrip(), "```", ""]
        options = [
            parameter
            for parameter in command.params
            if isinstance(parameter, click.Option) and not parameter.hidden
        ]
        if options:
            lines += ["| option | meaning |", "| --- | --- |"]
            lines += [_option_row(option) for option in options]
            lines.append("")
    return "\n".join(lines)


def test_the_command_reference_is_fresh() -> None:
    assert_golden(DOCS / "cli.md", render_cli_reference())


def test_the_command_reference_has_every_command_and_option() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = _commands(cli, "boconf")
    assert {"boconf check", "boconf init", "boconf import csv", "boconf move unit"} <= {
        path for path, _ in commands
    }
    for path, command in commands:
        section = text.split(f"## `{path}`\n", 1)[1].split("\n## ", 1)[0]
        for parameter in command.params:
            for option in parameter.opts if isinstance(parameter, click.Option) else []:
                assert f"`{option}`" in section, f"{path}: {option}"


def _fields(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _section(text: str, heading: str) -> str:
    return text.split(f"\n### {heading}\n", 1)[1].split("\n### ", 1)[0]


def test_the_file_format_names_every_field_of_every_kind() -> None:
    text = (DOCS / "files.md").read_text(encoding="utf-8")
    kinds: list[tuple[str, list[type[BaseModel]]]] = [
        ("`Organisation`", [entities.Organisation]),
        ("`Location`", [entities.Location]),
        ("`Vendor`", [entities.Vendor, entities.Contract]),
        ("`Unit`", [entities.Unit, entities.Allocation]),
        ("`Position`", [entities.Position, entities.PositionSpec, entities.PayBand]),
        ("`Person`", [entities.Person]),
        ("`lint` (on any entity)", [entities.Lint]),
        ("`Scenario` (in `scenarios/`)", [scenario.Scenario, scenario.Patch]),
        ("Settings (`.boconf.yaml`)", [Settings]),
    ]
    for heading, models in kinds:
        section = _section(text, heading)
        for model in models:
            for field in _fields(model):
                assert f"`{field}`" in section, f"{heading}: {model.__name__}.{field}"


def test_every_kind_of_the_models_has_its_section() -> None:
    text = (DOCS / "files.md").read_text(encoding="utf-8")
    kinds = {
        model.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
        for model in vars(entities).values()
        if isinstance(model, type) and issubclass(model, BaseModel) and "kind" in model.model_fields
    }
    assert kinds == {"Organisation", "Location", "Vendor", "Unit", "Position", "Person"}
    for kind in kinds:
        assert f"\n### `{kind}`\n" in text


def test_troubleshooting_explains_every_code() -> None:
    text = (DOCS / "troubleshooting.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (BO\d{3}) \| (.+) \|$", text, re.MULTILINE))
    assert set(rows) == {code.value for code in Code}
    for code, row in rows.items():
        what, todo = row.split(" | ")
        assert len(what) > 10 and len(todo) > 10, code


def test_the_overview_of_commands_lists_every_code() -> None:
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^\| (BO\d{3}) \|", text, re.MULTILINE)) == {c.value for c in Code}


def test_the_readme_is_a_five_minute_read() -> None:
    readme = REPO / "README.md"
    assert len(readme.read_bytes()) <= README_LIMIT
    text = readme.read_text(encoding="utf-8")
    # The two commands first, then the tour, then the links into the guide.
    assert text.index("make demo") < text.index("## A five-minute tour") < text.index("docs/")
    for needed in ("chromium", "fonts-dejavu-core", "fonts-liberation", "faketime"):
        assert needed in text
    for link in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (REPO / link).exists(), link


def test_every_link_in_the_guide_leads_somewhere() -> None:
    for page in [REPO / "README.md", *DOCS.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_the_guide_kept_the_figures_of_the_old_readme() -> None:
    """The reference moved out of the README: its figures must still be somewhere."""
    guide = "\n".join(path.read_text(encoding="utf-8") for path in DOCS.glob("*.md"))
    for figure in (
        "338,000",
        "5,767,600",
        "5,579,600",
        "47,971,255.33",
        "1,198.85",
        "DECC organogram",
        "4.4 s",
        "10.9 s",
        "1.36x to 1.57x",
        "2.67 FTE",
        "72,000",
        "20,000",
        "13,000 rows",
    ):
        assert figure in guide, figure


def test_the_index_links_every_page() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "README.md":
            assert f"]({page.name})" in index, page.name
