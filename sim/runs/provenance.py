"""Where a saved result came from: the code's commit, the command line, the time, the versions.

:func:`provenance` is the one block every saved result carries — a run's, an ensemble's and a
sweep's ``manifest.json``, and the ``.json`` beside an analysis's table — so that each says which
code, which versions of the libraries that shape its numbers and pictures, and which platform
made it. ``docs/formats.md`` describes the block and the ``format_version`` policy.
"""

import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sim

SOURCE = Path(sim.__file__).resolve().parent


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def utc_stamp(moment: datetime | None = None) -> str:
    """ISO 8601 in UTC to the second, ``2025-06-01T12:00:00Z`` (now by default)."""
    return (moment or utc_now()).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_commit() -> str | None:
    """The commit of the checkout ``sim`` runs from (``+dirty`` with local changes), if any."""
    try:
        head = subprocess.run(
            ["git", "-C", str(SOURCE), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(SOURCE), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not head:
        return None
    return f"{head}+dirty" if dirty else head


def command_line() -> list[str]:
    """The command as typed, with the program's name shortened to ``neasim``."""
    return ["neasim", *sys.argv[1:]]


def package_version(package: str) -> str:
    """An installed package's version, or ``unknown``."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


PACKAGES = ("numpy", "mesa", "pandas", "pydantic", "pyyaml", "matplotlib")
"""The libraries whose versions every saved result records (they shape its numbers and files)."""


def provenance(*extra: str) -> dict[str, str | None]:
    """``git_commit``, the versions of neasim, Python, :data:`PACKAGES` and ``extra``, ``platform``.

    >>> block = provenance("SALib")
    >>> list(block)[:3], list(block)[-2:]
    (['git_commit', 'neasim_version', 'python_version'], ['salib_version', 'platform'])
    """
    return {
        "git_commit": git_commit(),
        **versions(*PACKAGES, *extra),
        "platform": platform.platform(),
    }


def versions(*packages: str) -> dict[str, str]:
    """``neasim_version``, ``python_version`` and ``<package>_version`` of each package."""
    found = {"neasim_version": sim.__version__, "python_version": platform.python_version()}
    for package in packages:
        found[f"{package.lower()}_version"] = package_version(package)
    return found
