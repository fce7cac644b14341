"""Wall time of ``neasim --help`` and ``neasim --version`` in fresh processes (target < 0.5 s).

Run: ``.venv/bin/python benchmarks/cli_startup.py [--repeats N]``. Each figure is the median
and the worst of N runs of the installed console script beside this interpreter.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.5


def wall_times(command: list[str], repeats: int) -> list[float]:
    """Seconds taken by ``command`` in ``repeats`` fresh processes."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    """Print one line per measured command."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    neasim = str(Path(sys.executable).with_name("neasim"))
    for flag in ("--help", "--version"):
        times = wall_times([neasim, flag], args.repeats)
        median, worst = statistics.median(times), max(times)
        verdict = "ok" if worst < TARGET_SECONDS else "over the target"
        print(
            f"neasim {flag:<9}  median {median * 1000:6.0f} ms  worst {worst * 1000:6.0f} ms"
            f"  ({args.repeats} runs; target < {TARGET_SECONDS * 1000:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
