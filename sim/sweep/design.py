"""Experimental designs: the parameter values of every design point.

A design is a table, one row per design point and one column per varied parameter. A grid is the
full factorial product of each parameter's values. The other designs draw points in the unit
hypercube and map each coordinate onto its parameter (:meth:`Axis.from_unit`):

- ``random``: independent uniform draws;
- ``lhs``: a Latin hypercube (McKay, Beckman & Conover 1979), ``scipy.stats.qmc``;
- ``sobol``: Saltelli's cross-sampling of a scrambled Sobol' sequence, ``N (D + 2)`` points, or
  ``N (2D + 2)`` with second-order indices (Saltelli 2002; Saltelli et al. 2010), as SALib 1.6's
  ``SALib.sample.sobol.sample`` makes them for ``SALib.analyze.sobol``;
- ``morris``: ``N`` one-at-a-time trajectories of ``D + 1`` points on a ``p``-level grid
  (Morris 1991) with Campolongo et al.'s (2007) sampling, ``SALib.sample.morris.sample``;
- ``posterior``: ``N`` parameter vectors resampled by weight from the bundled posterior
  (``data/posterior.parquet``), the parameters being those of the posterior that apply to the
  base scenario (:func:`posterior_axes`), so each run draws its parameters as well as its seed.

SALib and SciPy are imported by the functions that need them: they take seconds to import, and
``neasim`` commands other than ``sweep`` should not pay for that.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.scenario import Scenario


@dataclass(frozen=True)
class Axis:
    """One varied parameter of a sweep: its key path and the values it may take.

    Either ``values`` (a finite set, drawn uniformly by the sampled designs) or ``low`` and
    ``high`` (a uniform range; a grid takes ``levels`` evenly spaced values from it). An integer
    parameter takes each integer of ``[low, high]`` with equal probability.
    """

    key: str
    values: tuple[float, ...] | None = None
    low: float | None = None
    high: float | None = None
    levels: int | None = None
    integer: bool = False

    @property
    def dtype(self) -> type[np.generic]:
        """``int64`` for an integer parameter, else ``float64``."""
        return np.int64 if self.integer else np.float64

    def grid_values(self) -> np.ndarray:
        """The values a grid takes: ``values``, or ``levels`` evenly spaced from low to high."""
        if self.values is not None:
            return np.asarray(self.values, dtype=self.dtype)
        assert self.low is not None and self.high is not None and self.levels is not None
        spaced = np.linspace(self.low, self.high, self.levels)
        return np.rint(spaced).astype(np.int64) if self.integer else spaced

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        """Map coordinates in ``[0, 1]`` onto the parameter, preserving their order."""
        if self.values is not None:
            k = len(self.values)
            index = np.minimum(np.floor(unit * k).astype(np.int64), k - 1)
            return np.asarray(self.values, dtype=self.dtype)[index]
        assert self.low is not None and self.high is not None
        if self.integer:
            low, high = round(self.low), round(self.high)
            steps = np.floor(unit * (high - low + 1)).astype(np.int64)
            return np.minimum(low + steps, high)
        return self.low + unit * (self.high - self.low)


@dataclass(frozen=True)
class Design:
    """The design points: one array per parameter, all of length ``n_points``."""

    n_points: int
    columns: dict[str, np.ndarray]


def make_design(
    kind: str,
    axes: tuple[Axis, ...],
    n: int | None,
    rng: np.random.Generator,
    *,
    second_order: bool = False,
    morris_levels: int = 4,
) -> Design:
    """Build the design points of a sweep.

    Parameters
    ----------
    kind
        ``grid``, ``random``, ``lhs``, ``sobol``, ``morris`` or ``posterior``.
    axes
        The varied parameters, in column order.
    n
        The size: points (random, lhs), base samples N (sobol), trajectories (morris); a grid
        ignores it.
    rng
        The only source of randomness of the design.
    second_order, morris_levels
        Saltelli's cross-sampling for second-order indices (sobol); grid levels (morris).

    Returns
    -------
    Design
        With no parameters, a grid is one point and random or lhs designs are ``n`` points.
    """
    if kind == "grid":
        return grid_design(axes)
    assert n is not None
    if kind == "posterior":
        return posterior_design(axes, n, rng)
    if kind == "random":
        unit = rng.random((n, len(axes)))
    elif kind == "lhs":
        unit = latin_hypercube(n, len(axes), rng)
    elif kind == "sobol":
        unit = saltelli_sample(n, len(axes), rng, second_order=second_order)
    elif kind == "morris":
        unit = morris_sample(n, len(axes), rng, levels=morris_levels)
    else:
        raise ValueError(f"unknown design {kind!r}")
    columns = {axis.key: axis.from_unit(unit[:, j]) for j, axis in enumerate(axes)}
    return Design(n_points=unit.shape[0], columns=columns)


def posterior_axes(scenario: "Scenario") -> tuple[Axis, ...]:
    """The parameters a ``posterior`` design varies: the posterior's that apply to ``scenario``.

    Mechanisms everywhere; the calibration scenario's initial states only on it.
    """
    from sim.calibration.posterior import read_posterior
    from sim.calibration.uncertainty import applies
    from sim.scenario import numeric_parameters

    posterior = read_posterior()
    home = str(posterior.provenance.get("settings", {}).get("scenario", ""))
    infos = numeric_parameters(scenario)
    return tuple(
        Axis(key, low=infos[key].low, high=infos[key].high)
        for key in posterior.keys
        if applies(key, scenario, home)
    )


def posterior_design(axes: tuple[Axis, ...], n: int, rng: np.random.Generator) -> Design:
    """``n`` points resampled by weight from the bundled posterior (its columns named by axes)."""
    from sim.calibration.posterior import read_posterior

    posterior = read_posterior()
    rows = rng.choice(len(posterior.weights), size=n, p=posterior.weights)
    columns = {axis.key: posterior.theta[rows, posterior.keys.index(axis.key)] for axis in axes}
    return Design(n_points=n, columns=columns)


def grid_design(axes: tuple[Axis, ...]) -> Design:
    """The full factorial design; the first parameter varies slowest."""
    levels = [axis.grid_values() for axis in axes]
    n_points = int(np.prod([len(values) for values in levels], dtype=np.int64))
    grids = np.meshgrid(*levels, indexing="ij") if levels else []
    columns = {axis.key: grid.ravel() for axis, grid in zip(axes, grids, strict=True)}
    return Design(n_points=n_points, columns=columns)


def latin_hypercube(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` points of a Latin hypercube in ``[0, 1)^d`` (McKay, Beckman & Conover 1979)."""
    if d == 0:
        return np.empty((n, 0))
    from scipy.stats import qmc

    return np.asarray(qmc.LatinHypercube(d=d, rng=rng).random(n))


