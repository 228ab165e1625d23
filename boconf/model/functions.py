"""The built-in function taxonomy: the kinds of work a unit does.

Drawn from the source text: a back office typically holds administrative and office services,
technology support (IT), data management, credit (receivables), personnel (HR) and facilities;
the front office faces customers (sales, customer support). An organisation adds its own
functions with ``Organisation.functions``.
"""

from __future__ import annotations

BACK_OFFICE_FUNCTIONS: tuple[str, ...] = (
    "administration",
    "office_services",
    "it_support",
    "data_management",
    "credit",
    "finance",
    "accounting",
    "payroll",
    "hr",
    "facilities",
    "procurement",
    "legal",
    "compliance",
    "risk",
    "operations",
    "security",
)

FRONT_OFFICE_FUNCTIONS: tuple[str, ...] = (
    "sales",
    "customer_support",
    "marketing",
    "account_management",
    "business_development",
    "trading",
)

# Units that hold the whole (a general management, an executive office) have no single function.
GENERAL_FUNCTIONS: tuple[str, ...] = ("executive", "general_management")

BUILTIN_FUNCTIONS: frozenset[str] = frozenset(
    BACK_OFFICE_FUNCTIONS + FRONT_OFFICE_FUNCTIONS + GENERAL_FUNCTIONS
)
