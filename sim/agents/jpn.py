"""Japan: squeezed between outreach to Pyongyang and rice prices and tariffs at home.

Its governments rise and fall at elections and party contests.
"""

from typing import override

import numpy as np
from numpy.typing import NDArray

from sim import switches
from sim.agents.base import Country
from sim.countries import JPN
from sim.events import Report
from sim.intentions import Intentions, JapanIntentions, MonthOutcome
from sim.mechanisms import japan
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.winsets import damped_move
from sim.month import Now
from sim.parameters.schema import JPNActor
from sim.state import SANCTIONS, WorldState


class Japan(Country):
    """Japan's agent: pressure at home, support, the fall of governments, outreach (7).

    Pressure from rice prices, tariffs and a failed trade deal erodes support; elections,
    party contests and support below a floor bring the prime minister down with a probability;
    each leader's stance drives outreach, which a new leader resets.
    """

    code = "JPN"
    own: JPNActor

    @override
    def decide(self, obs: WorldState, now: Now) -> JapanIntentions:
        """The month's votes (elections, party contests) on the calendar, and their verdict."""
        falls = np.zeros(obs.support[:, JPN].shape, dtype=bool)
        labels = []
        for code, kind, label in now.inputs.votes:
            if code == self.code:
                falls = falls | self.vote(obs, now, kind)
                labels.append(label)
        return JapanIntentions(falls_by_vote=falls, vote=" and ".join(labels))

    def vote(self, obs: WorldState, now: Now, kind: str) -> NDArray[np.bool_]:
        """Where an election or party contest brings the prime minister down."""
        japan_params = self.mechanisms.japan
        threshold = (
            japan_params.election_threshold
            if kind == "election"
            else japan_params.contest_threshold
        )
        chance = japan.fall_probability(
            obs.support[:, JPN], threshold, self.mechanisms.japan.vote_noise
        )
        return switches.japan(self.on, now.draw("japan_vote") < chance, False)

    @override
    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> list[Report]:
        s = self.state
        target = japan.pressure_target(
            s.rice_price,
            s.tariff,
            self.mechanisms.japan.rice_weight,
            self.mechanisms.japan.tariff_weight,
        )
        s.pressure[:, JPN] = switches.japan(
            self.on,
            damped_move(s.pressure[:, JPN], target, self.mechanisms.japan.pressure_rate),
            obs.pressure[:, JPN],
        )
        s.support[:, JPN] = switches.japan(
            self.on,
            japan.support_update(
                s.support[:, JPN],
                s.pressure[:, JPN],
                obs.support_reference[:, JPN],
                self.mechanisms.japan.pressure_tolerance,
                self.mechanisms.japan.support_loss,
                self.mechanisms.japan.support_recovery,
            ),
            obs.support[:, JPN],
        )
        low = s.support[:, JPN] < self.mechanisms.japan.leadership_threshold
        resigns = low & (now.draw("japan_fall") < self.mechanisms.japan.low_support_hazard)
        voted_out = intents.of(JapanIntentions).falls_by_vote
        why = outcome.scheduled_changes.get(self.index)
        scheduled = np.full(now.n_runs, why is not None)
        changes = [
            (scheduled, why or ""),
            (
                voted_out & ~scheduled,
                f"the prime minister falls after the {intents.of(JapanIntentions).vote}",
            ),
            (resigns & ~scheduled & ~voted_out, "the cabinet resigns over its low support"),
        ]
        reports = [self._change_leader(fell, reason, now) for fell, reason in changes if fell.any()]
        s.leverage[:, JPN] = leverage(
            obs.capability[:, JPN], 1.0 - s.tariff, self.mechanisms.lifeline.outside_weight
        )
        return reports

    def _change_leader(self, fell: NDArray[np.bool_], why: str, now: Now) -> Report:
        """A new government where ``fell``, and the report of it.

        Outreach starts over, support gets a honeymoon, the new leader brings a stance of its own
        and sheds part of the pressure (mechanism 7).
        """
        s = self.state
        s.outreach[:, JPN] = np.where(fell, 0.0, s.outreach[:, JPN])
        s.support[:, JPN] = np.where(
            fell, self.mechanisms.japan.new_leader_support, s.support[:, JPN]
        )
        s.support_reference[:, JPN] = np.where(
            fell, self.mechanisms.japan.new_leader_support, s.support_reference[:, JPN]
        )
        stance = japan.successor_stance(
            self.mechanisms.japan.successor_dovishness,
            self.mechanisms.japan.successor_spread,
            now.draw("japan_successor"),
        )
        s.dovishness[:, JPN] = np.where(fell, stance, s.dovishness[:, JPN])
        # the new leader's stance is Tokyo's line on sanctions in the alliance (mechanism 10)
        s.position[:, JPN, SANCTIONS] = np.where(fell, stance, s.position[:, JPN, SANCTIONS])
        shed = self.mechanisms.japan.leader_change_relief
        s.pressure[:, JPN] = np.where(fell, s.pressure[:, JPN] * (1.0 - shed), s.pressure[:, JPN])
        s.leadership_changes = s.leadership_changes + fell
        return Report("leadership_change", self.code, "", fell, f"new government in Japan: {why}")
