"""China: unease at the North Korea–Russia alignment, its enforcement, its UN vote."""

from sim.agents.base import Country
from sim.countries import CHN, PRK
from sim.mechanisms.china import concern_update, enforcement_target, trust_in_prk_update
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.winsets import damped_move
from sim.state import WorldState


class China(Country):
    """Grows uneasy with military cooperation and responds by distance or competition (6);
    enforces sanctions and may block tightening (5)."""

    code = "CHN"

    def decide(self, obs: WorldState) -> None:
        self.model.decisions["china_blocks"] = self.draw("china_blocks") < self.param(
            "block_tightening"
        )

    def update(self, obs: WorldState) -> None:
        s = self.state
        reengagement = self.param("reengagement")
        s.chn_concern = concern_update(
            obs.chn_concern,
            obs.military_cooperation,
            self.mechanism("china.concern_gain"),
            self.mechanism("china.concern_decay"),
        )
        s.trust[:, CHN, PRK] = trust_in_prk_update(
            s.trust[:, CHN, PRK], s.chn_concern, self.mechanism("china.trust_erosion"), reengagement
        )
        target = enforcement_target(obs.initial_enforcement[:, CHN], s.chn_concern, reengagement)
        s.enforcement[:, CHN] = damped_move(
            obs.enforcement[:, CHN], target, self.mechanism("china.enforcement_response")
        )
        s.pressure[:, CHN] = damped_move(obs.pressure[:, CHN], s.chn_concern, 0.5)
        s.leverage[:, CHN] = leverage(
            obs.capability[:, CHN], s.trust[:, CHN, PRK], self.mechanism("lifeline.outside_weight")
        )
