"""Generate a synthetic, valid organisation of N positions for benchmarks.

About N/10 units (ten positions each, managers first) and about N/100 files (ten units per
file, with the people who hold their posts), plus one file with the organisation, locations
and vendors. Every field kind is used: nested and standalone positions, dotted lines,
vacancies, headcount, FTE, sourcing mixes with vendor contracts, support relations, tags.
The same seed gives byte-identical files.

    python benchmarks/make_org.py --positions 10000 --out /tmp/org10k
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

BACK = [
    "administration",
    "it_support",
    "data_management",
    "credit",
    "finance",
    "hr",
    "facilities",
    "procurement",
]
FRONT = ["sales", "customer_support", "marketing"]
LOCATIONS = [
    ("hq", "Headquarters", "IT", "Milano", "headquarters", 62000),
    ("rome", "Rome office", "IT", "Roma", "office", 58000),
    ("oslo", "Oslo office", "NO", "Oslo", "office", 90000),
    ("cluj", "Cluj captive centre", "RO", "Cluj-Napoca", "remote_centre", 26000),
    ("manila", "Vendor site Manila", "PH", "Manila", "vendor_site", 18000),
]
UNITS_PER_FILE = 10
POSITIONS_PER_UNIT = 10
HEADER = "# yaml-language-server: $schema=../schemas/boconf.schema.json\n"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def organisation_file() -> str:
    docs = [
        "apiVersion: boconf/v1\nkind: Organisation\nid: synthetic\nname: Synthetic S.p.A.\n"
        "headquarters: hq\ncurrency: EUR\nback_office_head: u0-p1\nfunctions: [treasury]\n"
    ]
    for identifier, name, country, city, kind, cost in LOCATIONS:
        docs.append(
            f"apiVersion: boconf/v1\nkind: Location\nid: {identifier}\nname: {name}\n"
            f"country: {country}\ncity: {city}\ntype: {kind}\nannual_cost_per_fte: {cost}\n"
        )
    docs.append(
        "apiVersion: boconf/v1\nkind: Vendor\nid: acme-services\nname: Acme Services Inc.\n"
        "country: PH\ncontracts:\n"
        f"  - id: acme-it\n    services: [{', '.join(BACK)}]\n    start: 2024-01-01\n"
        "    end: 2027-12-31\n    notice_days: 90\n    annual_cost: 1250000.50\n    owner: u0-p1\n"
        "  - id: acme-payroll\n    services: [hr, finance]\n    start: 2025-03-01\n"
        "    notice_days: 180\n    annual_cost: 480000\n    owner: u0-p1\n"
    )
    return HEADER + "---\n".join(docs)


# Level-1 units (children of the executive unit u0) fix the office of everything below them.
# The first back-office ones do the functions every front-office unit needs from them.
LEVEL1_BACK_FUNCTIONS = {
    1: "administration",
    2: "credit",
    4: "it_support",
    5: "hr",
    7: "finance",
    8: "data_management",
}
LEVEL1_FRONT = (3, 6, 9)


def office_of(index: int) -> bool:
    """True for the back office: decided by the unit's level-1 ancestor."""
    while index > 10:
        index = (index - 1) // 10
    return index not in LEVEL1_FRONT  # u0, the executive unit, counts as back office


