"""Run a sweep: cut the design into chunks, run them on an executor, write them as they finish.

Chunk ``k`` holds the runs from ``k * chunk_size`` up to the next chunk's first run. A chunk's
rows of ``design.parquet`` are read when it is submitted, at most two chunks per worker are in
flight, and a finished chunk is written at once and dropped, so the parent's memory does not grow
with the number of runs. Finished chunks of an interrupted sweep
are not run again. When every chunk is written, ``outcomes.parquet`` (and
``trajectories.parquet``) are assembled from the chunk files and the manifest says ``complete``.
"""

import json
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

from sim.runs.batch import run_batch
from sim.scenario import to_yaml
from sim.sweep.chunk import BatchRunner, ChunkResult, ChunkTask, run_chunk
from sim.sweep.executors import (
    Workers,
    check_executor,
    check_scheduler,
    default_workers,
    open_executor,
)
from sim.sweep.fingerprint import fingerprint
from sim.sweep.lock import sweep_lock
from sim.sweep.manifest import Manifest, new_manifest, now_utc, resumed
from sim.sweep.plan import SweepPlan, plan_sweep
from sim.sweep.progress import progress_bar
from sim.sweep.resume import LABELS, open_sweep
from sim.sweep.storage import OUTCOMES, TRAJECTORIES, SweepDirectory

IN_FLIGHT_PER_WORKER = 2
"""Chunks submitted per worker ahead of time: one running, one waiting."""

ExecutorFactory = Callable[[], AbstractContextManager[Workers]]


def default_out_dir(spec_path: str | Path) -> Path:
    """``runs/<spec stem>-sweep``."""
    return Path("runs") / f"{Path(spec_path).stem}-sweep"


def run_sweep(
    spec_path: str | Path,
    out_dir: str | Path | None = None,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: bool = True,
) -> Path:
    """Run (or resume) the sweep a spec describes; return its directory.

    Parameters
    ----------
    spec_path
        The sweep spec (``configs/sweeps/*.yaml``).
    out_dir
        The sweep directory; default ``runs/<spec stem>-sweep``. If it holds the same sweep,
        the sweep resumes where it stopped.
    workers
        Worker processes (local pool, or a new Dask ``LocalCluster``); default: CPUs.
    executor
        ``local`` (a process pool) or ``dask``.
    scheduler
        The address of a running Dask scheduler, with ``executor="dask"``.
    chunk_size
        Runs per chunk (each chunk is one batch), overriding the spec's ``chunk_size``.
    progress
        Show a progress bar on stderr.

    Returns
    -------
    Path
        The sweep directory; ``pandas.read_parquet(path / "outcomes.parquet")`` reads the results.

    Raises
    ------
    InputError
        For a bad spec, bad options, or a directory that holds something else; nothing is
        created then.
    """
    plan = plan_sweep(spec_path, chunk_size)
    check_executor(executor, workers, scheduler)
    if scheduler is not None:
        check_scheduler(scheduler)
    out = Path(out_dir) if out_dir is not None else default_out_dir(spec_path)
    with sweep_lock(out):
        opened = open_sweep(plan, out, workers or default_workers())
        execute(
            plan,
            opened.directory,
            opened.chunk_size,
            lambda: open_executor(executor, workers, scheduler),
            progress=progress,
        )
    return out