def saltelli_sample(
    n: int, d: int, rng: np.random.Generator, *, second_order: bool = False
) -> np.ndarray:
    """Saltelli's cross-sampled scrambled Sobol' points in ``[0, 1]^d``.

    ``n (d + 2)`` rows, or ``n (2d + 2)`` with ``second_order``, in the order
    ``SALib.analyze.sobol.analyze`` expects (Saltelli 2002; Saltelli et al. 2010).
    """
    from SALib.sample import sobol

    problem = _unit_problem(d)
    return np.asarray(sobol.sample(problem, n, calc_second_order=second_order, seed=rng))


def morris_sample(n: int, d: int, rng: np.random.Generator, *, levels: int = 4) -> np.ndarray:
    """``n`` Morris trajectories of ``d + 1`` points on a ``levels``-level grid in ``[0, 1]^d``.

    Elementary-effects screening (Morris 1991) with the sampling of Campolongo, Cariboni &
    Saltelli (2007), in the order ``SALib.analyze.morris.analyze`` expects.
    """
    from SALib.sample import morris

    problem = _unit_problem(d)
    return np.asarray(morris.sample(problem, n, num_levels=levels, seed=rng))


def _unit_problem(d: int) -> dict[str, object]:
    return {"num_vars": d, "names": [f"x{j}" for j in range(d)], "bounds": [[0.0, 1.0]] * d}
