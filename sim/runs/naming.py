"""Names of new output directories: a path that does not exist yet."""

from pathlib import Path


def unused_path(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3``, ... : the first that does not exist."""
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate
