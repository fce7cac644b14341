"""The outcomes of a run (summary.json) and of a batch (one array per outcome).

Computed from running tallies in the state, so a sweep needs no trajectories to get them.
"""

from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import month_label
from sim.countries import COUNTRIES
from sim.events import Event
from sim.mechanisms.winsets import AGREEMENT_TYPES
from sim.state import WorldState

AGREEMENT_NAMES = np.array(AGREEMENT_TYPES, dtype=object)


def batch_outcomes(state: WorldState, start: str, months: int) -> dict[str, NDArray[Any]]:
    """Every outcome as an (R,) array, trust flattened as ``trust_final.<i>.<j>``."""
    first = state.first_summit_step
    labels = np.array([month_label(start, int(step)) for step in range(months + 1)], dtype=object)
    outcomes: dict[str, NDArray[Any]] = {
        "summit_held": state.summits > 0,
        "summits": state.summits.copy(),
        "first_summit_month": np.array(
            [labels[step] if step >= 0 else None for step in first], dtype=object
        ),
        "agreement_type": AGREEMENT_NAMES[state.best_agreement],
        "agreement_active_at_end": state.agreement > 0,
        "provocations": state.provocations.copy(),
        "prk_relief_need_final": state.relief_need.copy(),
        "mean_tension": state.tension_sum / months,
        "leadership_changes": state.leadership_changes.copy(),
        "summit_offers": state.offers.copy(),
        "summit_offers_accepted": state.offers_accepted.copy(),
        "prk_regime_security_final": state.security.copy(),
        "jpn_outreach_final": state.jpn_outreach.copy(),
        "chn_concern_final": state.chn_concern.copy(),
        "china_acts": state.china_acts.copy(),
        "russia_acts": state.russia_acts.copy(),
        "us_offer_revisions": state.us_sweetenings.copy(),
        "us_sanction_pushes": state.us_pushes.copy(),
        "kor_gestures": state.kor_gestures.copy(),
    }
    for i, truster in enumerate(COUNTRIES):
        for j, trustee in enumerate(COUNTRIES):
            if i != j:
                outcomes[f"trust_final.{truster}.{trustee}"] = state.trust[:, i, j].copy()
    return outcomes


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
    for key in ("summits", "summit_offers", "summit_offers_accepted"):
        summary[key] = int(outcomes[key][run])
    for key in ("prk_regime_security_final", "jpn_outreach_final", "chn_concern_final"):
        summary[key] = round(float(plain(outcomes[key][run])), 6)
    return summary
