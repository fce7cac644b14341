"""The event log: what happened, in which run, when, between whom.

Events are emitted for all runs at once with a boolean mask over runs. Every event type's
Goldstein weight (:mod:`sim.mechanisms.tension`) is added to the month's conflict score; the rows
themselves are kept only when the log is asked to (one run, or a few), with the detail text
built only for the runs that have the event.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.tension import GOLDSTEIN

EVENT_TYPES: tuple[str, ...] = (
    "calendar",
    "summit_proposed",
    "summit_rejected",
    "summit_held",
    "agreement_signed",
    "agreement_collapsed",
    "concession",
    "reward_delivered",
    "sanctions_tightened",
    "sanctions_blocked",
    "sanctions_relaxed",
    "provocation",
    "nuclear_test",
    "military_cooperation",
    "economic_cooperation",
    "mediation",
    "initiative",
    "outreach",
    "trade_deal",
    "leadership_change",
    "gesture",
    "restraint",
    "reengagement",
    "enforcement",
    "distancing",
    "lifeline",
)
"""Every event type the model emits (events.csv ``type``), in the order a month tells them."""
RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(EVENT_TYPES)}

Detail = str | Callable[[int], str]


@dataclass(frozen=True)
class Event:
    """One row of events.csv, for run ``run``."""

    run: int
    step: int
    type: str
    actor: str
    target: str
    detail: str


@dataclass(frozen=True)
class Report:
    """Something a country's own update did that the event log tells.

    The month's resolution emits it (:func:`sim.resolution.tell`), so no country writes the log.
    """

    kind: str
    actor: str
    target: str
    where: NDArray[np.bool_]
    detail: Detail


class EventLog:
    """Collects events for R runs; keeps rows only if ``keep_rows``."""

    def __init__(self, n_runs: int, keep_rows: bool) -> None:
        self.n_runs = n_runs
        self.keep_rows = keep_rows
        self.rows: list[Event] = []
        self._by_kind: dict[str, NDArray[np.float64]] = {}
        self._month_starts = 0

    @property
    def goldstein(self) -> NDArray[np.float64]:
        """The month's conflict score: its events' Goldstein weights.

        They are added type by type in the order of :data:`EVENT_TYPES`, so the order in which
        they were emitted cannot matter.
        """
        total = np.zeros(self.n_runs)
        for kind in EVENT_TYPES:
            if kind in self._by_kind:
                total = total + self._by_kind[kind]
        return total

    def start_month(self) -> None:
        """Reset the month's conflict score."""
        self._by_kind = {}
        self._month_starts = len(self.rows)

    def settle_month(self) -> None:
        """Put the month's rows in a canonical order, whatever the order they were emitted in.

        By run, then as :data:`EVENT_TYPES` lists the types, then by actor, target and detail.
        """
        month = self.rows[self._month_starts :]
        month.sort(key=lambda e: (e.run, RANK[e.type], e.actor, e.target, e.detail))
        self.rows[self._month_starts :] = month

    def emit(
        self,
        step: int,
        kind: str,
        actor: str,
        target: str,
        mask: ArrayLike,
        detail: Detail = "",
        weight: float | None = None,
    ) -> None:
        """Record an event in every run where ``mask`` is true (a bool, or an (R,) array).

        ``weight`` is its Goldstein weight, by default that of its type.
        """
        if kind not in RANK:
            raise ValueError(f"unknown event type {kind!r}")
        where = _over_runs(mask, self.n_runs)
        weight = GOLDSTEIN.get(kind, 0.0) if weight is None else weight
        if weight:
            before = self._by_kind.get(kind)
            if before is None:
                before = np.zeros(self.n_runs)
            self._by_kind[kind] = before + weight * where
        if self.keep_rows:
            for run in np.flatnonzero(where):
                text = detail(int(run)) if callable(detail) else detail
                self.rows.append(Event(int(run), step, kind, actor, target, text))

    def for_run(self, run: int) -> list[Event]:
        """The events of one run, in the order they were emitted."""
        return [event for event in self.rows if event.run == run]


def _over_runs(mask: ArrayLike, n_runs: int) -> NDArray[np.bool_]:
    """A mask as an (R,) array of bools: an array that already is one as it is, else broadcast."""
    if isinstance(mask, np.ndarray) and mask.dtype == np.bool_ and mask.shape == (n_runs,):
        return mask
    where: NDArray[np.bool_] = np.broadcast_to(np.asarray(mask, dtype=bool), (n_runs,))
    return where
