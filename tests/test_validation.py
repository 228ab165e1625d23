"""Cross-file validation: references, functions, sourcing, contracts, support, reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from boconf import load_organisation

from .conftest import MINIMAL_ORG, Run


def codes(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = load_organisation(root)
    return [
        (d.file.rsplit("/", 1)[-1], d.line, d.column, d.code, d.message) for d in result.diagnostics
    ]


def test_unknown_function_suggests_and_accepts_declared_ones(org: Callable[..., Path]) -> None:
    typo = MINIMAL_ORG["units/it.yaml"].replace("function: it_support", "function: it_suport")
    assert codes(org(units__it_yaml=typo)) == [
        ("it.yaml", 6, 11, "BO035", "unit 'it' -> function: unknown function 'it_suport'")
    ]
    custom = MINIMAL_ORG["units/it.yaml"].replace("function: it_support", "function: treasury")
    declared = MINIMAL_ORG["organisation.yaml"] + "functions: [treasury]\n"
    assert codes(org(units__it_yaml=custom, organisation_yaml=declared)) == []


def test_contract_dates_and_services(org: Callable[..., Path]) -> None:
    vendor = (
        MINIMAL_ORG["vendors/helpco.yaml"]
        .replace("end: 2027-12-31", "end: 2024-12-31")
        .replace("services: [it_support]", "services: [it_support, helpdesk]")
    )
    assert codes(org(vendors__helpco_yaml=vendor)) == [
        (
            "helpco.yaml",
            8,
            28,
            "BO035",
            "contract 'helpco-desk' -> services[1]: unknown function 'helpdesk'",
        ),
        (
            "helpco.yaml",
            10,
            10,
            "BO034",
            "contract 'helpco-desk' -> end: 2024-12-31 is before the start, 2025-01-01",
        ),
    ]


def test_invalid_date(org: Callable[..., Path]) -> None:
    vendor = MINIMAL_ORG["vendors/helpco.yaml"].replace("start: 2025-01-01", "start: 2025-13-01")
    [(_, line, column, code, message)] = codes(org(vendors__helpco_yaml=vendor))
    assert (line, column, code) == (9, 12, "BO022")
    assert message == "contract 'helpco-desk' -> start: '2025-13-01' is not a date"


def test_allocation_contract_must_belong_to_its_vendor(org: Callable[..., Path]) -> None:
    other = """\
apiVersion: boconf/v1
kind: Vendor
id: otherco
name: Other Co
country: NO
contracts:
  - id: other-deal
    services: [it_support]
    start: 2025-01-01
    owner: it-head
