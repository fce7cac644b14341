"""DiplomacyModel: six countries, R runs in lockstep, one month per step.

Each month is simultaneous: **observe** (a copy of the state), **decide** (each country states
its intentions from that copy), **resolve** (the model settles what the intentions do to one
another: summits, deals, concessions, provocations, sanctions, mediation, outreach), **update**
(each country moves its own state; then the world's tallies). Activation order never matters.
"""

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import mesa
import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.agents import COUNTRY_CLASSES, Country, NorthKorea
from sim.calendar import MonthInputs, inputs_by_step, month_label, summit_windows
from sim.countries import COUNTRIES, PRK, USA
from sim.events import EventLog
from sim.kernel import simulate_month
from sim.measures import OUTCOMES, WORLD, Measure, Span
from sim.mechanisms.showmanship import window_visibility
from sim.month import Now
from sim.parameters.table import ParamTable
from sim.scenario import Scenario, load_scenario, with_overrides
from sim.state import WorldState, initial_state


class DiplomacyModel(mesa.Model):  # type: ignore[misc]  # Mesa ships no type information
    """Northeast Asian diplomacy, month by month, for one run or a batch of runs.

    Parameters
    ----------
    scenario
        A :class:`Scenario`, a path to a scenario file, or a bundled scenario's name.
    rng
        The seed of a single run; ``None`` uses the scenario's ``seed``. (Named as Mesa names it,
        so ``mesa.batch_run(DiplomacyModel, ..., rng=[1, 2, 3])`` seeds each run.)
    seeds
        Seeds of a batch of runs stepped in lockstep (overrides ``rng``).
    overrides
        Per-run parameter values by dotted key, each an array with one value per seed.
    months
        Months to simulate, if not the scenario's.
    keep_events
        Keep event rows (for the narrative and ``events.csv``); by default only for one run.
    record
        Keep the state of every month (for ``states.csv`` and trajectories).
    **settings
        Dotted-key overrides applied to the scenario for every run, as ``--set`` does
        (``DiplomacyModel(**{"mechanisms.trust.reversion_rate": 0.05})``).

    Notes
    -----
    ``datacollector`` is Mesa's: its reporters give one number per step (the run's value for a
    single run, the mean over runs for a batch). Per-run trajectories are ``history`` (with
    ``record=True``) and :func:`sim.runs.batch.run_batch`'s ``trajectory``.
    """

    def __init__(
        self,
        scenario: Scenario | str | Path = "baseline",
        rng: int | None = None,
        *,
        seeds: Sequence[int] | NDArray[np.integer] | None = None,
        overrides: Mapping[str, ArrayLike] | None = None,
        months: int | None = None,
        keep_events: bool | None = None,
        record: bool = True,
        **settings: Any,
    ) -> None:
        config = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        if settings:
            config = with_overrides(config, settings)
        if seeds is None:
            seeds = [config.seed if rng is None else int(rng)]
        self.seeds = np.asarray(seeds, dtype=np.uint64)
        super().__init__(rng=int(self.seeds[0]))
        self.config = config
        self.n_runs = len(self.seeds)
        self.months = config.months if months is None else months
        self.params = ParamTable(config, self.n_runs, overrides)
        self.errors: list[str | None] = self.params.errors()
        self.state: WorldState = initial_state(self.params, config.world.talks_alive)
        self.log = EventLog(
            self.n_runs, keep_rows=self.n_runs == 1 if keep_events is None else keep_events
        )
        self._inputs = inputs_by_step(config.start, self.months, config.calendar, config.shocks)
        self.summit_windows = summit_windows(config.start, config.calendar)
        """Steps, visibilities and labels of the calendar's summit windows."""
        self.t = 0
        self.inputs: MonthInputs = self._inputs[0]
        self.countries: list[Country] = [cls(self) for cls in COUNTRY_CLASSES]
        north_korea = self.countries[PRK]
        assert isinstance(north_korea, NorthKorea)
        north_korea.assess_security(self.state)
        for country in self.countries:
            derived = country.derived_pressure(self.state)
            if derived is not None:
                self.state.pressure[:, country.index] = derived
        self.record = record
        self.history: list[WorldState] = [self.state.copy()] if record else []
        span = Span(config.start, self.months)
        self.datacollector = mesa.DataCollector(
            model_reporters={
                measure.collect: _mean_of(measure, span)
                for measure in (*WORLD, *OUTCOMES)
                if measure.collect
            },
            agent_reporters={
                "country": "code",
                "leverage": lambda a: _run_mean(a.state.leverage[:, a.index]),
                "domestic_pressure": lambda a: _run_mean(a.state.pressure[:, a.index]),
            },
        )
        self.datacollector.collect(self)

    # --- the month ---------------------------------------------------------------------------

    @property
    def month(self) -> str:
        """The ``YYYY-MM`` of the current step."""
        return month_label(self.config.start, self.t)

    @property
    def now(self) -> Now:
        """The current month as a country sees it besides the state (step, inputs, draws)."""
        return Now(self.t, self.inputs, self.seeds)

    def step(self) -> None:
        """Simulate one month for every run: observe, decide, resolve, update."""
        if self.t >= self.months:
            self.running = False
            return
        self.t += 1
        self.inputs = self._inputs[self.t]
        self.log.start_month()
        steps, visibility, _ = self.summit_windows
        self.state.visibility[:, USA] = window_visibility(
            self.t, steps, visibility, self.params.mechanisms.showmanship.window_lead_months
        )
        simulate_month(self.now, self.state, self.params, self.log, self.venue(), self.countries)
        self._check_runs()
        if self.record:
            self.history.append(self.state.copy())
        self.datacollector.collect(self)
        if self.t >= self.months:
            self.running = False

    def venue(self) -> str:
        """Where a summit this month would be staged: a calendar window within two months."""
        steps, _, labels = self.summit_windows
        upcoming = [
            label for step, label in zip(steps, labels, strict=True) if 0 <= step - self.t <= 2
        ]
        return f"timed for {upcoming[0]}" if upcoming else "at Panmunjom"

    def _check_runs(self) -> None:
        """Mark runs whose state went invalid (NaN, or a bounded state outside [0, 1])."""
        for run in np.flatnonzero(self.state.invalid_runs()):
            if self.errors[run] is None:
                self.errors[run] = f"state out of bounds or NaN at step {self.t} ({self.month})"

    def run(self) -> None:
        """Step to the end of the scenario."""
        while self.running:
            self.step()

    @property
    def countries_by_code(self) -> dict[str, Country]:
        """The six agents, by ISO code."""
        return dict(zip(COUNTRIES, self.countries, strict=True))


def _mean_of(measure: Measure, span: Span) -> Callable[[DiplomacyModel], float]:
    """A reporter of Mesa's data collector: the measure's mean over the runs."""
    return lambda model: _run_mean(measure.read(model.state, span))


def _run_mean(values: NDArray[Any]) -> float:
    """The mean over runs, as ``np.mean`` gives it: a float64 sum over the count of values."""
    array = np.asarray(values)
    dtype = np.float64 if array.dtype.kind in "biu" else None
    return float(np.add.reduce(array, axis=None, dtype=dtype) / array.size)
