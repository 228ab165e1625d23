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
from boconf.i18n import DEFAULT_LANGUAGE, N_, _, active_language
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
            return _described(info.description)
    return ""


def _described(description: str) -> str:
    """A field's description in the active language; empty when it has no translation (the
    descriptions are the schema's English documentation: a hint does not switch language)."""
    translated = _(description)
    if translated == description and active_language() != DEFAULT_LANGUAGE:
        return ""
    return translated


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
        hint = (
            _("did you mean '{name}'?").format(name=match)
            if match
            else _("allowed fields: {fields}").format(fields=", ".join(allowed))
        )
        message = _("{where}: unknown field '{name}'").format(where=where, name=name)
        return FieldProblem(loc, "key", Code.UNKNOWN_FIELD, message, hint, subject)
    if error_type == "missing":
        about = field_description(owner, name)
        hint = (
            _("add '{name}: ...' ({about})").format(name=name, about=about)
            if about
            else _("add '{name}: ...'").format(name=name)
        )
        return FieldProblem(
            loc[:-1],
            "value",
            Code.MISSING_FIELD,
            _("{where}: missing required field '{name}'").format(where=where, name=name),
            hint,
            subject,
        )
    about = field_description(owner, name)
    message, hint = _value_problem(error_type, detail["msg"], value, context, name, about)
    return FieldProblem(loc, "value", Code.INVALID_VALUE, f"{field}: {message}", hint, subject)


