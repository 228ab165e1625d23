"""BO207 outsourced-without-owner."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import IN_HOUSE, SourcingModel
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions


class OutsourcedWithoutOwner(Rule[RuleOptions]):
    """Outsourced or captive work with nobody inside accountable for it.

    ## What it checks
    Reports work done outside the headquarters' own staff that no one inside answers for:

    - a `sourcing` allocation to a vendor without a `contract`, at its `provider`;
    - a vendor allocation whose contract's `owner` post is vacant, at its `contract`;
    - a unit with captive work (an in-house allocation at a remote centre or another site
      of the captive kind, or no `sourcing` while the unit itself is located there) whose
      `manager` is vacant (at `manager`) or missing (at `id`).

    ## Why it matters
    Moving back-office work to a vendor or to a remote own centre saves money only if
    someone inside manages it: the contract owner follows the vendor's service, costs and
    renewals; the manager of a captive centre runs it from afar. Without them, problems
    surface only when the front office feels them, and contracts renew or lapse unnoticed.

    ## How to fix
    Give every vendor allocation its `contract:` and make sure the contract's `owner` post
    is held; appoint (or add) the manager of a unit with captive work.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: it
    office: back
    function: it_support
    manager: it-head
    sourcing:
      - {provider: in_house, location: hq, share: 0.6}
      - {provider: helpco, location: manila, share: 0.4}   # no contract
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: it
    office: back
    function: it_support
    manager: it-head
    sourcing:
      - {provider: in_house, location: hq, share: 0.6}
      - {provider: helpco, location: manila, share: 0.4, contract: helpco-desk}
    # vendors/helpco.yaml: contract helpco-desk, owner: it-head (held by ilaria)
    ```
    """

    code = "BO207"
    name = "outsourced-without-owner"
    severity = Severity.ERROR
    summary = N_("Outsourced or captive work with nobody inside accountable for it.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        positions = tree.positions
        locations = context.structure.unit_locations
        for unit_id, unit in sorted(tree.units.items()):
            captive: str | None = None
            if not unit.sourcing:
                where = locations[unit_id]
                if tree.allocation_model(unit_id, IN_HOUSE, where) is SourcingModel.CAPTIVE:
                    captive = where
            for index, allocation in enumerate(unit.sourcing or ()):
                provider = allocation.provider
                if provider == IN_HOUSE:
                    where = allocation.location or locations[unit_id]
                    model = tree.allocation_model(unit_id, IN_HOUSE, where)
                    if captive is None and model is SourcingModel.CAPTIVE:
                        captive = where
                    continue
                if allocation.contract is None:
                    yield Finding(
                        UNIT,
                        unit_id,
                        _(
                            "unit '{unit}' outsources work to vendor '{vendor}' without a contract"
                        ).format(unit=unit_id, vendor=provider),
                        _(
                            "set 'contract:' to the vendor's contract; its owner answers for the "
                            "vendor"
                        ),
                        ("sourcing", index, "provider"),
                    )
                    continue
                owner = tree.contracts[allocation.contract].owner
                if positions[owner].holder is None:
                    yield Finding(
                        UNIT,
                        unit_id,
                        _(
                            "unit '{unit}' outsources work to vendor '{vendor}' under "
                            "contract '{contract}', whose owner '{owner}' is vacant"
                        ).format(
                            unit=unit_id, vendor=provider, contract=allocation.contract, owner=owner
                        ),
                        _(
                            "appoint someone to '{owner}', or make a held post the contract's owner"
                        ).format(owner=owner),
                        ("sourcing", index, "contract"),
                    )
            if captive is None:
                continue
            if unit.manager is None:
                yield Finding(
                    UNIT,
                    unit_id,
                    _("unit '{unit}' has captive work at '{location}' but no manager").format(
                        unit=unit_id, location=captive
                    ),
                    _("set 'manager:' to the position that runs the captive work"),
                    ("id",),
                )
            elif positions[unit.manager].holder is None:
                yield Finding(
                    UNIT,
                    unit_id,
                    _(
                        "unit '{unit}' has captive work at '{location}' and its manager "
                        "'{manager}' is vacant"
                    ).format(unit=unit_id, location=captive, manager=unit.manager),
                    _("appoint someone to '{manager}'").format(manager=unit.manager),
                    ("manager",),
                )
