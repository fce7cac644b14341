"""One process at a time in a sweep directory: a lock held for the whole sweep or resume.

The output directory is validated first (:func:`prepare_directory`: a directory that does not
exist yet, is empty, holds this kind of sweep or what a killed creation of one left), and only
then created and locked: nothing is created for an ``--out`` that is refused (``/dev/null``,
``/``, a file, a directory of other things). The lock is ``<dir>/.lock``, taken with
:mod:`filelock` (``flock``: the system releases it when its holder dies, even by SIGKILL);
``<dir>/.lock.holder`` says which process holds it, so the one refused can say so
(:func:`sim.runs.claim.hold`, shared with calibrations).
"""

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sim.errors import InputError
from sim.runs.claim import check_parent, hold
from sim.sweep.storage import SweepDirectory

LOCK_NAME = ".lock"


def lock_path(out: Path) -> Path:
    """The lock file of the sweep directory ``out``."""
    return out / LOCK_NAME


def prepare_directory(out: Path) -> None:
    """Check that ``out`` may hold a sweep, then create it; raise :class:`InputError` if not."""
    check_parent(out)
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise InputError(f"{out}: exists and is not a directory; give another --out")
        if not SweepDirectory(out).is_sweep() and not SweepDirectory(out).is_unfinished():
            raise InputError(f"{out}: exists and is not a sweep directory; give another --out")
    out.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def sweep_lock(out: Path) -> Iterator[None]:
    """Validate and create the sweep directory ``out``, and hold its lock for the ``with`` block.

    Raises
    ------
    InputError
        If ``out`` cannot hold a sweep, or another process holds the lock:
        ``<dir>: in use by process <pid> (<command>)``.
    """
    prepare_directory(out)
    with hold(out, lock_path(out)):
        yield
