"""ABC-SMC with pyabc, each generation's proposals stepped as lockstep batches of the model.

pyabc (Schälte et al. 2022, *Bioinformatics* 38:4089) runs sequential Monte Carlo approximate
Bayesian computation (Toni et al. 2009; Del Moral, Doucet & Jasra 2012): a population of parameter
vectors is perturbed, simulated and kept when its statistics fall within a shrinking distance of
the record's, generation after generation, weighted by prior over proposal density. Its samplers
simulate one particle at a time; :class:`BatchSampler` instead draws a batch of proposals with
pyabc's own proposal code, steps them all in one batch of the model (:func:`simulate`), then lets
pyabc judge each in order, so the algorithm is pyabc's and the simulations are ours.

Reproducible and resumable: every generation's numbers come from a generator seeded by the root
seed and the generation (pyabc draws its proposals from NumPy's global generator, which the
sampler reseeds at each generation), and pyabc stores every generation in an SQLite database, so
an interrupted calibration started again on the same database goes on where it stopped.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyabc
from numpy.typing import NDArray
from pyabc.distance import scale as pyabc_scale
from pyabc.inference_util import inference_util
from pyabc.sampler import Sampler
from tqdm import tqdm

from sim.calibration.problem import DistanceSpec, Problem
from sim.calibration.simulator import BatchSimulator, run_seeds, simulate
from sim.calibration.statistics import statistic_names
from sim.parameters.priors import Beta, Fixed, Prior, TruncNormal, Uniform

SCALES: dict[str, Callable[..., Any]] = {
    "std": pyabc_scale.standard_deviation,
    "mad": pyabc_scale.median_absolute_deviation,
    "mean_absolute_deviation": pyabc_scale.mean_absolute_deviation,
}
"""The spreads the adaptive distance may divide each statistic by (``distance.scale``)."""


def pyabc_rv(prior: Prior, value: float, low: float, high: float) -> pyabc.RV:
    """A prior as the scipy distribution pyabc evaluates densities with."""
    if isinstance(prior, Uniform):
        lo = low if prior.low is None else prior.low
        hi = high if prior.high is None else prior.high
        return pyabc.RV("uniform", lo, hi - lo)
    if isinstance(prior, Beta):
        return pyabc.RV("beta", prior.a, prior.b, loc=low, scale=high - low)
    if isinstance(prior, TruncNormal):
        mean = value if prior.mean is None else prior.mean
        a, b = (low - mean) / prior.sd, (high - mean) / prior.sd
        return pyabc.RV("truncnorm", a, b, loc=mean, scale=prior.sd)
    assert isinstance(prior, Fixed)
    raise ValueError("a fixed parameter is not inferred")


def pyabc_prior(problem: Problem) -> pyabc.Distribution:
    """The problem's priors, keyed by parameter index (pyabc's names must be identifiers)."""
    return pyabc.Distribution(
        **{
            f"p{k}": pyabc_rv(p.prior, p.value, p.low, p.high)
            for k, p in enumerate(problem.parameters)
        }
    )


class _Cached(pyabc.Model):  # type: ignore[misc]  # pyabc ships no type information
    """A pyabc model that hands out statistics already simulated in a batch, in order."""

    def __init__(self, stats: list[dict[str, float]]) -> None:
        super().__init__(name="neasim")
        self._stats = iter(stats)

    def sample(self, pars: Any) -> dict[str, float]:
        return next(self._stats)


class BatchSampler(Sampler):  # type: ignore[misc]  # pyabc ships no type information
    """pyabc sampler stepping each batch of proposals as one lockstep batch of the model."""

    def __init__(
        self,
        problem: Problem,
        on_generation: Callable[[int, int], None] | None = None,
        simulator: BatchSimulator = simulate,
    ):
        super().__init__()
        self.problem = problem
        self.simulator = simulator
        self.names = statistic_names(problem.window)
        self.on_generation = on_generation
        self.simulations = 0

    def _stats(self, theta: NDArray[np.float64], t: int, k: int) -> list[dict[str, float]]:
        seeds = run_seeds(self.problem.spec.seed, t + 1, k, n=len(theta))
        table = self.simulator(self.problem, theta, seeds)
        self.simulations += len(theta)
        return [dict(zip(self.names, row.tolist(), strict=True)) for row in table]

    def sample_until_n_accepted(
        self, n: int, simulate_one: Any, t: int, *, max_eval: float = np.inf, **_: Any
    ) -> Any:
        """Draw, simulate in batches and judge proposals until ``n`` are accepted."""
        # pyabc's transitions draw from NumPy's global generator: seed it per generation
        np.random.seed(int(run_seeds(self.problem.spec.seed, 0, t + 1, n=1)[0]))  # noqa: NPY002
        kw = simulate_one.keywords
        from_prior = simulate_one.func is inference_util._simulate_one_from_prior
        sample = self._create_empty_sample()
        evaluated, k = 0, 0
        batch = self.problem.spec.abc_smc.batch
        while sample.n_accepted < n and evaluated < max_eval:
            size = n if from_prior else self._batch_size(n, sample.n_accepted, evaluated, batch)
            proposals = self._propose(kw, from_prior or t == 0, size)
            cached = [_Cached(self._stats(proposals.to_numpy(dtype=float), t, k))]
            k += 1
            names = list(proposals.columns)
            for values in proposals.to_numpy(dtype=float):
                par = pyabc.Parameter(dict(zip(names, values.tolist(), strict=True)))
                particle = self._judge(kw, from_prior, cached, par, t)
                sample.append(particle)
                evaluated += 1
                if sample.n_accepted >= n or evaluated >= max_eval:
                    break
        self.nr_evaluations_ = evaluated
        if sample.n_accepted < n:
            sample.ok = False
        if self.on_generation is not None:
            self.on_generation(t, evaluated)
        return sample

    @staticmethod
    def _batch_size(n: int, accepted: int, evaluated: int, batch: int) -> int:
        """Proposals for the next batch, at most ``batch``.

        Enough for the acceptances still needed at the rate seen so far in the generation (the
        population size at first).
        """
        if evaluated == 0:
            return min(n, batch)
        rate = max(accepted, 1) / evaluated
        return int(min(batch, max(10, np.ceil(1.2 * (n - accepted) / rate))))

    def _propose(self, kw: dict[str, Any], from_prior: bool, size: int) -> pd.DataFrame:
        """``size`` proposals, from the prior or perturbed from the last generation.

        Perturbed by pyabc's transition and kept where the prior density is positive, as
        ``generate_valid_proposal`` does one at a time.
        """
        prior = kw["parameter_priors"][0]
        names = [f"p{j}" for j in range(len(self.problem.parameters))]
        if from_prior:
            return pd.DataFrame({name: prior[name].rvs(size=size) for name in names})
        kept: list[pd.DataFrame] = []
        while sum(len(frame) for frame in kept) < size:
            candidates = kw["transitions"][0].rvs(size=size)[names]
            density = np.prod(
                [prior[name].pdf(candidates[name].to_numpy()) for name in names], axis=0
            )
            kept.append(candidates[density > 0])
        return pd.concat(kept).iloc[:size].reset_index(drop=True)

    @staticmethod
    def _judge(kw: dict[str, Any], from_prior: bool, models: list[Any], par: Any, t: int) -> Any:
        if from_prior:
            result = models[0].summary_statistics(0, par, kw["summary_statistics"])
            return pyabc.Particle(
                m=0,
                parameter=par,
                weight=1.0,
                sum_stat=result.sum_stat,
                distance=np.inf,
                accepted=True,
                proposal_id=0,
                preliminary=False,
            )
        return inference_util.evaluate_proposal(
            0,
            par,
            t=t,
            models=models,
            summary_statistics=kw["summary_statistics"],
            distance_function=kw["distance_function"],
            eps=kw["eps"],
            acceptor=kw["acceptor"],
            x_0=kw["x_0"],
            weight_function=kw["weight_function"],
            proposal_id=kw["proposal_id"],
        )


@dataclass(frozen=True)
class SMCResult:
    """The last generation: parameter vectors (N, P), weights (N,), and the run's figures."""

    theta: NDArray[np.float64]
    weights: NDArray[np.float64]
    generations: int
    simulations: int
    epsilon: float
    ess: float


