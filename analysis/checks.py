"""Check a saved run directory before reading it: whole, finished, and as its manifest says.

``neasim plot`` and ``neasim compare`` call :func:`check_run_dir` on every run they are given, so
a run cut short (a file truncated mid-row or to a few months, a header alone, a temporary
directory left by a killed run, a manifest that does not say ``complete``) is refused with one
line naming the file and what is wrong, instead of being drawn as if it were a result.
"""

import csv
import io
import json
from pathlib import Path
from typing import Any, NoReturn

from analysis.rundir import MAX_SAVED_BYTES
from sim.errors import InputError
from sim.parameters.yaml_input import read_mapping
from sim.runs.claim import PARTIAL, abandoned

TABLES = {"states.csv": ("step", "month", "country"), "world.csv": ("step", "month")}
"""The per-month tables, with the columns each starts with."""


def check_run_dir(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` is a complete run directory.

    Checks: the directory is not a run's temporary directory; ``manifest.json`` is a JSON object
    with ``kind: run`` and ``status: complete``; the number of ``months`` (the manifest's, else
    the config's); ``config.yaml`` names the countries; ``states.csv`` has
    ``(months + 1) × countries`` rows and ``world.csv`` ``months + 1``, every row as many fields
    as the header, the last one ended; ``events.csv`` is whole too; ``summary.json`` is standard
    JSON.
    """
    if not path.is_dir():
        raise InputError(f"{path}: no such run directory")
    if PARTIAL.match(path.resolve().name):
        raise InputError(f"{path}: an unfinished run's temporary directory, not a run")
    if abandoned(path):
        raise InputError(
            f"{path}: empty: the name a run claimed, still running or killed before it finished"
            " (the next run in the same place removes it)"
        )
    manifest = _json(path / "manifest.json")
    if manifest.get("kind", "run") != "run":
        raise InputError(f"{path / 'manifest.json'}: kind: {manifest.get('kind')!r}, not a run")
    if manifest.get("status") != "complete":
        raise InputError(
            f"{path / 'manifest.json'}: status: {manifest.get('status')!r}, not 'complete'"
            " (the run did not finish)"
        )
    config = _config(path / "config.yaml")
    months = manifest.get("months", config.get("months"))
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        raise InputError(f"{path / 'manifest.json'}: months: missing or not a number")
    countries = _countries(path / "config.yaml", config)
    expected = {"states.csv": (months + 1) * countries, "world.csv": months + 1}
    for name, first in TABLES.items():
        rows = _rows(path / name, first)
        if rows != expected[name]:
            raise InputError(
                f"{path / name}: {rows} rows, not {expected[name]} ({months} months in the"
                " manifest); the run is incomplete"
            )
    _rows(path / "events.csv", ("step", "month", "type"))
    _json(path / "summary.json")


def _json(file: Path) -> dict[str, Any]:
    try:
        data = json.loads(_text(file), parse_constant=_not_json)
    except FileNotFoundError:
        raise InputError(f"{file}: missing (not a complete run directory)") from None
    except RecursionError:
        raise InputError(f"{file}: nested too deeply to be a neasim file") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{file}: not standard JSON ({_first_line(error)})") from None
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected a JSON object")
    return data


def _not_json(constant: str) -> NoReturn:
    raise ValueError(f"{constant} is not standard JSON")


def _config(file: Path) -> dict[str, Any]:
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete run directory)")
    data = read_mapping(file, MAX_SAVED_BYTES)  # strict: aliases budgeted, size capped
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected a mapping; not the config of a run")
    return data


def _countries(file: Path, config: dict[str, Any]) -> int:
    actors = config.get("actors")
    if not isinstance(actors, dict) or not actors:
        raise InputError(f"{file}: actors: missing; not the config of a run")
    return len(actors)


def _rows(file: Path, first: tuple[str, ...]) -> int:
    """The number of data rows of a whole CSV file that starts with the columns ``first``."""
    try:
        text = _text(file)
    except FileNotFoundError:
        raise InputError(f"{file}: missing (not a complete run directory)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{file}: cannot be read ({_first_line(error)})") from None
    if not text.endswith("\n"):
        raise InputError(f"{file}: cut off in the middle of its last row")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InputError(f"{file}: not CSV ({error})") from None
    header = rows[0] if rows else []
    if tuple(header[: len(first)]) != first:
        raise InputError(f"{file}: the header does not start with {', '.join(first)}")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InputError(
                f"{file}: line {number}: {len(row)} fields, not {len(header)} as in the header"
            )
    return len(rows) - 1


def _text(file: Path) -> str:
    """A file's text, read no further than :data:`analysis.rundir.MAX_SAVED_BYTES`."""
    with file.open("rb") as handle:
        raw = handle.read(MAX_SAVED_BYTES + 1)
    if len(raw) > MAX_SAVED_BYTES:
        raise InputError(f"{file}: larger than any file a run writes; not a run directory")
    return raw.decode("utf-8")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
