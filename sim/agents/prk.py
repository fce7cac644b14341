"""North Korea: the price of talks, concessions, tests, regime security, outside support.

It prices talks on both issues, concedes only when it may, tests or pauses for reasons, weighs
regime security and lives on its outside support.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import override

import numpy as np
from numpy.typing import NDArray

from sim import switches
from sim.agents.base import Country
from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.events import Report
from sim.intentions import Intentions, MonthOutcome, NorthKoreaIntentions
from sim.mechanisms.bargaining import acceptance_probability, prk_saliences, talks_gain
from sim.mechanisms.cash_first import cash_first_price, may_concede
from sim.mechanisms.choice import logistic
from sim.mechanisms.lifeline import leverage, relief_need_update
from sim.mechanisms.provocation import (
    development_update,
    insecurity,
    main_reason,
    patron_sway,
    salvo_extra,
    test_probability,
    test_reasons,
)
from sim.mechanisms.regime_security import (
    force_finished,
    outside_support,
    regime_security,
    secure_to_engage,
)
from sim.mechanisms.sanctions import effective_sanctions
from sim.mechanisms.trust import reliance
from sim.month import Now
from sim.parameters.schema import PRKActor
from sim.state import WorldState


@dataclass(frozen=True)
class Tests:
    """North Korea's testing decisions of a month (mechanism 13)."""

    provoke: NDArray[np.bool_]
    reason: NDArray[np.int64]
    salvo: NDArray[np.int64]
    nuclear: NDArray[np.bool_]
    restraint: NDArray[np.bool_]


