"""One process at a time in a sweep directory: a lock held for the whole sweep or resume.

The lock is ``.<dir>.lock`` beside the sweep directory (a sweep directory is created whole by a
rename, so the lock must exist before it does), taken with :mod:`filelock` (``flock``: the system
releases it when its holder dies, even by SIGKILL). ``.<dir>.lock.holder`` says which process
holds it, so the one refused can say so.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from sim.errors import InputError
from sim.runs.provenance import command_line
from sim.sweep.atomic import write_text


def lock_path(out: Path) -> Path:
    """The lock file of the sweep directory ``out``."""
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def sweep_lock(out: Path) -> Iterator[None]:
    """Hold the lock of sweep directory ``out`` for the ``with`` block.

    Raises
    ------
    InputError
        If another process holds it: ``<dir>: in use by process <pid> (<command>)``.
    """
    path = lock_path(out)
    if path.parent.exists() and not path.parent.is_dir():
        raise InputError(f"{path.parent}: not a directory, cannot hold the sweep {out.name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = path.with_name(path.name + ".holder")
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(
            f"{out}: in use by {_holder(holder)}; wait for it to finish, or stop it first"
        ) from None
    try:
        write_text(holder, f"process {os.getpid()} ({' '.join(command_line())})\n")
        yield
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _holder(holder: Path) -> str:
    try:
        return holder.read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"
