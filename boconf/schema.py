"""JSON Schemas generated from the models, for editors and other tools.

``boconf.schema.json`` accepts any boconf document, chosen by its ``kind``; one file per kind
sits beside it. The files are committed and checked for freshness in CI (``boconf schema
--check``). Validation itself uses pydantic: faster, and its errors carry positions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from boconf.model.documents import DOCUMENT_MODELS
from boconf.model.entities import Location, Organisation, Person, Position, Unit, Vendor
from boconf.model.names import COMBINED, SCENARIO, SCHEMA_BASE, SCHEMA_DIALECT, SETTINGS
from boconf.model.scenario import Scenario
from boconf.model.settings import Settings
from boconf.output import write_atomic

AnyDocument = Annotated[
    Union[Organisation, Location, Vendor, Unit, Position, Person],  # noqa: UP007 - a discriminated union
    Field(discriminator="kind"),
]


def _finish(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_BASE + name, "title": title, **schema}


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for the combined schema and each kind."""
    combined = TypeAdapter(AnyDocument).json_schema(by_alias=True)
    combined["description"] = (
        "Any boconf document (apiVersion boconf/v1), chosen by its 'kind': "
        + ", ".join(DOCUMENT_MODELS)
        + "."
    )
    result = {COMBINED: _finish(combined, COMBINED, "boconf document")}
    settings = Settings.model_json_schema()
    settings["description"] = (
        "boconf lint settings: .boconf.yaml, or [tool.boconf] in pyproject.toml."
    )
    result[SETTINGS] = _finish(settings, SETTINGS, "boconf settings")
    scenario = Scenario.model_json_schema(by_alias=True)
    scenario["description"] = (
        "A boconf what-if scenario: scenarios/<name>.yaml next to the organisation."
    )
    result[SCENARIO] = _finish(scenario, SCENARIO, "boconf scenario")
    for kind, model in DOCUMENT_MODELS.items():
        name = f"{kind.lower()}.schema.json"
        result[name] = _finish(model.model_json_schema(by_alias=True), name, f"boconf {kind}")
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def stale_files(directory: Path) -> list[str]:
    """Schema files in ``directory`` that are missing or differ from the models."""
    stale = []
    for name, schema in schemas().items():
        path = directory / name
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != render(schema):
            stale.append(name)
    return stale


def write(directory: Path) -> list[Path]:
    written = []
    for name, schema in schemas().items():
        path = directory / name
        write_atomic(path, render(schema).encode("utf-8"))  # raises OutputError
        written.append(path)
    return written
