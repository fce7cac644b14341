"""Where chunks run: a local process pool or a Dask cluster, as ``concurrent.futures.Executor``.

The local pool starts its workers with the ``forkserver`` method where the platform has it, else
``spawn``, chosen for this pool only (the global start method is left alone): workers do not
inherit the parent's threads or locks. The fork server preloads the model, so a worker starts in
milliseconds rather than importing it anew. Workers ignore Ctrl-C; the parent stops them. Each
worker watches the process that started the sweep and exits as soon as it is gone, even if it
was killed with SIGKILL and could not stop them.

``distributed`` is imported only when a Dask executor is asked for.
"""

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sim.errors import InputError
from sim.processes import process_exists

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext  # not defined on Windows

    from distributed import LocalCluster

EXECUTORS: tuple[str, ...] = ("local", "dask")

WORKER_MODULE = "sim.sweep.chunk"
"""What a worker runs; the fork server imports it once, and workers fork with it loaded."""


@dataclass(frozen=True)
class Workers:
    """An open executor and how many chunks it runs at once."""

    executor: Executor
    parallelism: int


def default_workers() -> int:
    """The CPUs this process may use (its affinity, else ``os.cpu_count()``; at least 1)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def capped_workers(workers: int | None, force: bool) -> tuple[int | None, str | None]:
    """``--workers`` capped at the CPUs unless forced: the number to use, and a notice if capped.

    More worker processes than CPUs only share the CPUs, each holding a chunk in memory.
    """
    cpus = default_workers()
    if workers is None or workers <= cpus or force:
        return workers, None
    return cpus, (
        f"--workers {workers}: more than the {cpus} CPUs; using {cpus}"
        f" (add --force-workers to start {workers})"
    )


@contextmanager
def open_executor(
    kind: str = "local", workers: int | None = None, scheduler: str | None = None
) -> Iterator[Workers]:
    """Open an executor for the length of a ``with`` block.

    Parameters
    ----------
    kind
        ``local`` (a process pool) or ``dask``.
    workers
        Worker processes of the local pool or of a new Dask ``LocalCluster``; default: CPUs.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); with ``dask`` only. Without
        one, a ``LocalCluster`` of ``workers`` single-threaded processes is started and stopped.
    """
    check_executor(kind, workers, scheduler)
    n_workers = workers or default_workers()
    if kind == "local":
        with _process_pool(n_workers) as pool:
            yield pool
    else:
        with _dask(n_workers, scheduler) as pool:
            yield pool


def check_executor(kind: str, workers: int | None, scheduler: str | None) -> None:
    """Check the executor options before anything is created; raise :class:`InputError`."""
    if kind not in EXECUTORS:
        raise InputError(f"--executor: {kind!r} is not one of {', '.join(EXECUTORS)}")
    if workers is not None and workers < 1:
        raise InputError(f"--workers: {workers} is not a positive number of workers")
    if scheduler is not None and kind != "dask":
        raise InputError("--scheduler: only applies with --executor dask")
    if scheduler is not None and workers is not None:
        raise InputError("--workers: does not apply with --scheduler (the cluster has its workers)")


@contextmanager
def _process_pool(n_workers: int) -> Iterator[Workers]:
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload([WORKER_MODULE])
        _start_sheltered(multiprocessing.forkserver.ensure_running)
        _wait_until_ready(forkserver)
        context = forkserver
    else:
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=n_workers,
        mp_context=context,
        initializer=prepare_worker,
        initargs=(os.getpid(),),
    )
    try:
        yield Workers(pool, n_workers)
    except BaseException:
        _stop_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _start_sheltered(start: Callable[[], None]) -> None:
    """Start the fork server with no standard error, and keep a Ctrl-C that comes meanwhile.

    The fork server and the workers it forks never print a traceback for a Ctrl-C (the parent
    stops them). A Ctrl-C during the start is held, not lost: once the start is over, it
    interrupts the parent as any other Ctrl-C does (a machine under load can take seconds to
    start a process).
    """
    if threading.current_thread() is not threading.main_thread():
        start()
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        with _quiet_stderr():
            start()
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Give what starts now (the fork server, and so every worker it forks) no standard error.

    A worker's exception reaches the parent through its future and is recorded with the chunk;
    what a process half-forked when the parent is interrupted would print (a traceback of the
    fork server's protocol) is noise, never the user's.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _wait_until_ready(context: "ForkServerContext") -> None:
    """Wait until the fork server has imported the model: it forks a process that does nothing.

    Workers are then asked for only once they can start at once, so none is left half-started
    by a Ctrl-C.
    """
    ready = context.Process(target=os.getpid)
    ready.start()
    ready.join()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, mid-chunk: an interrupted sweep does not wait for its chunks.

    ``ProcessPoolExecutor`` has no public way to do this before Python 3.14
    (``terminate_workers``); the unfinished chunks are run again on resume.
    """
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError):
            process.terminate()


def prepare_worker(parent: int) -> None:
    """Leave Ctrl-C to the parent, and exit when the parent process is gone.

    The parent cancels what is queued and stops the workers on Ctrl-C; if it dies without doing
    so (SIGKILL, a crash), a watcher thread ends the worker at once (:func:`watch_parent`).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()


def watch_parent(parent: int, poll_seconds: float = 0.5) -> None:
    """Wait for process ``parent`` to end, then end this process at once (exit status 1).

    Waits on a pidfd where Linux has one; elsewhere checks every ``poll_seconds``.
    """
    try:
        handle = os.pidfd_open(parent)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while process_exists(parent):
            time.sleep(poll_seconds)
    os._exit(1)


def check_scheduler(address: str, timeout: float = 5.0) -> None:
    """Check that a Dask scheduler answers at a TCP ``address`` before anything is written.

    Raises
    ------
    InputError
        If a ``tcp://`` or ``tls://`` address has no host and port, or nothing answers there.
    """
    parsed = urlsplit(address if "://" in address else f"tcp://{address}")
    if parsed.scheme not in ("tcp", "tls"):
        return  # in-process and other transports: the client finds out
    try:
        port = parsed.port
    except ValueError:
        port = None
    if not parsed.hostname or port is None:
        raise InputError(f"--scheduler {address}: expected an address like tcp://host:8786")
    try:
        with socket.create_connection((parsed.hostname, port), timeout=timeout):
            pass
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise InputError(f"--scheduler {address}: cannot connect: {reason}") from None


def local_cluster(n_workers: int) -> "LocalCluster":
    """A Dask ``LocalCluster`` of ``n_workers`` single-threaded worker processes, no dashboard.

    Its scheduler's HTTP endpoint (health and metrics, which Dask serves even without the
    dashboard) listens on a free loopback port rather than the default 8787, so two clusters on
    one machine (two sweeps, a sweep beside a calibration) start without a port clash or warning.
    """
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )


@contextmanager
def _dask(n_workers: int, scheduler: str | None) -> Iterator[Workers]:
    from distributed import Client

    if scheduler is None:
        cluster = local_cluster(n_workers)
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError) as error:
            raise InputError(f"--scheduler {scheduler}: cannot connect: {error}") from None
    try:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        yield Workers(client.get_executor(pure=False), max(1, threads))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
