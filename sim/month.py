"""The month as each side sees it: what a country knows of it, and what resolution works in.

:class:`Now` is what a country reads of the month besides the state: the step, the month's
exogenous inputs and its own draws. :class:`Month` is the narrow context of the month's
resolution: no model, only what it needs — the step, the parameters, the month's inputs and draws,
the mechanism switches and the countries' intentions; it writes the state, the month's outcome and
the event log.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import MonthInputs
from sim.draws import SLOT_IDS, TABLE_SIZE, month_uniforms, slot_row, uniforms
from sim.events import EventLog
from sim.intentions import Intentions, MonthOutcome
from sim.parameters.table import ParamTable, Switches
from sim.state import WorldState


@dataclass(frozen=True)
class Now:
    """One month of a batch of runs, as a country sees it besides the state."""

    step: int
    inputs: MonthInputs
    seeds: NDArray[np.uint64]

    @property
    def n_runs(self) -> int:
        """Runs in the batch."""
        return len(self.seeds)

    def draw(self, slot: str) -> NDArray[np.float64]:
        """This month's uniform numbers of a decision slot, one per run (:mod:`sim.draws`).

        In a small batch every slot's numbers of the month are hashed together on the first
        draw (read-only); a large batch hashes each slot's as it is drawn.
        """
        if len(self.seeds) * len(SLOT_IDS) > TABLE_SIZE:
            return uniforms(self.seeds, slot, self.step)
        row: NDArray[np.float64] = self._month_draws[slot_row(slot)]
        return row

    @cached_property
    def _month_draws(self) -> NDArray[np.float64]:
        """Every slot's numbers of the month, hashed once on the first draw (read-only)."""
        return month_uniforms(self.seeds, self.step)


@dataclass(frozen=True)
class Month:
    """One month of a batch of runs, as the resolution sees it."""

    now: Now
    params: ParamTable
    log: EventLog
    venue: str
    """Where a summit this month would be staged (a calendar window, or Panmunjom)."""
    state: WorldState
    intents: Intentions
    outcome: MonthOutcome
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def derived[T](self, name: str, compute: Callable[[], T]) -> T:
        """What ``compute`` gives, computed once a month.

        It is a pure function of the month's intentions and observation, so it is the same
        whichever step asks first.
        """
        if name not in self._derived:
            self._derived[name] = compute()
        found: T = self._derived[name]
        return found

    @property
    def step(self) -> int:
        """The month's step."""
        return self.now.step

    @property
    def inputs(self) -> MonthInputs:
        """The month's exogenous inputs."""
        return self.now.inputs

    @property
    def n_runs(self) -> int:
        """Runs in the batch."""
        return self.now.n_runs

    def draw(self, slot: str) -> NDArray[np.float64]:
        """This month's uniform numbers of a decision slot, one per run (:mod:`sim.draws`)."""
        return self.now.draw(slot)

    @property
    def on(self) -> Switches:
        """Where each mechanism is switched on, per run."""
        return self.params.on
