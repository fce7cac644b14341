"""Russia: the lifeline to North Korea, set from its war needs and reciprocity, and its veto."""

from collections.abc import Sequence
from typing import override

import numpy as np
from numpy.typing import NDArray

from sim.agents.base import Country
from sim.countries import CHN, PRK, RUS, SANCTIONS_SPONSORS, USA
from sim.events import Report
from sim.intentions import Intentions, MonthOutcome, RussiaIntentions
from sim.mechanisms.choice import choose
from sim.mechanisms.folds import mean
from sim.mechanisms.lifeline import CUT, EXPAND, flow_utilities, leverage, wanted_cooperation
from sim.mechanisms.provocation import fade
from sim.mechanisms.sanctions import veto_chance
from sim.mechanisms.trust import reliance
from sim.mechanisms.winsets import damped_move
from sim.month import Now
from sim.parameters.schema import RUSActor
from sim.state import WorldState


class Russia(Country):
    """Russia's agent: the lifeline (4) and its veto (5).

    Expands, keeps or cuts its flows to North Korea as its war needs, North Korea's
    contributions and Washington's engagement of Pyongyang dictate; builds military cooperation
    as far as China's unease allows; blocks tightening as its alignments say.
    """

    code = "RUS"
    own: RUSActor

    @override
    def decide(self, obs: WorldState, now: Now) -> RussiaIntentions:
        courting = self._rival_engagement(obs)
        utilities = flow_utilities(
            obs.flows[:, RUS],
            obs.war_demand[:, RUS],
            obs.reciprocity[:, RUS],
            self.mechanisms.lifeline.reciprocity_weight,
            courting,
            self.mechanisms.lifeline.competition_weight,
        )
        act = choose(utilities, self.mechanisms.lifeline.choice_temperature, now.draw("russia_act"))
        wanted = self._wanted_cooperation(obs, courting)
        return RussiaIntentions(
            act=act,
            military_cooperation=(wanted > obs.military_cooperation)
            & (
                now.draw("military_cooperation")
                < self.mechanisms.lifeline.cooperation_propensity * obs.war_demand[:, RUS]
            ),
            wanted_cooperation=wanted,
            blocks=now.draw("russia_blocks")
            < veto_chance(
                self.own.block_tightening,
                obs.trust[:, RUS, PRK],
                mean(obs.trust[:, RUS, list(SANCTIONS_SPONSORS)]),
                self.mechanisms.sanctions.alignment_weight,
            ),
        )

    def _rival_engagement(self, obs: WorldState) -> NDArray[np.float64]:
        """How far Washington is engaging Pyongyang, as a threat to Moscow (mechanism 4).

        Talks alive or a deal in force, weighed by how far Moscow distrusts Washington (Snyder
        1984; Kydd 2005): a Moscow courted on Ukraine fears it less.
        """
        engaged = np.maximum(obs.talks_alive, obs.agreement > 0)
        result: NDArray[np.float64] = engaged * reliance(
            1.0 - obs.trust[:, RUS, USA], self.mechanisms.trust.reliance
        )
        return result

    def _wanted_cooperation(
        self, obs: WorldState, courting: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """The military cooperation Russia wants (mechanisms 4, 6).

        Restrained by China's unease, raised while Washington courts Pyongyang.
        """
        return wanted_cooperation(
            obs.war_demand[:, RUS],
            obs.trust[:, RUS, PRK],
            obs.concern[:, CHN],
            obs.trust[:, RUS, CHN],
            self.mechanisms.lifeline.china_restraint,
            courting,
            self.mechanisms.lifeline.arms_bid,
        )

    @override
    def derived_pressure(self, state: WorldState) -> NDArray[np.float64]:
        """Russia's pressure at home is its war's demand for labour, shells and troops (4).

        Article: Russia needs North Korea's workers and munitions for its war in Ukraine.
        """
        return state.war_demand[:, RUS].copy()

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
        wanted = d.wanted_cooperation
        moves = d.military_cooperation | (wanted < obs.military_cooperation)
        rate = np.where(moves, self.mechanisms.lifeline.cooperation_rate, 0.0)
        s.military_cooperation = np.clip(
            damped_move(obs.military_cooperation, wanted, rate) + inputs.military_cooperation,
            0.0,
            1.0,
        )
        if inputs.war_demand is not None:
            s.war_demand[:, RUS] = np.full(s.war_demand[:, RUS].shape, inputs.war_demand)
        s.pressure[:, RUS] = self.derived_pressure(s)
        s.leverage[:, RUS] = leverage(
            obs.capability[:, RUS],
            s.military_cooperation,
            self.mechanisms.lifeline.outside_weight,
        )
        return ()
