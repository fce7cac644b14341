"""``neasim sweep SPEC``: the command line of a sweep."""

import argparse
import contextlib
import os
import sys

import pyarrow as pa

from sim.errors import InputError
from sim.failures import interrupted_status
from sim.resources import spec_path
from sim.sweep.executors import EXECUTORS, capped_workers
from sim.sweep.runner import run_sweep
from sim.sweep.storage import SweepDirectory

DESCRIPTION = """\
Run the parameter sweep a spec describes (configs/sweeps/*.yaml): every run of its design,
in chunks stepped in lockstep, on a local process pool or a Dask cluster. Results land in
DIR/outcomes.parquet. Running the same command again resumes an interrupted sweep without
redoing finished chunks. The directory's path is printed as the last line."""


def add_sweep_command(
    subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    """Register ``sweep`` on an ``argparse`` subparsers object; its ``func`` runs the sweep."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sweep",
        help="run a parameter sweep (resumes an interrupted one)",
        description=DESCRIPTION,
    )
    parser.add_argument(
        "spec", metavar="SPEC", help="the sweep spec: a YAML path or a bundled name (smoke, ...)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes (default and most: the CPUs)",
    )
    parser.add_argument(
        "--force-workers", action="store_true", help="start --workers N even beyond the CPUs"
    )
    parser.add_argument(
        "--executor", choices=EXECUTORS, default="local", help="where chunks run (default: local)"
    )
    parser.add_argument(
        "--scheduler", metavar="ADDR", help="address of a Dask scheduler (with --executor dask)"
    )
    parser.add_argument(
        "--out", metavar="DIR", help="the sweep directory (default: runs/<spec name>-sweep)"
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        metavar="N",
        help="runs per chunk (default: the spec's, or 1000)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress (a bar on a terminal, else a line per tenth of the runs)",
    )
    parser.set_defaults(func=sweep_command)
    return parser


def sweep_command(args: argparse.Namespace) -> int:
    """Run the sweep; print a summary to stderr and the directory to stdout."""
    if args.force_workers and args.workers is None:
        raise InputError("--force-workers: applies only with --workers N")
    workers, capped = capped_workers(args.workers, args.force_workers)
    if capped is not None:
        print(capped, file=sys.stderr)
    use_returning_allocator()
    try:
        path = run_sweep(
            spec_path(args.spec),
            out_dir=args.out,
            workers=workers,
            executor=args.executor,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            progress=not args.no_progress,
        )
    except KeyboardInterrupt as error:
        code, word = interrupted_status(error)
        print(
            f"{word}: finished chunks are kept; run the same command again to resume",
            file=sys.stderr,
        )
        return code
    manifest = SweepDirectory(path).read_manifest()
    failed = (
        f", {manifest.runs_failed} failed (see the error column)" if manifest.runs_failed else ""
    )
    print(f"{manifest.runs_done} runs{failed}", file=sys.stderr)
    print(path)
    return 0


def use_returning_allocator() -> None:
    """Allocate Arrow memory with jemalloc, which hands freed memory back to the system.

    Arrow's default allocator (mimalloc) keeps what it frees for reuse; over the hundreds of
    chunks of a large sweep, that adds tens of MiB to the peak. ``ARROW_DEFAULT_MEMORY_POOL``,
    when set, still decides. Only the ``sweep`` command does this, not the Python API.
    """
    if "ARROW_DEFAULT_MEMORY_POOL" in os.environ:
        return
    with contextlib.suppress(NotImplementedError):  # a pyarrow built without jemalloc
        pa.set_memory_pool(pa.jemalloc_memory_pool())
