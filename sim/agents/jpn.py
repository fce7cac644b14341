"""Japan: squeezed between outreach to Pyongyang and rice prices and tariffs at home."""

import numpy as np

from sim.agents.base import Country
from sim.countries import JPN
from sim.mechanisms import japan
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.winsets import damped_move
from sim.state import WorldState


class Japan(Country):
    """Reaches out to North Korea while its pressure is manageable; rice prices, tariffs and a
    failed trade deal erode support; low support brings a new leader and resets outreach (7)."""

    code = "JPN"

    def update(self, obs: WorldState) -> None:
        s = self.state
        target = japan.pressure_target(
            s.rice_price,
            s.tariff,
            self.mechanism("japan.rice_weight"),
            self.mechanism("japan.tariff_weight"),
        )
        s.pressure[:, JPN] = damped_move(
            s.pressure[:, JPN], target, self.mechanism("japan.pressure_rate")
        )
        s.jpn_support = japan.support_update(
            s.jpn_support,
            s.pressure[:, JPN],
            obs.jpn_support_reference,
            self.mechanism("japan.pressure_tolerance"),
            self.mechanism("japan.support_loss"),
            self.mechanism("japan.support_recovery"),
        )
        threshold = self.mechanism("japan.leadership_threshold")
        s.jpn_months_low = japan.months_of_low_support(s.jpn_months_low, s.jpn_support, threshold)
        falls = s.jpn_months_low >= self.mechanism("japan.leadership_patience")
        self.model.change_leader_of_japan(falls, "support below threshold")
        s.leverage[:, JPN] = leverage(
            obs.capability[:, JPN], 1.0 - s.tariff, self.mechanism("lifeline.outside_weight")
        )

    def reset_after_leadership_change(self, fell: np.ndarray) -> None:
        """A new government: outreach starts over, support gets a honeymoon."""
        s = self.state
        s.jpn_outreach = np.where(fell, 0.0, s.jpn_outreach)
        s.jpn_support = np.where(fell, self.mechanism("japan.new_leader_support"), s.jpn_support)
        s.jpn_support_reference = np.where(
            fell, self.mechanism("japan.new_leader_support"), s.jpn_support_reference
        )
        s.jpn_months_low = np.where(fell, 0, s.jpn_months_low)
