"""South Korea: leadership, gestures, initiatives, mediation, "freeze first", cooperation."""

from collections.abc import Sequence
from typing import override

import numpy as np

from sim import switches
from sim.agents.base import Country
from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.events import Report
from sim.intentions import Intentions, MonthOutcome, SouthKoreaIntentions
from sim.mechanisms.cooperation import fta_update, inter_korean_update
from sim.mechanisms.korea import (
    gesture_probability,
    initiative_probability,
    leadership_update,
    room_at_home,
)
from sim.mechanisms.trust import reliance
from sim.mechanisms.winsets import freeze_drift
from sim.month import Now
from sim.parameters.schema import KORActor
from sim.state import NUCLEAR, WorldState


class SouthKorea(Country):
    """South Korea's agent.

    Moves first (8) and makes gestures to Pyongyang, mediates (9), drifts to a freeze (10),
    builds cooperation (11).
    """

    code = "KOR"
    own: KORActor

    @override
    def decide(self, obs: WorldState, now: Now) -> SouthKoreaIntentions:
        # A go-between is needed while Washington and Pyongyang do not talk to each other; once
        # they do, each judges the other by its deeds (Kydd 2003: a mediator's worth is the
        # information the parties lack).
        needed = switches.mediation(self.on, ~obs.talks_alive, False)
        # a government pressed at home has little room for moves abroad (Putnam 1988)
        room = room_at_home(obs.pressure[:, KOR], self.mechanisms.korea.room_weight)
        # Seoul proposes a Korea–China–Japan meeting as far as it trusts both to come (Kydd 2005)
        neighbours = reliance(
            (obs.trust[:, KOR, CHN] + obs.trust[:, KOR, JPN]) / 2.0, self.mechanisms.trust.reliance
        )
        chance = (
            room
            * neighbours
            * initiative_probability(obs.leadership[:, KOR], self.mechanisms.korea.initiative_rate)
        )
        gesture = room * gesture_probability(
            obs.dovishness[:, KOR],
            obs.leadership[:, KOR],
            self.mechanisms.korea.gesture_rate,
            obs.gestures[:, KOR],
        )
        # a go-between vouches only for what it believes (Kydd 2003): Seoul's trust in both sides
        vouching = reliance(
            (obs.trust[:, KOR, PRK] + obs.trust[:, KOR, USA]) / 2.0, self.mechanisms.trust.reliance
        )
        return SouthKoreaIntentions(
            mediate=needed & (now.draw("mediate") < self.own.mediation * vouching),
            mediation_heard=now.draw("mediation_outcome") < obs.trust[:, PRK, KOR],
            initiative=now.draw("initiative") < chance,
            gesture=now.draw("korea_gesture") < gesture,
            economic_cooperation=switches.cooperation(
                self.on,
                obs.talks_alive
                & (
                    now.draw("economic_cooperation")
                    < obs.dovishness[:, KOR]
                    # the projects run through Russia (the Rajin–Khasan railway and port, a gas
                    # pipeline: the "New Northern Policy", 2017): worth it as far as Seoul trusts
                    # Moscow (Kydd 2005)
                    * reliance(obs.trust[:, KOR, RUS], self.mechanisms.trust.reliance)
                ),
                False,
            ),
        )

    @override
    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> Sequence[Report]:
        s = self.state
        s.leadership[:, KOR] = switches.korea(
            self.on,
            leadership_update(
                obs.leadership[:, KOR],
                obs.dovishness[:, KOR],
                self.mechanisms.korea.pragmatism_gain,
                now.inputs.multilateral_snub,
            ),
            obs.leadership[:, KOR],
        )
        s.position[:, KOR, NUCLEAR] = freeze_drift(
            obs.position[:, KOR, NUCLEAR],
            obs.position[:, PRK, NUCLEAR],
            self.mechanisms.winsets.out_of_reach,
            self.mechanisms.winsets.freeze_point,
            self.mechanisms.winsets.freeze_drift,
        )
        s.inter_korean_cooperation = inter_korean_update(
            obs.inter_korean_cooperation,
            intents.of(SouthKoreaIntentions).economic_cooperation,
            self.mechanisms.cooperation.inter_korean_rate,
            np.where(obs.talks_alive, 0.0, self.mechanisms.cooperation.inter_korean_decay),
        )
        trilateral = np.zeros(obs.fta_progress.shape)
        pairs = [(i, j) for i in (KOR, CHN, JPN) for j in (KOR, CHN, JPN) if i != j]
        for i, j in pairs:  # added one by one: the same order in every batch size
            trilateral = trilateral + obs.trust[:, i, j]
        trilateral = trilateral / len(pairs)
        s.fta_progress = fta_update(
            obs.fta_progress,
            obs.leadership[:, KOR],
            trilateral,
            self.world.us_china_rivalry,
            self.mechanisms.cooperation.fta_rate,
            self.mechanisms.cooperation.rivalry_drag,
        )
        return ()
