"""Parameter values as arrays over runs: one scenario, optionally varied run by run.

A sweep steps runs with different parameter values in lockstep, so the model reads every numeric
parameter as an ``(R,)`` array, by the dotted key the schema declares
(``params["mechanisms.trust.reversion_rate"]``).
"""

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.errors import InputError
from sim.scenario import Scenario, consistency_errors, numeric_parameters


class ParamTable:
    """Every numeric parameter of a scenario as an (R,) array, with per-run overrides."""

    def __init__(
        self, scenario: Scenario, n_runs: int, overrides: Mapping[str, ArrayLike] | None = None
    ) -> None:
        infos = numeric_parameters(scenario)
        self.n_runs = n_runs
        self._arrays: dict[str, NDArray[np.float64]] = {
            key: np.full(n_runs, info.default) for key, info in infos.items()
        }
        for key, given in (overrides or {}).items():
            if key not in infos:
                raise InputError(f"{scenario.name}: {key}: not a numeric parameter of the scenario")
            values = np.asarray(given, dtype=float)
            if values.shape != (n_runs,):
                raise InputError(f"{key}: expected {n_runs} values, got shape {values.shape}")
            info = infos[key]
            outside = (values < info.low) | (values > info.high) | ~np.isfinite(values)
            if outside.any():
                bad = values[np.flatnonzero(outside)[0]]
                raise InputError(f"{key}: {bad} is outside [{info.low:g}, {info.high:g}]")
            if info.integer and np.any(values != np.round(values)):
                raise InputError(f"{key}: must be a whole number")
            self._arrays[key] = values

    def __getitem__(self, key: str) -> NDArray[np.float64]:
        return self._arrays[key]

    def errors(self) -> list[str | None]:
        """Per run, the cross-parameter rule its values break, or None."""
        return consistency_errors(self._arrays)
