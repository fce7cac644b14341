"""Durable writes: a file is written under a temporary name, flushed, then renamed.

A crash never leaves half a file, and a rename is atomic; but without ``fsync`` a power cut can
leave the new name pointing at a file whose data never reached the disk. So a writer flushes the
file (or every file of a directory) before the rename, and the directory that holds the new name
after it.
"""

import contextlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TEMP_SUFFIX = ".tmp"
"""Temporary files end with this; a sweep deletes any it finds when it resumes."""


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``final``; rename it to ``final`` if the block succeeds.

    The temporary file lives in the same directory, so :func:`os.replace` is an atomic rename. If
    the block raises, the temporary file is removed and ``final`` is left as it was.
    """
    temp = final.with_name(f".{final.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        yield temp
        fsync_file(temp)
        os.replace(temp, final)
        fsync_directory(final.parent)
    finally:
        temp.unlink(missing_ok=True)


def write_text(final: Path, text: str) -> None:
    """Write a text file atomically."""
    with atomic_path(final) as temp:
        temp.write_text(text, encoding="utf-8")


def write_json(final: Path, data: Any, ensure_ascii: bool = True) -> None:
    """Write a standard JSON file (no NaN) atomically, indented, keys in the order given."""
    write_text(final, json.dumps(data, indent=2, allow_nan=False, ensure_ascii=ensure_ascii) + "\n")


def fsync_file(path: Path) -> None:
    """Flush a file's data to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(path: Path) -> None:
    """Flush a directory's entries (new names, renames) to the disk, where the system allows."""
    with contextlib.suppress(OSError):  # some file systems refuse to sync a directory
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def fsync_tree(root: Path) -> None:
    """Flush every file and directory below ``root``, then ``root`` itself."""
    for folder, _, files in os.walk(root, topdown=False):
        for name in files:
            fsync_file(Path(folder) / name)
        fsync_directory(Path(folder))
