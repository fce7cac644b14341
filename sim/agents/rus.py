"""Russia: the lifeline to North Korea and its veto."""

import numpy as np

from sim.agents.base import Country
from sim.countries import RUS
from sim.mechanisms.lifeline import leverage
from sim.state import WorldState


class Russia(Country):
    """Sends labour, food and arms flows to North Korea (4); blocks tightening (5)."""

    code = "RUS"

    def decide(self, obs: WorldState) -> None:
        m = self.model
        m.decisions["russia_blocks"] = self.draw("russia_blocks") < self.param("block_tightening")
        m.decisions["military_cooperation"] = (
            self.draw("military_cooperation") < 0.5 * obs.military_cooperation
        )

    def update(self, obs: WorldState) -> None:
        s = self.state
        inputs = self.model.inputs
        s.rus_flows = np.clip(obs.rus_flows + inputs.labour_deployment, 0.0, 1.0)
        s.military_cooperation = np.clip(
            obs.military_cooperation + inputs.military_cooperation, 0.0, 1.0
        )
        s.leverage[:, RUS] = leverage(
            obs.capability[:, RUS],
            s.military_cooperation,
            self.mechanism("lifeline.outside_weight"),
        )
