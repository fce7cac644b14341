"""``neasim calibrate``: a problem's posterior, written to ``data/posterior.parquet``.

The record's statistics come from the calibration rows only (:func:`calibration_record`); ABC-SMC
(:mod:`sim.calibration.smc`) runs in a pyabc database named by a fingerprint of everything the
result depends on (the problem's settings, the data's hash, the commit), so starting the command
again after an interruption resumes it, and a changed model or record starts afresh.
"""

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sim.calibration.posterior import Posterior, write_posterior
from sim.calibration.problem import Problem
from sim.calibration.simulator import BatchSimulator, simulate
from sim.calibration.split import RECORD, calibration_record, record_hash
from sim.calibration.statistics import record_statistics
from sim.runs.provenance import git_commit


def observed(problem: Problem, record: Path = RECORD) -> tuple[dict[str, float], str]:
    """The record's statistics over the problem's window, and the hash of the rows they use."""
    facts = calibration_record(record, problem.split)
    return record_statistics(facts, problem.window), record_hash(facts)


def settings(problem: Problem) -> dict[str, Any]:
    """The problem's settings as plain data (the file's contents, validated)."""
    return problem.spec.model_dump(mode="json", by_alias=True)


def fingerprint(problem: Problem, data_hash: str, commit: str | None) -> str:
    """Twelve hex digits naming the store of one calibration (settings, data, code)."""
    text = json.dumps([settings(problem), data_hash, commit], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def calibrate(
    problem: Problem,
    store: Path,
    out: Path,
    record: Path = RECORD,
    progress: bool = True,
    simulator: BatchSimulator = simulate,
) -> Posterior:
    """Run (or resume) ABC-SMC for ``problem`` in ``store`` and write the posterior to ``out``.

    ``simulator`` steps the batches (in this process, or on a Dask cluster's workers); it does
    not change the result, so neither the store's name nor the provenance records it.
    """
    from sim.calibration.smc import run_smc  # pyabc is imported only when calibrating

    stats, data_hash = observed(problem, record)
    commit = git_commit()
    store.mkdir(parents=True, exist_ok=True)
    database = store / f"{problem.name}-{fingerprint(problem, data_hash, commit)}.db"
    result = run_smc(problem, stats, database, progress=progress, simulator=simulator)
    provenance = {
        "problem": str(problem.path.name),
        "settings": settings(problem),
        "seed": problem.spec.seed,
        "commit": commit,
        "data_hash": data_hash,
        "record_statistics": stats,
        "generations": result.generations,
        "simulations": result.simulations,
        "epsilon": result.epsilon,
        "ess": result.ess,
        "versions": {name: version(name) for name in ("neasim", "pyabc", "numpy")},
    }
    posterior = Posterior(tuple(problem.keys), result.theta, result.weights, provenance)
    write_posterior(out, posterior)
    return posterior
