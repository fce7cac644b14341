"""The calibration's scaling on a Dask cluster: a ``LocalCluster`` of 1 worker against 2.

The same small calibration (the problem of ``configs/calibration/history_2017_2018.yaml``, its
seed, with a smaller population and fewer generations) runs three times: in this process, then
with every batch of proposals split over a ``LocalCluster`` of one worker process and of two
(``neasim calibrate --workers N``). It prints the simulations per second of the whole inference
loop (wall time: pyabc's proposals, distances and weights stay in this process), the ratio of
two workers to one, and whether the three posteriors hold byte-identical samples — the same
particles and weights, compared by their ``sample_sha256`` (they must: a run's random numbers
depend only on its seed, so a split batch gives the same statistics). The files themselves differ
in their provenance: when each calibration finished.

Run: ``.venv/bin/python benchmarks/calibrate_dask.py [--population N] [--generations G]``;
``--write docs/calibration.md`` also writes the table, with the date and the machine, between
that document's markers. ``make bench`` runs it with the defaults.
"""

import argparse
import dataclasses
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.calibration.simulator import BatchSimulator

TABLE_BEGIN = (
    "<!-- dask scaling: begin (python benchmarks/calibrate_dask.py --write docs/calibration.md) -->"
)
TABLE_END = "<!-- dask scaling: end -->"


def small_problem(population: int, generations: int, batch: int):  # type: ignore[no-untyped-def]
    """The bundled problem with a smaller budget (same parameters, statistics and seed)."""
    from sim.calibration.problem import load_problem

    problem = load_problem()
    smc = problem.spec.abc_smc.model_copy(
        update={"population": population, "generations": generations, "batch": batch}
    )
    return dataclasses.replace(problem, spec=problem.spec.model_copy(update={"abc_smc": smc}))


Result = tuple[float, float, int, str]
"""Wall seconds of the loop, of which stepping batches, the simulations, the sample's SHA-256."""


def clocked(simulator: "BatchSimulator", spent: list[float]) -> "BatchSimulator":
    """``simulator``, adding the wall seconds of each batch to ``spent``."""

    def run(problem, theta, seeds):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        table = simulator(problem, theta, seeds)
        spent.append(time.perf_counter() - started)
        return table

    return run


def timed_calibration(problem, directory: Path, workers: int | None) -> Result:  # type: ignore[no-untyped-def]
    """Wall seconds (all, stepping), simulations and the sample's SHA-256 of a calibration."""
    from sim.calibration.infer import calibrate
    from sim.calibration.posterior import read_posterior
    from sim.calibration.simulator import on_executor, prior_draws, run_seeds, simulate

    out = directory / "posterior.parquet"
    stepping: list[float] = []
    if workers is None:
        theta = prior_draws(problem, 2, np.random.default_rng(0))
        simulate(problem, theta, run_seeds(0, 0, n=len(theta)))  # warm up, as the workers are
        started = time.perf_counter()
        posterior = calibrate(
            problem, directory / "store", out, progress=False, simulator=clocked(simulate, stepping)
        )
        spent = time.perf_counter() - started
    else:
        from distributed import Client

        from sim.sweep.executors import local_cluster

        with local_cluster(workers) as cluster, Client(cluster) as client:
            simulator = on_executor(client.get_executor(pure=False), workers)
            # warm the workers (imports, the scenario) outside the timing
            theta = prior_draws(problem, 2 * workers, np.random.default_rng(0))
            simulator(problem, theta, run_seeds(0, 0, n=len(theta)))
            started = time.perf_counter()
            posterior = calibrate(
                problem,
                directory / "store",
                out,
                progress=False,
                simulator=clocked(simulator, stepping),
            )
            spent = time.perf_counter() - started
    digest = str(read_posterior(out).provenance["sample_sha256"])
    return spent, sum(stepping), int(posterior.provenance["simulations"]), digest


def load() -> float:
    """The one-minute load average (NaN where the platform has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def machine() -> str:
    """The machine as the table names it: CPUs, platform, the load when the benchmark began."""
    return (
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}, load average {load():.1f} at the start"
    )


def report(
    population: int,
    generations: int,
    results: dict[str, Result],
    about: str,
) -> str:
    """The Markdown table of the three runs."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {when} on {about}: `python benchmarks/calibrate_dask.py --population "
        f"{population} --generations {generations}` (the bundled problem and seed, "
        f"{population} particles, {generations} generations after the prior; wall time of the "
        "whole inference loop).",
        "",
        "| batches stepped | simulations | loop wall s | simulations per s | of which "
        "stepping s | stepping simulations per s |",
        "|---|---|---|---|---|---|",
    ]
    for name, (spent, stepping, sims, _) in results.items():
        lines.append(
            f"| {name} | {sims:,} | {spent:.1f} | {sims / spent:,.0f} | {stepping:.1f} "
            f"| {sims / stepping:,.0f} |"
        )
    one, two = results["Dask, 1 worker"], results["Dask, 2 workers"]
    ratio = one[0] / two[0]
    stepping_ratio = one[1] / two[1]
    digests = {digest for *_, digest in results.values()}
    same = (
        "hold byte-identical samples (particles and weights: SHA-256 "
        + next(iter(digests))[:12]
        + "; the files differ in when each calibration finished)"
        if len(digests) == 1
        else "do NOT hold the same sample: " + ", ".join(r[3][:12] for r in results.values())
    )
    lines += [
        "",
        f"Two workers against one: **{ratio:.2f}×** the simulations per second of the whole "
        f"loop, {stepping_ratio:.2f}× those of the stepping alone. The three posteriors {same}.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the three calibrations and print (or write) the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", type=int, default=500)
    parser.add_argument("--generations", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--write", type=Path, help="also write the table into this document")
    args = parser.parse_args(argv)
    about = machine()
    problem = small_problem(args.population, args.generations, args.batch)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        # warm up pyabc and its database (imports, first connection) outside the timing
        timed_calibration(small_problem(10, 0, 10), Path(tmp) / "warm-up", None)
        for name, workers in (
            ("in one process (no Dask)", None),
            ("Dask, 1 worker", 1),
            ("Dask, 2 workers", 2),
        ):
            results[name] = timed_calibration(problem, Path(tmp) / name.replace(" ", "_"), workers)
            spent, _, sims, _ = results[name]
            print(f"{name}: {sims} simulations in {spent:.1f} s", file=sys.stderr)
    about += f" and {load():.1f} at the end"
    text = report(args.population, args.generations, results, about)
    print(text, end="")
    if args.write is not None:
        from sim.marked_section import replace_marked_section

        replace_marked_section(args.write, TABLE_BEGIN, TABLE_END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
