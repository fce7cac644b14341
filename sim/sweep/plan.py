"""A sweep spec resolved against its base scenario: the plan a sweep directory is made from.

Here a spec meets the schema: each varied key must be a numeric parameter of the base scenario
(:func:`sim.scenario.numeric_parameters`), within its declared bounds, whole if the parameter is
an integer; each outcome kept must be one the model reports. Every problem is one
:class:`~sim.errors.InputError` line naming the spec file and the key path.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from math import ceil
from pathlib import Path
from typing import Any

import numpy as np

from sim.errors import InputError
from sim.runs.batch import run_batch
from sim.scenario import (
    ParameterInfo,
    Scenario,
    bundled_scenarios,
    load_scenario,
    numeric_parameters,
    resolve_path,
)
from sim.sweep.design import Axis, Design, make_design, posterior_axes
from sim.sweep.seeds import background_rng, design_rng
from sim.sweep.spec import ParameterRange, SweepSpec, load_spec

DEFAULT_CHUNK_SIZE = 1000
"""Runs per chunk unless the spec or ``--chunk-size`` says otherwise (fewer for small sweeps)."""


@dataclass(frozen=True)
class SweepPlan:
    """A checked spec with its base scenario, its varied parameters and its outcome columns."""

    spec_file: Path
    spec: SweepSpec
    base: str
    scenario: Scenario
    axes: tuple[Axis, ...]
    keep: tuple[str, ...] | None
    months: int
    background: tuple[str, ...] = ()
    """The calibrated parameters each run draws from the posterior (``background: posterior``):
    the posterior's that apply to the base scenario, less those the design varies."""

    def background_values(self, n_runs: int) -> dict[str, np.ndarray]:
        """Each run's values of the :attr:`background` parameters.

        Resampled by weight from the posterior, a pure function of the sweep's root seed (run
        ``r`` takes row ``r``).
        """
        if not self.background:
            return {}
        from sim.calibration.posterior import read_posterior

        drawn = read_posterior().draw(background_rng(self.spec.seed), n_runs)
        return {key: drawn[key] for key in self.background}

    @property
    def second_order(self) -> bool:
        """Whether a Sobol' design cross-samples for second-order indices."""
        return bool(self.spec.second_order)

    @property
    def morris_levels(self) -> int:
        """The number of grid levels of a Morris design."""
        return self.spec.morris_levels or 4

    def design(self) -> Design:
        """The design points, drawn from the root seed."""
        return make_design(
            self.spec.design,
            self.axes,
            self.spec.n,
            design_rng(self.spec.seed),
            second_order=self.second_order,
            morris_levels=self.morris_levels,
        )

    def resolved(self, chunk_size: int) -> dict[str, Any]:
        """The resolved spec (``sweep.yaml``): a valid spec that describes the same sweep."""
        spec = self.spec
        data: dict[str, Any] = {
            "name": spec.name or self.spec_file.stem,
            "base": self.base,
            "description": spec.description,
            "design": spec.design,
            "n": spec.n if spec.design != "grid" else None,
            "second_order": self.second_order if spec.design == "sobol" else None,
            "morris_levels": self.morris_levels if spec.design == "morris" else None,
            "replicates": spec.replicates,
            "seed": spec.seed,
            "months": self.months,
            "parameters": {
                key: prange.model_dump(exclude_none=True) for key, prange in spec.parameters.items()
            },
            "outcomes": list(spec.outcomes) if spec.outcomes is not None else None,
            "trajectories": spec.trajectories,
            "chunk_size": chunk_size,
            "background": spec.background if spec.background != "declared" else None,
        }
        return {key: value for key, value in data.items() if value is not None}


