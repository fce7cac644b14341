"""Japan: squeezed between outreach to Pyongyang and rice prices and tariffs at home; its
governments rise and fall at elections and party contests."""

import numpy as np
from numpy.typing import NDArray

from sim.agents.base import Country
from sim.countries import JPN
from sim.mechanisms import japan
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.winsets import damped_move
from sim.state import WorldState


class Japan(Country):
    """Pressure from rice prices, tariffs and a failed trade deal erodes support; elections,
    party contests and support below a floor bring the prime minister down with a probability;
    each leader's stance drives outreach, which a new leader resets (7)."""

    code = "JPN"

    def update(self, obs: WorldState) -> None:
        s = self.state
        on = self.enabled("japan")
        target = japan.pressure_target(
            s.rice_price,
            s.tariff,
            self.mechanism("japan.rice_weight"),
            self.mechanism("japan.tariff_weight"),
        )
        s.pressure[:, JPN] = np.where(
            on,
            damped_move(s.pressure[:, JPN], target, self.mechanism("japan.pressure_rate")),
            obs.pressure[:, JPN],
        )
        s.jpn_support = np.where(
            on,
            japan.support_update(
                s.jpn_support,
                s.pressure[:, JPN],
                obs.jpn_support_reference,
                self.mechanism("japan.pressure_tolerance"),
                self.mechanism("japan.support_loss"),
                self.mechanism("japan.support_recovery"),
            ),
            obs.jpn_support,
        )
        low = s.jpn_support < self.mechanism("japan.leadership_threshold")
        falls = on & low & (self.draw("japan_fall") < self.mechanism("japan.low_support_hazard"))
        self.model.change_leader_of_japan(falls, "the cabinet resigns over its low support")
        s.leverage[:, JPN] = leverage(
            obs.capability[:, JPN], 1.0 - s.tariff, self.mechanism("lifeline.outside_weight")
        )

    def vote(self, kind: str) -> NDArray[np.bool_]:
        """Where an election or party contest this month brings the prime minister down."""
        threshold = self.mechanism(
            "japan.election_threshold" if kind == "election" else "japan.contest_threshold"
        )
        chance = japan.fall_probability(
            self.state.jpn_support, threshold, self.mechanism("japan.vote_noise")
        )
        return self.enabled("japan") & (self.draw("japan_vote") < chance)

    def reset_after_leadership_change(self, fell: NDArray[np.bool_]) -> None:
        """A new government: outreach starts over, support gets a honeymoon, a new stance."""
        s = self.state
        s.jpn_outreach = np.where(fell, 0.0, s.jpn_outreach)
        s.jpn_support = np.where(fell, self.mechanism("japan.new_leader_support"), s.jpn_support)
        s.jpn_support_reference = np.where(
            fell, self.mechanism("japan.new_leader_support"), s.jpn_support_reference
        )
        stance = japan.successor_stance(
            self.mechanism("japan.successor_dovishness"),
            self.mechanism("japan.successor_spread"),
            self.draw("japan_successor"),
        )
        s.jpn_dovishness = np.where(fell, stance, s.jpn_dovishness)
