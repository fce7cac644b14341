"""The state of R runs at once: every array has a leading runs axis.

Country arrays are ``(R, N)`` in the order of :data:`sim.countries.COUNTRIES`; ``trust`` is
``(R, N, N)`` (``trust[r, i, j]``: i's trust in j, 1 on the diagonal); positions and saliences are
``(R, N, 2)`` over the issues (nuclear, sanctions). World quantities are ``(R,)``.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.countries import COUNTRIES, INDEX
from sim.mechanisms.provocation import LAUNCH_CLASSES
from sim.parameters.actors import TradePartner
from sim.parameters.schema import Actor
from sim.parameters.table import ParamTable, per_run

ISSUES: tuple[str, ...] = ("nuclear", "sanctions")
NUCLEAR, SANCTIONS = 0, 1

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741
B = NDArray[np.bool_]


@dataclass
class WorldState:
    """Everything that changes during a run, for R runs.

    A country's own quantities are a column of an (R, N) array, indexed by country: Japan's
    government support is ``support[:, JPN]``, Russia's flows to North Korea ``flows[:, RUS]``;
    the other countries' columns stay at zero until a mechanism gives them a use.
    """

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
    # a country's own quantities, (R, N)
    flows: F
    """Flows to North Korea: labour, food, tourism, trade (Russia's)."""
    backing: F
    """Support for North Korea while it re-engages (China's)."""
    concern: F
    """Unease at the North Korea–Russia alignment (China's)."""
    act: I
    """The act of the month toward Pyongyang (China's: distance, re-engage, press)."""
    support: F
    """Approval of the government (Japan's)."""
    support_reference: F
    """The approval support recovers towards (Japan's: its level when the government began)."""
    outreach: F
    """Progress of outreach to North Korea (Japan's)."""
    dovishness: F
    """The leader's stance toward Pyongyang (Japan's dovishness, South Korea's pragmatism)."""
    leadership: F
    """Diplomatic leadership in the region (South Korea's)."""
    gestures: I
    """Unilateral gestures made to Pyongyang (South Korea's)."""
    war_demand: F
    """What its war needs from North Korea (Russia's)."""
    reciprocity: F
    """North Korean labour and arms it has received lately (Russia's)."""
    development: F
    """Progress of weapons development toward a milestone that needs a test (North Korea's)."""
    deterrent: F
    """How complete it judges its nuclear deterrent (North Korea's)."""
    offer_relief: F
    """Relief promised by the current offer (the US's)."""
    offer_upfront: F
    """Relief offered upfront with a summit (the US's, known to all)."""
    offer_nuclear: F
    """Nuclear terms of the current offer (the US's)."""
    sweetenings: I
    """Times it sweetened its offer (the US's)."""
    turned_to_pressure: B
    """It answered the last refusal with pressure (the US)."""
    pushes: I
    """Pushes for tighter UN sanctions (the US's)."""
    vetoes_met: I
    """Pushes that met a veto (the US's)."""
    moved: B
    """It moved (delivered relief) since North Korea last conceded (the US)."""
    visibility: F
    """Visibility of the coming summit window to its leader (the US's)."""
    # the world's quantities, (R,)
    sanctions_regime: F
    relief_need: F
    security: F
    military_cooperation: F
    rice_price: F
    tariff: F
    inter_korean_cooperation: F
    fta_progress: F
    proposal_memory: F
    restraint_noted: B
    exercises_suspended: B
    talks_alive: B
    expectations: F
    agreement: NDArray[np.int8]
    deal_step: I
    reward_delivered: B
    last_summit_step: I
    provoked_last_month: B
    breakdown_memory: F
    tightening_memory: F
    tension: F
    # running tallies for the outcomes
    provocations: I
    """Months in which North Korea tested."""
    launches: I
    """Missile launches, (R, classes) in the order of
    :data:`sim.mechanisms.provocation.LAUNCH_CLASSES`."""
    nuclear_tests: I
    summits: I
    offers: I
    offers_accepted: I
    first_summit_step: I
    best_agreement: NDArray[np.int8]
    leadership_changes: I
    china_acts: I
    russia_acts: I
    tension_sum: F

    CONSTANT: ClassVar[frozenset[str]] = frozenset(
        {"trust_base", "capability", "initial_enforcement", "trade_share", "salience"}
    )
    """Fields no month changes: read-only arrays, which copies share."""

    def copy(self) -> "WorldState":
        """A copy of every changing array (for the observation and for recording trajectories)."""
        copied = WorldState.__new__(WorldState)
        for name, constant in _FIELDS:
            value = getattr(self, name)
            setattr(copied, name, value if constant else value.copy())
        return copied

    def invalid_runs(self) -> B:
        """Runs with a NaN anywhere or a bounded state outside [0, 1]."""
        n_runs = self.trust.shape[0]
        bad = np.zeros(n_runs, dtype=bool)
        checked = [(name, getattr(self, name)) for name in _CHANGING]
        checked = [(name, value) for name, value in checked if value.dtype.kind == "f"]
        # a constant was checked against its bounds as a parameter
        if n_runs <= _JOINED_RUNS and _all_valid(checked):
            return bad
        for name, value in checked:
            # NaN fails both bounds, ±inf one; the summed tension has no upper bound
            bounded = name != _UNBOUNDED
            # the usual case first: the whole array in bounds (a NaN anywhere fails these too)
            if bounded and value.min() >= 0.0 and value.max() <= 1.0:
                continue
            if not bounded and np.isfinite(value.sum()):
                continue
            ok = (value >= 0.0) & (value <= 1.0) if bounded else np.isfinite(value)
            # one row per value, runs along it: reducing across rows is one pass per row
            by_value = np.ascontiguousarray(ok.reshape(ok.shape[0], -1).T)
            bad |= ~by_value.all(axis=0)
        return bad


_FIELDS: tuple[tuple[str, bool], ...] = tuple(
    (f.name, f.name in WorldState.CONSTANT) for f in fields(WorldState)
)
"""Every field in its declared order, and whether it is constant."""
_CHANGING: tuple[str, ...] = tuple(name for name, constant in _FIELDS if not constant)
"""The fields a month may change, in their declared order."""

_UNBOUNDED = "tension_sum"
"""The one changing float field with no upper bound: a sum over months."""

_JOINED_RUNS = 64
"""Up to this many runs, :meth:`WorldState.invalid_runs` first checks every array at once."""


def _all_valid(checked: list[tuple[str, NDArray[np.float64]]]) -> bool:
    """Whether every array is in bounds, in one pass: [0, 1], and the summed tension finite."""
    joined = np.concatenate([value.ravel() for name, value in checked if name != _UNBOUNDED])
    finite = all(np.isfinite(value.sum()) for name, value in checked if name == _UNBOUNDED)
    return bool(finite and joined.min() >= 0.0 and joined.max() <= 1.0)


def per_country(params: ParamTable, read: Callable[[Actor], ArrayLike]) -> F:
    """A parameter every actor has, as an (R, N) array: ``read`` picks it from an actor."""
    return np.stack(
        [np.broadcast_to(read(params.actor(i)), (params.n_runs,)) for i in range(len(COUNTRIES))],
        axis=1,
    ).astype(float)


def _enforcement(actor: Actor) -> ArrayLike:
    """How strictly a country enforces sanctions on its trade with North Korea (0 without any)."""
    return actor.enforcement if isinstance(actor, TradePartner) else 0.0


def _declared_pressure(actor: Actor) -> ArrayLike:
    """A leader's declared pressure at home; 0 where the agent derives it from other states.

    :meth:`sim.agents.base.Country.derived_pressure` sets those before the first month.
    """
    pressure: ArrayLike = getattr(actor, "domestic_pressure", 0.0)
    return pressure


def _trade_share(actor: Actor) -> ArrayLike:
    """A country's share of North Korea's trade (0 for a country that has none)."""
    return actor.prk_trade_share if isinstance(actor, TradePartner) else 0.0


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
    enforcement = per_country(params, _enforcement)
    trust = initial_trust(params)
    zeros = np.zeros(n)
    never = np.full(n, -1, dtype=np.int64)
    actors = params.actors

    def own(dtype: type = np.float64, **columns: ArrayLike) -> NDArray[Any]:
        """An (R, N) array of a country's own quantity: its column set, the others zero."""
        table: NDArray[Any] = np.zeros((n, len(COUNTRIES)), dtype=dtype)
        for code, value in columns.items():
            table[:, INDEX[code]] = value
        return table

    state = WorldState(
        trust=trust,
        trust_base=trust.copy(),
        capability=per_country(params, lambda a: a.capability),
        leverage=per_country(params, lambda a: a.capability).copy(),
        pressure=per_country(params, _declared_pressure),
        position=position,
        salience=salience,
        enforcement=enforcement,
        initial_enforcement=enforcement.copy(),
        trade_share=per_country(params, _trade_share),
        flows=own(RUS=actors.RUS.flows_to_prk),
        backing=own(CHN=per_run(actors.CHN.reengagement) * per_run(actors.CHN.trust.PRK)),
        concern=own(),
        act=own(np.int64),
        support=own(JPN=actors.JPN.support),
        support_reference=own(JPN=actors.JPN.support),
        outreach=own(JPN=actors.JPN.outreach),
        dovishness=own(JPN=actors.JPN.dovishness, KOR=actors.KOR.pragmatism),
        leadership=own(KOR=actors.KOR.leadership),
        gestures=own(np.int64),
        war_demand=own(RUS=actors.RUS.war_demand),
        reciprocity=own(),
        development=own(),
        deterrent=own(PRK=actors.PRK.deterrent),
        offer_relief=own(),
        offer_upfront=own(USA=actors.USA.upfront_relief),
        offer_nuclear=own(USA=actors.USA.position.nuclear),
        sweetenings=own(np.int64),
        turned_to_pressure=own(np.bool_),
        pushes=own(np.int64),
        vetoes_met=own(np.int64),
        moved=own(np.bool_),
        visibility=own(),
        sanctions_regime=per_run(params.world.sanctions_regime),
        relief_need=per_run(actors.PRK.relief_need),
        security=zeros.copy(),
        military_cooperation=per_run(actors.RUS.military_cooperation),
        rice_price=per_run(actors.JPN.rice_price),
        tariff=per_run(actors.JPN.tariff),
        inter_korean_cooperation=per_run(params.world.inter_korean_cooperation),
        fta_progress=per_run(params.world.fta_progress),
        proposal_memory=zeros.copy(),
        restraint_noted=np.zeros(n, dtype=bool),
        exercises_suspended=np.zeros(n, dtype=bool),
        talks_alive=np.full(n, talks_alive),
        expectations=np.full(n, 0.5 if talks_alive else 0.0),
        agreement=np.zeros(n, dtype=np.int8),
        deal_step=never.copy(),
        reward_delivered=np.zeros(n, dtype=bool),
        last_summit_step=np.full(n, -1000, dtype=np.int64),
        provoked_last_month=np.zeros(n, dtype=bool),
        breakdown_memory=zeros.copy(),
        tightening_memory=zeros.copy(),
        tension=per_run(params.world.tension),
        provocations=np.zeros(n, dtype=np.int64),
        launches=np.zeros((n, len(LAUNCH_CLASSES)), dtype=np.int64),
        nuclear_tests=np.zeros(n, dtype=np.int64),
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
    for name in WorldState.CONSTANT:
        getattr(state, name).flags.writeable = False
    return state


__all__ = ["ISSUES", "NUCLEAR", "SANCTIONS", "WorldState", "initial_state"]
