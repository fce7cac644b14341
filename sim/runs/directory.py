"""Save one run as a directory that says everything about how it was made.

The directory is written under a temporary name beside its destination (its manifest saying
``writing``), flushed to the disk and renamed, and only then marked ``complete``
(:mod:`sim.runs.claim`): a crash never leaves something that looks like a finished run.
"""

import csv
import json
import shutil
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sim.calendar import month_label
from sim.durable import write_text
from sim.errors import InvalidRunError
from sim.events import Event
from sim.runs.claim import commit, partial_path, slug
from sim.runs.provenance import provenance, utc_now, utc_stamp
from sim.runs.recorder import COUNTRY_COLUMNS, WORLD_COLUMNS
from sim.scenario import Scenario, to_yaml

FORMAT_VERSION = 1
COMPLETE = "complete"
WRITING = "writing"
"""The manifest's status while the plots are drawn from the files already written."""


def default_run_dir(
    scenario: Scenario, seed: int, when: datetime, root: Path = Path("runs")
) -> Path:
    """``runs/<scenario slug>-<UTC yyyymmdd-HHMMSS>-s<seed>``; claiming it adds ``-2``... if taken.

    The scenario's name is reduced to a safe slug (:func:`sim.runs.claim.slug`): whatever the name,
    the directory is inside ``root``.
    """
    return root / f"{slug(scenario.name)}-{when.strftime('%Y%m%d-%H%M%S')}-s{seed}"


def manifest(
    scenario: Scenario,
    command: list[str],
    started: datetime,
    finished: datetime,
    status: str = COMPLETE,
) -> dict[str, Any]:
    """manifest.json: format, versions, commit, command line, times, seed, status."""
    return {
        "format_version": FORMAT_VERSION,
        "kind": "run",
        "status": status,
        "scenario": scenario.name,
        "seed": scenario.seed,
        "months": scenario.months,
        "command": command,
        "started_utc": utc_stamp(started),
        "finished_utc": utc_stamp(finished),
        **provenance(),
    }


def write_csv(path: Path, header: Iterable[str], rows: Iterable[list[str]]) -> None:
    """A CSV file with Unix line endings."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(header))
        writer.writerows(rows)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Pretty, stable, standard JSON: a NaN or infinity is an error, never written."""
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError as error:
        raise InvalidRunError(f"{path.name}: {error} (a NaN or infinity)") from None
    path.write_text(text + "\n", encoding="utf-8")


def event_rows(events: list[Event], start: str) -> Iterable[list[str]]:
    """The rows of events.csv."""
    for e in events:
        yield [str(e.step), month_label(start, e.step), e.type, e.actor, e.target, e.detail]


def save_run(
    out: Path,
    scenario: Scenario,
    summary: dict[str, Any],
    states: Iterable[list[str]],
    world: Iterable[list[str]],
    events: list[Event],
    command: list[str],
    started: datetime,
    make_plots: Callable[[Path], object] | None,
) -> Path:
    """Write the run directory under a temporary name, then rename it over ``out``.

    ``out`` is the empty directory :func:`sim.runs.claim.claim` created. The manifest says
    ``writing`` while the files and plots are written into the temporary directory, and
    ``complete`` only once the directory has been renamed into place.
    """
    tmp = partial_path(out)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        (tmp / "config.yaml").write_text(to_yaml(scenario), encoding="utf-8")
        write_csv(tmp / "states.csv", ["step", "month", "country", *COUNTRY_COLUMNS], states)
        write_csv(tmp / "world.csv", ["step", "month", *WORLD_COLUMNS], world)
        write_csv(
            tmp / "events.csv",
            ["step", "month", "type", "actor", "target", "detail"],
            event_rows(events, scenario.start),
        )
        write_json(tmp / "summary.json", summary)
        write_json(tmp / "manifest.json", manifest(scenario, command, started, utc_now(), WRITING))
        if make_plots is not None:
            make_plots(tmp)
        commit(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        write_manifest_file(out / "manifest.json", manifest(scenario, command, started, utc_now()))
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # renamed but never complete: not a run
        raise
    return out


def write_manifest_file(path: Path, data: dict[str, Any]) -> None:
    """Write a manifest (standard JSON), flushed to the disk, in one rename."""
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
