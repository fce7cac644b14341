"""The state moves once: the month's settled facts applied to the observation, in a fixed order.

The resolution steps record what happened (:mod:`sim.settlement`); this is the one place where
it changes the world: talks and agreements, the sanctions regime, tallies, the negotiators'
positions, Seoul's gestures, Japan's outreach, and every belief the month's signals moved.
"""

import numpy as np

from sim.countries import JPN, KOR, USA
from sim.mechanisms.korea import SUSPENDS_EXERCISES
from sim.mechanisms.sanctions import regime_update
from sim.mechanisms.winsets import NONE
from sim.month import Month
from sim.resolution.audiences import NEGOTIATORS
from sim.state import WorldState


def settle(m: Month, obs: WorldState) -> None:
    """Apply the month's facts to the state."""
    _settle_talks(m, obs)
    _settle_tallies(m, obs)
    _settle_moves(m, obs)
    s = m.state
    s.trust = m.outcome.settled.believed(s.trust)


def _settle_talks(m: Month, obs: WorldState) -> None:
    """Agreements, rewards, talks alive, breakdowns, the sanctions regime (mechanisms 2, 3, 5)."""
    s, f, t = m.state, m.outcome.settled, m.step
    held, kind = f.mask("held"), f.number("kind").astype(np.int8)
    hollow, forgiven = f.mask("hollow"), f.mask("forgiven")
    walked_out, ended = f.mask("walked_out"), f.mask("ended")
    upfront, delivered = f.mask("upfront"), f.mask("delivered")
    # what breaks an agreement in force: a hollow deal, a launch while talks live, a walk-out
    agreement = np.where(hollow | ended | f.mask("broken"), NONE, obs.agreement)
    improves = f.mask("signed") & (kind >= agreement)
    s.agreement = np.where(improves, kind, agreement).astype(np.int8)
    s.deal_step = np.where(improves, t, obs.deal_step)
    s.reward_delivered = np.where(improves, upfront, obs.reward_delivered | delivered)
    broke = walked_out | (hollow & ~forgiven) | ended
    s.talks_alive = (obs.talks_alive | held) & ~broke
    m.outcome.breakdown = broke
    s.sanctions_regime = regime_update(
        obs.sanctions_regime,
        f.mask("adopted"),
        False,
        m.params.mechanisms.sanctions.tighten_step,
        0.0,
    )
    s.sanctions_regime = regime_update(s.sanctions_regime, False, upfront, 0.0, f.number("relief"))
    s.sanctions_regime = regime_update(
        s.sanctions_regime, False, f.mask("relieved"), 0.0, f.number("relief_delivered")
    )
    s.moved[:, USA] = (obs.moved[:, USA] | upfront | delivered) & ~f.mask("conceded")


def _settle_tallies(m: Month, obs: WorldState) -> None:
    """The counts and memories of the month's acts."""
    s, f, t = m.state, m.outcome.settled, m.step
    held, proposed = f.mask("held"), f.mask("proposed")
    s.offers = obs.offers + proposed
    s.offers_accepted = obs.offers_accepted + f.mask("offer_accepted")
    s.summits = obs.summits + held
    s.last_summit_step = np.where(held, t, obs.last_summit_step)
    s.first_summit_step = np.where(held & (obs.first_summit_step < 0), t, obs.first_summit_step)
    reached = np.where(held, f.number("kind"), 0).astype(np.int8)
    s.best_agreement = np.maximum(obs.best_agreement, reached).astype(np.int8)
    provoked = f.mask("provoked")
    s.provoked_last_month = provoked
    s.provocations = obs.provocations + provoked
    if f.launches is not None:
        s.launches = obs.launches + f.launches
    s.nuclear_tests = obs.nuclear_tests + f.mask("nuclear_tested")
    pushed = f.mask("pushed")
    s.pushes[:, USA] = obs.pushes[:, USA] + pushed
    s.vetoes_met[:, USA] = obs.vetoes_met[:, USA] + (pushed & ~f.mask("adopted"))
    s.china_acts = obs.china_acts + f.mask("china_turned")
    s.russia_acts = obs.russia_acts + f.number("russia_acts").astype(obs.russia_acts.dtype)


def _settle_moves(m: Month, obs: WorldState) -> None:
    """Positions at the table, Seoul's gestures, Japan's outreach (mechanisms 7, 8, 10)."""
    s, f, p = m.state, m.outcome.settled, m.params
    if f.positions is not None:
        s.position[:, list(NEGOTIATORS)] = f.positions
    gesture = f.mask("gesture")
    s.gestures[:, KOR] = obs.gestures[:, KOR] + gesture
    which = f.number("gesture_made").astype(obs.gestures.dtype)
    s.exercises_suspended = obs.exercises_suspended | (gesture & (which == SUSPENDS_EXERCISES))
    advance = f.mask("outreach_advance")
    step = p.mechanisms.japan.outreach_step
    grown = np.clip(obs.outreach[:, JPN] + step * (1.0 - obs.outreach[:, JPN]), 0.0, 1.0)
    s.outreach[:, JPN] = np.where(advance, grown, obs.outreach[:, JPN])
