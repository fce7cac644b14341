"""What the scenario's calendar and shocks do in their month (exogenous inputs,
docs/specification.md).

Calendar entries are logged as ``calendar`` events (a military exercise also adds its Goldstein
weight to the month's tension); shocks set rice prices and tariffs, decide the US–Japan trade
negotiation (mechanism 7), and change leaders.
"""

import numpy as np

from sim.countries import INDEX, JPN, USA
from sim.mechanisms.tension import GOLDSTEIN
from sim.mechanisms.trust import update_belief
from sim.month import Month


def apply_inputs(m: Month) -> None:
    """Apply the month's calendar entries and shocks to every run."""
    s, inputs, t = m.state, m.inputs, m.step
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
    for code, label in inputs.leadership_changes:
        scheduled_leadership_change(m, code, label)


def scheduled_leadership_change(m: Month, code: str, why: str) -> None:
    """A leadership change the calendar schedules: the new leader sheds part of the pressure.

    Japan's is Japan's own to carry out (its agent resets outreach and support at the end of the
    month); the others' happen here.
    """
    s = m.state
    if code == "JPN":
        m.outcome.japan_falls = np.ones(m.n_runs, dtype=bool)
        m.outcome.japan_why = why
        return
    i = INDEX[code]
    shed = m.params["mechanisms.japan.leader_change_relief"]
    s.pressure[:, i] = s.pressure[:, i] * (1.0 - shed)
    s.leadership_changes = s.leadership_changes + 1
    m.log.emit(m.step, "leadership_change", code, "", True, why)


def trade_negotiation(m: Month, success: bool) -> None:
    """The US–Japan trade negotiation ends (mechanism 7).

    Article: "if the trade negotiations with the U.S. fail, it could negatively impact support for
    the Ishiba administration." A deal cuts the tariff burden and is a cooperative signal in
    Tokyo's eyes; a failure keeps tariffs high, jolts Japan's pressure, costs the government
    support at once, and is a defection.
    """
    s, p = m.state, m.params
    on = m.enabled("japan")
    if success:
        tariff = s.tariff * p["mechanisms.japan.tariff_after_deal"]
        trust = update_belief(s.trust[:, JPN, USA], p["mechanisms.trust.cheap_signal_ratio"])
    else:
        tariff = np.maximum(s.tariff, p["mechanisms.japan.tariff_after_failure"])
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
    m.log.emit(m.step, "trade_deal", "USA", "JPN", True, outcome)
