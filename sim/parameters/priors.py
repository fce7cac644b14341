"""Prior distributions of the parameters, declared with each parameter (``param(..., prior=...)``).

A prior says what is believed about a value before the record is consulted: a distribution within
the parameter's bounds, or :class:`Fixed` when the value is a fact of the scenario's date or a
switch. Four families cover the schema: :class:`Uniform` (only the bounds are known),
:class:`Beta` (a shape on the bounds, rescaled), :class:`TruncNormal` (a value believed within a
spread, cut at the bounds; centred on the declared or the scenario's value unless ``mean`` is
given) and :class:`Fixed`. A parameter that declares none gets one by :func:`default_prior`.

Draws go through the inverse CDF of each prior from uniform numbers, so a sample depends only on
its seed and on the order of the parameters (Gelman et al. 2013, *Bayesian Data Analysis*, ch. 2
on priors; Talts et al. 2018 on checking them by simulation).
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

ASSUMED_SOURCES = ("assumption", "calibrated", "matches")
"""Sources whose value was chosen by hand: without a declared prior they are uniform in bounds."""


@dataclass(frozen=True)
class Uniform:
    """Every value in ``[low, high]`` (the declared bounds when not given) equally plausible."""

    low: float | None = None
    high: float | None = None
    why: str = ""

    def ppf(
        self, u: NDArray[np.float64], value: float, low: float, high: float
    ) -> NDArray[np.float64]:
        """The quantile function on the parameter's bounds."""
        lo = low if self.low is None else self.low
        hi = high if self.high is None else self.high
        return lo + u * (hi - lo)

    def describe(self) -> str:
        """How the table writes it."""
        if self.low is None and self.high is None:
            return "uniform in bounds"
        return f"uniform({self.low:g}, {self.high:g})"


@dataclass(frozen=True)
class Beta:
    """A Beta(a, b) shape stretched over the parameter's bounds."""

    a: float
    b: float
    why: str = ""

    def ppf(
        self, u: NDArray[np.float64], value: float, low: float, high: float
    ) -> NDArray[np.float64]:
        """The quantile function on the parameter's bounds."""
        return low + np.asarray(stats.beta.ppf(u, self.a, self.b), dtype=float) * (high - low)

    def describe(self) -> str:
        """How the table writes it."""
        return f"beta({self.a:g}, {self.b:g}) on bounds"


@dataclass(frozen=True)
class TruncNormal:
    """A normal of spread ``sd`` around ``mean`` (None: the parameter's value), cut at bounds."""

    sd: float
    mean: float | None = None
    why: str = ""

    def ppf(
        self, u: NDArray[np.float64], value: float, low: float, high: float
    ) -> NDArray[np.float64]:
        """The quantile function on the parameter's bounds."""
        mean = value if self.mean is None else self.mean
        a, b = (low - mean) / self.sd, (high - mean) / self.sd
        drawn = stats.truncnorm.ppf(u, a, b, loc=mean, scale=self.sd)
        return np.clip(np.asarray(drawn, dtype=float), low, high)

    def describe(self) -> str:
        """How the table writes it."""
        centre = "value" if self.mean is None else f"{self.mean:g}"
        return f"normal({centre}, {self.sd:g}) cut at bounds"


@dataclass(frozen=True)
class Fixed:
    """Not uncertain: a fact of the scenario's date, a switch, or a length of the calendar."""

    why: str = ""

    def ppf(
        self, u: NDArray[np.float64], value: float, low: float, high: float
    ) -> NDArray[np.float64]:
        """Always the value."""
        return np.full(np.shape(u), value, dtype=float)

    def describe(self) -> str:
        """How the table writes it."""
        return "fixed"


Prior = Uniform | Beta | TruncNormal | Fixed
PRIORS = (Uniform, Beta, TruncNormal, Fixed)

LITERATURE_SPREAD = 0.1
"""Spread, as a share of the bounds' width, of a value taken from the article or the literature."""


def default_prior(key: str, low: float, high: float, integer: bool, source: str) -> Prior:
    """The prior of a parameter that declares none.

    Whole numbers (switches, months) and a country's or the world's initial state are fixed (facts
    of the scenario's date, each commented in its file); a mechanism value chosen by hand
    (``assumption``, ``calibrated``) is uniform within its bounds; a value from the article or the
    literature is believed within a tenth of its range (:data:`LITERATURE_SPREAD`).
    """
    if integer:
        return Fixed("a switch or a number of months")
    if not key.startswith("mechanisms."):
        return Fixed("a fact of the scenario's date (its file comments each value)")
    if not source or source.startswith(ASSUMED_SOURCES) or "calibrated" in source:
        return Uniform(why="chosen by hand: only the bounds are known")
    return TruncNormal(LITERATURE_SPREAD * (high - low), why="from the article or the literature")


def draw(
    prior: Prior, u: NDArray[np.float64], value: float, low: float, high: float
) -> NDArray[np.float64]:
    """Values of a prior from uniform numbers ``u`` in (0, 1)."""
    return prior.ppf(np.asarray(u, dtype=float), value, low, high)
