"""One classroom session: a reference and a variant, the levers, one history and many futures.

Everything the page shows is computed here, with no user interface, so it can be tested without a
browser. The *variant* is a scenario with the levers as the class sets them; the *reference* is
another scenario (the baseline by default) as shipped. Both are summarised over the same seeds, so
a difference between them comes from the settings, not from luck. The one history stepped live is
the variant's, read month by month through read-only snapshots (:mod:`sim.snapshot`); a lever
change replays it from month 1 with the new settings and the same seed.
"""

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sim.app.compute import FuturesCache
from sim.app.levers import levers, missing_levers
from sim.classroom.futures import PARAMETERS, Futures
from sim.model import DiplomacyModel
from sim.runs.claim import claim, release
from sim.runs.directory import default_run_dir
from sim.runs.narrative import month_lines
from sim.runs.provenance import utc_now
from sim.runs.single import save_model_run
from sim.scenario import (
    ParameterInfo,
    Scenario,
    bundled_scenarios,
    load_scenario,
    resolve_path,
    with_overrides,
)
from sim.snapshot import MonthSnapshot, snapshot

FUTURES = 500
"""Seeds in the many-futures batch."""
REFERENCE = "baseline"
"""The reference a session starts with."""
Z95 = 1.959963984540054
"""The standard normal quantile of a two-sided 95 % interval."""


@dataclass(frozen=True)
class FuturesView:
    """The variant's futures beside the reference's, and the seconds the last batch took."""

    current: Futures
    reference: Futures
    seconds: float


@dataclass(frozen=True)
class Comparison:
    """The share of futures with a summit under each setting, and their difference.

    The two settings share their seeds, so the interval is that of a paired difference (the
    normal approximation over runs): it shrinks when the two settings agree run by run.
    """

    variant: float
    reference: float
    difference: float
    low: float
    high: float

    @classmethod
    def of(cls, variant: Futures, reference: Futures) -> "Comparison":
        """Compare the runs the two batches share (every seed that failed in neither)."""
        common, vi, ri = np.intersect1d(variant.seeds, reference.seeds, return_indices=True)
        diff = variant.summit_held[vi].astype(float) - reference.summit_held[ri].astype(float)
        half = Z95 * float(diff.std(ddof=1)) / math.sqrt(len(common)) if len(common) > 1 else 0.0
        mean = float(diff.mean())
        return cls(
            float(variant.summit_held.mean()),
            float(reference.summit_held.mean()),
            mean,
            mean - half,
            mean + half,
        )


