"""Every kind of bad input gives exit 1 and a positioned diagnostic with a hint, never a traceback."""

from __future__ import annotations

import codecs
import json
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf import load_organisation

from .conftest import MINIMAL_ORG, Run


def diagnostics(run: Run) -> list[dict[str, object]]:
    records = json.loads(run.out)
    assert isinstance(records, list)
    return records


def only(run: Run) -> dict[str, object]:
    """The run's single diagnostic (one mistake gives one diagnostic)."""
    records = diagnostics(run)
    assert len(records) == 1, records
    return records[0]


def check(boconf: Callable[..., Run], root: Path) -> Run:
    run = boconf("validate", "org", "--format", "json", cwd=root.parent)
    assert run.code == 1, run.out + run.err
    return run


def test_yaml_syntax_error(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    broken = MINIMAL_ORG["units/sales.yaml"].replace("name: Vendite", "name: Vendite: nord")
    found = only(check(boconf, org(units__sales_yaml=broken)))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/units/sales.yaml",
        4,
        14,
        "BO003",
    )
    assert "quote" in str(found["hint"])


def test_duplicate_key_reports_both_lines(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    twice = MINIMAL_ORG["organisation.yaml"] + "name: Acme again\n"
    found = only(check(boconf, org(organisation_yaml=twice)))
    assert (found["line"], found["column"], found["code"]) == (8, 1, "BO004")
    assert found["message"] == "duplicate key 'name': already set on line 4"


def test_unknown_field_with_suggestion_is_one_diagnostic(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    typo = MINIMAL_ORG["units/it.yaml"].replace("    title: IT manager", "    titel: IT manager")
    found = only(check(boconf, org(units__it_yaml=typo)))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/units/it.yaml",
        20,
        5,
        "BO020",
    )
    assert found["message"] == "position 'it-head': unknown field 'titel'"
    assert found["hint"] == "did you mean 'title'?"


def test_unknown_field_without_close_match_lists_allowed(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    odd = MINIMAL_ORG["people.yaml"].replace("email:", "shoe_size: 43\nemail:")
    found = only(check(boconf, org(people_yaml=odd)))
    assert found["message"] == "person 'ilaria': unknown field 'shoe_size'"
    assert str(found["hint"]).startswith("allowed fields: apiVersion, kind, id, name, email")


def test_wrong_type(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    wrong = MINIMAL_ORG["units/sales.yaml"].replace("headcount: 3", "headcount: three")
    found = only(check(boconf, org(units__sales_yaml=wrong)))
    assert (found["line"], found["column"], found["code"]) == (16, 16, "BO022")
    assert str(found["message"]).startswith("position 'sales-rep' -> headcount: 'three'")


def test_number_where_text_expected_says_quote_it(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    wrong = MINIMAL_ORG["units/sales.yaml"].replace("name: Vendite", "name: 2024")
    found = only(check(boconf, org(units__sales_yaml=wrong)))
    assert found["message"] == "unit 'sales' -> name: expected text, got a number"
    assert found["hint"] == 'quote the value: name: "2024"'


def test_unknown_enum_value(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    wrong = MINIMAL_ORG["units/sales.yaml"].replace("office: front", "office: fornt")
    found = only(check(boconf, org(units__sales_yaml=wrong)))
    assert (found["line"], found["column"]) == (5, 9)
    assert found["hint"] == "did you mean 'front'? (allowed values: front, back)"


def test_dangling_reference_with_suggestion(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    wrong = MINIMAL_ORG["units/sales.yaml"].replace(
        "reports_to: sales-head", "reports_to: sales-haed"
    )
    found = only(check(boconf, org(units__sales_yaml=wrong)))
    assert (found["line"], found["column"], found["code"]) == (15, 17, "BO031")
    assert found["message"] == "position 'sales-rep' -> reports_to: no position 'sales-haed'"
    assert found["hint"] == "did you mean 'sales-head'?"


def test_same_id_in_two_files_names_both(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    copy = MINIMAL_ORG["people.yaml"].split("---\n")[0]
    found = only(check(boconf, org(more__people_yaml=copy)))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/people.yaml",
        3,
        5,
        "BO030",
    )
    assert found["message"] == (
        "person 'nicolo' is defined twice; first at org/more/people.yaml:3:5"
    )


@pytest.mark.parametrize(
    ("in_house", "vendor", "total", "hint"),
    [
        ("0.6", "0.3", "0.9", "add 0.1 to one of them, e.g. sourcing[1]: 0.3 -> 0.4"),
        ("0.6", "0.5", "1.1", "take 0.1 off one of them, e.g. sourcing[1]: 0.5 -> 0.4"),
        # The vendor's 0.4 cannot give up 0.4 and stay a share: the in-house 1 gives it up.
        ("1", "0.4", "1.4", "take 0.4 off one of them, e.g. sourcing[0]: 1 -> 0.6"),
    ],
)
def test_shares_not_summing_to_one(
    in_house: str,
    vendor: str,
    total: str,
    hint: str,
    org: Callable[..., Path],
    boconf: Callable[..., Run],
) -> None:
    wrong = (
        MINIMAL_ORG["units/it.yaml"]
        .replace("share: 0.6", f"share: {in_house}")
        .replace("share: 0.4", f"share: {vendor}")
    )
    found = only(check(boconf, org(units__it_yaml=wrong)))
    assert (found["line"], found["column"], found["code"]) == (10, 1, "BO033")
    assert found["message"] == f"unit 'it' -> sourcing: shares add up to {total}, not 1"
    assert found["hint"] == f"the shares add up to {total}; {hint}"


@pytest.mark.parametrize("count", [0, 2])
def test_not_exactly_one_organisation(
    count: int, org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    second = MINIMAL_ORG["organisation.yaml"].replace("id: acme", "id: acme-two")
    root = org(organisation_yaml=None) if count == 0 else org(organisation2_yaml=second)
    found = only(check(boconf, root))
    assert found["code"] == "BO032"
    if count == 0:  # on the directory: no file is at fault
        assert (found["file"], found["line"], found["column"]) == ("org", 1, 1)
        assert found["message"] == "no Organisation document among the 6 files under org"
    if count == 2:
        assert (found["file"], found["line"]) == ("org/organisation2.yaml", 2)
        assert "the first is 'acme' at org/organisation.yaml:2:7" in str(found["message"])


def test_python_tag_runs_nothing(
    org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    evil = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    found = only(check(boconf, org(evil_yaml=evil)))
    assert (found["line"], found["column"], found["code"]) == (1, 1, "BO006")
    assert "!!python/object/apply:os.system" in str(found["message"])
    assert not marker.exists()


def test_alias_bomb_is_refused_fast(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for number in range(1, 10):
        previous = chr(ord("a") + number - 1)
        name = chr(ord("a") + number)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    found = only(check(boconf, org(bomb_yaml="\n".join(levels) + "\n")))
    # A generous bound: the point is that nothing expands (expanding would take hours).
    assert time.perf_counter() - started < 5
    assert (found["line"], found["column"], found["code"]) == (2, 8, "BO005")


def test_binary_file(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    found = only(check(boconf, org(logo_yaml=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
    assert (found["file"], found["line"], found["code"]) == ("org/logo.yaml", 1, "BO002")


def test_non_utf8_file_points_at_the_byte(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    latin1 = (
        MINIMAL_ORG["people.yaml"]
        .encode("utf-8")
        .replace("Niccolò".encode(), "Niccolò".encode("latin-1"))
    )
    found = only(check(boconf, org(people_yaml=latin1)))
    assert (found["line"], found["column"], found["code"]) == (4, 13, "BO002")
    assert "iconv" in str(found["hint"])


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(content: str, org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    found = only(check(boconf, org(empty_yaml=content)))
    assert (found["file"], found["line"], found["code"]) == ("org/empty.yaml", 1, "BO008")


def test_document_that_is_a_list(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    found = only(check(boconf, org(list_yaml="- apiVersion: boconf/v1\n- kind: Unit\n")))
    assert (found["line"], found["code"]) == (1, "BO009")
    assert found["message"] == "document 1 is a list, not a mapping"


def test_deeply_nested_document_is_refused_without_crashing(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # libyaml's composer recurses in C: ~100k levels used to crash the interpreter.
    deep = "x: " + "[" * 200_000 + "]" * 200_000 + "\n"
    found = only(check(boconf, org(deep_yaml=deep)))
    assert (found["line"], found["code"]) == (1, "BO007")


def test_deep_block_nesting_is_refused(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    deep = "".join(" " * level + "a:\n" for level in range(100)) + " " * 100 + "b: 1\n"
    found = only(check(boconf, org(deep_yaml=deep)))
    assert found["code"] == "BO007"


def test_huge_file_is_refused_by_size_unread(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    huge = root / "huge.yaml"
    with huge.open("wb") as handle:  # sparse: 300 MB on paper, nothing on disk
        handle.truncate(300 * 1024 * 1024)
    found = only(check(boconf, root))
    assert (found["file"], found["line"], found["code"]) == ("org/huge.yaml", 1, "BO001")
    assert "314,572,800 bytes" in str(found["message"])


def test_wrong_api_version_and_unknown_kind(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    wrong = MINIMAL_ORG["people.yaml"].replace(
        "kind: Person\nid: nicolo", "kind: Persn\nid: nicolo"
    )
    wrong = wrong.replace(
        "apiVersion: boconf/v1\nkind: Person\nid: ilaria",
        "apiVersion: boconf/v2\nkind: Person\nid: ilaria",
    )
    root = org(people_yaml=wrong)
    run = check(boconf, root)
    found = diagnostics(run)
    # ilaria's and nicolo's positions are not reported as dangling: one mistake each.
    assert [(d["line"], d["code"]) for d in found] == [(2, "BO010"), (6, "BO022")]
    assert found[0]["hint"] == "did you mean 'Person'?"


def test_boconf_never_writes_to_the_org_directory(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org(bad_yaml="kind: [\n")

    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            str(path): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*"))
        }

    before = snapshot()
    check(boconf, root)
    boconf("validate", "org", cwd=root.parent)
    assert snapshot() == before
    assert not any(path.name.startswith(".") for path in root.iterdir())


def test_columns_are_counted_in_characters_not_bytes(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # The stray ';' is the 21st character of its line but its 24th byte (ò, Ü, ü take two).
    text = "apiVersion: boconf/v1\nkind: Person\nid: niccolo\nname: 'Niccolò Ürlü'; x\n"
    found = only(check(boconf, org(extra_yaml=text)))
    assert (found["line"], found["column"], found["code"]) == (4, 21, "BO003")


PERSON = "apiVersion: boconf/v1\nkind: Person\nid: ada\n"


@pytest.mark.parametrize(
    ("extra", "line", "column", "code", "message", "hint"),
    [
        ("name: Ada\n1: one\n", 5, 1, "BO020", "person 'ada': unknown field '1'", "allowed fields"),
        ("name: Ada\nnull: x\n", 5, 1, "BO020", "person 'ada': unknown field 'null'", "allowed"),
        ("name: true\n", 4, 7, "BO022", "expected text, got a boolean", 'name: "true"'),
        ("name: [Ada]\n", 4, 7, "BO022", "expected text, got a list", "quote it if it starts"),
        ("name:\n", 4, 6, "BO022", "expected text, got nothing", "write a value after 'name:'"),
        ('name: "A\x01da"\n', 4, 9, "BO003", "character U+0001 is not allowed", "control"),
        ("name: !!binary QUJD\n", 4, 7, "BO006", "tag '!!binary' is not allowed", "remove the tag"),
        ("name: !secret x\n", 4, 7, "BO006", "tag '!secret' is not allowed", "remove the tag"),
        (
            "name: Ada\n? [a, b]\n: x\n",
            5,
            3,
            "BO009",
            "a mapping key must be a plain value",
            "simple",
        ),
        ("\tname: Ada\n", 4, 1, "BO003", "a tab character, where", "indent with spaces, not"),
        (
            "name: Ada\nroles:\n  - \tboard\n",
            6,
            5,
            "BO003",
            "YAML syntax error: a tab character after '-', where YAML allows only spaces",
            "put a space after '-', not a tab",
        ),
        (
            "name: Ada\nroles:\n  -\tboard\n",
            6,
            4,
            "BO003",
            "YAML syntax error: a tab character after '-', where YAML allows only spaces",
            "put a space after '-', not a tab",
        ),
    ],
)
def test_odd_values_get_precise_messages_and_hints(
    extra: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str,
    org: Callable[..., Path],
    boconf: Callable[..., Run],
) -> None:
    found = only(check(boconf, org(ada_yaml=PERSON + extra)))
    assert (found["line"], found["column"], found["code"]) == (line, column, code)
    assert message in str(found["message"])
    assert hint in str(found["hint"])


# -- edge cases found by hand (issue 11, section 5) -----------------------------------------


def test_upper_case_extensions_are_read(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # Skipped, sales.YAML used to leave unit 'it' -> supports: [sales] dangling.
    root = org()
    (root / "units/sales.yaml").rename(root / "units/sales.YAML")
    (root / "vendors/helpco.yaml").rename(root / "vendors/helpco.Yml")
    run = boconf("validate", "org", "--format", "json", cwd=root.parent)
    assert (run.code, json.loads(run.out)) == (0, [])
    loaded = load_organisation(root)
    assert (loaded.files, sorted(loaded.tree.units) if loaded.tree else None) == (
        7,
        ["exec", "it", "sales"],
    )


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("UTF-16", lambda text: text.encode("utf-16")),  # little-endian, with its mark
        ("UTF-16", lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
        ("UTF-32", lambda text: text.encode("utf-32")),
    ],
)
def test_utf16_and_utf32_files_are_named_with_the_conversion(
    name: str,
    encode: Callable[[str], bytes],
    org: Callable[..., Path],
    boconf: Callable[..., Run],
) -> None:
    root = org(units__sales_yaml=encode(MINIMAL_ORG["units/sales.yaml"]))
    # One diagnostic: unit 'it' -> supports: [sales] is not reported as dangling, since the
    # file's ids are read through its encoding.
    found = only(check(boconf, root))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/units/sales.yaml",
        1,
        1,
        "BO002",
    )
    assert found["message"] == f"{name} text (it starts with a {name} byte-order mark), not UTF-8"
    command = (
        f"iconv -f {name} -t UTF-8 org/units/sales.yaml > org/units/sales.yaml.tmp"
        " && mv org/units/sales.yaml.tmp org/units/sales.yaml"
    )
    assert found["hint"] == f"boconf reads UTF-8; convert it: {command}"
    if shutil.which("iconv") is None:  # pragma: no cover - iconv is on every Linux and macOS
        return
    # The hint's command, run as given, mends the file.
    subprocess.run(command, shell=True, check=True, cwd=root.parent)
    assert boconf("validate", "org", cwd=root.parent).code == 0


def test_references_into_an_unreadable_file_name_it_instead_of_guessing(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # In flow style the UTF-16 file's ids cannot be picked out; a unit 'sales-ops' would
    # have been offered as "did you mean 'sales-ops'?" for the missing 'sales'.
    flow = (
        "{apiVersion: boconf/v1, kind: Unit, id: sales, name: Vendite, office: front,"
        " function: sales, parent: exec}\n"
    )
    decoy = MINIMAL_ORG["units/sales.yaml"].replace("id: sales", "id: sales-ops", 1)
    decoy = decoy.replace("sales-head", "ops-head").replace("sales-rep", "ops-rep")
    root = org(units__sales_yaml=flow.encode("utf-16"), units__ops_yaml=decoy)
    found = diagnostics(check(boconf, root))
    assert [(d["file"], d["line"], d["column"], d["code"]) for d in found] == [
        ("org/units/it.yaml", 9, 12, "BO031"),
        ("org/units/sales.yaml", 1, 1, "BO002"),
    ]
    assert found[0]["message"] == "unit 'it' -> supports[0]: no unit 'sales'"
    assert found[0]["hint"] == (
        "org/units/sales.yaml could not be read and may define it: fix that file first"
    )


def test_a_document_of_unknown_kind_hides_its_positions_too(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # Contract 'helpco-desk' -> owner: it-head used to be reported as dangling, with a guess.
    wrong = MINIMAL_ORG["units/it.yaml"].replace("kind: Unit", "kind: Unti")
    found = only(check(boconf, org(units__it_yaml=wrong)))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/units/it.yaml",
        2,
        7,
        "BO010",
    )
    assert (found["message"], found["hint"]) == ("unknown kind 'Unti'", "did you mean 'Unit'?")


def test_a_missing_organisation_does_not_make_its_functions_unknown(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    # The organisation declares 'treasury'; without it, unit 'it' used to get an
    # "unknown function 'treasury'" on top of the one real problem.
    custom = MINIMAL_ORG["units/it.yaml"].replace("function: it_support", "function: treasury")
    root = org(units__it_yaml=custom, organisation_yaml=None)
    found = only(check(boconf, root))
    assert (found["file"], found["line"], found["column"], found["code"]) == ("org", 1, 1, "BO032")
    assert found["hint"] == (
        "add a file (e.g. organisation.yaml) with kind: Organisation, id, name, "
        "headquarters, currency and back_office_head"
    )
    # An organisation that does not validate: its own error, and still no cascade.
    broken = MINIMAL_ORG["organisation.yaml"].replace("currency: EUR", "currency: euro")
    root = org(units__it_yaml=custom, organisation_yaml=broken + "functions: [treasury]\n")
    found = only(check(boconf, root))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/organisation.yaml",
        6,
        11,
        "BO022",
    )


def test_an_unreadable_organisation_file_may_hold_the_organisation(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org(organisation_yaml="apiVersion: boconf/v1\nkind: Organisation\nid: [acme\n")
    found = diagnostics(check(boconf, root))
    assert [(d["file"], d["line"], d["code"]) for d in found] == [
        ("org", 1, "BO032"),
        ("org/organisation.yaml", 4, "BO003"),
    ]
    assert found[0]["hint"] == (
        "org/organisation.yaml could not be read and may hold it: fix that file first"
    )


def test_a_dangling_symlink_is_a_broken_link(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    (root / "units/credit.yaml").symlink_to("../archive/credit.yaml")
    found = only(check(boconf, root))
    assert (found["file"], found["line"], found["column"], found["code"]) == (
        "org/units/credit.yaml",
        1,
        1,
        "BO012",
    )
    assert found["message"] == (
        "broken symbolic link: its target '../archive/credit.yaml' does not exist"
    )
    assert found["hint"] == "point the link at an existing file, or delete the link"


def test_a_symlink_loop_is_named(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    root = org()
    (root / "units/credit.yaml").symlink_to("credit.yaml")
    found = only(check(boconf, root))
    assert (found["file"], found["code"]) == ("org/units/credit.yaml", "BO012")
    assert found["message"] == "cannot read file: Too many levels of symbolic links"
    assert found["hint"] == (
        "a symbolic link points at itself, directly or through other links: fix it"
    )
