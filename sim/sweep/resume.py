"""Open the directory of a sweep: create it whole, or take up the same sweep where it stopped.

A directory is the same sweep when its ``sweep.yaml`` matches the resolved spec (whatever the
chunk size, name and description) and its ``scenario.yaml`` matches the resolved base scenario.
Anything else there is refused: a sweep never mixes the runs of two specs, nor writes into a
directory it did not make. A new sweep writes its files in place, ``sweep.yaml`` last, so a
directory without it is never taken for a sweep.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from sim.errors import InputError
from sim.parameters.yaml_input import parse_text, read_text
from sim.scenario import to_yaml
from sim.sweep.atomic import atomic_path, remove_temporaries, write_text
from sim.sweep.design import Design
from sim.sweep.manifest import new_manifest
from sim.sweep.plan import SweepPlan, default_chunk_size
from sim.sweep.seeds import run_seeds
from sim.sweep.storage import ROW_GROUP_ROWS, SweepDirectory

LABELS = ("name", "description", "chunk_size")
"""Keys of ``sweep.yaml`` that do not change what a sweep computes."""


@dataclass(frozen=True)
class OpenedSweep:
    """A sweep directory ready to run, with the chunk size its chunk files use."""

    directory: SweepDirectory
    chunk_size: int
    created: bool


def open_sweep(plan: SweepPlan, out: Path, parallelism: int) -> OpenedSweep:
    """Create the sweep directory ``out``, or reopen it if it holds this very sweep.

    Parameters
    ----------
    plan
        The checked spec.
    out
        The directory; it may not exist, be empty, or hold the same sweep.
    parallelism
        Chunks run at once, which sets the default chunk size of a small new sweep.

    Raises
    ------
    InputError
        If ``out`` holds something else, or the same sweep with another explicit chunk size.
    """
    directory = SweepDirectory(out)
    if directory.is_sweep():
        chunk_size = _check_same_sweep(plan, directory)
        remove_temporaries(out)  # of a writer killed while assembling; the lock is held
        return OpenedSweep(directory, chunk_size, created=False)
    if out.exists() and (not out.is_dir() or not directory.is_unfinished()):
        raise InputError(f"{out}: exists and is not a sweep directory; give another --out")
    design = plan.design()
    n_runs = design.n_points * plan.spec.replicates
    chunk_size = plan.spec.chunk_size or default_chunk_size(n_runs, parallelism)
    out.mkdir(parents=True, exist_ok=True)
    directory.clear_unfinished()
    write_text(directory.scenario_yaml, to_yaml(plan.scenario))
    background = plan.background_values(n_runs)
    write_design(design, plan.spec.replicates, plan.spec.seed, directory.design_parquet, background)
    directory.write_manifest(new_manifest(n_runs, -(-n_runs // chunk_size)))
    write_text(directory.sweep_yaml, _dump(plan.resolved(chunk_size)))  # last: now a sweep
    return OpenedSweep(directory, chunk_size, created=True)


def write_design(
    design: Design,
    replicates: int,
    root_seed: int,
    path: Path,
    background: dict[str, np.ndarray] | None = None,
) -> None:
    """Write ``design.parquet`` atomically, a row group at a time (see :func:`design_table`).

    ``background`` holds each run's drawn values of the parameters the design does not vary.
    """
    n_runs = design.n_points * replicates
    slices = [
        np.arange(start, min(start + ROW_GROUP_ROWS, n_runs), dtype=np.int64)
        for start in range(0, n_runs, ROW_GROUP_ROWS)
    ]
    schema = design_table(design, replicates, root_seed, slices[0][:0], background).schema
    with atomic_path(path) as temp, pq.ParquetWriter(temp, schema) as writer:
        for run_ids in slices:
            writer.write_table(design_table(design, replicates, root_seed, run_ids, background))


def design_table(
    design: Design,
    replicates: int,
    root_seed: int,
    run_ids: np.ndarray,
    background: dict[str, np.ndarray] | None = None,
) -> pa.Table:
    """The rows of ``design.parquet`` for some runs.

    ``run_id = design_point * replicates + replicate``; ``seed`` is the run's seed
    (:mod:`sim.sweep.seeds`); then one column per parameter, named by its key path: the design's,
    then the background's (drawn per run, not per point).
    """
    points = run_ids // replicates
    columns: dict[str, Any] = {
        "run_id": run_ids,
        "seed": run_seeds(root_seed, run_ids),
        "design_point": points,
        "replicate": run_ids % replicates,
    }
    for key, values in design.columns.items():
        columns[key] = values[points]
    for key, values in (background or {}).items():
        columns[key] = values[run_ids]
    return pa.table(columns)


def _check_same_sweep(plan: SweepPlan, directory: SweepDirectory) -> int:
    """The chunk size of the sweep already in ``directory``, if it is this sweep."""
    where = directory.path
    try:
        stored = parse_text(_read_part(directory, directory.sweep_yaml))
    except (yaml.YAMLError, ValueError):
        raise InputError(_cannot_resume(directory, directory.sweep_yaml, "not YAML")) from None
    if not isinstance(stored, dict) or not isinstance(stored.get("chunk_size"), int):
        raise InputError(f"{directory.sweep_yaml}: chunk_size: missing; not a sweep this made")
    stored_chunk: int = stored["chunk_size"]
    wanted = plan.resolved(stored_chunk)
    for key in sorted((set(stored) | set(wanted)) - set(LABELS)):
        if stored.get(key) != wanted.get(key):
            raise InputError(
                f"{where}: holds a different sweep ({key}: {stored.get(key)!r} there,"
                f" {wanted.get(key)!r} in {plan.spec_file}); give another --out"
            )
    if _read_part(directory, directory.scenario_yaml) != to_yaml(plan.scenario):
        raise InputError(
            f"{where}: holds a sweep of a different base scenario ({plan.base} has changed"
            f" since scenario.yaml was written); give another --out"
        )
    if plan.spec.chunk_size is not None and plan.spec.chunk_size != stored_chunk:
        raise InputError(
            f"{where}: was started with chunk_size {stored_chunk}, not {plan.spec.chunk_size};"
            " resume it with the same chunk size"
        )
    try:
        pq.read_table(directory.design_parquet, columns=["run_id", "seed"])
    except (OSError, ValueError, pa.ArrowException) as error:
        raise InputError(_cannot_resume(directory, directory.design_parquet, error)) from None
    return stored_chunk


def _read_part(directory: SweepDirectory, path: Path) -> str:
    """One of the files a sweep resumes from, or a one-line InputError saying how to recover."""
    try:
        return read_text(path)
    except InputError as error:
        why = str(error).removeprefix(f"{path}: ").removeprefix("cannot read: ")
        raise InputError(_cannot_resume(directory, path, why)) from None


def _cannot_resume(directory: SweepDirectory, path: Path, why: object) -> str:
    reason = " ".join(str(getattr(why, "strerror", None) or why).split())
    return (
        f"{path}: cannot be read ({reason}); the sweep cannot resume without it:"
        f" move {directory.path} away or delete it, and run the sweep again"
    )


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
