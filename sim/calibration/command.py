"""``neasim calibrate`` and ``neasim calibrate --check``: the inference and its checks.

(``--table``, the replay beside the 2017–2018 record, stays in :mod:`sim.calibration.record`.)
"""

import argparse
import os
import sys
from pathlib import Path

from sim.calibration.posterior import POSTERIOR, read_posterior
from sim.calibration.problem import DEFAULT, load_problem
from sim.errors import InputError

VALIDATION = Path("docs") / "validation.md"


def shown(path: Path) -> str:
    """A path as a reader of the documents sees it: relative to the working directory if inside."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def run_calibration(args: argparse.Namespace) -> int:
    """Calibrate (default) or check the posterior (``--check``).

    A calibration claims its posterior file and holds its store for as long as it runs
    (:mod:`sim.runs.claim`): a second one started meanwhile on either is refused with one line
    naming the process that holds it, and the posterior is replaced in one rename.
    """
    problem = load_problem(args.problem or DEFAULT)
    posterior_path = args.posterior or POSTERIOR
    if args.check:
        from sim.calibration.check import document, validate, write_validation

        posterior = read_posterior(posterior_path)
        validation = validate(problem, posterior)
        text = document(validation, problem, posterior, "data/posterior.parquet")
        out = args.validation or VALIDATION
        write_validation(out, text)
        print(shown(out))
        return 0
    from sim.calibration.infer import calibrate
    from sim.runs.claim import claim_file, hold

    store: Path = args.store
    if store.exists() and not store.is_dir():
        raise InputError(f"{store}: exists and is not a directory; give another --store")
    workers, scheduler = getattr(args, "workers", None), getattr(args, "scheduler", None)
    with claim_file(posterior_path):  # one calibration writes a posterior at a time
        store.mkdir(parents=True, exist_ok=True)
        with hold(store, store / ".lock"):  # and works in a store at a time
            if workers is None and scheduler is None:
                posterior = calibrate(problem, store, posterior_path, progress=not args.quiet)
            else:
                from sim.calibration.simulator import on_executor
                from sim.sweep.executors import check_executor, check_scheduler, open_executor

                check_executor("dask", workers, scheduler)
                if scheduler is not None:
                    check_scheduler(scheduler)
                with open_executor("dask", workers, scheduler) as pool:
                    simulator = on_executor(pool.executor, pool.parallelism)
                    posterior = calibrate(
                        problem,
                        store,
                        posterior_path,
                        progress=not args.quiet,
                        simulator=simulator,
                    )
    figures = posterior.provenance
    print(
        f"{problem.name}: {figures['generations']} generations, {figures['simulations']} "
        f"simulations, final tolerance {figures['epsilon']:.3g}, ESS {figures['ess']:.0f}",
        file=sys.stderr,
    )
    for key, value in posterior.mean().items():
        print(f"  {key}: posterior mean {value:.3f}", file=sys.stderr)
    print(shown(posterior_path))
    return 0
