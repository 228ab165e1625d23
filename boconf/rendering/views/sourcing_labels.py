"""Short sourcing badges: ``captive 60% · in-house 40%``."""

from __future__ import annotations

from boconf.graph.structure import OrgStructure
from boconf.model.entities import SourcingModel
from boconf.numbers import percent

MODEL_NAMES = {
    SourcingModel.IN_HOUSE: "in-house",
    SourcingModel.CAPTIVE: "captive",
    SourcingModel.OUTSOURCED: "outsourced",
    SourcingModel.MIXED: "mixed",
}


def badge(structure: OrgStructure, unit_id: str) -> str:
    mix = structure.sourcing_mix(unit_id)
    if len(mix) == 1:
        return MODEL_NAMES[next(iter(mix))]
    parts = sorted(mix.items(), key=lambda item: (-item[1], item[0].value))
    return " · ".join(f"{MODEL_NAMES[model]} {percent(share, 0)}" for model, share in parts)
