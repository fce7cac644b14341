"""``manifest.json`` of a sweep directory: what made it, when, and how far it got."""

import platform
import shlex
import subprocess
import sys
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sim

FORMAT_VERSION = 1
"""Version of the sweep directory layout; raised when a file or column changes meaning."""


@dataclass(frozen=True)
class Manifest:
    """The contents of ``manifest.json``.

    ``status`` is ``running`` until every chunk is written and ``outcomes.parquet`` assembled,
    then ``complete``. ``resumed_utc`` lists the times an interrupted sweep was taken up again.
    """

    format_version: int
    kind: str
    neasim_version: str
    git_commit: str | None
    python_version: str
    numpy_version: str
    mesa_version: str
    salib_version: str
    pyarrow_version: str
    command: str
    started_utc: str
    ended_utc: str | None
    status: str
    runs_total: int
    runs_done: int
    runs_failed: int
    chunks_total: int
    chunks_done: int
    resumed_utc: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The JSON object."""
        return asdict(self)


def now_utc() -> str:
    """The current UTC time, ISO 8601 to the second (``2025-06-01T12:00:00Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_manifest(runs_total: int, chunks_total: int) -> Manifest:
    """The manifest of a sweep about to start."""
    return Manifest(
        format_version=FORMAT_VERSION,
        kind="sweep",
        neasim_version=sim.__version__,
        git_commit=git_commit(),
        python_version=platform.python_version(),
        numpy_version=_version("numpy"),
        mesa_version=_version("mesa"),
        salib_version=_version("SALib"),
        pyarrow_version=_version("pyarrow"),
        command=shlex.join(sys.argv),
        started_utc=now_utc(),
        ended_utc=None,
        status="running",
        runs_total=runs_total,
        runs_done=0,
        runs_failed=0,
        chunks_total=chunks_total,
        chunks_done=0,
    )


def resumed(manifest: Manifest) -> Manifest:
    """The manifest of a sweep taken up again."""
    return replace(
        manifest,
        status="running",
        ended_utc=None,
        resumed_utc=[*manifest.resumed_utc, now_utc()],
    )


def from_dict(data: dict[str, object]) -> Manifest:
    """Read the JSON object back (unknown keys are ignored, for older or newer layouts)."""
    known = {name: data[name] for name in Manifest.__dataclass_fields__ if name in data}
    return Manifest(**known)  # type: ignore[arg-type]


def git_commit() -> str | None:
    """The commit of the checkout ``sim`` was imported from, when it is one; else None."""
    source = Path(sim.__file__).resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(source), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit else None


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"