def execute(
    plan: SweepPlan,
    directory: SweepDirectory,
    chunk_size: int,
    executor: ExecutorFactory,
    *,
    progress: bool = True,
    runner: BatchRunner = run_batch,
) -> None:
    """Run the chunks not yet written, then assemble the final files.

    Parameters
    ----------
    plan
        The checked spec.
    directory
        An open sweep directory (design written).
    chunk_size
        Runs per chunk, as the directory's chunk files use.
    executor
        Opens the executor, if any chunk remains to be run.
    progress
        Show a progress bar on stderr.
    runner
        The batch runner a chunk calls, ``sim.runs.batch.run_batch``.
    """
    n_runs = directory.count_runs()
    starts = list(range(0, n_runs, chunk_size))
    sizes = [min(chunk_size, n_runs - start) for start in starts]
    manifest = directory.read_manifest_or_none()
    if manifest is None:
        notice(f"{directory.manifest_json}: unreadable; rebuilt from the chunk files")
        manifest = new_manifest(n_runs, len(starts))
    if manifest.status == "complete" and directory.final_file(OUTCOMES).is_file():
        directory.remove_chunks()
        notice(
            f"{directory.path}: this sweep is already complete ({manifest.runs_done} runs);"
            " nothing to run (give another --out to run it again)"
        )
        return
    stamp = fingerprint(spec_text(plan, chunk_size), to_yaml(plan.scenario))
    done, stale = directory.finished_chunks(sizes, plan.spec.trajectories, stamp)
    if stale:
        notice(
            f"{directory.path}: running {len(stale)} finished chunk(s) again: unreadable, or made"
            " by other code, another spec or other library versions"
        )
    manifest = replace(
        resumed(manifest) if manifest.chunks_done or done or stale else manifest,
        fingerprint=stamp,
        runs_done=sum(sizes[i] for i in done),
        runs_failed=directory.count_failed(done),
        chunks_done=len(done),
    )
    directory.write_manifest(manifest)
    finished = set(done)
    todo = [index for index in range(len(starts)) if index not in finished]
    keys = [axis.key for axis in plan.axes] + list(plan.background)

    def task(index: int) -> ChunkTask:
        start, stop = starts[index], starts[index] + sizes[index]
        rows = directory.read_design(start, stop, ["run_id", "seed", *keys])
        return ChunkTask(
            index=index,
            scenario=plan.scenario,
            run_ids=rows.column("run_id").to_numpy(),
            seeds=rows.column("seed").to_numpy(),
            overrides={key: rows.column(key).to_numpy() for key in keys},
            months=plan.months,
            keep=plan.keep,
            trajectories=plan.spec.trajectories,
            runner=runner,
        )

    label = directory.path.name
    with progress_bar(n_runs, manifest.runs_done, label, progress) as bar:
        if todo:
            with executor() as workers:
                for result in _completed(workers, (task(i) for i in todo)):
                    directory.write_chunk(result.index, result.outcomes, result.trajectories, stamp)
                    manifest = replace(
                        manifest,
                        runs_done=manifest.runs_done + sizes[result.index],
                        runs_failed=manifest.runs_failed + result.failed,
                        chunks_done=manifest.chunks_done + 1,
                    )
                    directory.write_manifest(manifest)
                    bar.update(sizes[result.index])
    _finish(directory, manifest, len(starts), plan.spec.trajectories)


def spec_text(plan: SweepPlan, chunk_size: int) -> str:
    """The resolved spec without its labels: what the runs of a sweep depend on."""
    data = {k: v for k, v in plan.resolved(chunk_size).items() if k not in LABELS}
    return json.dumps(data, sort_keys=True)


def notice(message: str) -> None:
    """Tell the user, on one line of stderr, what a resume found and did."""
    print(" ".join(message.split()), file=sys.stderr)


def _completed(workers: Workers, tasks: Iterator[ChunkTask]) -> Iterator[ChunkResult]:
    """Submit tasks, a few per worker at a time; yield results as chunks finish."""
    limit = IN_FLIGHT_PER_WORKER * workers.parallelism
    pending: set[Future[ChunkResult]] = set()
    for next_task in tasks:
        pending.add(workers.executor.submit(run_chunk, next_task))
        if len(pending) >= limit:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in finished)
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (future.result() for future in finished)


def _finish(
    directory: SweepDirectory, manifest: Manifest, n_chunks: int, trajectories: bool
) -> None:
    """Assemble the final files, mark the sweep complete, delete the chunk files."""
    if trajectories:
        directory.assemble(TRAJECTORIES, n_chunks)
    directory.assemble(OUTCOMES, n_chunks)
    directory.write_manifest(replace(manifest, status="complete", finished_utc=now_utc()))
    directory.remove_chunks()
