"""Naming and claiming output directories: one path for runs, ensembles and comparisons.

A name is first made safe (:func:`slug`): one path component of letters (any script), digits
and ``_ . -``, of bounded length, so that whatever a scenario's ``name`` says, the directory is
inside its root. The name is then claimed by creating the (empty) directory with
:func:`os.mkdir`, which fails if the name is taken: of two writers wanting one name, exactly one
gets it, and the other picks the next free name (a default name) or stops at once with one line
(an explicit ``--out``). With the claim, the writer creates its hidden temporary directory
beside it, ``.<name>.partial-<pid>``, fills it, and :func:`commit` flushes every file and the
directory to the disk (``fsync``) and renames it over the empty claim (:func:`os.rename`
replaces an empty directory atomically). A manifest in a temporary directory never says
``complete``: the writer marks the directory complete only after the rename
(:func:`sim.sweep.atomic.write_json`, itself a flushed rename).

A writer that fails releases its claim (:func:`release`); one that is killed leaves its empty
claim and its temporary directory, both removed by the next writer that claims a name in the
same place (:func:`remove_leftovers`) once the process that made them is gone.

A file that is replaced in place (a calibration's ``data/posterior.parquet``) is claimed the same
way by its writer for as long as it works towards it: :func:`claim_file` validates the
destination (an existing path must be a file: nothing is created beside ``/dev/null``) and holds
``.<name>.lock`` beside it (``flock``, released by the system when its holder dies, even by
SIGKILL), so a second writer is refused at once with one line naming the holder;
:func:`write_file` writes ``.<name>.partial-<pid>``, flushes it and renames it over the file.
A killed writer leaves the old file whole, and its temporary file is removed by the next.
"""

import contextlib
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from sim.durable import fsync_directory, fsync_file, fsync_tree, write_text
from sim.errors import InputError
from sim.processes import process_exists
from sim.runs.provenance import command_line

PARTIAL = re.compile(r"^\.(?P<name>.+)\.partial-(?P<pid>\d+)$")
"""A writer's temporary directory: ``.<name>.partial-<pid>``."""

SLUG_UNSAFE = re.compile(r"[^\w.-]+")
MAX_SLUG = 80
"""The longest slug, in characters."""
MAX_SLUG_BYTES = 160
"""The longest slug in UTF-8 bytes (file systems allow 255 per name; suffixes are added)."""


def slug(text: str) -> str:
    r"""A name safe as one path component: letters, digits, ``_ . -``; never ``.`` or ``..``.

    Letters of any script are kept (a Korean or Japanese name stays readable), accents are kept
    as composed characters, and everything else (slashes, spaces, control characters) becomes
    ``-``.

    >>> slug("../../../etc/x")
    'etc-x'
    >>> slug("/tmp/Rok mediator!")
    'tmp-Rok-mediator'
    >>> slug("..")
    'run'
    >>> slug("한반도\n평화")
    '한반도-평화'
    """
    cleaned = SLUG_UNSAFE.sub("-", unicodedata.normalize("NFC", text)).strip(".-")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:MAX_SLUG]
    while len(cleaned.encode("utf-8")) > MAX_SLUG_BYTES:
        cleaned = cleaned[:-1]
    return cleaned.strip(".-") or "run"


def partial_path(out: Path) -> Path:
    """The temporary directory this process fills before renaming it to ``out``."""
    return out.parent / f".{out.name}.partial-{os.getpid()}"


def check_parent(out: Path) -> None:
    """Raise :class:`InputError` if ``out``'s parent exists but is not a directory."""
    parent = out.parent
    if parent.exists() and not parent.is_dir():
        raise InputError(f"{parent}: not a directory, cannot hold {out.name}")


