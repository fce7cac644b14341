"""Claim a run directory's name before simulating, so that parallel runs never collide.

A run claims its name by creating the (empty) directory with :func:`os.mkdir`, which fails if the
name is taken: of two runs wanting one name, exactly one gets it, and the other picks the next
free name (a default name) or stops at once with one line (an explicit ``--out``). The run then
fills a hidden temporary directory beside it, ``.<name>.partial-<pid>``, and renames it over the
empty claimed directory when everything is written (:func:`os.rename` replaces an empty
directory atomically). What a killed run leaves behind — its temporary directory and its empty
claim — is removed by the next run that claims a name in the same place
(:func:`remove_leftovers`).
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

from sim.errors import InputError
from sim.processes import process_exists

PARTIAL = re.compile(r"^\.(?P<name>.+)\.partial-(?P<pid>\d+)$")
"""A run's temporary directory: ``.<name>.partial-<pid>``."""

SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_SLUG = 80


def slug(text: str) -> str:
    """A name safe as one path component: letters, digits, ``_ . -``; never ``.`` or ``..``.

    >>> slug("../../../etc/x")
    'etc-x'
    >>> slug("/tmp/Rok mediator!")
    'tmp-Rok-mediator'
    >>> slug("..")
    'run'
    """
    cleaned = SLUG_UNSAFE.sub("-", text).strip(".-")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:MAX_SLUG].strip(".-")
    return cleaned or "run"


def partial_path(out: Path) -> Path:
    """The temporary directory this process fills before renaming it to ``out``."""
    return out.parent / f".{out.name}.partial-{os.getpid()}"


def claim(out: Path, *, numbered: bool) -> Path:
    """Create ``out`` as an empty directory, atomically, and return it.

    Parameters
    ----------
    out
        The wanted run directory.
    numbered
        If ``out`` is taken, try ``out-2``, ``out-3``, ... (default names); otherwise a taken
        ``out`` is an :class:`InputError`.

    Raises
    ------
    InputError
        ``out`` exists (and ``numbered`` is false), or its parent is not a directory.
    OSError
        The directory cannot be created (permissions, a read-only or full file system).
    """
    parent = out.parent
    if parent.exists() and not parent.is_dir():
        raise InputError(f"{parent}: not a directory, cannot hold the run directory {out.name}")
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(parent)
    candidate, n = out, 1
    while True:
        try:
            os.mkdir(candidate)
        except FileExistsError:
            if not numbered:
                raise InputError(f"{out}: already exists; choose another --out") from None
            n += 1
            candidate = out.with_name(f"{out.name}-{n}")
            continue
        return candidate


def release(out: Path) -> None:
    """Give up a claim: remove the empty claimed directory and this process's temporary one."""
    shutil.rmtree(partial_path(out), ignore_errors=True)
    with contextlib.suppress(OSError):
        out.rmdir()  # only if still empty: never a finished run


def remove_leftovers(parent: Path) -> None:
    """Remove what runs killed in ``parent`` left: temporary directories and empty claims."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = PARTIAL.match(entry.name)
        pid = int(match.group("pid")) if match is not None else 0
        if match is None or pid == os.getpid() or process_exists(pid):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        with contextlib.suppress(OSError):
            (parent / match.group("name")).rmdir()
