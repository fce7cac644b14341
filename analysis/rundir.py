"""Load a saved run directory (see the run directory contract in the design notes).

A run directory holds ``config.yaml``, ``manifest.json``, ``summary.json``, ``states.csv``,
``world.csv`` and ``events.csv``. :func:`load_run` reads them all through one validating layer
(the readers here, which ensembles and sweeps use too): every file within a size cap and
strictly parsed (standard JSON, strict YAML), every table with its columns, numbers that are
finite numbers, trust within [0, 1], known countries and event types, and a summary with the
outcomes figures rely on. Anything else raises :class:`sim.errors.InputError` naming the file
and the problem, which the command line prints on one line (exit status 2).
"""

import io
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from sim.errors import InputError
from sim.events import EVENT_TYPES
from sim.parameters.yaml_input import read_mapping, read_text

MAX_SAVED_BYTES = 256 << 20
"""The largest JSON, YAML or CSV file of a saved directory read (a 600-month run is ~2 MB)."""

SUMMARY_KEYS: dict[str, type | tuple[type, ...]] = {
    "summit_held": bool,
    "agreement_type": str,
    "provocations": int,
    "mean_tension": (int, float),
    "trust_final": dict,
}
"""Outcomes of ``summary.json`` that tables and figures read, with their types."""

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
WORLD_TEXT_COLUMNS: tuple[str, ...] = ("month", "agreement")
"""Columns of ``world.csv`` that hold text; every other column holds numbers."""


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
        raise InputError(f"{root / 'manifest.json'}: status is {_shown(found)}, not {status!r}")
    config = read_yaml_mapping(root / "config.yaml")
    summary = read_summary(root / "summary.json")
    states = _read_csv(root / "states.csv", STATES_COLUMNS, text_columns=("month", "country"))
    check_numbers(root / "states.csv", states, ("month", "country"))
    countries = config.get("actors") if isinstance(config.get("actors"), dict) else {}
    check_codes(root / "states.csv", states["country"], countries or set(), "country")
    world = _read_csv(root / "world.csv", WORLD_COLUMNS, text_columns=WORLD_TEXT_COLUMNS)
    check_numbers(root / "world.csv", world, WORLD_TEXT_COLUMNS)
    events = _read_csv(root / "events.csv", EVENTS_COLUMNS, text_columns=EVENT_TEXT_COLUMNS)
    check_numbers(root / "events.csv", events[["step"]], ())
    check_codes(root / "events.csv", events["type"], EVENT_TYPES, "event type")
    return Run(root, config, manifest, summary, states, world, events)


def read_json(file: Path) -> dict[str, Any]:
    """A JSON object from a file (standard JSON: no NaN), or an InputError naming the file."""
    text = _read_text(file)
    try:
        data = json.loads(text, parse_constant=_not_standard)
    except json.JSONDecodeError as err:
        raise InputError(f"{file}: not valid JSON ({err.msg} at line {err.lineno})") from None
    except ValueError as err:
        raise InputError(f"{file}: not standard JSON ({err})") from None
    except RecursionError:
        raise InputError(f"{file}: nested too deeply to be a neasim file") from None
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected a JSON object, found {type(data).__name__}")
    return data


def _not_standard(constant: str) -> NoReturn:
    raise ValueError(f"{constant} is not standard JSON")


def read_yaml_mapping(file: Path) -> dict[str, Any]:
    """A YAML mapping from a file, read strictly (:mod:`sim.parameters.yaml_input`)."""
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete run directory)")
    return read_mapping(file, MAX_SAVED_BYTES)


def _read_text(file: Path) -> str:
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete run directory)")
    return read_text(file, MAX_SAVED_BYTES, what="a saved")


def read_summary(file: Path) -> dict[str, Any]:
    """``summary.json``, with the outcomes figures rely on present and of the right type."""
    summary = read_json(file)
    for key, kind in SUMMARY_KEYS.items():
        value = summary.get(key)
        if key not in summary:
            raise InputError(f"{file}: missing key {key!r}")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InputError(f"{file}: {key}: {_shown(value)} is not of the expected type")
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"{file}: {key}: {value} is not a finite number")
    return summary


def _read_csv(
    file: Path, required: tuple[str, ...], *, text_columns: tuple[str, ...] = ("month",)
) -> pd.DataFrame:
    text = _read_text(file)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=dict.fromkeys(text_columns, str))
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError(f"{file}: cannot parse CSV ({error_summary(err)})") from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(f"{file}: missing column(s) {', '.join(missing)}")
    bad = pd.to_datetime(frame["month"], format="%Y-%m", errors="coerce").isna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        value = frame["month"].iloc[row]
        raise InputError(f"{file}: row {row + 2}: month {_shown(value)} is not YYYY-MM")
    present = [c for c in text_columns if c in frame.columns]
    frame[present] = frame[present].fillna("")
    return frame


def check_numbers(file: Path, frame: pd.DataFrame, text: tuple[str, ...]) -> None:
    """Columns but ``text`` hold finite numbers; ``step`` whole months from 0; trust in [0, 1]."""
    for column in frame.columns:
        if column in text:
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() | ~np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(
                f"{file}: row {row + 2}: {column} {_shown(frame[column].iloc[row])} is not a"
                " finite number"
            )
        frame[column] = values
        low, high = _range(column)
        outside = (values < low) | (values > high)
        if outside.any():
            row = int(outside.to_numpy().nonzero()[0][0])
            raise InputError(
                f"{file}: row {row + 2}: {column} {values.iloc[row]} is outside [{low}, {high}]"
            )
    if "step" in frame.columns and (frame["step"] % 1 != 0).any():
        raise InputError(f"{file}: step: not whole months")


def _range(column: str) -> tuple[float, float]:
    if column == "step":
        return 0.0, 10_000.0
    if column.startswith("trust_"):
        return 0.0, 1.0
    return -math.inf, math.inf


def check_codes(file: Path, values: pd.Series, known: Iterable[str], what: str) -> None:
    """Every value of ``values`` is one of ``known``, else an InputError naming the first other."""
    unknown = ~values.isin(list(known))
    if unknown.any():
        row = int(unknown.to_numpy().nonzero()[0][0])
        raise InputError(f"{file}: row {row + 2}: unknown {what} {_shown(values.iloc[row])}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def error_summary(err: BaseException) -> str:
    """Return the first line of an exception's message (its class name when it has none)."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
