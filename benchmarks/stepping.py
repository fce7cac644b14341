"""Stepping cost per run-month: one run alone against 10,000 runs in lockstep, side by side.

Also the wall time of ``neasim run --no-plots`` (a fresh process: imports, one run, the files).
Run: ``.venv/bin/python benchmarks/stepping.py [--repeats N]``. Figures vary with the machine;
the ratio, measured in one process at one time, is what to compare.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from sim.model import DiplomacyModel
from sim.scenario import load_scenario


def seconds_per_run_month(n_runs: int, repeats: int) -> float:
    """Best-of-``repeats`` time to step ``n_runs`` runs through the baseline, per run-month."""
    scenario = load_scenario("baseline")
    best = float("inf")
    for repeat in range(repeats):
        seeds = np.arange(repeat * n_runs, (repeat + 1) * n_runs)
        started = time.perf_counter()
        model = DiplomacyModel(scenario, seeds=seeds, keep_events=False, record=False)
        model.run()
        best = min(best, time.perf_counter() - started)
    return best / (n_runs * scenario.months)


def cli_wall_time(repeats: int) -> float:
    """Best-of-``repeats`` wall time of ``neasim run --no-plots`` in a fresh process."""
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(repeats):
            out = Path(tmp) / f"run{repeat}"
            command = [sys.executable, "-m", "sim.cli", "run", "--no-plots", "--quiet"]
            started = time.perf_counter()
            subprocess.run([*command, "--out", str(out)], check=True, capture_output=True)
            best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    """Print a run's stepping cost alone and in a batch, and ``neasim run``'s wall time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()
    single = seconds_per_run_month(1, args.repeats * 5)
    batch = seconds_per_run_month(args.batch, args.repeats)
    wall = cli_wall_time(args.repeats)
    print(f"1 run:           {single * 1e6:10.2f} µs per run-month")
    print(f"{args.batch:,} runs:    {batch * 1e6:10.2f} µs per run-month")
    print(f"batch advantage: {single / batch:10.1f}x cheaper per run (target: at least 50x)")
    print(f"neasim run --no-plots: {wall:.2f} s wall time (fresh process, imports included)")


if __name__ == "__main__":
    main()
