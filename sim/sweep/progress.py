"""The progress bar of a sweep: runs done, runs per second, time left, on stderr."""

import sys

from tqdm import tqdm


def progress_bar(total: int, done: int, label: str, enabled: bool = True) -> tqdm:
    """A bar counting runs; ``done`` runs (finished before a resume) are counted from the start."""
    return tqdm(
        total=total,
        initial=done,
        desc=label,
        unit="run",
        file=sys.stderr,
        disable=not enabled,
        dynamic_ncols=True,
        smoothing=0.1,
    )
