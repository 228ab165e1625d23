"""Short sourcing badges: ``captive 60% · in-house 40%``."""

from __future__ import annotations

from decimal import Decimal

from boconf.graph.structure import OrgStructure
from boconf.model.entities import SourcingModel

MODEL_NAMES = {
    SourcingModel.IN_HOUSE: "in-house",
    SourcingModel.CAPTIVE: "captive",
    SourcingModel.OUTSOURCED: "outsourced",
    SourcingModel.MIXED: "mixed",
}


def percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal(1))}%"


def badge(structure: OrgStructure, unit_id: str) -> str:
    mix = structure.sourcing_mix(unit_id)
    if len(mix) == 1:
        return MODEL_NAMES[next(iter(mix))]
    parts = sorted(mix.items(), key=lambda item: (-item[1], item[0].value))
    return " · ".join(f"{MODEL_NAMES[model]} {percent(share)}" for model, share in parts)
