"""Guessing a unit's function and office from its name, for data that has neither.

HR exports and catalogs name departments but say nothing of boconf's ``function`` and
``office``, which the model requires. The importer guesses them from keywords in the name,
onto the built-in taxonomy, and the office follows from the function (the front-office
functions face customers; everything else, the executive included, is back office). A name
that matches nothing gets ``general_management``: the least committal function, and one that
no lint rule reads as a claim about the unit's work. An admin corrects the guesses when
enriching the tree; the import's ``.boconf.yaml`` keeps the rules that depend on them off
until then.
"""

from __future__ import annotations

import re

from boconf.model.functions import FRONT_OFFICE_FUNCTIONS

FALLBACK_FUNCTION = "general_management"

# (function, keywords): the first entry with a keyword in the name wins, so the specific
# ("it support", "customer service", "payroll") come before the general ("support", "sales").
# A keyword is a whole word or a run of whole words of the lower-cased name.
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("payroll", ("payroll",)),
    ("customer_support", ("customer service", "customer support", "call centre", "call center")),
    ("account_management", ("account management", "key accounts", "accounts management")),
    ("business_development", ("business development", "partnerships")),
    (
        "it_support",
        (
            "it",
            "ict",
            "information technology",
            "technology",
            "helpdesk",
            "help desk",
            "service desk",
            "noc",
            "infrastructure",
            "engineering",
            "software",
            "development",
            "devops",
            "platform",
        ),
    ),
    ("data_management", ("data", "analytics", "business intelligence", "bi")),
    ("credit", ("credit", "collections", "receivables")),
    ("accounting", ("accounting", "accounts", "bookkeeping", "payables")),
    (
        "finance",
        (
            "finance",
            "financial",
            "treasury",
            "tax",
            "shareholder",
            "controlling",
            "investor relations",
        ),
    ),
    (
        "hr",
        (
            "human resources",
            "hr",
            "personnel",
            "people",
            "recruiting",
            "recruitment",
            "talent",
            "benefits",
            "training",
        ),
    ),
    ("procurement", ("purchasing", "procurement", "buying", "contracting", "sourcing")),
    ("legal", ("legal", "counsel", "contracts")),
    ("compliance", ("compliance", "audit")),
    ("risk", ("risk",)),
    ("security", ("security",)),
    ("facilities", ("facilities", "facility", "maintenance", "plant", "custodial", "estates")),
    ("marketing", ("marketing", "public relations", "communications", "pr", "brand")),
    ("trading", ("trading",)),
    ("sales", ("sales", "retail", "commercial", "box office")),
    (
        "operations",
        (
            "operations",
            "shipping",
            "logistics",
            "warehouse",
            "distribution",
            "manufacturing",
            "construction",
            "production",
            "supply chain",
        ),
    ),
    ("administration", ("administration", "admin", "office")),
    ("executive", ("executive", "president", "board", "ceo", "directorate", "direction")),
)

_WORDS = re.compile(r"[a-z0-9]+")


def guess_function(name: str) -> str:
    """The built-in function a unit called ``name`` most likely has."""
    padded = " " + " ".join(_WORDS.findall(name.lower())) + " "
    for function, keywords in KEYWORDS:
        if any(f" {keyword} " in padded for keyword in keywords):
            return function
    return FALLBACK_FUNCTION


def office_of(function: str) -> str:
    return "front" if function in FRONT_OFFICE_FUNCTIONS else "back"