_TYPE_NAMES = {
    bool: N_("a boolean"),
    int: N_("a number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("a mapping"),
}


def _type_name(value: Any) -> str:
    if value is None:
        return _("nothing (null)")
    name = _TYPE_NAMES.get(type(value))
    return _(name) if name else type(value).__name__


# pydantic's own message for an error type, as boconf words it for translation: with the
# English catalog (and for a type not listed) the user reads pydantic's text unchanged.
_PYDANTIC_SAYS = {
    "too_short": N_("at least {min_length} item(s) needed, found {actual_length}"),
    "string_too_short": N_("at least {min_length} character(s) needed"),
    "too_long": N_("at most {max_length} item(s) allowed, found {actual_length}"),
    "string_too_long": N_("at most {max_length} character(s) allowed"),
    "decimal_max_places": N_("at most {decimal_places} decimal place(s) allowed"),
    "decimal_max_digits": N_("at most {max_digits} digit(s) allowed in total"),
    "decimal_whole_digits": N_("at most {whole_digits} digit(s) allowed before the decimal point"),
    "int_parsing": N_("not a whole number"),
    "int_type": N_("not a whole number"),
    "int_from_float": N_("not a whole number: it has a fractional part"),
    "decimal_parsing": N_("not a number"),
    "decimal_type": N_("not a number"),
    "float_parsing": N_("not a number"),
    "float_type": N_("not a number"),
    "finite_number": N_("not a finite number"),
    "greater_than": N_("must be greater than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
}


def _pydantic_says(error_type: str, msg: str, context: dict[str, Any]) -> str:
    template = _PYDANTIC_SAYS.get(error_type)
    translated = _(template) if template else ""
    if not translated or translated == template:  # English: pydantic's own words
        return msg[0].lower() + msg[1:]
    try:
        return translated.format(**{key: str(value) for key, value in context.items()})
    except (KeyError, IndexError):  # a pydantic release with other context fields
        return msg[0].lower() + msg[1:]


def _value_problem(
    error_type: str, msg: str, value: Any, context: dict[str, Any], name: str, about: str
) -> tuple[str, str]:
    """The message and the hint for a wrong value; every branch gives a hint."""
    pydantic_says = _pydantic_says(error_type, msg, context)
    shown = _("nothing (null)") if value is None else repr(value)
    if error_type in ("literal_error", "enum"):
        return _choice(value, str(context.get("expected", "")))
    if error_type == "string_pattern_mismatch":
        return _pattern(value, name)
    if error_type == "value_error":
        return msg.removeprefix("Value error, "), _code_hint(value, name)
    if error_type == "string_type":
        return (
            _("expected text, got {type}").format(type=_type_name(value)),
            _quote_hint(name, value),
        )
    if error_type.startswith("date_"):
        return (
            _("{value} is not a date").format(value=shown),
            _("write a date as YYYY-MM-DD, e.g. 2027-06-30 (no quotes needed)"),
        )
    if error_type == "list_type":
        return (
            _("expected a list, got {type}").format(type=_type_name(value)),
            _("write a list: '{name}: [a, b]' or one '- item' per line below '{name}:'").format(
                name=name
            ),
        )
    if error_type in ("model_type", "dict_type", "model_attributes_type"):
        return (
            _("expected a mapping, got {type}").format(type=_type_name(value)),
            _("write 'key: value' fields, indented below"),
        )
    if error_type == "too_short":
        return pydantic_says, _("list at least one item")
    if error_type == "string_too_short":
        return pydantic_says, _("write some text here: it cannot be empty")
    if error_type in ("too_long", "string_too_long"):
        return pydantic_says, (
            _("shorten it ({about})").format(about=about) if about else _("shorten it")
        )
    if error_type.startswith("decimal_max") or error_type == "decimal_whole_digits":
        return f"{shown}: {pydantic_says}", _("round it: money has at most 2 decimal places")
    if error_type.startswith("int_"):
        return f"{shown}: {pydantic_says}", _("write a whole number, e.g. 3")
    if error_type.startswith(("decimal_", "float_", "greater_", "less_")):
        return f"{shown}: {pydantic_says}", about or _("write a plain number, e.g. 1 or 0.5")
    return pydantic_says, about or _("see this field in schemas/boconf.schema.json")


def _quote_hint(name: str, value: Any) -> str:
    if value is None:
        return _("write a value after '{name}:' or remove the field").format(name=name)
    if isinstance(value, list | dict):
        return _("write plain text; quote it if it starts with '[' or '{{'").format()
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return _('quote the value: {name}: "{text}"').format(name=name, text=text)


def _choice(value: Any, expected: str) -> tuple[str, str]:
    options = [option.strip().strip("'") for option in expected.replace(" or ", ", ").split(",")]
    options = [option for option in options if option]
    hint = _("allowed values: {values}").format(values=", ".join(options))
    if isinstance(value, str):
        match = closest(value, options)
        if match:
            hint = _("did you mean '{name}'? ({hint})").format(name=match, hint=hint)
    return _("{value} is not one of the allowed values").format(value=repr(value)), hint


def _pattern(value: Any, name: str) -> tuple[str, str]:
    if name == "country":
        message = _("{value} is not an ISO 3166-1 alpha-2 country code")
        return message.format(value=repr(value)), _code_hint(value, name)
    if name == "currency":
        message = _("{value} is not an ISO 4217 currency code")
        return message.format(value=repr(value)), _code_hint(value, name)
    return (
        _("{value} is not a valid id").format(value=repr(value)),
        _(
            "ids start with a letter or digit and use only letters, digits, '-', '_', '.', ':' "
            "(no spaces), e.g. credit-analyst"
        ),
    )


def _code_hint(value: Any, name: str) -> str:
    if name == "country":
        if isinstance(value, str) and len(value) == 2 and value.upper() != value:
            return _("country codes are upper case: did you mean '{code}'?").format(
                code=value.upper()
            )
        return _("use the two-letter ISO code, e.g. IT, NO (Norway), PH, RO")
    if name == "currency":
        if isinstance(value, str) and len(value) == 3 and value.upper() != value:
            return _("currency codes are upper case: did you mean '{code}'?").format(
                code=value.upper()
            )
        return _("use the three-letter ISO code, e.g. EUR, USD, NOK")
    return ""
