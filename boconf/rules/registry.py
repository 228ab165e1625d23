"""Every lint rule, registered explicitly: the order here is the order of ``boconf rules``."""

from __future__ import annotations

from typing import Any

from boconf.rules.back_office_outside_head_line import BackOfficeOutsideHeadLine
from boconf.rules.back_office_supports_nothing import BackOfficeSupportsNothing
from boconf.rules.back_office_unit_without_manager import BackOfficeUnitWithoutManager
from boconf.rules.base import Rule
from boconf.rules.contract_expired import ContractExpired
from boconf.rules.contract_expiring import ContractExpiring
from boconf.rules.contract_not_started import ContractNotStarted
from boconf.rules.contract_service_mismatch import ContractServiceMismatch
from boconf.rules.contract_without_end import ContractWithoutEnd
from boconf.rules.country_concentration import CountryConcentration
from boconf.rules.empty_unit import EmptyUnit
from boconf.rules.front_office_unsupported import FrontOfficeUnsupported
from boconf.rules.hierarchy_depth import HierarchyDepth
from boconf.rules.key_person_risk import KeyPersonRisk
from boconf.rules.manager_not_in_unit import ManagerNotInUnit
from boconf.rules.manager_outside_unit_line import ManagerOutsideUnitLine
from boconf.rules.missing_function import MissingFunction
from boconf.rules.multiple_roots import MultipleRoots
from boconf.rules.no_back_office_head import NoBackOfficeHead
from boconf.rules.notice_deadline import NoticeDeadline
from boconf.rules.office_function_mismatch import OfficeFunctionMismatch
from boconf.rules.orphan_position import OrphanPosition
from boconf.rules.outsourced_without_owner import OutsourcedWithoutOwner
from boconf.rules.overallocated_person import OverallocatedPerson
from boconf.rules.position_without_unit import PositionWithoutUnit
from boconf.rules.reporting_cycle import ReportingCycle
from boconf.rules.self_report import SelfReport
from boconf.rules.single_report_manager import SingleReportManager
from boconf.rules.sourcing_location_mismatch import SourcingLocationMismatch
from boconf.rules.span_of_control import SpanOfControl
from boconf.rules.unit_cycle import UnitCycle
from boconf.rules.unused_entity import UnusedEntity
from boconf.rules.unused_suppression import UnusedSuppression
from boconf.rules.vacant_manager import VacantManager
from boconf.rules.vendor_concentration import VendorConcentration

RULES: tuple[type[Rule[Any]], ...] = (
    ReportingCycle,
    MultipleRoots,
    OrphanPosition,
    SelfReport,
    UnitCycle,
    SpanOfControl,
    SingleReportManager,
    HierarchyDepth,
    VacantManager,
    ManagerOutsideUnitLine,
    EmptyUnit,
    OverallocatedPerson,
    UnusedEntity,
    ManagerNotInUnit,
    PositionWithoutUnit,
    BackOfficeUnitWithoutManager,
    NoBackOfficeHead,
    BackOfficeOutsideHeadLine,
    FrontOfficeUnsupported,
    BackOfficeSupportsNothing,
    MissingFunction,
    OutsourcedWithoutOwner,
    ContractExpired,
    ContractExpiring,
    ContractWithoutEnd,
    VendorConcentration,
    CountryConcentration,
    KeyPersonRisk,
    SourcingLocationMismatch,
    NoticeDeadline,
    ContractServiceMismatch,
    OfficeFunctionMismatch,
    ContractNotStarted,
    UnusedSuppression,
)

BY_CODE: dict[str, type[Rule[Any]]] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, type[Rule[Any]]] = {rule.name: rule for rule in RULES}


def find_rule(code_or_name: str) -> type[Rule[Any]] | None:
    """A rule by its code (BO101, case-insensitive) or its name (reporting-cycle)."""
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
