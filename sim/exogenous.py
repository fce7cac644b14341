"""What the scenario's calendar and shocks do in their month (MODEL.md: exogenous inputs).

Calendar entries are logged as ``calendar`` events (a military exercise also adds its Goldstein
weight to the month's tension); shocks set rice prices and tariffs, decide the US–Japan trade
negotiation (mechanism 7), and change leaders.
"""

from typing import TYPE_CHECKING

import numpy as np

from sim.countries import JPN, USA
from sim.mechanisms.tension import GOLDSTEIN
from sim.mechanisms.trust import update_belief

if TYPE_CHECKING:
    from sim.model import DiplomacyModel

TARIFF_CUT_BY_A_DEAL = 0.6
"""A trade agreement keeps 60% of the tariff burden (25% on cars became 15%, July 2025)."""
TARIFF_AFTER_FAILURE = 0.8
"""A failed negotiation leaves at least this tariff burden (the threatened 25% stays)."""


def apply_inputs(m: "DiplomacyModel") -> None:
    """Apply the month's calendar entries and shocks to every run."""
    s, inputs, t = m.state, m.inputs, m.t
    for kind, label in inputs.notes:
        if kind not in ("trade_deal", "leadership_change"):
            m.log.emit(t, "calendar", "", "", True, label, weight=GOLDSTEIN.get(kind, 0.0))
    if inputs.rice_reserve_release:
        s.rice_price = s.rice_price * (1.0 - inputs.rice_reserve_release)
    if inputs.rice_price is not None:
        s.rice_price = np.full(m.n_runs, inputs.rice_price)
    if inputs.tariff is not None:
        s.tariff = np.full(m.n_runs, inputs.tariff)
    if inputs.trade_deal is not None:
        trade_negotiation(m, inputs.trade_deal == "success")
    for code, kind, label in inputs.votes:
        m.hold_vote(code, kind, label)
    for code, label in inputs.leadership_changes:
        m.change_leader(code, label)


def trade_negotiation(m: "DiplomacyModel", success: bool) -> None:
    """The US–Japan trade negotiation ends (mechanism 7).

    Article: "if the trade negotiations with the U.S. fail, it could negatively impact support for
    the Ishiba administration." A deal cuts the tariff burden and is a cooperative signal in
    Tokyo's eyes; a failure keeps tariffs high, jolts Japan's pressure, costs the government
    support at once, and is a defection.
    """
    s, p = m.state, m.params
    on = m.enabled("japan")
    if success:
        tariff = s.tariff * TARIFF_CUT_BY_A_DEAL
        trust = update_belief(s.trust[:, JPN, USA], p["mechanisms.trust.cheap_signal_ratio"])
    else:
        tariff = np.maximum(s.tariff, TARIFF_AFTER_FAILURE)
        shock = p["mechanisms.japan.trade_failure_shock"]
        s.pressure[:, JPN] = np.where(
            on, np.clip(s.pressure[:, JPN] + shock, 0.0, 1.0), s.pressure[:, JPN]
        )
        support_loss = p["mechanisms.japan.trade_failure_support_loss"]
        s.jpn_support = np.where(on, np.clip(s.jpn_support - support_loss, 0.0, 1.0), s.jpn_support)
        trust = update_belief(s.trust[:, JPN, USA], p["mechanisms.trust.defection_ratio"])
    s.tariff = np.where(on, tariff, s.tariff)
    s.trust[:, JPN, USA] = np.where(on, trust, s.trust[:, JPN, USA])
    outcome = "success" if success else "failure"
    m.log.emit(m.t, "trade_deal", "USA", "JPN", True, outcome)
