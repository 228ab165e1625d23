"""pydantic errors -> diagnostics that name the entity, point at the YAML and say how to fix it.

Positions follow one rule: an unknown field points at its key, a wrong value at the value,
a missing field at the mapping that lacks it. A misspelt field (``titel``) is one mistake, so it
gives one diagnostic (unknown field, did you mean 'title'?) and not also "title is missing".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from boconf.diagnostics import NO_SUBJECT, Code, Subject
from boconf.model.entities import Allocation, Contract, PositionSpec
from boconf.util.suggest import closest
from boconf.validation.labels import PathPart, describe, subject_at

NESTED_MODELS: dict[str, type[BaseModel]] = {
    "positions": PositionSpec,
    "contracts": Contract,
    "sourcing": Allocation,
}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A problem in one document, before it gets a file position."""

    path: tuple[PathPart, ...]
    want: str  # "key" | "value"
    code: str
    message: str
    hint: str
    subject: Subject = NO_SUBJECT


def model_at(model: type[BaseModel], path: Sequence[PathPart]) -> type[BaseModel]:
    for part in path:
        if isinstance(part, str) and part in NESTED_MODELS:
            model = NESTED_MODELS[part]
    return model


def field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def field_description(model: type[BaseModel], name: str) -> str:
    for field_name, info in model.model_fields.items():
        if (info.alias or field_name) == name and info.description:
            return info.description
    return ""


def problems_from(
    error: ValidationError,
    model: type[BaseModel],
    kind: str,
    data: Any,
    document: int,
    label: str | None = None,
) -> list[FieldProblem]:
    """One problem per mistake; ``label`` names the document instead of its kind and id."""
    details = error.errors(include_url=False)
    # One mistake, one diagnostic: a misspelt field is reported as unknown, not also as missing.
    missing = {(tuple(d["loc"][:-1]), str(d["loc"][-1])) for d in details if d["type"] == "missing"}
    explained: set[tuple[tuple[PathPart, ...], str]] = set()
    problems: list[FieldProblem] = []
    for detail in details:
        if detail["type"] == "extra_forbidden":
            parent = tuple(detail["loc"][:-1])
            name = str(detail["loc"][-1])
            candidates = [m for (p, m) in missing if p == parent] or field_names(
                model_at(model, parent)
            )
            match = closest(name, candidates)
            if match is not None and (parent, match) in missing:
                explained.add((parent, match))
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "missing" and (loc[:-1], str(loc[-1])) in explained:
            continue
        problems.append(_problem(detail, loc, model, kind, data, document, label))
    return problems


def _problem(
    detail: ErrorDetails,
    loc: tuple[PathPart, ...],
    model: type[BaseModel],
    kind: str,
    data: Any,
    document: int,
    label: str | None,
) -> FieldProblem:
    error_type = detail["type"]
    name = str(loc[-1]) if loc else ""
    parent = loc[:-1]
    where = describe(kind, data, document, parent, label)
    field = describe(kind, data, document, loc, label)
    subject = NO_SUBJECT if label else subject_at(kind, data, loc)
    value = detail.get("input")
    context = detail.get("ctx") or {}
    owner = model_at(model, parent)

    if error_type == "extra_forbidden":
        allowed = field_names(owner)
        match = closest(name, allowed)
        hint = f"did you mean '{match}'?" if match else f"allowed fields: {', '.join(allowed)}"
        return FieldProblem(
            loc, "key", Code.UNKNOWN_FIELD, f"{where}: unknown field '{name}'", hint, subject
        )
    if error_type == "missing":
        about = field_description(owner, name)
        hint = f"add '{name}: ...'" + (f" ({about})" if about else "")
        return FieldProblem(
            loc[:-1],
            "value",
            Code.MISSING_FIELD,
            f"{where}: missing required field '{name}'",
            hint,
            subject,
        )
    about = field_description(owner, name)
    message, hint = _value_problem(error_type, detail["msg"], value, context, name, about)
    return FieldProblem(loc, "value", Code.INVALID_VALUE, f"{field}: {message}", hint, subject)


