"""The outcomes of a run (summary.json) and of a batch (one array per outcome).

Computed from running tallies in the state, so a sweep needs no trajectories to get them.
"""

from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import month_label
from sim.countries import COUNTRIES
from sim.events import Event
from sim.measures import OUTCOMES, Span
from sim.state import WorldState


def batch_outcomes(state: WorldState, start: str, months: int) -> dict[str, NDArray[Any]]:
    """Every saved outcome (:data:`sim.measures.OUTCOMES`) as an (R,) array.

    Trust is flattened as ``trust_final.<i>.<j>``.
    """
    span = Span(start, months)
    return {m.name: m.value(state, span) for m in OUTCOMES if m.saved}


def run_summary(
    outcomes: dict[str, NDArray[Any]], run: int, events: list[Event], start: str
) -> dict[str, Any]:
    """summary.json of one run: docs/design.md's keys first, then the other outcomes."""

    def plain(value: Any) -> Any:
        return value.item() if isinstance(value, np.generic) else value

    summary: dict[str, Any] = {
        "summit_held": bool(outcomes["summit_held"][run]),
        "first_summit_month": outcomes["first_summit_month"][run],
        "agreement_type": str(outcomes["agreement_type"][run]),
        "agreement_active_at_end": bool(outcomes["agreement_active_at_end"][run]),
        "provocations": int(outcomes["provocations"][run]),
        "prk_relief_need_final": round(float(outcomes["prk_relief_need_final"][run]), 6),
        "trust_final": {
            i: {
                j: round(float(outcomes[f"trust_final.{i}.{j}"][run]), 6)
                for j in COUNTRIES
                if j != i
            }
            for i in COUNTRIES
        },
        "mean_tension": round(float(outcomes["mean_tension"][run]), 6),
        "leadership_changes": [
            {"country": e.actor, "month": month_label(start, e.step)}
            for e in events
            if e.type == "leadership_change"
        ],
    }
    counts = (
        "summits",
        "summit_offers",
        "summit_offers_accepted",
        "launches",
        "launches_short_range",
        "launches_intermediate_range",
        "launches_intercontinental",
        "nuclear_tests",
    )
    for key in counts:
        summary[key] = int(outcomes[key][run])
    for key in ("prk_regime_security_final", "jpn_outreach_final", "chn_concern_final"):
        summary[key] = round(float(plain(outcomes[key][run])), 6)
    return summary