def plan_sweep(spec_path: str | Path, chunk_size: int | None = None) -> SweepPlan:
    """Read a spec and check it against its base scenario.

    Parameters
    ----------
    spec_path
        The sweep spec (YAML).
    chunk_size
        ``--chunk-size``, which overrides the spec's ``chunk_size``.

    Raises
    ------
    InputError
        At the first problem, as ``<file>: <key.path>: <what is wrong>``.
    """
    spec_file = Path(spec_path)
    spec = load_spec(spec_file)
    if chunk_size is not None:
        if chunk_size < 1:
            raise InputError(f"--chunk-size: {chunk_size} is not a positive number of runs")
        spec = spec.model_copy(update={"chunk_size": chunk_size})
    base, scenario = _load_base(spec, spec_file)
    infos = numeric_parameters(scenario)
    axes = tuple(
        _axis(key, prange, infos, spec_file, base) for key, prange in spec.parameters.items()
    )
    if spec.design == "posterior":
        axes = posterior_axes(scenario)
    background: tuple[str, ...] = ()
    if spec.background == "posterior":
        varied = {axis.key for axis in axes}
        background = tuple(a.key for a in posterior_axes(scenario) if a.key not in varied)
    keep = _kept_outcomes(spec, scenario, spec_file)
    months = spec.months if spec.months is not None else scenario.months
    return SweepPlan(spec_file, spec, base, scenario, axes, keep, months, background)


def default_chunk_size(n_runs: int, parallelism: int) -> int:
    """:data:`DEFAULT_CHUNK_SIZE`, or fewer so that every worker gets a chunk of a small sweep."""
    return max(1, min(DEFAULT_CHUNK_SIZE, ceil(n_runs / max(1, parallelism))))


def _load_base(spec: SweepSpec, spec_file: Path) -> tuple[str, Scenario]:
    """The base scenario, and its reference as ``sweep.yaml`` records it.

    A bundled name stays a name; a path, relative to the spec file, becomes absolute.
    """
    try:
        path = resolve_path(spec.base, relative_to=spec_file.resolve().parent)
        scenario = load_scenario(path)
    except InputError as error:
        raise InputError(f"{spec_file}: base: {error}") from None
    bundled = bundled_scenarios()
    if spec.base in bundled and bundled[spec.base].resolve() == path.resolve():
        return spec.base, scenario
    return str(path.resolve()), scenario


def _axis(
    key: str,
    prange: ParameterRange,
    infos: Mapping[str, ParameterInfo],
    spec_file: Path,
    base: str,
) -> Axis:
    where = f"{spec_file}: parameters.{key}"
    info = infos.get(key)
    if info is None:
        hint = difflib.get_close_matches(key, list(infos), n=1, cutoff=0.6)
        suggestion = f" (did you mean {hint[0]}?)" if hint else ""
        raise InputError(f"{where}: not a numeric parameter of {base}{suggestion}")
    bounds = f"[{info.low:g}, {info.high:g}]"
    named = [("low", prange.low), ("high", prange.high)]
    named += [(f"values.{i}", value) for i, value in enumerate(prange.values or ())]
    for name, value in named:
        if value is None:
            continue
        if not info.low <= value <= info.high:
            raise InputError(
                f"{where}.{name}: {value:g} is outside the parameter's bounds {bounds}"
            )
        if info.integer and value != round(value):
            raise InputError(
                f"{where}.{name}: {value:g} is not a whole number (an integer parameter)"
            )
    axis = Axis(
        key=key,
        values=tuple(prange.values) if prange.values is not None else None,
        low=prange.low,
        high=prange.high,
        levels=prange.levels,
        integer=info.integer,
    )
    if prange.levels is not None and info.integer:
        distinct = len(np.unique(axis.grid_values()))
        if distinct < prange.levels:
            raise InputError(
                f"{where}.levels: {prange.levels} levels from {prange.low:g} to {prange.high:g}"
                f" repeat whole numbers (at most {distinct} distinct)"
            )
    return axis


def _kept_outcomes(spec: SweepSpec, scenario: Scenario, spec_file: Path) -> tuple[str, ...] | None:
    """The outcome columns to keep; a name like ``trust_final`` keeps ``trust_final.*``."""
    if spec.outcomes is None:
        return None
    names = list(run_batch(scenario, np.zeros(1, dtype=np.int64), months=1).arrays)
    kept: list[str] = []
    for i, wanted in enumerate(spec.outcomes):
        matches = [name for name in names if name == wanted or name.startswith(wanted + ".")]
        if not matches:
            groups = list(dict.fromkeys(n.split(".")[0] for n in names))
            hint = difflib.get_close_matches(wanted, groups + names, n=1, cutoff=0.6)
            suggestion = f"did you mean {hint[0]}? " if hint else ""
            raise InputError(
                f"{spec_file}: outcomes.{i}: {wanted!r} is not an outcome of the model"
                f" ({suggestion}outcomes: {', '.join(groups)})"
            )
        kept.extend(name for name in matches if name not in kept)
    return tuple(kept)
