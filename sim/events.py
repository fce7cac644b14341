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
"""Every event type the model emits (events.csv ``type``)."""

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
        self.goldstein = np.zeros(n_runs)

    def start_month(self) -> None:
        """Reset the month's conflict score."""
        self.goldstein = np.zeros(self.n_runs)

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
        if kind not in EVENT_TYPES:
            raise ValueError(f"unknown event type {kind!r}")
        where: NDArray[np.bool_] = np.broadcast_to(np.asarray(mask, dtype=bool), (self.n_runs,))
        weight = GOLDSTEIN.get(kind, 0.0) if weight is None else weight
        if weight:
            self.goldstein = self.goldstein + weight * where
        if self.keep_rows:
            for run in np.flatnonzero(where):
                text = detail(int(run)) if callable(detail) else detail
                self.rows.append(Event(int(run), step, kind, actor, target, text))

    def for_run(self, run: int) -> list[Event]:
        """The events of one run, in the order they were emitted."""
        return [event for event in self.rows if event.run == run]
