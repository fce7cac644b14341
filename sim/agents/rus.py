"""Russia: the lifeline to North Korea, set from its war needs and reciprocity, and its veto."""

from collections.abc import Sequence
from typing import override

import numpy as np

from sim.agents.base import Country
from sim.countries import PRK, RUS
from sim.events import Report
from sim.intentions import Intentions, MonthOutcome, RussiaIntentions
from sim.mechanisms.choice import choose
from sim.mechanisms.lifeline import CUT, EXPAND, flow_utilities, leverage
from sim.mechanisms.provocation import fade
from sim.mechanisms.winsets import damped_move
from sim.month import Now
from sim.parameters.schema import RUSActor
from sim.state import WorldState


class Russia(Country):
    """Russia's agent: the lifeline (4) and its veto (5).

    Expands, keeps or cuts its flows to North Korea as its war needs and North Korea's
    contributions dictate; builds military cooperation; blocks tightening.
    """

    code = "RUS"
    own: RUSActor

    @override
    def decide(self, obs: WorldState, now: Now) -> RussiaIntentions:
        utilities = flow_utilities(
            obs.flows[:, RUS],
            obs.war_demand[:, RUS],
            obs.reciprocity[:, RUS],
            self.mechanisms.lifeline.reciprocity_weight,
        )
        act = choose(utilities, self.mechanisms.lifeline.choice_temperature, now.draw("russia_act"))
        wanted = obs.war_demand[:, RUS] * obs.trust[:, RUS, PRK]
        return RussiaIntentions(
            act=act,
            military_cooperation=(wanted > obs.military_cooperation)
            & (
                now.draw("military_cooperation")
                < self.mechanisms.lifeline.cooperation_propensity * obs.war_demand[:, RUS]
            ),
            blocks=now.draw("russia_blocks") < self.own.block_tightening,
        )

    @override
    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> Sequence[Report]:
        s, d, inputs = self.state, intents.of(RussiaIntentions), now.inputs
        step = self.mechanisms.lifeline.flow_step
        change = np.where(d.act == EXPAND, step, 0.0) - np.where(d.act == CUT, step, 0.0)
        s.flows[:, RUS] = np.clip(obs.flows[:, RUS] + change, 0.0, 1.0)
        s.reciprocity[:, RUS] = np.clip(
            fade(obs.reciprocity[:, RUS], False, self.mechanisms.provocation.memory_decay)
            + inputs.labour_deployment
            + inputs.military_cooperation,
            0.0,
            1.0,
        )
        wanted = obs.war_demand[:, RUS] * obs.trust[:, RUS, PRK]
        moves = d.military_cooperation | (wanted < obs.military_cooperation)
        rate = np.where(moves, self.mechanisms.lifeline.cooperation_rate, 0.0)
        s.military_cooperation = np.clip(
            damped_move(obs.military_cooperation, wanted, rate) + inputs.military_cooperation,
            0.0,
            1.0,
        )
        if inputs.war_demand is not None:
            s.war_demand[:, RUS] = np.full(s.war_demand[:, RUS].shape, inputs.war_demand)
        s.leverage[:, RUS] = leverage(
            obs.capability[:, RUS],
            s.military_cooperation,
            self.mechanisms.lifeline.outside_weight,
        )
        return ()
