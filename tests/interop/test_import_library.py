"""Small pieces of the importers: slugs, YAML scalars, function guesses, delimiters."""

from __future__ import annotations

import pytest

from boconf.interop.csv_source import sniff_delimiter
from boconf.interop.slugs import IdAllocator, as_id, slugify
from boconf.interop.unit_functions import KEYWORDS, guess_function, office_of
from boconf.interop.yaml_text import scalar
from boconf.model.functions import BUILTIN_FUNCTIONS


def test_slugs_and_ids() -> None:
    assert slugify("Human Resources") == "human-resources"
    assert slugify("Direção & Finanças") == "direcao-financas"
    assert slugify("!!!", "unit") == "unit"
    assert as_id("100") == "100" and as_id("E 100") == "e-100"
    ids = IdAllocator()
    assert [ids.claim("a"), ids.claim("a"), ids.claim("a")] == ["a", "a-2", "a-3"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Sales", "Sales"),
        ("100", '"100"'),
        ("no", '"no"'),
        ("a: b", '"a: b"'),
        ("Jérôme", "Jérôme"),
        ("x #y", '"x #y"'),
        ("-1", '"-1"'),
        ("", '""'),
    ],
)
def test_scalars_are_plain_only_when_safe(value: str, written: str) -> None:
    assert scalar(value) == written


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("IT Helpdesk", "it_support"),
        ("Human Resources", "hr"),
        ("Payroll", "payroll"),
        ("Control And Credit", "credit"),
        ("Shipping", "operations"),
        ("Executive", "executive"),
        ("Public Relations", "marketing"),
        ("Retail Sales", "sales"),
        ("Team A", "general_management"),
    ],
)
def test_functions_are_guessed_from_names(name: str, function: str) -> None:
    assert guess_function(name) == function


def test_every_guess_is_a_built_in_function() -> None:
    assert {function for function, _ in KEYWORDS} <= BUILTIN_FUNCTIONS
    assert office_of("sales") == "front" and office_of("executive") == "back"


def test_delimiter_is_sniffed_from_the_header() -> None:
    assert sniff_delimiter("a;b;c") == ";" and sniff_delimiter("a\tb") == "\t"
    assert sniff_delimiter("single") == ","
