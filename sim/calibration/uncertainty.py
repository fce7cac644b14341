"""Parameters drawn for each run, from the posterior or from the priors, as well as its seed.

Mechanism parameters are shared by all scenarios, so a posterior learnt on the 2017–2018 replay
gives their values anywhere; an initial state inferred with it (North Korea's trust in January
2017) belongs to the calibration's scenario and is used only when that scenario runs. Draws come
from one generator spawned from the root seed on its own stream, so the same root seed draws the
same parameters, and a run's seed still decides its coin flips alone.
"""

from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calibration.posterior import Posterior, read_posterior
from sim.calibration.problem import Problem, load_problem
from sim.scenario import Scenario, numeric_parameters

PARAMETER_STREAM = 0x9A7A
"""Spawn key of the generator that draws parameters (apart from any run's own streams)."""


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
        }
    else:
        problem = load_problem()
        drawn = prior_overrides(problem, scenario, n, rng)
        about = {"source": "prior", "problem": problem.path.name}
    about["parameters"] = sorted(drawn)
    return drawn, about
