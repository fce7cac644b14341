"""The United States: showmanship, an offer it revises, delivery, sanctions it learns to push."""

from collections.abc import Sequence
from typing import override

import numpy as np
from numpy.typing import NDArray

from sim import switches
from sim.agents.base import Country
from sim.countries import JPN, KOR, PRK, USA, VETO_HOLDERS
from sim.events import Report
from sim.intentions import Intentions, MonthOutcome, UnitedStatesIntentions
from sim.mechanisms.choice import choose
from sim.mechanisms.learning import (
    PRESSURE,
    SWEETEN,
    offer_limit,
    prior_passage,
    revision_utilities,
    sweetened,
    veto_expectation,
)
from sim.mechanisms.lifeline import leverage
from sim.mechanisms.showmanship import (
    answer_chance,
    summit_proposal_probability,
    us_pressure_update,
)
from sim.mechanisms.trust import reliance
from sim.mechanisms.winsets import winset_halfwidth
from sim.month import Now
from sim.parameters.schema import USAActor
from sim.parameters.table import per_run
from sim.state import NUCLEAR, SANCTIONS, WorldState


class UnitedStates(Country):
    """The United States' agent.

    Proposes summits when it needs a visible win (mechanism 1); revises its offer after
    refusals within its win-set (10); may deliver rewards (3); pushes sanctions after provocations
    while it expects them to pass (5).
    """

    code = "USA"
    own: USAActor

    @override
    def decide(self, obs: WorldState, now: Now) -> UnitedStatesIntentions:
        chance = summit_proposal_probability(
            obs.pressure[:, USA],
            obs.visibility[:, USA],
            self.mechanisms.showmanship.base_rate,
            self.mechanisms.showmanship.pressure_gain,
            self.mechanisms.showmanship.window_boost,
        )
        rested = now.step - obs.last_summit_step >= self.mechanisms.showmanship.cooldown_months
        # paying first, answering an invitation: worth it to a believed reciprocator (Kydd 2005)
        belief = reliance(obs.trust[:, USA, PRK], self.mechanisms.trust.reliance)
        trusting = self.mechanisms.trust.reliance * obs.trust[:, USA, PRK]
        deliver = (
            (obs.agreement > 0)
            & ~obs.reward_delivered
            & (now.draw("deliver") < self.own.delivery_propensity * belief)
        )
        # a push is tabled where the veto holders are expected to let it through (Kydd 2005)
        holders = list(VETO_HOLDERS)
        expected_success = switches.sanctions(
            self.on,
            1.0
            - veto_expectation(
                obs.pushes[:, USA],
                obs.vetoes_met[:, USA],
                prior_passage(obs.trust[:, USA, holders], self.mechanisms.trust.reliance),
            ),
            1.0,
        )
        reason = obs.provoked_last_month | obs.turned_to_pressure[:, USA]
        return UnitedStatesIntentions(
            propose=rested & (now.draw("propose") < chance),
            upfront_relief=per_run(self.own.upfront_relief),
            # an invitation from Pyongyang is answered by the need for a win (Trump, March 2018)
            # or, failing that, by trust in the inviter (Kydd 2005)
            answer_yes=now.draw("us_answer") < answer_chance(obs.pressure[:, USA], trusting),
            deliver=deliver,
            push_tightening=(
                reason
                & (expected_success >= self.mechanisms.sanctions.min_success)
                & (
                    now.draw("tighten")
                    < self.mechanisms.sanctions.tighten_propensity * self._ally_push(obs)
                )
            ),
        )

    def _ally_push(self, obs: WorldState) -> NDArray[np.float64]:
        """How much Tokyo adds to the US's resolve to push a resolution.

        ``1 + trust[USA, JPN] × trust[JPN, USA] × hawkishness``: Japan co-sponsored the Security
        Council's 2017 resolutions; a hawkish government in Tokyo (``1 − dovishness``) pushes
        Washington to the Council after a launch as far as the two trust each other — an alliance
        pulls together when each believes the other will stand by it (Snyder 1984), and a trade
        dispute that costs Tokyo's trust in Washington loosens it — and as far as Tokyo expects
        the veto holders to let a resolution through (``2 ×`` :func:`prior_passage` of its trust
        in them, 1 at an even belief).
        """
        hawkish = switches.japan(self.on, 1.0 - obs.dovishness[:, JPN], 0.0)
        cohesion = obs.trust[:, USA, JPN] * obs.trust[:, JPN, USA]
        # Tokyo urges a resolution it expects Beijing and Moscow to let through (Kydd 2005)
        passage = 2.0 * prior_passage(
            obs.trust[:, JPN, list(VETO_HOLDERS)], self.mechanisms.trust.reliance
        )
        push: NDArray[np.float64] = 1.0 + cohesion * hawkish * passage
        return push

    def _revise_offer(
        self, obs: WorldState, now: Now, refused: NDArray[np.bool_]
    ) -> NDArray[np.int64]:
        """After a refusal: sweeten within the win-set, hold, or turn to pressure (Fearon 1995).

        The revised offer is on the table from next month; returns the choice (−1: no refusal).
        """
        s = self.state
        half = winset_halfwidth(
            self.own.winset_width, self.own.winset_sensitivity, obs.pressure[:, USA]
        )
        allies = [KOR, JPN]
        limits = [
            offer_limit(
                obs.position[:, USA, issue],
                half,
                obs.position[:, allies, issue],
                obs.trust[:, USA, allies],
                self.mechanisms.winsets.consultation,
            )
            for issue in (NUCLEAR, SANCTIONS)
        ]
        room = np.maximum(limits[0] - obs.offer_nuclear[:, USA], 0.0) + np.maximum(
            limits[1] - obs.offer_relief[:, USA], 0.0
        )
        utilities = revision_utilities(
            obs.pressure[:, USA],
            room,
            obs.sweetenings[:, USA],
            self.mechanisms.showmanship.audience_cost,
            self.own.hawkishness,
            reliance(obs.trust[:, USA, PRK], self.mechanisms.trust.reliance),
        )
        picked = choose(
            utilities, self.mechanisms.showmanship.revision_temperature, now.draw("us_revision")
        )
        revision = np.where(refused, picked, -1)
        sweeten = revision == SWEETEN
        step = self.mechanisms.showmanship.revision_step
        s.offer_nuclear[:, USA] = np.where(
            sweeten,
            sweetened(obs.offer_nuclear[:, USA], limits[0], step),
            obs.offer_nuclear[:, USA],
        )
        s.offer_relief[:, USA] = np.where(
            sweeten, sweetened(obs.offer_relief[:, USA], limits[1], step), obs.offer_relief[:, USA]
        )
        s.sweetenings[:, USA] = s.sweetenings[:, USA] + sweeten
        s.turned_to_pressure[:, USA] = revision == PRESSURE
        return revision

    @override
    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> Sequence[Report]:
        s = self.state
        showmanship = self.mechanisms.showmanship
        # a trade deal is a visible win too, on a lesser stage than a summit (mechanism 1)
        traded = switches.showmanship(self.on, outcome.trade_win & ~outcome.summit_held, False)
        s.pressure[:, USA] = us_pressure_update(
            obs.pressure[:, USA],
            outcome.summit_held | traded,
            showmanship.pressure_growth,
            np.where(
                traded,
                showmanship.spectacle_relief * showmanship.trade_win_share,
                showmanship.spectacle_relief,
            ),
        )
        self._revise_offer(
            obs, now, intents.of(UnitedStatesIntentions).propose & ~outcome.summit_held
        )
        s.leverage[:, USA] = leverage(
            obs.capability[:, USA],
            self.mechanisms.lifeline.us_outside_option,
            self.mechanisms.lifeline.outside_weight,
        )
        return ()
