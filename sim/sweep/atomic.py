"""Write a file under a temporary name, then rename it: a crash never leaves half a file."""

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
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)


def write_text(final: Path, text: str) -> None:
    """Write a text file atomically."""
    with atomic_path(final) as temp:
        temp.write_text(text, encoding="utf-8")


def write_json(final: Path, data: Any) -> None:
    """Write a standard JSON file (no NaN) atomically, indented, keys in the order given."""
    write_text(final, json.dumps(data, indent=2, allow_nan=False) + "\n")


def remove_temporaries(directory: Path) -> None:
    """Delete the temporary files a killed writer left in ``directory`` (not recursively)."""
    for path in directory.glob(f".*{TEMP_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)
