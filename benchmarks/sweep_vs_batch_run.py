"""Sweeps against ``mesa.batch_run``: throughput, and the time and memory of large sweeps.

1. The same 2,000-run design (a 5 x 4 grid of two levers, 100 seeds each, 24 months) through
   ``mesa.batch_run(DiplomacyModel, ...)`` with 2 processes and through ``neasim``'s sweep
   machinery with 2 workers: runs per second of each and their ratio. The sweep is timed twice:
   first in a fresh process (its workers' fork server starts and imports the model, about two
   seconds), then again in the same process (the fork server is up).
2. ``neasim sweep`` of 10,000 and 100,000 runs (a Latin hypercube over twelve levers, 24 months)
   in a subprocess with 2 workers: wall time, and peak memory two ways: the largest single
   process (``ru_maxrss`` of the subprocess tree, from ``os.wait4``) and the largest total
   resident memory of the whole tree (parent, fork server and workers), polled from ``/proc``.

Run from the repository root::

    python benchmarks/sweep_vs_batch_run.py            # everything (a few minutes on 2 cores)
    python benchmarks/sweep_vs_batch_run.py --sizes 10000   # skip the 100,000-run sweep
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MONTHS = 24
GRID = {
    "actors.USA.upfront_relief": [0.0, 0.1, 0.2, 0.3, 0.4],
    "actors.PRK.trust.USA": [0.1, 0.2, 0.3, 0.4],
}
SEEDS = 100
LEVERS = {
    "actors.PRK.trust.USA": (0.02, 0.40),
    "actors.PRK.relief_need": (0.20, 0.90),
    "actors.USA.upfront_relief": (0.00, 0.50),
    "actors.USA.delivery_propensity": (0.02, 0.50),
    "actors.RUS.flows_to_prk": (0.10, 0.90),
    "actors.CHN.reengagement": (0.00, 1.00),
    "actors.KOR.mediation": (0.00, 0.50),
    "mechanisms.showmanship.pressure_gain": (0.05, 0.50),
    "mechanisms.cash_first.distrust_slope": (0.10, 1.00),
    "mechanisms.trust.forgiveness": (0.00, 0.80),
    "mechanisms.lifeline.offset": (0.30, 1.00),
    "mechanisms.provocation.development_rate": (0.05, 0.50),
}
PAGE = os.sysconf("SC_PAGE_SIZE")


def grid_spec() -> str:
    """The 2,000-run grid as a sweep spec."""
    lines = [f"base: baseline\ndesign: grid\nreplicates: {SEEDS}\nseed: 1\nmonths: {MONTHS}"]
    lines.append("parameters:")
    lines += [f"  {key}: {{values: {values}}}" for key, values in GRID.items()]
    return "\n".join(lines) + "\n"


def lhs_spec(runs: int) -> str:
    """A Latin hypercube of ``runs`` points over the twelve levers, one run each."""
    lines = [f"base: baseline\ndesign: lhs\nn: {runs}\nseed: 2\nmonths: {MONTHS}", "parameters:"]
    lines += [f"  {key}: {{low: {low}, high: {high}}}" for key, (low, high) in LEVERS.items()]
    return "\n".join(lines) + "\n"


def time_batch_run() -> float:
    """Runs per second of ``mesa.batch_run`` over the grid with 2 processes."""
    import mesa

    from sim.model import DiplomacyModel

    parameters: dict[str, object] = {"scenario": "baseline", **GRID}
    start = time.perf_counter()
    results = mesa.batch_run(
        DiplomacyModel,
        parameters=parameters,
        rng=list(range(SEEDS)),
        number_processes=2,
        max_steps=MONTHS,
        display_progress=False,
    )
    elapsed = time.perf_counter() - start
    runs = len({row["RunId"] for row in results})
    assert (
        runs == len(GRID["actors.USA.upfront_relief"]) * len(GRID["actors.PRK.trust.USA"]) * SEEDS
    )
    return runs / elapsed


def time_sweep(workdir: Path, name: str) -> float:
    """Runs per second of the sweep machinery over the same grid with 2 workers."""
    import pandas as pd

    from sim.sweep import run_sweep

    spec = workdir / "grid.yaml"
    spec.write_text(grid_spec(), encoding="utf-8")
    start = time.perf_counter()
    out = run_sweep(spec, out_dir=workdir / name, workers=2, progress=False)
    elapsed = time.perf_counter() - start
    runs = len(pd.read_parquet(out / "outcomes.parquet"))
    return runs / elapsed


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from ``/proc``."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except OSError:
            continue
    return total


def measure_cli_sweep(workdir: Path, runs: int) -> tuple[float, int, int]:
    """Wall seconds, peak single-process RSS and peak total RSS of ``neasim sweep``."""
    spec = workdir / f"lhs{runs}.yaml"
    spec.write_text(lhs_spec(runs), encoding="utf-8")
    command = [sys.executable, "-m", "sim.cli", "sweep", str(spec), "--workers", "2",
               "--no-progress", "--out", str(workdir / f"lhs{runs}-sweep")]  # fmt: skip
    peak_total = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def poll() -> None:
        nonlocal peak_total
        while not done.is_set():
            peak_total = max(peak_total, tree_rss(process.pid))
            done.wait(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    poller.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"neasim sweep failed with status {process.returncode}")
    return elapsed, usage.ru_maxrss * 1024, peak_total


def main() -> None:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--skip-batch-run", action="store_true")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="neasim-bench-") as temp:
        workdir = Path(temp)
        if not args.skip_batch_run:
            cold = time_sweep(workdir, "cold")  # the fork server starts and loads the model
            warm = time_sweep(workdir, "warm")  # a second sweep in the same process
            batch_rate = time_batch_run()
            print(f"2,000 runs x {MONTHS} months, 2 processes:")
            print(f"  mesa.batch_run                    {batch_rate:10.1f} runs/s")
            print(f"  neasim sweep, first in a process  {cold:10.1f} runs/s")
            print(f"  neasim sweep, second              {warm:10.1f} runs/s")
            print(f"  ratio (first sweep)               {cold / batch_rate:10.1f} x")
            print(f"  ratio (second sweep)              {warm / batch_rate:10.1f} x")
        for runs in args.sizes:
            elapsed, single, total = measure_cli_sweep(workdir, runs)
            print(
                f"neasim sweep, {runs:,} runs x {MONTHS} months, 2 workers:"
                f" {elapsed:.1f} s wall ({runs / elapsed:,.0f} runs/s),"
                f" peak RSS {single / 2**20:.0f} MiB largest process,"
                f" {total / 2**20:.0f} MiB whole process tree"
            )


if __name__ == "__main__":
    main()
