"""What the month's resolution settled, fact by fact, before the state moves.

Each resolution step (:mod:`sim.resolution`) reads the month's observation and intentions and
writes its facts here — who met, what was signed, what was delivered, who tested, what trust each
act moved — and nothing else; :func:`sim.resolution.settle.settle` then moves the state once, in a
fixed order. A fact is written by one step only (:meth:`Settlement.record` refuses a second
writer), so no step can see another's work and the order of the steps cannot matter.
"""

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

B = NDArray[np.bool_]
F = NDArray[np.float64]

BOOL_FACTS: tuple[str, ...] = (
    "proposed",
    "offer_accepted",
    "held",
    "upfront",
    "signed",
    "walked_out",
    "broken",
    "delivered",
    "relieved",
    "hollow",
    "forgiven",
    "conceded",
    "provoked",
    "nuclear_tested",
    "ended",
    "pushed",
    "adopted",
    "gesture",
    "outreach_advance",
    "china_turned",
)
"""Masks over runs: where each thing happened this month."""

NUMBER_FACTS: tuple[str, ...] = (
    "kind",
    "relief",
    "relief_delivered",
    "gesture_made",
    "russia_acts",
)
"""Numbers per run: the agreement a summit reached (a code), upfront relief, relief delivered
under a deal, the gesture made (its index), Russia's acts counted."""


@dataclass
class Settlement:
    """The facts of one month for every run; nothing happened until a step records it."""

    n_runs: int
    facts: dict[str, NDArray[np.generic]] = field(default_factory=dict)
    evidence: dict[tuple[int, int], dict[str, F]] = field(default_factory=dict)
    """Log likelihood ratios of the month's signals, (R,), by (truster, trustee) and by the step
    that read them."""
    launches: NDArray[np.int64] | None = None
    """The month's missile launches by class, (R, classes), if North Korea tested."""
    positions: F | None = None
    _logs: dict[int, tuple[NDArray[np.generic], F]] = field(default_factory=dict, repr=False)
    """The log of each likelihood-ratio array the month's signals used, by its identity."""
    """The negotiators' positions after the month's bargaining, (R, 2, 2), if talks moved them."""

    def record(self, name: str, value: ArrayLike) -> None:
        """Record a fact; a fact has one writer, so recording it twice is an error."""
        if name not in BOOL_FACTS and name not in NUMBER_FACTS:
            raise KeyError(f"no fact named {name!r}")
        if name in self.facts:
            raise ValueError(f"the fact {name!r} was already recorded this month")
        dtype = bool if name in BOOL_FACTS else float
        found = np.asarray(value, dtype=dtype)
        if found.shape != (self.n_runs,):
            found = np.broadcast_to(found, (self.n_runs,)).copy()
        self.facts[name] = found

    def mask(self, name: str) -> B:
        """A recorded mask (all false if no step recorded it)."""
        if name not in BOOL_FACTS:
            raise KeyError(f"no mask named {name!r}")
        found = self.facts.get(name)
        result: B = np.zeros(self.n_runs, dtype=bool) if found is None else found.astype(bool)
        return result

    def number(self, name: str) -> F:
        """A recorded number per run (zero if no step recorded it)."""
        if name not in NUMBER_FACTS:
            raise KeyError(f"no number named {name!r}")
        found = self.facts.get(name)
        result: F = np.zeros(self.n_runs) if found is None else found.astype(float)
        return result

    def signal(
        self,
        step: str,
        truster: int,
        trustee: int,
        where: ArrayLike,
        ratio: ArrayLike,
        weight: ArrayLike = 1.0,
    ) -> None:
        """Where ``where``, ``truster`` reads an act of ``trustee`` with likelihood ratio ``ratio``.

        The signal's information (its log ratio, scaled by ``weight``) is added to the step's
        evidence; Bayes' rule applies all of the month's evidence at once when the state moves
        (:meth:`believed`), and odds multiply, so the order of the signals does not matter.
        """
        by_step = self.evidence.setdefault((truster, trustee), {})
        log_ratio = np.where(where, np.asarray(weight) * self._log(ratio), 0.0)
        before = by_step.get(step)
        by_step[step] = log_ratio if before is None else before + log_ratio

    def _log(self, ratio: ArrayLike) -> F:
        """``log(ratio)``, computed once a month for a parameter's array of ratios."""
        known = self._logs.get(id(ratio))
        if known is not None and known[0] is ratio:
            return known[1]
        found: F = np.log(np.asarray(ratio, dtype=float))
        if isinstance(ratio, np.ndarray):
            self._logs[id(ratio)] = (ratio, found)  # held, so the identity stays its own
        return found

    def believed(self, trust: F) -> F:
        """Trust after the month's evidence, summed step by step in the steps' names' order.

        Bayes' rule on the odds, as :func:`sim.mechanisms.trust.update_belief` with all the
        evidence (weight 1). A small batch moves every pair at once; a large one pair by pair,
        which keeps each temporary array one pair's size.
        """
        moved: F = trust.copy()
        pairs = sorted(self.evidence)
        if not pairs:
            return moved
        totals = [_summed(self.evidence[pair], self.n_runs) for pair in pairs]
        if self.n_runs * len(pairs) <= _AT_ONCE:
            truster, trustee = (np.array(side) for side in zip(*pairs, strict=True))
            before = trust[:, truster, trustee]
            moved[:, truster, trustee] = _bayes(before, np.stack(totals, axis=1))
            return moved
        for (truster_i, trustee_j), total in zip(pairs, totals, strict=True):
            moved[:, truster_i, trustee_j] = _bayes(trust[:, truster_i, trustee_j], total)
        return moved


_AT_ONCE = 8192
"""Most beliefs (runs × pairs) :meth:`Settlement.believed` moves in one array."""


def _summed(by_step: dict[str, F], n_runs: int) -> F:
    """A pair's evidence of the month, (R,): the steps' log ratios added in their names' order.

    The evidence enters a belief only through its exponential and whether it is zero, so a sum
    that is a zero of either sign leaves the belief where it was.
    """
    steps = sorted(by_step)
    summed = by_step[steps[0]]
    for step in steps[1:]:
        summed = summed + by_step[step]
    if summed.shape != (n_runs,):
        summed = np.broadcast_to(summed, (n_runs,))
    return summed


def _bayes(before: F, evidence: F) -> F:
    """Beliefs moved by their summed log likelihood ratios; unmoved where there is none."""
    scaled = before * np.exp(evidence)
    moved: F = np.where(evidence != 0.0, scaled / (scaled + (1.0 - before)), before)
    return moved
