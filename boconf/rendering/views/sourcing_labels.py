"""Short sourcing badges: ``captive 60% · in-house 40%``."""

from __future__ import annotations

from boconf.graph.structure import OrgStructure
from boconf.i18n import N_, _
from boconf.model.entities import SourcingModel
from boconf.numbers import percent

MODEL_NAMES = {
    SourcingModel.IN_HOUSE: N_("in-house"),
    SourcingModel.CAPTIVE: N_("captive"),
    SourcingModel.OUTSOURCED: N_("outsourced"),
    SourcingModel.MIXED: N_("mixed"),
}


def badge(structure: OrgStructure, unit_id: str) -> str:
    mix = structure.sourcing_mix(unit_id)
    if len(mix) == 1:
        return _(MODEL_NAMES[next(iter(mix))])
    parts = sorted(mix.items(), key=lambda item: (-item[1], item[0].value))
    return " · ".join(f"{_(MODEL_NAMES[model])} {percent(share, 0)}" for model, share in parts)
