"""The state of R runs at once: every array has a leading runs axis.

Country arrays are ``(R, 6)`` in the order of :data:`sim.countries.COUNTRIES`; ``trust`` is
``(R, 6, 6)`` (``trust[r, i, j]``: i's trust in j, 1 on the diagonal); positions and saliences are
``(R, 6, 2)`` over the issues (nuclear, sanctions). World quantities are ``(R,)``.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.countries import COUNTRIES
from sim.parameters.schema import Actor
from sim.parameters.table import ParamTable, per_run

ISSUES: tuple[str, ...] = ("nuclear", "sanctions")
NUCLEAR, SANCTIONS = 0, 1

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741
B = NDArray[np.bool_]


@dataclass
class WorldState:
    """Everything that changes during a run, for R runs."""

    trust: F
    trust_base: F
    capability: F
    leverage: F
    pressure: F
    position: F
    salience: F
    enforcement: F
    initial_enforcement: F
    trade_share: F
    sanctions_regime: F
    relief_need: F
    security: F
    rus_flows: F
    military_cooperation: F
    chn_concern: F
    jpn_support: F
    jpn_support_reference: F
    jpn_outreach: F
    jpn_dovishness: F
    rice_price: F
    tariff: F
    kor_leadership: F
    inter_korean_cooperation: F
    fta_progress: F
    us_offer_relief: F
    us_offer_upfront: F
    """Relief the US offers upfront with a summit (its offer, known to all)."""
    us_offer_nuclear: F
    us_sweetenings: I
    us_turned_to_pressure: B
    us_pushes: I
    us_vetoes: I
    chn_act: I
    chn_support: F
    rus_war_demand: F
    rus_reciprocity: F
    prk_development: F
    prk_deterrent: F
    proposal_memory: F
    restraint_noted: B
    kor_gestures: I
    exercises_suspended: B
    talks_alive: B
    expectations: F
    agreement: NDArray[np.int8]
    deal_step: I
    reward_delivered: B
    last_summit_step: I
    us_moved_since_prk: B
    provoked_last_month: B
    breakdown_memory: F
    tightening_memory: F
    tension: F
    us_visibility: F
    # running tallies for the outcomes
    provocations: I
    summits: I
    offers: I
    offers_accepted: I
    first_summit_step: I
    best_agreement: NDArray[np.int8]
    leadership_changes: I
    china_acts: I
    russia_acts: I
    tension_sum: F

    def copy(self) -> "WorldState":
        """A deep copy (for recording trajectories)."""
        return WorldState(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def invalid_runs(self) -> B:
        """Runs with a NaN anywhere or a bounded state outside [0, 1]."""
        bad = np.zeros(self.trust.shape[0], dtype=bool)
        for f in fields(self):
            value = getattr(self, f.name)
            if value.dtype.kind == "f":
                flat = value.reshape(value.shape[0], -1)
                bad |= ~np.isfinite(flat).all(axis=1)
                if f.name != "tension_sum":
                    bad |= ((flat < 0.0) | (flat > 1.0)).any(axis=1)
        return bad


def per_country(params: ParamTable, read: Callable[[Actor], ArrayLike]) -> F:
    """A parameter every actor has, as an (R, N) array: ``read`` picks it from an actor."""
    return np.stack(
        [np.broadcast_to(read(params.actor(i)), (params.n_runs,)) for i in range(len(COUNTRIES))],
        axis=1,
    ).astype(float)


def initial_trust(params: ParamTable) -> F:
    """The (R, N, N) trust matrix from ``actors.<i>.trust.<j>``, 1 on the diagonal."""
    trust = np.ones((params.n_runs, len(COUNTRIES), len(COUNTRIES)))
    for i in range(len(COUNTRIES)):
        for j, trustee in enumerate(COUNTRIES):
            if i != j:
                trust[:, i, j] = getattr(params.actor(i).trust, trustee)
    return trust


def initial_state(params: ParamTable, talks_alive: bool) -> WorldState:
    """The state at step 0 of every run."""
    n = params.n_runs

    position = np.stack(
        [
            per_country(params, lambda a: a.position.nuclear),
            per_country(params, lambda a: a.position.sanctions),
        ],
        axis=2,
    )
    salience = np.stack(
        [
            per_country(params, lambda a: a.salience.nuclear),
            per_country(params, lambda a: a.salience.sanctions),
        ],
        axis=2,
    )
    enforcement = per_country(params, lambda a: a.enforcement)
    trust = initial_trust(params)
    zeros = np.zeros(n)
    never = np.full(n, -1, dtype=np.int64)
    return WorldState(
        trust=trust,
        trust_base=trust.copy(),
        capability=per_country(params, lambda a: a.capability),
        leverage=per_country(params, lambda a: a.capability).copy(),
        pressure=per_country(params, lambda a: a.domestic_pressure),
        position=position,
        salience=salience,
        enforcement=enforcement,
        initial_enforcement=enforcement.copy(),
        trade_share=per_country(params, lambda a: a.prk_trade_share),
        sanctions_regime=per_run(params.world.sanctions_regime),
        relief_need=per_run(params.actors.PRK.relief_need),
        security=zeros.copy(),
        rus_flows=per_run(params.actors.RUS.flows_to_prk),
        military_cooperation=per_run(params.actors.RUS.military_cooperation),
        chn_concern=zeros.copy(),
        jpn_support=per_run(params.actors.JPN.support),
        jpn_support_reference=per_run(params.actors.JPN.support),
        jpn_outreach=per_run(params.actors.JPN.outreach),
        jpn_dovishness=per_run(params.actors.JPN.dovishness),
        rice_price=per_run(params.actors.JPN.rice_price),
        tariff=per_run(params.actors.JPN.tariff),
        kor_leadership=per_run(params.actors.KOR.leadership),
        inter_korean_cooperation=per_run(params.world.inter_korean_cooperation),
        fta_progress=per_run(params.world.fta_progress),
        us_offer_relief=zeros.copy(),
        us_offer_upfront=per_run(params.actors.USA.upfront_relief),
        us_offer_nuclear=per_run(params.actors.USA.position.nuclear),
        us_sweetenings=np.zeros(n, dtype=np.int64),
        us_turned_to_pressure=np.zeros(n, dtype=bool),
        us_pushes=np.zeros(n, dtype=np.int64),
        us_vetoes=np.zeros(n, dtype=np.int64),
        chn_act=np.zeros(n, dtype=np.int64),
        chn_support=per_run(params.actors.CHN.reengagement) * per_run(params.actors.CHN.trust.PRK),
        rus_war_demand=per_run(params.actors.RUS.war_demand),
        rus_reciprocity=zeros.copy(),
        prk_development=zeros.copy(),
        prk_deterrent=per_run(params.actors.PRK.deterrent),
        proposal_memory=zeros.copy(),
        restraint_noted=np.zeros(n, dtype=bool),
        kor_gestures=np.zeros(n, dtype=np.int64),
        exercises_suspended=np.zeros(n, dtype=bool),
        talks_alive=np.full(n, talks_alive),
        expectations=np.full(n, 0.5 if talks_alive else 0.0),
        agreement=np.zeros(n, dtype=np.int8),
        deal_step=never.copy(),
        reward_delivered=np.zeros(n, dtype=bool),
        last_summit_step=np.full(n, -1000, dtype=np.int64),
        us_moved_since_prk=np.zeros(n, dtype=bool),
        provoked_last_month=np.zeros(n, dtype=bool),
        breakdown_memory=zeros.copy(),
        tightening_memory=zeros.copy(),
        tension=per_run(params.world.tension),
        us_visibility=zeros.copy(),
        provocations=np.zeros(n, dtype=np.int64),
        summits=np.zeros(n, dtype=np.int64),
        offers=np.zeros(n, dtype=np.int64),
        offers_accepted=np.zeros(n, dtype=np.int64),
        first_summit_step=never.copy(),
        best_agreement=np.zeros(n, dtype=np.int8),
        leadership_changes=np.zeros(n, dtype=np.int64),
        china_acts=np.zeros(n, dtype=np.int64),
        russia_acts=np.zeros(n, dtype=np.int64),
        tension_sum=zeros.copy(),
    )


__all__ = ["ISSUES", "NUCLEAR", "SANCTIONS", "WorldState", "initial_state"]
