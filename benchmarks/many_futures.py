"""The classroom page's many-futures batch: 500 seeds of a scenario in one lockstep batch.

Times :func:`sim.classroom.futures.many_futures` (the batch with its trajectories, and the
summaries the page draws) and the building of the futures charts' options, for each bundled
scenario, best
and median of ``--repeats``.
Run: ``.venv/bin/python benchmarks/many_futures.py [--repeats N] [--seeds N]``.
"""

import argparse
import statistics
import time

import numpy as np

from sim.app.figures import futures_charts
from sim.classroom.futures import many_futures
from sim.scenario import bundled_scenarios, load_scenario


def main() -> None:
    """Print one line per scenario: batch seconds and drawing seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=500)
    args = parser.parse_args()
    seeds = np.arange(args.seeds)
    many_futures(load_scenario("baseline"), seeds[:10])  # warm-up: imports and caches
    print(f"{'scenario':<20} batch best / median (s)   chart options best / median (s)")
    for name in bundled_scenarios():
        scenario = load_scenario(name)
        batch, drawing = [], []
        for _ in range(args.repeats):
            started = time.perf_counter()
            futures = many_futures(scenario, seeds)
            batch.append(time.perf_counter() - started)
            started = time.perf_counter()
            futures_charts(futures, futures)
            drawing.append(time.perf_counter() - started)
        print(
            f"{name:<20} {min(batch):.3f} / {statistics.median(batch):.3f}"
            f"               {min(drawing):.3f} / {statistics.median(drawing):.3f}"
        )


if __name__ == "__main__":
    main()
