"""``neasim calibrate --table``: the historical replay against the 2017–2018 record.

Runs ``history_2017_2019`` over N replicates stepped as one batch and sets each figure beside what
``data/history.csv`` records (:mod:`sim.calibration.history`): a summit in 2018, its month and its
agreement, launches and UN tightenings in 2017, calm while talks are alive, concessions. The model
is judged by how many of these independent patterns it meets at once (pattern-oriented modelling,
Grimm et al. 2005), not by one curve. 2019 is reported as the model's forecast: the record stops
at December 2018 on purpose. ``docs/calibration.md`` holds the table this command prints.
"""

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calibration.history import REPO_ROOT, RecordFacts, find_history, read_history, record_facts
from sim.calibration.replay import Replay, replay
from sim.errors import InputError
from sim.scenario import load_scenario

SCENARIO = "history_2017_2019"
TABLE_BEGIN = "<!-- calibration table: begin (neasim calibrate --out docs/calibration.md) -->"
TABLE_END = "<!-- calibration table: end -->"


# --- the table -----------------------------------------------------------------------------------


def share(mask: Sequence[bool] | NDArray[np.bool_]) -> str:
    """A share of replicates as a percentage."""
    return f"{100.0 * float(np.mean(np.asarray(mask, dtype=float))):.0f}% of replicates"


def spread(counts: NDArray[np.int64]) -> str:
    """Median and 10th–90th percentiles of a count over replicates."""
    low, mid, high = np.percentile(counts, [10, 50, 90])
    return f"median {mid:g} (10–90%: {low:g}–{high:g})"


def yes(flag: bool) -> str:
    """A recorded yes/no."""
    return "yes" if flag else "no"


def comparison_rows(record: RecordFacts, model: Replay) -> list[tuple[str, str, str]]:
    """(point of comparison, the record, the model) for every point of the table."""
    first = [m for m in model.first_summit_month if m is not None]
    in_window = [
        m is not None
        and (record.first_invitation_month or "") <= m <= (record.first_summit_month or "")
        for m in model.first_summit_month
    ]
    median_first = sorted(first)[len(first) // 2] if first else "none"
    agreement = record.first_agreement or "?"
    return [
        (
            "US–North Korea summit in 2018",
            yes(record.summit_in_2018),
            share(model.summits_by_year["2018"] > 0),
        ),
        (
            "first summit month",
            f"{record.first_summit_month} (invitation accepted {record.first_invitation_month})",
            f"median {median_first}; {share(in_window)} between "
            f"{record.first_invitation_month} and {record.first_summit_month}",
        ),
        (
            "first summit before 2018",
            "no",
            share([m is not None and m < "2018" for m in model.first_summit_month]),
        ),
        (
            "agreement at the first summit",
            agreement,
            share([a == agreement for a in model.first_agreement])
            + f" ({share([a is not None for a in model.first_agreement])} held one)",
        ),
        (
            "months with a provocation in 2017",
            f"{record.provocation_months_2017} ({record.provocations_2017} launches and tests)",
            spread(model.provocation_months_2017) + " (Feb–Dec)",
        ),
        (
            "provocations in 2018",
            str(record.provocations_2018),
            spread(model.provocations_by_year["2018"]),
        ),
        (
            "provocations while US–North Korea talks are alive, 2017–2018",
            str(record.provocations_during_talks),
            f"none in {share(model.provocations_during_talks_2017_2018 == 0)}",
        ),
        (
            "UN sanctions tightenings in 2017",
            str(record.tightenings_2017),
            spread(model.tightenings_by_year["2017"]),
        ),
        (
            "UN sanctions tightenings in 2018",
            str(record.tightenings_2018),
            spread(model.tightenings_by_year["2018"]),
        ),
        (
            "Russian or Chinese vetoes, 2017–2018",
            str(record.vetoes),
            f"none in {share(model.vetoes_2017_2018 == 0)}",
        ),
        (
            "North Korean concessions in 2018",
            str(record.concessions_2018),
            spread(model.concessions_by_year["2018"])
            + f"; at least one in {share(model.concessions_by_year['2018'] > 0)}",
        ),
        (
            "US–North Korea talks alive at the end of 2018",
            yes(record.talks_alive_end_2018),
            share(model.talks_alive_at_end_of["2018"]),
        ),
    ]


def forecast_rows(model: Replay) -> list[tuple[str, str]]:
    """What the model does in 2019, with no record to compare with."""
    return [
        ("a summit in 2019", share(model.summits_by_year["2019"] > 0)),
        ("an agreement collapses in 2019", share(model.collapses_by_year["2019"] > 0)),
        ("provocations in 2019", spread(model.provocations_by_year["2019"])),
        ("talks alive at the end of 2019", share(model.talks_alive_at_end_of["2019"])),
    ]


def markdown_table(record: RecordFacts, model: Replay, history: str | Path) -> str:
    """The calibration table of ``docs/calibration.md``, as Markdown."""
    lines = [
        f"`{SCENARIO}`, {model.replicates} replicates (seeds 0–{model.replicates - 1}), "
        f"against `{history}`.",
        "",
        f"| point of comparison | record | model ({model.replicates} replicates) |",
        "|---|---|---|",
        *(f"| {what} | {rec} | {mod} |" for what, rec, mod in comparison_rows(record, model)),
        "",
        "The model's forecast for 2019 (not compared: the record stops in December 2018):",
        "",
        "| in 2019 | model |",
        "|---|---|",
        *(f"| {what} | {mod} |" for what, mod in forecast_rows(model)),
    ]
    return "\n".join(lines) + "\n"


def calibration_table(
    replicates: int = 200,
    history: Path | None = None,
    settings: Mapping[str, Any] | None = None,
) -> str:
    """Run the replay (with ``--set``-style dotted-key settings) and return the Markdown table."""
    if replicates < 1:
        raise InputError(f"--replicates {replicates}: must be at least 1")
    path = find_history(history)
    record = record_facts(read_history(path))
    shown = os.path.relpath(path, REPO_ROOT) if path.is_relative_to(REPO_ROOT.parent) else path
    scenario = load_scenario(SCENARIO, settings)
    return markdown_table(record, replay(scenario, np.arange(replicates)), shown)