def claim(out: Path, *, numbered: bool) -> Path:
    """Create ``out`` as an empty directory, atomically, with its temporary directory; return it.

    Parameters
    ----------
    out
        The wanted directory.
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
    check_parent(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out.parent)
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
        break
    try:
        os.mkdir(partial_path(candidate))
    except BaseException:
        candidate.rmdir()
        raise
    return candidate


def commit(out: Path) -> Path:
    """Flush the filled temporary directory to the disk and rename it over the claimed ``out``."""
    partial = partial_path(out)
    fsync_tree(partial)
    os.replace(partial, out)
    fsync_directory(out.parent)
    return out


def release(out: Path) -> None:
    """Give up a claim: remove the empty claimed directory and this process's temporary one."""
    shutil.rmtree(partial_path(out), ignore_errors=True)
    with contextlib.suppress(OSError):
        out.rmdir()  # only if still empty: never a finished directory


def remove_leftovers(parent: Path) -> None:
    """Remove what killed writers in ``parent`` left: temporary directories and empty claims."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = PARTIAL.match(entry.name)
        pid = int(match.group("pid")) if match is not None else 0
        if match is None or pid == os.getpid() or process_exists(pid):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:  # a file's temporary (:func:`write_file`)
            entry.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            (parent / match.group("name")).rmdir()  # only an empty claimed directory


def abandoned(path: Path) -> bool:
    """Whether ``path`` is an empty claim: a writer's directory that was never filled."""
    try:
        return path.is_dir() and not any(path.iterdir())
    except OSError:
        return False


def check_file_destination(final: Path) -> None:
    """Raise :class:`InputError` unless ``final`` may be written as a file (nothing is created)."""
    check_parent(final)
    if (final.exists() or final.is_symlink()) and not final.is_file():
        raise InputError(f"{final}: exists and is not a file; choose another path")


def hold(what: Path, lock: Path) -> contextlib.AbstractContextManager[None]:
    """Hold ``lock`` (a ``flock``) for the ``with`` block, on behalf of ``what``.

    ``<lock>.holder`` says which process holds it, so that the one refused can say so.

    Raises
    ------
    InputError
        If another process holds it: ``<what>: in use by process <pid> (<command>)``.
    """
    return _held(what, lock)


@contextlib.contextmanager
def _held(what: Path, lock: Path) -> Iterator[None]:
    holder = lock.with_name(lock.name + ".holder")
    filelock = FileLock(lock, timeout=0)
    try:
        filelock.acquire()
    except Timeout:
        raise InputError(
            f"{what}: in use by {_holder(holder)}; wait for it to finish, or stop it first"
        ) from None
    try:
        write_text(holder, f"process {os.getpid()} ({' '.join(command_line())})\n")
        yield
    finally:
        holder.unlink(missing_ok=True)
        filelock.release()


def _holder(holder: Path) -> str:
    try:
        return holder.read_text(encoding="utf-8").strip()[:200] or "another process"
    except (OSError, UnicodeDecodeError):
        return "another process"


def claim_file(final: Path) -> contextlib.AbstractContextManager[None]:
    """Claim the file ``final`` for the ``with`` block: one writer at a time.

    The destination is validated before anything is created; then ``.<name>.lock`` beside it is
    held (:func:`hold`).

    Raises
    ------
    InputError
        If ``final`` exists and is not a file, its parent is not a directory, or another process
        is writing it.
    """
    check_file_destination(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    return hold(final, final.parent / f".{final.name}.lock")


def write_file(final: Path, write: Callable[[Path], object]) -> Path:
    """Write ``final`` through its temporary ``.<name>.partial-<pid>``: flushed, then renamed.

    Parameters
    ----------
    final
        The file to write or replace.
    write
        Writes the whole file at the path it is given.

    Returns
    -------
    Path
        ``final``. If ``write`` fails, the temporary file is removed and ``final`` left as it was;
        what a killed writer left is removed first (:func:`remove_leftovers`).
    """
    check_file_destination(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(final.parent)
    partial = partial_path(final)
    try:
        write(partial)
        fsync_file(partial)
        os.replace(partial, final)
        fsync_directory(final.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final
