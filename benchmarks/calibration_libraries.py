"""Two inference libraries on one problem: pyabc's ABC-SMC and sbi's neural posterior estimation.

The problem is ``configs/calibration/history_2017_2018.yaml`` (seven parameters, eighteen
statistics). Steps, each printing its figures (process CPU seconds, so a loaded machine inflates
only the wall time):

``plain``  stepping alone: N prior draws simulated in one lockstep batch (simulations per second).
``smc``    pyabc ABC-SMC with the batch sampler at a given population (simulations per second
           inside the inference loop, the effective sample size, the posterior means).
``train``  sbi: one batch of N prior draws written as a training set (``--out FILE.npz``).
``npe``    sbi: train a neural posterior estimator on that set and sample it at the record's
           statistics. Needs ``sbi`` (and so PyTorch), which neasim does not install: run this
           step with a Python that has it (``/tmp/sbi/bin/pip install sbi`` in a new venv).

Run: ``.venv/bin/python benchmarks/calibration_libraries.py plain|smc|train|npe [...]``.
"""

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def cpu() -> float:
    """CPU seconds of this process."""
    return time.process_time()


def plain(n: int) -> None:
    """Simulations per second of one lockstep batch of ``n`` prior draws."""
    from sim.calibration.problem import load_problem
    from sim.calibration.simulator import prior_draws, run_seeds, simulate

    problem = load_problem()
    theta = prior_draws(problem, n, np.random.default_rng(0))
    started = cpu()
    simulate(problem, theta, run_seeds(0, 0, n=n))
    spent = cpu() - started
    print(f"plain stepping: {n} simulations in {spent:.1f} CPU s = {n / spent:.0f} per s")


def smc(population: int, generations: int) -> None:
    """ABC-SMC by pyabc, through the batch sampler."""
    from sim.calibration.infer import observed
    from sim.calibration.problem import load_problem
    from sim.calibration.smc import run_smc

    problem = load_problem()
    spec = problem.spec.model_copy(
        update={
            "abc_smc": problem.spec.abc_smc.model_copy(
                update={"population": population, "generations": generations}
            )
        }
    )
    problem = dataclasses.replace(problem, spec=spec)
    stats, _ = observed(problem)
    with tempfile.TemporaryDirectory() as tmp:
        started = cpu()
        result = run_smc(problem, stats, Path(tmp) / "smc.db", progress=False)
        spent = cpu() - started
    print(
        f"pyabc ABC-SMC: population {population}, {result.generations} generations, "
        f"{result.simulations} simulations in {spent:.1f} CPU s = "
        f"{result.simulations / spent:.0f} per s; ESS {result.ess:.0f}"
    )
    mean = np.average(result.theta, axis=0, weights=result.weights)
    sd = np.sqrt(np.average((result.theta - mean) ** 2, axis=0, weights=result.weights))
    for key, m, s in zip(problem.keys, mean, sd, strict=True):
        print(f"  {key}: {m:.3f} ± {s:.3f}")


def train(n: int, out: Path) -> None:
    """One batch of ``n`` prior draws and their statistics, saved for :func:`npe`."""
    from sim.calibration.infer import observed
    from sim.calibration.problem import load_problem
    from sim.calibration.simulator import prior_draws, run_seeds, simulate
    from sim.parameters.priors import Uniform

    problem = load_problem()
    theta = prior_draws(problem, n, np.random.default_rng(problem.spec.seed))
    started = cpu()
    x = simulate(problem, theta, run_seeds(problem.spec.seed, 7, n=n))
    spent = cpu() - started
    stats, _ = observed(problem)
    low = np.array([p.low for p in problem.parameters])
    high = np.array([p.high for p in problem.parameters])
    for p in problem.parameters:
        if isinstance(p.prior, Uniform) and p.prior.low is not None:
            low[problem.keys.index(p.key)] = p.prior.low
            high[problem.keys.index(p.key)] = p.prior.high
    np.savez(
        out,
        theta=theta,
        x=x,
        x_obs=np.array(list(stats.values())),
        keys=np.array(problem.keys),
        low=low,
        high=high,
    )
    print(f"training set: {n} simulations in {spent:.1f} CPU s = {n / spent:.0f} per s -> {out}")


def npe(path: Path, samples: int) -> None:
    """Train sbi's NPE (a normalizing flow) on the training set and sample at the record."""
    import torch
    from sbi.inference import NPE
    from sbi.utils import BoxUniform

    torch.manual_seed(0)
    torch.set_num_threads(1)
    data = np.load(path)
    theta = torch.tensor(data["theta"], dtype=torch.float32)
    x = torch.tensor(data["x"], dtype=torch.float32)
    keep = torch.isfinite(x).all(dim=1)
    # the box bounds training and sampling; the training set itself was drawn from the priors
    prior = BoxUniform(
        torch.tensor(data["low"], dtype=torch.float32),
        torch.tensor(data["high"], dtype=torch.float32),
    )
    started = cpu()
    inference = NPE(prior=prior)
    estimator = inference.append_simulations(theta[keep], x[keep]).train()
    trained = cpu() - started
    posterior = inference.build_posterior(estimator)
    started = cpu()
    drawn = posterior.sample((samples,), x=torch.tensor(data["x_obs"], dtype=torch.float32))
    sampled = cpu() - started
    print(
        f"sbi NPE: {int(keep.sum())} simulations, training {trained:.1f} CPU s, "
        f"{samples} posterior samples in {sampled:.1f} CPU s"
    )
    for key, column in zip(data["keys"], drawn.numpy().T, strict=True):
        print(f"  {key}: {column.mean():.3f} ± {column.std():.3f}")


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("plain", "smc", "train", "npe"))
    parser.add_argument("-n", type=int, default=10_000, help="simulations (plain, train)")
    parser.add_argument("--population", type=int, default=500)
    parser.add_argument("--generations", type=int, default=6)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("npe-training.npz"))
    args = parser.parse_args(argv)
    if args.step == "plain":
        plain(args.n)
    elif args.step == "smc":
        smc(args.population, args.generations)
    elif args.step == "train":
        train(args.n, args.out)
    else:
        npe(args.out, args.samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
