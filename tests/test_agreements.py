"""Agreements are consistent: a walk-out at a summit ends the agreement in force, with an event."""

from typing import Any

import numpy as np

from sim.countries import PRK, USA
from sim.mechanisms.winsets import FREEZE_FOR_RELIEF, NONE
from sim.model import DiplomacyModel
from sim.scenario import load_scenario
from sim.state import NUCLEAR, SANCTIONS


def test_a_walk_out_ends_the_agreement_it_breaks() -> None:
    """A freeze in force; then a summit where the two sides' positions are as far apart as they
    can be (no overlap on either issue): the talks end, and so does the freeze, with an event.
    The same summit with the positions left alone keeps the freeze."""
    outcomes = {}
    for apart in (True, False):
        model = DiplomacyModel(load_scenario("us_cash_first"), keep_events=True)
        model.step()
        state = model.state
        state.agreement[:] = FREEZE_FOR_RELIEF
        state.reward_delivered[:] = True
        state.talks_alive[:] = True
        if apart:
            state.position[:, USA, NUCLEAR] = state.offer_nuclear[:, USA] = 0.0
            state.position[:, USA, SANCTIONS] = state.offer_relief[:, USA] = 0.0
            state.position[:, PRK] = 1.0
            state.leverage[:, [USA, PRK]] = 0.0  # no move toward each other this month

        def meet(country: Any, own: dict[str, Any]) -> dict[str, Any]:
            keys = {"USA": ("propose",), "PRK": ("accept",)}[country.code]
            return {key: np.ones_like(own[key]) for key in keys}

        model.countries_by_code["USA"].controller = meet
        model.countries_by_code["PRK"].controller = meet
        before = len(model.log.rows)
        model.step()
        month = [e for e in model.log.rows[before:] if e.step == model.t]
        outcomes[apart] = (int(model.state.agreement[0]), [(e.type, e.detail) for e in month])
    agreement, events = outcomes[True]
    assert any(kind == "summit_held" for kind, _ in events)
    assert agreement == NONE
    assert ("agreement_collapsed", "after a walk-out at the summit") in events
    assert not any(t == "agreement_signed" for t, _ in events)
    kept, events_kept = outcomes[False]
    assert kept >= FREEZE_FOR_RELIEF
    assert not any(d == "after a walk-out at the summit" for _, d in events_kept)
