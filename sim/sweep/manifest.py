"""``manifest.json`` of a sweep directory: what made it, when, and how far it got."""

from dataclasses import asdict, dataclass, field, replace

from sim.provenance import command_line, git_commit, utc_stamp, versions

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
    command: list[str]
    started_utc: str
    finished_utc: str | None
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
    return utc_stamp()


def new_manifest(runs_total: int, chunks_total: int) -> Manifest:
    """The manifest of a sweep about to start."""
    found = versions("numpy", "mesa", "SALib", "pyarrow")
    return Manifest(
        format_version=FORMAT_VERSION,
        kind="sweep",
        git_commit=git_commit(),
        command=command_line(),
        neasim_version=found["neasim_version"],
        python_version=found["python_version"],
        numpy_version=found["numpy_version"],
        mesa_version=found["mesa_version"],
        salib_version=found["salib_version"],
        pyarrow_version=found["pyarrow_version"],
        started_utc=now_utc(),
        finished_utc=None,
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
        finished_utc=None,
        resumed_utc=[*manifest.resumed_utc, now_utc()],
    )


def from_dict(data: dict[str, object]) -> Manifest:
    """Read the JSON object back (unknown keys are ignored, for older or newer layouts)."""
    known = {name: data[name] for name in Manifest.__dataclass_fields__ if name in data}
    return Manifest(**known)  # type: ignore[arg-type]