def unit_document(rng: random.Random, index: int, units: int) -> tuple[str, list[str]]:
    """One unit with its nested positions, and the people who hold them.

    A realistic, mostly lint-clean shape: the COO (u0-p1) is the back-office head and every
    back-office line rolls up to it; managers have a deputy who leads the team, so spans stay
    under 12; level-1 back-office units support the level-1 front-office units (and with them
    everything below); the vendor contract covers every back-office function.
    """
    uid = f"u{index}"
    parent = None if index == 0 else f"u{(index - 1) // 10}"
    back = office_of(index)
    if index == 0:
        function = "executive"
    elif index in LEVEL1_BACK_FUNCTIONS:
        function = LEVEL1_BACK_FUNCTIONS[index]
    else:
        function = rng.choice(BACK if back else FRONT)
    lines = [
        "apiVersion: boconf/v1",
        "kind: Unit",
        f"id: {uid}",
        f"name: {_q(f'Unità {index} — {function}')}",
        f"office: {'back' if back else 'front'}",
        f"function: {function}",
    ]
    if parent:
        lines.append(f"parent: {parent}")
    lines.append(f"manager: {uid}-p0")
    if index % 7 == 0:
        lines.append(f"location: {rng.choice(['hq', 'rome', 'oslo'])}")
    if index in LEVEL1_BACK_FUNCTIONS:
        lines.append(f"supports: [{', '.join(f'u{t}' for t in LEVEL1_FRONT if t < units)}]")
    elif back and index > 0:
        candidates = (rng.randrange(1, units) for _ in range(12))
        targets = sorted({f"u{t}" for t in candidates if not office_of(t)})[:3] or [
            f"u{LEVEL1_FRONT[0]}"
        ]
        if targets:
            lines.append(f"supports: [{', '.join(targets)}]")
    if back and index % 4 == 1:
        lines += [
            "sourcing:",
            # No location: the unit's own (perhaps inherited), where its posts without a
            # location of their own work (BO214 checks the allocations name those places).
            "  - provider: in_house",
            "    share: 0.5",
            "  - provider: in_house",
            "    location: cluj",
            "    share: 0.2",
            "  - provider: acme-services",
            "    location: manila",
            "    share: 0.3",
            "    contract: acme-it",
        ]
    if index % 5 == 0:
        lines.append(f"description: {_q(f'Unit {index}: back-office work, «quoted» & escaped')}")
        lines.append("tags: [synthetic, bench]")
    lines.append("positions:")
    people: list[str] = []
    for number in range(POSITIONS_PER_UNIT):
        pid = f"{uid}-p{number}"
        lines.append(f"  - id: {pid}")
        lines.append(
            f"    title: {_q('Head of ' + uid if number == 0 else f'Specialist {number}')}"
        )
        if number == 0:
            if parent == "u0" and back:
                lines.append("    reports_to: u0-p1")  # back-office heads report to the COO
            elif parent:
                lines.append(f"    reports_to: {parent}-p0")
        elif number in (1, 2):
            lines.append(f"    reports_to: {uid}-p0")
        else:
            lines.append(f"    reports_to: {uid}-p1")
        if number == 2 and parent:
            lines.append(f"    dotted_to: [{parent}-p1]")
        if number < 2 or rng.random() < 0.9:
            person = f"person-{index}-{number}"
            lines.append(f"    holder: {person}")
            people.append(
                f"apiVersion: boconf/v1\nkind: Person\nid: {person}\nname: {_q(f'Persona {index}.{number}')}\n"
            )
        if number == 9:
            lines.append("    headcount: 3")
        if number == 8:
            lines.append("    fte: 0.5")
        if number == 7 and index % 4 == 1:
            lines.append("    location: cluj")
    return "\n".join(lines) + "\n", people


def generate(positions: int, out: Path, seed: int = 42) -> int:
    rng = random.Random(seed)
    units = max(1, positions // POSITIONS_PER_UNIT)
    out.mkdir(parents=True, exist_ok=True)
    (out / "organisation.yaml").write_text(organisation_file(), encoding="utf-8")
    files = 1
    for start in range(0, units, UNITS_PER_FILE):
        docs: list[str] = []
        for index in range(start, min(units, start + UNITS_PER_FILE)):
            unit, people = unit_document(rng, index, units)
            docs.append(unit)
            docs.extend(people)
        name = out / "units" / f"units-{start // UNITS_PER_FILE:05d}.yaml"
        name.parent.mkdir(exist_ok=True)
        name.write_text(HEADER.replace("../", "../../") + "---\n".join(docs), encoding="utf-8")
        files += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    files = generate(args.positions, args.out, args.seed)
    print(f"wrote {files} files with {args.positions} positions to {args.out}")


if __name__ == "__main__":
    main()
