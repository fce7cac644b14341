"""What the countries did, run by run: the behavioural outcomes every honest check reads.

A behaviour is a count of acts over a run — summits held, agreements signed by type, launches,
UN sanctions tightenings, vetoes, US offers and their revisions, and the acts of China, Russia,
Japan and South Korea — read from a batch's event log (``events.csv``'s ``type``, ``actor`` and
``detail``) and, where the model keeps no event (a revised offer, a push for sanctions), from its
outcomes. States such as trust, relief need or the tension index are not behaviour: they matter
only through what someone does with them.

:data:`BEHAVIOURS` is the one declaration of these outcomes; the inert-parameter report
(:mod:`tools.inert_parameters`), the reach of each mechanism (:mod:`tools.mechanism_reach`), the
counterfactual stories (:mod:`tools.counterfactual_stories`) and the calibration audit
(:mod:`tools.calibration_audit`) all read it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.events import Event
from sim.model import DiplomacyModel
from sim.runs.outcomes import batch_outcomes
from sim.scenario import Scenario
from tools.ablation import effect_size

__all__ = [
    "BEHAVIOURS",
    "BEHAVIOUR_NAMES",
    "BatchBehaviour",
    "Behaviour",
    "count_behaviours",
    "effect_size",
    "format_d",
    "run_behaviour",
]


@dataclass(frozen=True)
class Behaviour:
    """One behavioural outcome: a count per run of events (or of an outcome's tally).

    ``countries``: whose act it is (a summit or an agreement is the act of both the US and North
    Korea). ``event`` and ``actor`` select event rows; ``detail``, when given, is the start of
    the rows' detail text (an agreement's type, Russia's expanding or cutting). ``outcome`` names
    a batch outcome counted instead (for acts the event log does not record).
    """

    name: str
    countries: tuple[str, ...]
    event: str = ""
    actor: str = ""
    detail: str = ""
    outcome: str = ""


BEHAVIOURS: tuple[Behaviour, ...] = (
    Behaviour("summits held", ("USA", "PRK"), "summit_held", "USA"),
    Behaviour("declaratory agreements", ("USA", "PRK"), "agreement_signed", "USA", "declaratory"),
    Behaviour("freeze-for-relief agreements", ("USA", "PRK"), "agreement_signed", "USA", "freeze"),
    Behaviour("disarmament steps", ("USA", "PRK"), "agreement_signed", "USA", "disarmament"),
    Behaviour("agreements collapsed", ("PRK",), "agreement_collapsed", "PRK"),
    Behaviour("months of tests", ("PRK",), "provocation", "PRK"),
    Behaviour("launches", ("PRK",), outcome="launches"),
    Behaviour("nuclear tests", ("PRK",), "nuclear_test", "PRK"),
    Behaviour("tests held back", ("PRK",), "restraint", "PRK"),
    Behaviour("North Korean concessions", ("PRK",), "concession", "PRK"),
    Behaviour("North Korean invitations", ("PRK",), "summit_proposed", "PRK"),
    Behaviour("North Korean refusals", ("PRK",), "summit_rejected", "PRK"),
    Behaviour("US offers", ("USA",), "summit_proposed", "USA"),
    Behaviour("US offer revisions", ("USA",), outcome="us_offer_revisions"),
    Behaviour("US refusals of an invitation", ("USA",), "summit_rejected", "USA"),
    Behaviour("US rewards delivered", ("USA",), "reward_delivered", "USA"),
    Behaviour("US pushes for sanctions", ("USA",), outcome="us_sanction_pushes"),
    Behaviour("sanctions tightenings", ("USA",), "sanctions_tightened", "USA"),
    Behaviour("Chinese vetoes", ("CHN",), "sanctions_blocked", "CHN"),
    Behaviour("Russian vetoes", ("RUS",), "sanctions_blocked", "RUS"),
    Behaviour("China re-engages", ("CHN",), "reengagement", "CHN"),
    Behaviour("China presses", ("CHN",), "enforcement", "CHN"),
    Behaviour("China keeps its distance", ("CHN",), "distancing", "CHN"),
    Behaviour("Russia expands its lifeline", ("RUS",), "lifeline", "RUS", "more"),
    Behaviour("Russia cuts its lifeline", ("RUS",), "lifeline", "RUS", "fewer"),
    Behaviour("Russian arms and troops", ("RUS",), "military_cooperation", "RUS"),
    Behaviour("Japanese outreach", ("JPN",), "outreach", "JPN"),
    Behaviour("Japan's government falls", ("JPN",), "leadership_change", "JPN"),
    Behaviour("South Korean mediation", ("KOR",), "mediation", "KOR"),
    Behaviour("South Korean initiatives", ("KOR",), "initiative", "KOR"),
    Behaviour("South Korean gestures", ("KOR",), "gesture", "KOR"),
    Behaviour("inter-Korean projects", ("KOR",), "economic_cooperation", "KOR"),
)
"""Every behavioural outcome, each the act of one country or of the US and North Korea together."""

BEHAVIOUR_NAMES: tuple[str, ...] = tuple(b.name for b in BEHAVIOURS)


@dataclass(frozen=True)
class BatchBehaviour:
    """A batch's behaviour.

    Per behaviour an (R,) array of counts; the event rows; the outcomes; per run why it failed, or
    None.
    """

    counts: dict[str, NDArray[np.float64]]
    events: list[Event]
    outcomes: dict[str, NDArray[Any]]
    errors: list[str | None]

    @property
    def failed(self) -> bool:
        """Whether any run failed (its values break a cross-parameter rule, or went invalid)."""
        return any(error is not None for error in self.errors)


def count_behaviours(
    events: Sequence[Event], outcomes: Mapping[str, NDArray[Any]], n_runs: int
) -> dict[str, NDArray[np.float64]]:
    """Per behaviour, the count of its acts in each run.

    >>> from sim.events import Event
    >>> rows = [Event(1, 3, "provocation", "PRK", "USA", "2 missile launches")]
    >>> tallies = {
    ...     "us_offer_revisions": np.array([2, 0]),
    ...     "us_sanction_pushes": np.array([0, 1]),
    ...     "launches": np.array([0, 2]),
    ... }
    >>> count_behaviours(rows, tallies, 2)["months of tests"]
    array([0., 1.])
    """
    counts = {b.name: np.zeros(n_runs) for b in BEHAVIOURS}
    by_event: dict[tuple[str, str], list[Behaviour]] = {}
    for behaviour in BEHAVIOURS:
        if behaviour.outcome:
            counts[behaviour.name] = np.asarray(outcomes[behaviour.outcome], dtype=float).copy()
        else:
            by_event.setdefault((behaviour.event, behaviour.actor), []).append(behaviour)
    for event in events:
        for behaviour in by_event.get((event.type, event.actor), ()):
            if event.detail.startswith(behaviour.detail):
                counts[behaviour.name][event.run] += 1.0
    return counts


def run_behaviour(
    scenario: Scenario,
    seeds: Sequence[int] | NDArray[np.integer],
    overrides: Mapping[str, ArrayLike] | None = None,
    months: int | None = None,
) -> BatchBehaviour:
    """Step one run per seed in lockstep, keeping the event log, and count each behaviour."""
    model = DiplomacyModel(
        scenario, seeds=seeds, overrides=overrides, months=months, keep_events=True, record=False
    )
    model.run()
    outcomes = batch_outcomes(model.state, scenario.start, model.months)
    return BatchBehaviour(
        counts=count_behaviours(model.log.rows, outcomes, model.n_runs),
        events=model.log.rows,
        outcomes=outcomes,
        errors=list(model.errors),
    )


def format_d(value: float) -> str:
    """An effect size as the tables print it."""
    return f"{value:+.2f}" if np.isfinite(value) else ("+∞" if value > 0 else "−∞")