_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _value_problem(
    error_type: str, msg: str, value: Any, context: dict[str, Any], name: str, about: str
) -> tuple[str, str]:
    """The message and the hint for a wrong value; every branch gives a hint."""
    pydantic_says = msg[0].lower() + msg[1:]
    shown = "nothing (null)" if value is None else repr(value)
    if error_type in ("literal_error", "enum"):
        return _choice(value, str(context.get("expected", "")))
    if error_type == "string_pattern_mismatch":
        return _pattern(value, name)
    if error_type == "value_error":
        return msg.removeprefix("Value error, "), _code_hint(value, name)
    if error_type == "string_type":
        return f"expected text, got {_type_name(value)}", _quote_hint(name, value)
    if error_type.startswith("date_"):
        return (
            f"{shown} is not a date",
            "write a date as YYYY-MM-DD, e.g. 2027-06-30 (no quotes needed)",
        )
    if error_type == "list_type":
        return (
            f"expected a list, got {_type_name(value)}",
            f"write a list: '{name}: [a, b]' or one '- item' per line below '{name}:'",
        )
    if error_type in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"expected a mapping, got {_type_name(value)}",
            "write 'key: value' fields, indented below",
        )
    if error_type in ("too_short", "string_too_short"):
        return pydantic_says, "list at least one item"
    if error_type in ("too_long", "string_too_long"):
        return pydantic_says, "shorten it" + (f" ({about})" if about else "")
    if error_type.startswith("decimal_max") or error_type == "decimal_whole_digits":
        return f"{shown}: {pydantic_says}", "round it: money has at most 2 decimal places"
    if error_type.startswith("int_"):
        return f"{shown}: {pydantic_says}", "write a whole number, e.g. 3"
    if error_type.startswith(("decimal_", "float_", "greater_", "less_")):
        return f"{shown}: {pydantic_says}", about or "write a plain number, e.g. 1 or 0.5"
    return pydantic_says, about or "see this field in schemas/boconf.schema.json"


def _quote_hint(name: str, value: Any) -> str:
    if value is None:
        return f"write a value after '{name}:' or remove the field"
    if isinstance(value, list | dict):
        return "write plain text; quote it if it starts with '[' or '{'"
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f'quote the value: {name}: "{text}"'


def _choice(value: Any, expected: str) -> tuple[str, str]:
    options = [option.strip().strip("'") for option in expected.replace(" or ", ", ").split(",")]
    options = [option for option in options if option]
    hint = f"allowed values: {', '.join(options)}"
    if isinstance(value, str):
        match = closest(value, options)
        if match:
            hint = f"did you mean '{match}'? ({hint})"
    return f"{value!r} is not one of the allowed values", hint


def _pattern(value: Any, name: str) -> tuple[str, str]:
    if name == "country":
        return f"{value!r} is not an ISO 3166-1 alpha-2 country code", _code_hint(value, name)
    if name == "currency":
        return f"{value!r} is not an ISO 4217 currency code", _code_hint(value, name)
    return (
        f"{value!r} is not a valid id",
        "ids start with a letter or digit and use only letters, digits, '-', '_', '.', ':' "
        "(no spaces), e.g. credit-analyst",
    )


def _code_hint(value: Any, name: str) -> str:
    if name == "country":
        if isinstance(value, str) and len(value) == 2 and value.upper() != value:
            return f"country codes are upper case: did you mean '{value.upper()}'?"
        return "use the two-letter ISO code, e.g. IT, NO (Norway), PH, RO"
    if name == "currency":
        if isinstance(value, str) and len(value) == 3 and value.upper() != value:
            return f"currency codes are upper case: did you mean '{value.upper()}'?"
        return "use the three-letter ISO code, e.g. EUR, USD, NOK"
    return ""