class NorthKorea(Country):
    """North Korea's agent.

    Accepts talks when what it expects from them beats its outside option at a price set by
    its trust (2, 10), concedes only above its threshold or in reciprocity (2), weighs regime
    security (12), tests or pauses for reasons (13), lives on Russian and Chinese support (4).
    """

    code = "PRK"
    own: PRKActor

    def outside_support(self, obs: WorldState) -> NDArray[np.float64]:
        """Russian and Chinese support added up: the outside option behind leverage and security."""
        return outside_support(
            switches.lifeline(self.on, obs.flows[:, RUS], 0.0),
            switches.lifeline(self.on, obs.military_cooperation, 0.0),
            obs.backing[:, CHN],
            reliance(obs.trust[:, PRK, RUS], self.mechanisms.trust.reliance),
            reliance(obs.trust[:, PRK, CHN], self.mechanisms.trust.reliance),
        )

    @override
    def decide(self, obs: WorldState, now: Now) -> NorthKoreaIntentions:
        threshold = self.own.security_threshold
        price = cash_first_price(
            obs.trust[:, PRK, USA],
            obs.security,
            threshold,
            self.mechanisms.cash_first.base_price,
            self.mechanisms.cash_first.distrust_slope,
            self.mechanisms.cash_first.security_discount,
            obs.offer_upfront[:, USA],
        )
        status_quo = np.stack(
            [
                self.mechanisms.cash_first.status_quo_nuclear,
                1.0 - obs.sanctions_regime,
            ],
            axis=-1,
        )
        # a settlement opens normalisation with Japan: grant aid and loans, as the 2002 Pyongyang
        # Declaration promised, worth as much as Tokyo's outreach has built and Pyongyang trusts
        normalisation = (
            self.mechanisms.japan.normalisation_value
            * obs.outreach[:, JPN]
            * reliance(obs.trust[:, PRK, JPN], self.mechanisms.trust.reliance)
        )
        gain = talks_gain(
            obs.position[:, PRK],
            prk_saliences(obs.salience[:, PRK], obs.relief_need),
            status_quo,
            obs.offer_nuclear[:, USA],
            obs.offer_upfront[:, USA],
            obs.offer_relief[:, USA],
            obs.trust[:, PRK, USA],
            self.mechanisms.cash_first.talks_value
            + self.mechanisms.cooperation.dividend * obs.inter_korean_cooperation
            + normalisation,
        )
        support = self.outside_support(obs)
        outside = self.mechanisms.cash_first.outside_option_weight * support
        chance = acceptance_probability(
            gain, outside, price, self.mechanisms.cash_first.decision_noise
        )
        allowed = may_concede(
            obs.trust[:, PRK, USA], self.own.concession_threshold, obs.moved[:, USA]
        )
        tests = self._test_or_pause(obs, now, chance)
        return NorthKoreaIntentions(
            accept=now.draw("accept") < chance,
            acceptance_chance=chance,
            invite=~obs.talks_alive & (now.draw("prk_invite") < self._engagement(obs, support)),
            concede=(
                allowed
                & obs.talks_alive
                & (now.draw("concede") < self.mechanisms.cash_first.concession_rate)
            ),
            provoke=tests.provoke,
            test_reason=tests.reason,
            salvo=tests.salvo,
            nuclear_test=tests.nuclear,
            restraint=tests.restraint,
        )

    def _engagement(self, obs: WorldState, support: NDArray[np.float64]) -> NDArray[np.float64]:
        """Chance North Korea invites talks.

        Secure above its threshold or with its deterrent complete (mechanism 12), and in need of
        what talks bring — relief its outside support does not replace (4) — it engages, through
        Seoul, once it trusts Seoul to carry the message (9).
        """
        width = self.mechanisms.regime_security.engage_width
        secure = secure_to_engage(
            obs.security, self.own.security_threshold, width, obs.deterrent[:, PRK]
        )
        channel = logistic(
            (obs.trust[:, PRK, KOR] - self.mechanisms.mediation.trust_threshold) / width
        )
        # it invites only when it needs what talks bring: relief the outside world does not give
        lifeline = switches.lifeline(self.on, support, 0.0)
        need = obs.relief_need * (1.0 - lifeline)
        chance: NDArray[np.float64] = (
            self.mechanisms.regime_security.engage_rate * secure * channel * need
        )
        return chance

    def _test_or_pause(self, obs: WorldState, now: Now, acceptance: NDArray[np.float64]) -> "Tests":
        """Weigh the reasons to test against talks in prospect (mechanism 13).

        Returns whether it tests, its main reason, how many launches beyond the first, whether
        the month includes a nuclear test (a new system to prove), and whether it holds a ready
        test back for talks in prospect.
        """
        # a finished force needs no new system proven (Pyongyang, November 2017)
        milestone = (obs.development[:, PRK] >= 1.0) & ~force_finished(obs.deterrent[:, PRK])
        exercise = now.inputs.exercise & ~obs.exercises_suspended
        security_gap = insecurity(obs.security, self.own.security_threshold)
        reasons = test_reasons(
            milestone,
            exercise,
            obs.breakdown_memory,
            obs.tightening_memory,
            security_gap,
            (
                self.mechanisms.provocation.milestone_weight,
                self.mechanisms.provocation.exercise_weight,
                self.mechanisms.provocation.breakdown_weight,
                self.mechanisms.provocation.tightening_weight,
                self.mechanisms.provocation.insecurity_weight,
            ),
        )
        prospect = np.maximum(obs.talks_alive * obs.expectations, obs.proposal_memory * acceptance)
        sway = patron_sway(
            self.mechanisms.provocation.patron_restraint,
            obs.backing[:, CHN],
            reliance(obs.trust[:, PRK, CHN], self.mechanisms.trust.reliance),
        )
        chance = test_probability(
            self.mechanisms.provocation.base,
            reasons,
            prospect,
            self.mechanisms.provocation.restraint,
            sway,
        )
        coin = now.draw("provoke")
        provoke = coin < chance
        # a ready test held back for the talks: without their prospect the same coin would have
        # fired (a counterfactual, so the story tells it only where the talks made the difference)
        unrestrained = test_probability(
            self.mechanisms.provocation.base,
            reasons,
            np.zeros_like(prospect),
            self.mechanisms.provocation.restraint,
            sway,
        )
        restraint = milestone & ~provoke & (coin < unrestrained) & ~obs.restraint_noted
        provocation = self.mechanisms.provocation
        return Tests(
            provoke=provoke,
            reason=main_reason(reasons),
            salvo=salvo_extra(now.draw("salvo"), chance, provocation.salvo_rate),
            nuclear=milestone & (now.draw("nuclear_test") < provocation.nuclear_test_share),
            restraint=restraint,
        )

    @override
    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> Sequence[Report]:
        s = self.state
        enforced = switches.sanctions(self.on, obs.enforcement, 1.0)
        effective = effective_sanctions(s.sanctions_regime, enforced, obs.trade_share)
        s.relief_need = relief_need_update(
            obs.relief_need,
            effective,
            obs.flows[:, RUS],
            self.mechanisms.lifeline.offset,
            self.mechanisms.lifeline.rate,
        )
        tested = intents.of(NorthKoreaIntentions).provoke & ~outcome.summit_held
        proven = tested & (obs.development[:, PRK] >= 1.0)
        s.deterrent[:, PRK] = np.where(
            proven,
            np.minimum(obs.deterrent[:, PRK] + self.mechanisms.regime_security.deterrent_step, 1.0),
            obs.deterrent[:, PRK],
        )
        s.development[:, PRK] = development_update(
            obs.development[:, PRK], self.mechanisms.provocation.development_rate, tested
        )
        s.restraint_noted = (
            s.restraint_noted | intents.of(NorthKoreaIntentions).restraint
        ) & ~tested
        support = self.assess_security(obs)
        s.pressure[:, PRK] = self.derived_pressure(s)
        s.leverage[:, PRK] = leverage(
            obs.capability[:, PRK], support, self.mechanisms.lifeline.outside_weight
        )
        return ()

    @override
    def derived_pressure(self, state: WorldState) -> NDArray[np.float64]:
        """North Korea's pressure at home: its need for relief and its insecurity, in equal parts.

        Article: "economic pressures alleviated by Russia, regime security first".
        """
        pressure: NDArray[np.float64] = (state.relief_need + (1.0 - state.security)) / 2.0
        return pressure

    def assess_security(self, obs: WorldState) -> NDArray[np.float64]:
        """Set regime security (mechanism 12) from the current state; return outside support."""
        s = self.state
        support = self.outside_support(obs)
        s.security = regime_security(
            s.trust[:, PRK, USA],
            s.agreement,
            support,
            self.mechanisms.regime_security.trust_weight,
            self.mechanisms.regime_security.guarantee_weight,
            self.mechanisms.regime_security.support_weight,
            s.deterrent[:, PRK],
            self.mechanisms.regime_security.deterrent_weight,
        )
        return support
