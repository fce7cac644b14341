"""China: unease at the North Korea–Russia alignment, and what it does about it.

Each month it keeps its distance, re-engages or presses; its enforcement and its UN vote.
"""

from collections.abc import Sequence
from typing import override

import numpy as np
from numpy.typing import NDArray

from sim import switches
from sim.agents.base import Country
from sim.countries import CHN, JPN, KOR, PRK, RUS, SANCTIONS_SPONSORS, USA
from sim.events import Report
from sim.intentions import ChinaIntentions, Intentions, MonthOutcome
from sim.mechanisms.china import (
    DISTANCE,
    act_utilities,
    concern_update,
    enforcement_target,
    support_update,
    trust_in_prk_update,
)
from sim.mechanisms.choice import choose
from sim.mechanisms.folds import mean
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.sanctions import veto_chance
from sim.mechanisms.trust import reliance
from sim.mechanisms.winsets import damped_move
from sim.month import Now
from sim.parameters.schema import CHNActor
from sim.state import WorldState


class China(Country):
    """China's agent: unease, its act of the month, enforcement and its veto.

    Grows uneasy with military cooperation and chooses its act from its own interests (6);
    enforces sanctions and may block tightening (5).
    """

    code = "CHN"
    own: CHNActor

    @override
    def decide(self, obs: WorldState, now: Now) -> ChinaIntentions:
        # Beijing fears being sidelined in Pyongyang, by Moscow or by a Washington at the table
        rivals = np.maximum((obs.flows[:, RUS] + obs.military_cooperation) / 2.0, obs.talks_alive)
        utilities = act_utilities(
            self.own.reengagement,
            obs.concern[:, CHN],
            self.world.us_china_rivalry,
            rivals - obs.backing[:, CHN],
            obs.tension,
            obs.provoked_last_month,
            (
                self.mechanisms.china.competition_weight,
                self.mechanisms.china.stability_weight,
                self.mechanisms.china.unease_weight,
            ),
            switches.cooperation(self.on, obs.fta_progress, 0.0),
            reliance(obs.trust[:, CHN, PRK], self.mechanisms.trust.reliance),
            # restraining Pyongyang denies neighbours Beijing distrusts a reason to arm (THAAD)
            reliance(
                1.0 - (obs.trust[:, CHN, KOR] + obs.trust[:, CHN, JPN]) / 2.0,
                self.mechanisms.trust.reliance,
            ),
        )
        act = choose(utilities, self.mechanisms.china.choice_temperature, now.draw("china_act"))
        return ChinaIntentions(
            act=switches.china(self.on, act, DISTANCE),
            blocks=now.draw("china_blocks")
            < veto_chance(
                self.own.block_tightening,
                obs.trust[:, CHN, PRK],
                mean(obs.trust[:, CHN, list(SANCTIONS_SPONSORS)]),
                self.mechanisms.sanctions.alignment_weight,
            ),
        )

    @override
    def derived_pressure(self, state: WorldState) -> NDArray[np.float64]:
        """China's pressure at home is its unease at the alignment (mechanism 6).

        Article: Beijing fears "a potential disruption of the strategic balance in Northeast
        Asia"; its leaders answer to that unease, not to votes.
        """
        return state.concern[:, CHN].copy()

    @override
    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> Sequence[Report]:
        s, act = self.state, intents.of(ChinaIntentions).act
        belief = reliance(obs.trust[:, CHN, PRK], self.mechanisms.trust.reliance)
        s.act[:, CHN] = act
        s.concern[:, CHN] = concern_update(
            obs.concern[:, CHN],
            obs.military_cooperation,
            # the alignment worries Beijing as far as it distrusts Moscow (Kydd 2005)
            self.mechanisms.china.concern_gain
            * reliance(1.0 - obs.trust[:, CHN, RUS], self.mechanisms.trust.reliance),
            self.mechanisms.china.concern_decay,
        )
        s.trust[:, CHN, PRK] = trust_in_prk_update(
            s.trust[:, CHN, PRK], s.concern[:, CHN], self.mechanisms.china.trust_erosion
        )
        s.backing[:, CHN] = support_update(
            obs.backing[:, CHN],
            act,
            # aid flows as far as Beijing believes Pyongyang will reciprocate (Kydd 2005)
            np.clip(self.mechanisms.china.support_rate * belief, 0.0, 1.0),
        )
        target = enforcement_target(
            obs.initial_enforcement[:, CHN],
            act,
            s.concern[:, CHN],
            # strict at the border as far as Beijing leans to Washington over Pyongyang: the
            # same alignment its vote reads (Kydd 2005; strict in 2017 after Mar-a-Lago)
            reliance(
                (1.0 + obs.trust[:, CHN, USA] - obs.trust[:, CHN, PRK]) / 2.0,
                self.mechanisms.trust.reliance,
            ),
        )
        s.enforcement[:, CHN] = damped_move(
            obs.enforcement[:, CHN], target, self.mechanisms.china.enforcement_response
        )
        s.pressure[:, CHN] = self.derived_pressure(s)
        s.leverage[:, CHN] = leverage(
            obs.capability[:, CHN], s.trust[:, CHN, PRK], self.mechanisms.lifeline.outside_weight
        )
        return ()