"""
    unit = MINIMAL_ORG["units/it.yaml"].replace("contract: helpco-desk", "contract: other-deal")
    [(_, line, column, code, message)] = codes(org(vendors__other_yaml=other, units__it_yaml=unit))
    assert (line, column, code) == (17, 15, "BO034")
    assert message == (
        "unit 'it' -> sourcing[1].contract: 'other-deal' is a contract of vendor 'otherco', not of 'helpco'"
    )


def test_in_house_work_has_no_contract_and_allocations_are_not_repeated(
    org: Callable[..., Path],
) -> None:
    unit = MINIMAL_ORG["units/it.yaml"].replace(
        "    location: hq\n    share: 0.6\n",
        "    location: hq\n    share: 0.3\n    contract: helpco-desk\n"
        "  - provider: in_house\n    location: hq\n    share: 0.3\n",
    )
    assert [c[3] for c in codes(org(units__it_yaml=unit))] == ["BO034", "BO036"]


def test_supports_must_name_front_office_units(org: Callable[..., Path]) -> None:
    unit = MINIMAL_ORG["units/it.yaml"].replace(
        "supports: [sales]", "supports: [sales, exec, nowhere]"
    )
    assert codes(org(units__it_yaml=unit)) == [
        ("it.yaml", 9, 19, "BO037", "unit 'it' -> supports[1]: 'exec' is a back-office unit"),
        ("it.yaml", 9, 25, "BO031", "unit 'it' -> supports[2]: no unit 'nowhere'"),
    ]


def test_nested_position_cannot_name_another_unit(org: Callable[..., Path]) -> None:
    unit = MINIMAL_ORG["units/it.yaml"].replace(
        "    title: IT manager\n", "    title: IT manager\n    unit: sales\n"
    )
    [(_, line, column, code, _message)] = codes(org(units__it_yaml=unit))
    assert (line, column, code) == (21, 11, "BO036")


def test_standalone_position_without_a_unit_is_valid_and_left_to_lint(
    org: Callable[..., Path],
) -> None:
    # An HR export's employee without a department: valid, reported by BO115 at check time.
    alone = "apiVersion: boconf/v1\nkind: Position\nid: auditor\ntitle: Auditor\nreports_to: ceo\n"
    assert codes(org(auditor_yaml=alone)) == []
    placed = alone + "unit: exec\ndotted_to: [coo, cfo]\n"
    assert codes(org(auditor_yaml=placed)) == [
        ("auditor.yaml", 7, 18, "BO031", "position 'auditor' -> dotted_to[1]: no position 'cfo'")
    ]


def test_broken_unit_does_not_cascade_into_dangling_references(org: Callable[..., Path]) -> None:
    # The unit is invalid (bad office), so its positions are unknown; references to them
    # (the organisation's back_office_head, it-head's reports_to) are not reported again.
    unit = MINIMAL_ORG["units/exec.yaml"].replace("office: back", "office: middle")
    assert [c[3] for c in codes(org(units__exec_yaml=unit))] == ["BO022"]


def test_yaml_12_typing_keeps_norway_and_zeros(org: Callable[..., Path]) -> None:
    vendor = (
        MINIMAL_ORG["vendors/helpco.yaml"]
        .replace("country: PH", "country: NO")
        .replace("id: helpco\n", "id: helpco\ndescription: 0042\n")
    )
    root = org(vendors__helpco_yaml=vendor.replace("description: 0042", "description: '0042'"))
    tree = load_organisation(root).tree
    assert tree is not None and tree.vendors["helpco"].country == "NO"
    # unquoted 0042 stays the string '0042' (YAML 1.1 would read 34, YAML 1.2 core 42)
    tree = load_organisation(org(vendors__helpco_yaml=vendor)).tree
    assert tree is not None and tree.vendors["helpco"].description == "0042"


def test_country_and_currency_codes(org: Callable[..., Path]) -> None:
    location = (
        MINIMAL_ORG["locations.yaml"]
        .replace("country: IT", "country: it")
        .replace("country: RO", "country: XX")
    )
    organisation = MINIMAL_ORG["organisation.yaml"].replace("currency: EUR", "currency: EUX")
    result = load_organisation(org(locations_yaml=location, organisation_yaml=organisation))
    found = [(Path(d.file).name, d.line, d.hint) for d in result.diagnostics]
    assert found == [
        ("locations.yaml", 5, "country codes are upper case: did you mean 'IT'?"),
        ("locations.yaml", 14, "use the two-letter ISO code, e.g. IT, NO (Norway), PH, RO"),
        ("organisation.yaml", 6, "use the three-letter ISO code, e.g. EUR, USD, NOK"),
    ]


def test_diagnostics_are_sorted_deduplicated_and_counted(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    people = MINIMAL_ORG["people.yaml"].replace("name: Niccolò Bernardi", "nome: Niccolò")
    unit = MINIMAL_ORG["units/sales.yaml"].replace("office: front", "office: side")
    root = org(people_yaml=people, units__sales_yaml=unit)
    run = boconf("validate", "org", cwd=root.parent)
    assert run.code == 1
    assert run.lines == [
        "org/people.yaml:4:1: error[BO020]: person 'nicolo': unknown field 'nome'",
        "    hint: did you mean 'name'?",
        "",
        "org/units/sales.yaml:5:9: error[BO022]: unit 'sales' -> office: 'side' is not one of the allowed values",
        "    hint: allowed values: front, back",
        "",
        "org: 2 errors in 2 files (7 files, 10 documents)",
    ]
    as_json = boconf("validate", "org", "--format", "json", cwd=root.parent)
    records = json.loads(as_json.out)
    assert [list(record) for record in records] == [
        ["file", "line", "column", "code", "severity", "message", "hint", "subject", "target"]
    ] * 2
    assert records[0]["severity"] == "error"
    # The entity each is about, as data: nobody has to read it back out of the message.
    assert [record["subject"] for record in records] == [
        {"kind": "person", "id": "nicolo"},
        {"kind": "unit", "id": "sales"},
    ]
    assert [record["target"] for record in records] == [None, None]


def test_single_file_and_multi_document_streams(tmp_path: Path, boconf: Callable[..., Run]) -> None:
    stream = "---\n".join(MINIMAL_ORG[name] for name in sorted(MINIMAL_ORG))
    (tmp_path / "all.yaml").write_text(stream, encoding="utf-8")
    run = boconf("validate", "all.yaml", cwd=tmp_path)
    assert run.code == 0, run.out
    assert "10 documents" in run.out


def test_a_removed_id_is_not_answered_with_a_similar_one(org: Callable[..., Path]) -> None:
    # coo deleted: the organisation (its back-office head) and it-head still name it. Two
    # references to one missing id say "removed", not "did you mean 'ceo'?"; a lone typo
    # still gets its suggestion.
    exec_unit = MINIMAL_ORG["units/exec.yaml"].replace(
        "  - id: coo\n    title: Chief operating officer\n    reports_to: ceo\n", ""
    )
    typo = MINIMAL_ORG["units/sales.yaml"].replace("reports_to: ceo", "reports_to: ceo0", 1)
    result = load_organisation(org(units__exec_yaml=exec_unit, units__sales_yaml=typo))
    hints = {(d.file.rsplit("/", 1)[-1], d.line, d.message, d.hint) for d in result.diagnostics}
    removed = (
        "2 references name position 'coo' and none defines it: if it was removed, point each "
        "at what takes its place, or add it back"
    )
    dangling = [d for d in result.diagnostics if d.target.id == "coo"]
    assert {d.hint for d in dangling} == {removed}
    assert sorted((d.subject.kind, d.subject.id) for d in dangling) == [
        ("organisation", "acme"),
        ("position", "it-head"),
    ]
    [typo_found] = [h for h in hints if "ceo0" in h[2]]
    assert typo_found[3] == "did you mean 'ceo'?"


def test_reports_to_missing_is_only_for_a_post_without_reports_to(
    org: Callable[..., Path],
) -> None:
    # An import keeps a manager missing from its source as reports_to_missing; once the post
    # reports to a position of the organisation, the two together are a contradiction.
    sales = MINIMAL_ORG["units/sales.yaml"].replace(
        "    reports_to: sales-head\n",
        '    reports_to: sales-head\n    reports_to_missing: "00105227"\n',
    )
    assert codes(org(units__sales_yaml=sales)) == [
        (
            "sales.yaml",
            13,  # the position's list item
            5,
            "BO022",
            "position 'sales-rep': reports_to and reports_to_missing both given: remove "
            "reports_to_missing once the post reports to a position of the organisation",
        )
    ]
    alone = MINIMAL_ORG["units/sales.yaml"].replace(
        "    reports_to: sales-head\n", '    reports_to_missing: "00105227"\n'
    )
    assert codes(org(units__sales_yaml=alone)) == []  # valid: check reports it (BO102)
