"""Write a file under a temporary name, then rename it: a crash never leaves half a file.

The writing itself is :mod:`sim.durable` (flushed to the disk before and after the rename); this
module adds what a sweep does with the temporaries a killed writer left.
"""

from pathlib import Path

from sim.durable import TEMP_SUFFIX, atomic_path, write_json, write_text

__all__ = ["TEMP_SUFFIX", "atomic_path", "remove_temporaries", "write_json", "write_text"]


def remove_temporaries(directory: Path) -> None:
    """Delete the temporary files a killed writer left in ``directory`` (not recursively)."""
    for path in directory.glob(f".*{TEMP_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)
