"""The narrow context the month's resolution works in: no model, only what it needs.

Resolution reads the step, the parameters, the month's exogenous inputs, the month's draws, the
mechanism switches and the countries' intentions, and writes the state, the month's outcome and
the event log.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.calendar import MonthInputs
from sim.draws import uniforms
from sim.events import EventLog
from sim.intentions import Intentions, MonthOutcome
from sim.parameters.table import ParamTable, Switches
from sim.state import WorldState


@dataclass(frozen=True)
class Month:
    """One month of a batch of runs, as the resolution sees it."""

    step: int
    params: ParamTable
    inputs: MonthInputs
    log: EventLog
    seeds: NDArray[np.uint64]
    venue: str
    """Where a summit this month would be staged (a calendar window, or Panmunjom)."""
    state: WorldState
    intents: Intentions
    outcome: MonthOutcome

    @property
    def n_runs(self) -> int:
        """Runs in the batch."""
        return len(self.seeds)

    def draw(self, slot: str) -> NDArray[np.float64]:
        """This month's uniform numbers of a decision slot, one per run (:mod:`sim.draws`)."""
        return uniforms(self.seeds, slot, self.step)

    @property
    def on(self) -> Switches:
        """Where each mechanism is switched on, per run."""
        return self.params.on
