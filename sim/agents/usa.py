"""The United States: showmanship, the offer, delivery, sanctions."""

import numpy as np

from sim.agents.base import Country
from sim.countries import USA
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.showmanship import summit_proposal_probability, us_pressure_update
from sim.state import WorldState


class UnitedStates(Country):
    """Proposes summits when it needs a visible win (mechanism 1); may deliver rewards (3);
    pushes sanctions after provocations (5)."""

    code = "USA"

    def decide(self, obs: WorldState) -> None:
        m = self.model
        chance = summit_proposal_probability(
            obs.pressure[:, USA],
            obs.us_visibility,
            self.mechanism("showmanship.base_rate"),
            self.mechanism("showmanship.pressure_gain"),
            self.mechanism("showmanship.window_boost"),
        )
        rested = m.t - obs.last_summit_step >= self.mechanism("showmanship.cooldown_months")
        m.decisions["propose"] = rested & (self.draw("propose") < chance)
        m.decisions["relief_offered"] = self.param("upfront_relief")
        m.decisions["deliver"] = (
            (obs.agreement > 0)
            & ~obs.reward_delivered
            & (self.draw("deliver") < self.param("delivery_propensity"))
        )
        m.decisions["push_tightening"] = obs.provoked_last_month & (
            self.draw("tighten") < self.mechanism("sanctions.tighten_propensity")
        )

    def update(self, obs: WorldState) -> None:
        s = self.state
        s.pressure[:, USA] = us_pressure_update(
            obs.pressure[:, USA],
            self.model.decisions["summit_held"],
            self.mechanism("showmanship.pressure_growth"),
            self.mechanism("showmanship.spectacle_relief"),
        )
        s.leverage[:, USA] = leverage(
            obs.capability[:, USA],
            np.full(s.talks_alive.shape, 0.5),
            self.mechanism("lifeline.outside_weight"),
        )