def effective_sample_size(weights: NDArray[np.float64]) -> float:
    """Kish's effective sample size of normalised weights: 1 / Σ w²."""
    w = np.asarray(weights, dtype=float) / np.sum(weights)
    return float(1.0 / np.sum(w**2))


def distance_of(spec: DistanceSpec) -> pyabc.Distance:
    """The problem's distance: a p-norm, each statistic divided by its spread when adaptive."""
    if not spec.adaptive:
        return pyabc.PNormDistance(p=spec.p)
    return pyabc.AdaptivePNormDistance(
        p=spec.p, scale_function=SCALES[spec.scale], max_scale_weight_ratio=1e3
    )


def run_smc(
    problem: Problem,
    observed: dict[str, float],
    database: Path,
    progress: bool = True,
    simulator: BatchSimulator = simulate,
) -> SMCResult:
    """ABC-SMC on ``problem`` against ``observed``; resumes from ``database`` when it holds a run.

    The database is pyabc's: every generation is stored as it finishes. ``simulator`` steps each
    batch of proposals: in this process (:func:`simulate`) or split over a cluster's workers
    (:func:`sim.calibration.simulator.on_executor`), with the same result.
    """
    logging.getLogger("ABC").setLevel(logging.WARNING)
    spec = problem.spec
    total = spec.abc_smc.generations + 1
    url = f"sqlite:///{database}"
    stored = pyabc.History(url) if database.exists() else None
    done = stored.max_t + 1 if stored is not None and stored.n_populations > 0 else 0
    bar = tqdm(total=total, initial=done, desc="calibrate", unit="gen", disable=not progress)

    def finished(t: int, evaluated: int) -> None:
        if t >= 0:
            bar.update(1)
            bar.set_postfix(simulations=evaluated)

    sampler = BatchSampler(problem, finished, simulator)
    sampler.show_progress = False
    abc = pyabc.ABCSMC(
        _Cached([]),
        pyabc_prior(problem),
        distance_of(spec.distance),
        population_size=spec.abc_smc.population,
        sampler=sampler,
    )
    if done > 0:
        abc.load(url, 1)
    else:
        abc.new(url, observed)
    if total > done:
        abc.run(max_nr_populations=total - done, min_acceptance_rate=spec.abc_smc.min_acceptance)
    bar.close()
    history = abc.history
    frame, weights = history.get_distribution(m=0, t=history.max_t)
    theta = frame[[f"p{k}" for k in range(len(problem.parameters))]].to_numpy(dtype=float)
    populations = history.get_all_populations()
    last = populations[populations.t == history.max_t]
    return SMCResult(
        theta=theta,
        weights=np.asarray(weights, dtype=float),
        generations=int(history.max_t) + 1,
        simulations=int(pd.to_numeric(populations.samples).sum()),
        epsilon=float(last.epsilon.iloc[0]),
        ess=effective_sample_size(np.asarray(weights, dtype=float)),
    )
