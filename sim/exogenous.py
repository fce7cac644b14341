"""What the scenario's calendar and shocks do in their month (docs/specification.md).

Calendar entries are logged as ``calendar`` events (a military exercise also adds its Goldstein
weight to the month's tension); shocks set rice prices and tariffs, decide the US–Japan trade
negotiation (mechanism 7), and change leaders.
"""

import numpy as np

from sim import switches
from sim.countries import INDEX, JPN, REGISTRY, USA
from sim.mechanisms.japan import trade_negotiation_outcome
from sim.mechanisms.tension import GOLDSTEIN
from sim.month import Month
from sim.resolution.signals import signal


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
    for code, label, stance in inputs.leadership_changes:
        scheduled_leadership_change(m, code, label, stance)


def scheduled_leadership_change(m: Month, code: str, why: str, stance: float | None) -> None:
    """A leadership change the calendar schedules: the new leader sheds part of the pressure.

    A new leader brings a stance of its own when the calendar gives one (``value``): South
    Korea's presidents have turned its North Korea policy at each election — Moon's engagement
    after the impeachment of 2017, Yoon's hard line in 2022, Lee's pragmatism in 2025 — and its
    stance drives Seoul's gestures and projects (mechanisms 8, 11).

    A country whose agent changes its own leaders (:attr:`sim.countries.Country.changes_leader`)
    carries it out itself at the end of the month (told by the month's outcome); the others'
    happen here.
    """
    s = m.state
    i = INDEX[code]
    if REGISTRY[i].changes_leader:
        m.outcome.scheduled_changes[i] = why
        return
    shed = m.params.mechanisms.japan.leader_change_relief
    s.pressure[:, i] = s.pressure[:, i] * (1.0 - shed)
    if stance is not None:
        s.dovishness[:, i] = stance
    s.leadership_changes = s.leadership_changes + 1
    m.log.emit(m.step, "leadership_change", code, "", True, why)


def trade_negotiation(m: Month, success: bool) -> None:
    """The US–Japan trade negotiation ends (mechanism 7, :func:`trade_negotiation_outcome`).

    A deal is a cooperative signal in Tokyo's eyes; a failure is a defection. A deal is also a
    visible win for the US president: it relieves his pressure for one as a held summit does
    (mechanism 1, ``showmanship.spectacle_relief``) — the article's Trump sells deals as wins,
    and a president who has one needs a summit less.
    """
    s, p = m.state, m.params
    japan = p.mechanisms.japan
    tariff, pressure = trade_negotiation_outcome(
        success,
        s.tariff,
        s.pressure[:, JPN],
        japan.tariff_after_deal,
        japan.tariff_after_failure,
        japan.trade_failure_shock,
    )
    s.tariff = switches.japan(m.on, tariff, s.tariff)
    if not success:
        s.pressure[:, JPN] = switches.japan(m.on, pressure, s.pressure[:, JPN])
    m.outcome.trade_win = np.full(m.n_runs, success)
    trust = p.mechanisms.trust
    heard = switches.japan(m.on, True, False)
    signal(s.trust, JPN, USA, heard, trust.cheap_signal_ratio if success else trust.defection_ratio)
    outcome = "success" if success else "failure"
    m.log.emit(m.step, "trade_deal", "USA", "JPN", True, outcome)