class ClassroomSession:
    """The state behind one browser tab.

    Parameters
    ----------
    scenario
        The variant's scenario at the start: a bundled scenario's name or a path.
    futures
        Seeds in the many-futures batch (seeds 0 … futures−1).
    cache
        Where futures are computed and kept (shared by the tabs of one server).
    reference
        The reference's scenario at the start.
    """

    def __init__(
        self,
        scenario: str = "baseline",
        futures: int = FUTURES,
        cache: FuturesCache | None = None,
        reference: str = REFERENCE,
    ) -> None:
        self.seeds = np.arange(futures)
        self.cache = cache if cache is not None else FuturesCache()
        self.extra: tuple[str, ...] = ()
        self.reference_ref = reference
        self.reference_scenario = load_scenario(reference)
        self.seed: int | None = None
        self.parameters = "declared"
        self.choose_scenario(scenario)

    # --- the variant, the reference and the levers --------------------------------------------

    def choose_scenario(self, ref: str) -> None:
        """The variant starts over from a scenario with its own lever values, at month 0."""
        self.ref = ref
        self.base: Scenario = load_scenario(ref)
        self.levers: list[ParameterInfo] = levers(self.base, self.extra)
        self.missing = missing_levers(self.base)
        self.values: dict[str, float] = {info.key: info.default for info in self.levers}
        self._restart(0)
        self._compute()

    def choose_reference(self, ref: str) -> None:
        """Compare against another scenario, as shipped."""
        self.reference_ref = ref
        self.reference_scenario = load_scenario(ref)
        self._compute()

    def set_parameters(self, parameters: str) -> None:
        """Choose where the futures' parameters come from.

        At the scenarios' values (``declared``), or with each run's calibrated parameters drawn
        from the posterior (``posterior``), from the variant's root seed; a lever the class has
        set keeps its value. The history stepped live is not redrawn.
        """
        if parameters not in PARAMETERS:
            raise ValueError(f"parameters {parameters!r}: one of {', '.join(PARAMETERS)}")
        previous, self.parameters = self.parameters, parameters
        try:
            self._compute()
        except Exception:
            self.parameters = previous  # no posterior to read: the futures stay as they were
            raise

    def set_lever(self, key: str, value: float) -> None:
        """Move one lever: replay the history from month 1 to this month, recompute the futures."""
        if key not in self.values:
            raise KeyError(f"{key} is not a lever of the page")
        self.values[key] = float(value)
        self._restart(self.t)
        self._compute()

    def set_seed(self, seed: int) -> None:
        """Tell another story: the history starts over from month 0 with this seed."""
        self.seed = int(seed)
        self._restart(0)

    def add_lever(self, key: str) -> ParameterInfo:
        """Show one more declared parameter as a lever, at the scenario's value."""
        info = levers(self.base, (key,))[-1]
        if info.key not in self.values:
            self.extra = (*self.extra, key)
            self.levers.append(info)
            self.values[info.key] = info.default
        return info

    def changed(self) -> dict[str, float]:
        """The levers set away from the scenario's values."""
        return {
            info.key: self.values[info.key]
            for info in self.levers
            if self.values[info.key] != info.default
        }

    @property
    def scenario(self) -> Scenario:
        """The variant: the chosen scenario with the levers' current values."""
        changed = self.changed()
        return with_overrides(self.base, changed) if changed else self.base

    def _compute(self) -> None:
        # the reference draws from the variant's root too, so the two stay paired run by run
        root, kept = self.base.seed, tuple(sorted(self.changed()))
        current, seconds = self.cache.get(self.scenario, self.seeds, self.parameters, root, kept)
        reference, more = self.cache.get(self.reference_scenario, self.seeds, self.parameters, root)
        self.futures = FuturesView(current, reference, seconds + more)

    def comparison(self) -> Comparison:
        """The variant against the reference: a summit held, in shares of the futures."""
        return Comparison.of(self.futures.current, self.futures.reference)

    # --- the history ------------------------------------------------------------------------

    def _restart(self, months: int) -> None:
        story = self.scenario
        if self.seed is not None:
            story = with_overrides(story, {"seed": self.seed})
        self._model = DiplomacyModel(story, keep_events=True, record=False)
        self.snapshots: list[MonthSnapshot] = [snapshot(self._model)]
        for _ in range(months):
            self.step()

    def step(self) -> bool:
        """Simulate one more month; False when the scenario's last month is reached."""
        if self.now.finished:
            return False
        self._model.step()
        self.snapshots.append(snapshot(self._model))
        return True

    def reset(self) -> None:
        """The scenario's own lever values, month 0."""
        self.choose_scenario(self.ref)

    @property
    def now(self) -> MonthSnapshot:
        """The latest month of the history."""
        return self.snapshots[-1]

    @property
    def t(self) -> int:
        """Months played in the history."""
        return self.now.step

    @property
    def month(self) -> str:
        """The latest month played, ``YYYY-MM`` (the start month before any is played)."""
        return self.now.month

    def story(self) -> list[str]:
        """The story so far, as ``neasim run`` tells it."""
        events = [event for snap in self.snapshots for event in snap.events]
        return list(month_lines(events, self.base.start))

    # --- export -----------------------------------------------------------------------------

    def settings_yaml(self) -> str:
        """The current settings as a scenario file extending the chosen scenario."""
        parent = self.ref if self.ref in bundled_scenarios() else str(resolve_path(self.ref))
        data: dict[str, Any] = {
            "extends": parent,
            "description": f"{self.base.name} with the levers set in the classroom page",
        }
        for key, value in self.changed().items():
            node = data
            *path, leaf = key.split(".")
            for part in path:
                node = node.setdefault(part, {})
            node[leaf] = value
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    def save_run(self, root: Path = Path("runs")) -> Path:
        """Save the history so far as a run directory (its config reproduces it).

        The directory's name is claimed first (:func:`sim.runs.claim.claim`), as ``neasim run``
        does: two saves in the same second get ``-2``, and a failed save leaves nothing behind.

        Raises
        ------
        ValueError
            At month 0: there is no history to save yet.
        """
        if self.t == 0:
            raise ValueError("nothing to save yet: step at least one month first")
        started = utc_now()
        settings: dict[str, Any] = {"months": self.t}
        if self.seed is not None:
            settings["seed"] = self.seed
        scenario = with_overrides(self.scenario, settings)
        target = claim(default_run_dir(scenario, scenario.seed, started, root), numbered=True)
        try:
            model = DiplomacyModel(scenario, keep_events=True, record=True)
            model.run()
            return save_model_run(target, model, started, None)[0]
        except BaseException:
            release(target)
            raise
