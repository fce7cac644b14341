"""Parameters drawn for each run, from the posterior or from the priors, as well as its seed.

Mechanism parameters are shared by all scenarios, so a posterior learnt on the 2017–2018 replay
gives their values anywhere; an initial state inferred with it (North Korea's trust in January
2017) belongs to the calibration's scenario and is used only when that scenario runs. Draws come
from one generator spawned from the root seed on its own stream, so the same root seed draws the
same parameters, and a run's seed still decides its coin flips alone.

A *posterior predictive* figure (:func:`predictive_runs`, :func:`predictive_interval`) is a
statistic computed per drawn vector over the same seeds at every vector, then summarised by its
10–90 % range across the vectors: how far what we do not know about the parameters moves the
figure, beyond the luck of the seeds. The README's headline share, the scenario table of
``docs/teaching.md`` and every lesson figure (``tools/doc_figures.py``) draw their intervals so.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.calibration.posterior import Posterior, read_posterior
from sim.calibration.problem import Problem, load_problem
from sim.scenario import Scenario, numeric_parameters

PARAMETER_STREAM = 0x9A7A
"""Spawn key of the generator that draws parameters (apart from any run's own streams)."""
PREDICTIVE_DRAWS = 100
"""Parameter vectors drawn from the posterior for a posterior predictive interval."""
PREDICTIVE_SEEDS = 100
"""Seeds run at each vector (the same seeds at every vector)."""
INTERVAL = (10, 90)
"""The percentiles, across the vectors, of a posterior predictive interval."""


def parameter_rng(root_seed: int) -> np.random.Generator:
    """The generator of an ensemble's parameter draws, a pure function of its root seed."""
    return np.random.default_rng(np.random.SeedSequence(root_seed, spawn_key=(PARAMETER_STREAM,)))


def applies(key: str, scenario: Scenario, calibrated_on: str) -> bool:
    """Whether a calibrated key carries over to ``scenario`` (mechanisms do; states only home)."""
    return key.startswith("mechanisms.") or scenario.name == calibrated_on


def posterior_overrides(
    posterior: Posterior, scenario: Scenario, n: int, rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    """``n`` runs' values resampled from the posterior by weight (the keys that apply)."""
    drawn = posterior.draw(rng, n)
    home = str(posterior.provenance.get("settings", {}).get("scenario", ""))
    return {key: values for key, values in drawn.items() if applies(key, scenario, home)}


def prior_overrides(
    problem: Problem, scenario: Scenario, n: int, rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    """``n`` runs' values of the problem's parameters drawn from their priors.

    Each is centred (where its prior is) on ``scenario``'s own value.
    """
    infos = numeric_parameters(scenario)
    keys = [p.key for p in problem.parameters if applies(p.key, scenario, problem.scenario.name)]
    u = rng.random((n, len(keys)))
    return {
        key: infos[key].prior.ppf(u[:, k], infos[key].default, infos[key].low, infos[key].high)
        for k, key in enumerate(keys)
    }


def ensemble_parameters(
    scenario: Scenario, n: int, source: str
) -> tuple[dict[str, NDArray[np.float64]], dict[str, Any]]:
    """Per-run values for an ensemble of ``n`` runs of ``scenario``, and what the manifest says.

    The values are drawn from ``source`` (``"posterior"``: ``data/posterior.parquet``;
    ``"prior"``: the priors of the calibration's parameters), from the scenario's seed.
    """
    rng = parameter_rng(scenario.seed)
    if source == "posterior":
        posterior = read_posterior()
        drawn = posterior_overrides(posterior, scenario, n, rng)
        about = {
            "source": "posterior",
            "commit": posterior.provenance.get("commit"),
            "data_hash": posterior.provenance.get("data_hash"),
            "ess": posterior.provenance.get("ess"),
            "sample_sha256": posterior.provenance["sample_sha256"],
        }
    else:
        problem = load_problem()
        drawn = prior_overrides(problem, scenario, n, rng)
        about = {"source": "prior", "problem": problem.path.name}
    about["parameters"] = sorted(drawn)
    return drawn, about


@dataclass(frozen=True)
class Predictive:
    """The runs of a posterior predictive figure: seeds 0 … ``seeds`` − 1 at each drawn vector.

    Run ``d * seeds + s`` is seed ``s`` at vector ``d``; ``values`` holds each drawn key's value
    per vector, shape (``draws``,).
    """

    draws: int
    seeds: int
    values: dict[str, NDArray[np.float64]]

    def run_seeds(self) -> NDArray[np.int64]:
        """Each run's seed, (draws × seeds,).

        >>> Predictive(2, 3, {}).run_seeds().tolist()
        [0, 1, 2, 0, 1, 2]
        """
        return np.tile(np.arange(self.seeds, dtype=np.int64), self.draws)

    def overrides(self) -> dict[str, NDArray[np.float64]]:
        """Each run's drawn values, (draws × seeds,) by key: a vector's values at each of its seeds.

        >>> Predictive(2, 2, {"k": np.array([0.1, 0.7])}).overrides()["k"].tolist()
        [0.1, 0.1, 0.7, 0.7]
        """
        return {key: np.repeat(values, self.seeds) for key, values in self.values.items()}

    def by_draw(self, values: ArrayLike) -> NDArray[Any]:
        """Per-run values (draws × seeds,) as rows of one vector each, (draws, seeds)."""
        return np.asarray(values).reshape(self.draws, self.seeds)

    def vectors(
        self, arrays: Mapping[str, ArrayLike], ok: ArrayLike
    ) -> list[dict[str, NDArray[Any]]]:
        """Each vector's runs that did not fail, as outcome arrays by name.

        ``arrays`` and ``ok`` hold one value per run (draws × seeds,); a vector all of whose runs
        failed is left out, so a statistic of each entry is its value at one vector.

        >>> design = Predictive(2, 2, {})
        >>> design.vectors({"x": [1, 2, 3, 4]}, [True, False, False, False])
        [{'x': array([1])}]
        """
        fine = self.by_draw(ok).astype(bool)
        split = {name: self.by_draw(values) for name, values in arrays.items()}
        return [
            {name: values[d][fine[d]] for name, values in split.items()}
            for d in range(self.draws)
            if fine[d].any()
        ]


def predictive_runs(
    scenario: Scenario,
    draws: int = PREDICTIVE_DRAWS,
    seeds: int = PREDICTIVE_SEEDS,
    posterior: Posterior | None = None,
) -> Predictive:
    """``draws`` vectors resampled from the posterior as ``neasim run --posterior`` draws them.

    From :func:`parameter_rng` of the scenario's seed (:func:`posterior_overrides`), so every
    figure of one scenario reads the same vectors; each runs over seeds ``0 … seeds − 1``.
    ``posterior`` defaults to ``data/posterior.parquet``.
    """
    posterior = read_posterior() if posterior is None else posterior
    drawn = posterior_overrides(posterior, scenario, draws, parameter_rng(scenario.seed))
    return Predictive(draws, seeds, drawn)


def predictive_interval(per_draw: ArrayLike) -> tuple[float, float]:
    """The 10th and 90th percentiles (:data:`INTERVAL`) of a statistic's values across vectors.

    >>> predictive_interval([0.0, 0.5, 1.0])
    (0.1, 0.9)

    Raises
    ------
    ValueError
        If there are no values (every run at every vector failed).
    """
    values = np.asarray(per_draw, dtype=float)
    if values.size == 0:
        raise ValueError("no vector drawn from the posterior gave a value")
    low, high = (float(q) for q in np.percentile(values, INTERVAL))
    return low, high
