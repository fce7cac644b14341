"""Load a saved run directory (see the run directory contract in the design notes).

A run directory holds ``config.yaml``, ``manifest.json``, ``summary.json``, ``states.csv``,
``world.csv`` and ``events.csv``. :func:`load_run` reads them all, checks the columns every
figure relies on, and raises :class:`sim.errors.InputError` naming the file and the problem
when anything is missing or unreadable.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from sim.errors import InputError

STATES_COLUMNS: tuple[str, ...] = (
    "step",
    "month",
    "country",
    "leverage",
    "domestic_pressure",
    "trust_USA",
    "trust_PRK",
    "trust_KOR",
    "trust_CHN",
    "trust_RUS",
    "trust_JPN",
)
WORLD_COLUMNS: tuple[str, ...] = ("step", "month")
EVENTS_COLUMNS: tuple[str, ...] = ("step", "month", "type", "actor", "target", "detail")
EVENT_TEXT_COLUMNS: tuple[str, ...] = ("month", "type", "actor", "target", "detail")


@dataclass(frozen=True, eq=False)
class Run:
    """One saved run, read back from its directory.

    Attributes
    ----------
    path : Path
        The run directory.
    config : dict
        The resolved scenario (``config.yaml``).
    manifest : dict
        Provenance (``manifest.json``).
    summary : dict
        Outcomes (``summary.json``).
    states : pandas.DataFrame
        One row per month per country (``states.csv``).
    world : pandas.DataFrame
        One row per month of world-level series (``world.csv``).
    events : pandas.DataFrame
        One row per event (``events.csv``); empty ``actor``/``target``/``detail`` are ``""``.
    """

    path: Path
    config: dict[str, Any]
    manifest: dict[str, Any]
    summary: dict[str, Any]
    states: pd.DataFrame
    world: pd.DataFrame
    events: pd.DataFrame

    @property
    def scenario(self) -> str:
        """The scenario name from the config (the directory name when it has none)."""
        return str(self.config.get("name", self.path.name))

    @property
    def seed(self) -> int | None:
        """The run's seed, from the config or else the manifest."""
        seed = self.config.get("seed", self.manifest.get("seed"))
        return None if seed is None else int(seed)

    @property
    def label(self) -> str:
        """A short label for legends: ``"<scenario> (seed <n>)"``."""
        return self.scenario if self.seed is None else f"{self.scenario} (seed {self.seed})"


def is_run_dir(path: str | Path) -> bool:
    """Return whether ``path`` looks like a run directory (it has a manifest and states.csv)."""
    p = Path(path)
    return (p / "manifest.json").is_file() and (p / "states.csv").is_file()


def load_run(path: str | Path, status: str = "complete") -> Run:
    """Read a complete run directory.

    Parameters
    ----------
    path : str or Path
        A directory written by ``neasim run``.
    status : str
        The status its manifest must have: ``complete``, or ``writing`` for the run that is
        drawing its own plots before it says ``complete``.

    Returns
    -------
    Run
        Its config, manifest, summary and the three tables.

    Raises
    ------
    sim.errors.InputError
        ``<path>: <what is wrong>`` when the directory is missing, incomplete or unreadable.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(f"{root}: no such run directory")
    if not root.is_dir():
        raise InputError(f"{root}: not a directory (expected a run directory)")
    manifest = read_json(root / "manifest.json")
    found = manifest.get("status")
    if found != status:
        raise InputError(f"{root / 'manifest.json'}: status is {found!r}, not {status!r}")
    config = read_yaml_mapping(root / "config.yaml")
    summary = read_json(root / "summary.json")
    states = _read_csv(root / "states.csv", STATES_COLUMNS)
    world = _read_csv(root / "world.csv", WORLD_COLUMNS)
    events = _read_csv(root / "events.csv", EVENTS_COLUMNS, text_columns=EVENT_TEXT_COLUMNS)
    return Run(root, config, manifest, summary, states, world, events)


def read_json(file: Path) -> dict[str, Any]:
    """A JSON object from a file, or an InputError naming the file."""
    text = _read_text(file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{file}: not valid JSON ({err.msg} at line {err.lineno})") from err
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected a JSON object, found {type(data).__name__}")
    return data


def read_yaml_mapping(file: Path) -> dict[str, Any]:
    """A YAML mapping from a file, or an InputError naming the file."""
    text = _read_text(file)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(f"{file}: not valid YAML ({error_summary(err)})") from err
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected a YAML mapping, found {type(data).__name__}")
    return data


def _read_text(file: Path) -> str:
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete run directory)")
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{file}: cannot read ({error_summary(err)})") from err


def _read_csv(
    file: Path, required: tuple[str, ...], *, text_columns: tuple[str, ...] = ("month",)
) -> pd.DataFrame:
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete run directory)")
    try:
        frame = pd.read_csv(file, dtype=dict.fromkeys(text_columns, str))
    except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError) as err:
        raise InputError(f"{file}: cannot parse CSV ({error_summary(err)})") from err
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(f"{file}: missing column(s) {', '.join(missing)}")
    bad = pd.to_datetime(frame["month"], format="%Y-%m", errors="coerce").isna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        value = frame["month"].iloc[row]
        raise InputError(f"{file}: row {row + 2}: month {value!r} is not YYYY-MM")
    present = [c for c in text_columns if c in frame.columns]
    frame[present] = frame[present].fillna("")
    return frame


def error_summary(err: BaseException) -> str:
    """Return the first line of an exception's message (its class name when it has none)."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
