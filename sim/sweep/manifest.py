"""``manifest.json`` of a sweep directory: what made it, when, and how far it got."""

from dataclasses import asdict, dataclass, field, replace

from sim.runs.provenance import command_line, utc_stamp
from sim.runs.provenance import provenance as provenance_block

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
    fingerprint: str | None = None
    pandas_version: str | None = None
    pydantic_version: str | None = None
    pyyaml_version: str | None = None
    matplotlib_version: str | None = None
    platform: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON object."""
        return asdict(self)


def now_utc() -> str:
    """The current UTC time, ISO 8601 to the second (``2025-06-01T12:00:00Z``)."""
    return utc_stamp()


def provenance() -> dict[str, str | None]:
    """The commit and versions of the code running now."""
    return provenance_block("SALib", "pyarrow")


def new_manifest(runs_total: int, chunks_total: int) -> Manifest:
    """The manifest of a sweep about to start."""
    return Manifest(
        format_version=FORMAT_VERSION,
        kind="sweep",
        command=command_line(),
        **provenance(),  # type: ignore[arg-type]
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
    """The manifest of a sweep taken up again: the code and versions now running it.

    Chunks made by other code or versions are run again (:mod:`sim.sweep.fingerprint`), so every
    result of the sweep comes from what the manifest names.
    """
    return replace(
        manifest,
        **provenance(),  # type: ignore[arg-type]
        status="running",
        finished_utc=None,
        resumed_utc=[*manifest.resumed_utc, now_utc()],
    )


def from_dict(data: dict[str, object]) -> Manifest:
    """Read the JSON object back (unknown keys are ignored, for older or newer layouts).

    Raises
    ------
    ValueError
        If a field is missing or of the wrong type.
    """
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    known = {name: data[name] for name in Manifest.__dataclass_fields__ if name in data}
    try:
        manifest = Manifest(**known)  # type: ignore[arg-type]
    except TypeError as error:
        raise ValueError(str(error)) from None
    for name in ("runs_total", "runs_done", "runs_failed", "chunks_total", "chunks_done"):
        if not isinstance(getattr(manifest, name), int):
            raise ValueError(f"{name} is not a number")
    if not isinstance(manifest.status, str) or not isinstance(manifest.resumed_utc, list):
        raise ValueError("status or resumed_utc of the wrong type")
    return manifest
