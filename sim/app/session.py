"""One classroom session: the chosen scenario, the levers, one history and many futures.

Everything the page shows is computed here, with no user interface, so it can be tested without a
browser. A lever change replays the history to the current month under the new settings (the same
seed, so only the change shows), and redraws the many futures.
"""

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sim.app.levers import levers, missing_levers
from sim.classroom.futures import Futures, many_futures
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

FUTURES = 500
"""Seeds in the many-futures batch."""


@dataclass(frozen=True)
class FuturesView:
    """The futures under the current settings beside those of the unchanged scenario."""

    current: Futures
    reference: Futures
    seconds: float


class ClassroomSession:
    """The state behind one browser tab.

    Parameters
    ----------
    scenario
        A bundled scenario's name or a path.
    futures
        Seeds in the many-futures batch (seeds 0 … futures−1).
    """

    def __init__(self, scenario: str = "baseline", futures: int = FUTURES) -> None:
        self.seeds = np.arange(futures)
        self.extra: tuple[str, ...] = ()
        self.choose_scenario(scenario)

    # --- the scenario and the levers --------------------------------------------------------

    def choose_scenario(self, ref: str) -> None:
        """Start over from a scenario with its own lever values."""
        self.ref = ref
        self.base: Scenario = load_scenario(ref)
        self.levers: list[ParameterInfo] = levers(self.base, self.extra)
        self.missing = missing_levers(self.base)
        self.values: dict[str, float] = {info.key: info.default for info in self.levers}
        start = time.perf_counter()
        self.reference = many_futures(self.base, self.seeds)
        self.futures = FuturesView(self.reference, self.reference, time.perf_counter() - start)
        self._restart(0)

    def set_lever(self, key: str, value: float) -> None:
        """Move one lever: replay the history to this month, redraw the many futures."""
        if key not in self.values:
            raise KeyError(f"{key} is not a lever of the page")
        self.values[key] = float(value)
        self._restart(self.model.t)
        start = time.perf_counter()
        current = many_futures(self.scenario, self.seeds)
        self.futures = FuturesView(current, self.reference, time.perf_counter() - start)

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
        """The scenario with the levers' current values."""
        changed = self.changed()
        return with_overrides(self.base, changed) if changed else self.base

    # --- the history ------------------------------------------------------------------------

    def _restart(self, months: int) -> None:
        self.model = DiplomacyModel(self.scenario, keep_events=True, record=True)
        for _ in range(months):
            self.model.step()

    def step(self) -> bool:
        """Simulate one more month; False when the scenario's last month is reached."""
        if self.model.t >= self.model.months:
            return False
        self.model.step()
        return True

    def reset(self) -> None:
        """The scenario's own lever values, month 0, the unchanged futures."""
        self.choose_scenario(self.ref)

    @property
    def month(self) -> str:
        """The current month, ``YYYY-MM``."""
        return self.model.month

    def story(self) -> list[str]:
        """The story so far, as ``neasim run`` tells it."""
        return list(month_lines(self.model.log.for_run(0), self.base.start))

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
        if self.model.t == 0:
            raise ValueError("nothing to save yet: step at least one month first")
        started = utc_now()
        scenario = with_overrides(self.scenario, {"months": self.model.t})
        target = claim(default_run_dir(scenario, scenario.seed, started, root), numbered=True)
        try:
            model = DiplomacyModel(scenario, keep_events=True, record=True)
            model.run()
            return save_model_run(target, model, started, None)[0]
        except BaseException:
            release(target)
            raise
