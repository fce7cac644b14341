"""What each chosen value does: the replay and the baseline with one chosen value changed.

The values a modeller chose to match the 2017–2018 record or the article's 2025 expectations
(rather than read off a fact) are listed in :data:`ROWS`, each with an alternative; every row runs
the 2017–2019 replay over :data:`REPLAY_SEEDS` seeds and the baseline over :data:`BASELINE_SEEDS`
seeds (each one lockstep batch, the same seeds in every row) and reports what the record and the
article are judged by: a summit in 2018 and before it, the months with launches and the launches
of 2017, the rate of launches while talks live, a summit by the APEC window and within two years.

``python -m tools.chosen_values --write docs/calibration.md`` writes the table between its
markers; ``tests/test_chosen_values.py`` checks that it is the model's of today.
"""

import argparse
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sim.calendar import step_of
from sim.marked_section import replace_marked_section
from sim.model import DiplomacyModel
from sim.scenario import load_scenario

REPLAY_SEEDS = 200
BASELINE_SEEDS = 1000
APEC = "2025-10"

ROWS: tuple[tuple[str, dict[str, float]], ...] = (
    ("as chosen", {}),
    ("`cash_first.talks_value` 0.25", {"mechanisms.cash_first.talks_value": 0.25}),
    ("`regime_security.engage_rate` 0.45", {"mechanisms.regime_security.engage_rate": 0.45}),
    (
        "`regime_security.deterrent_weight` 0.3",
        {"mechanisms.regime_security.deterrent_weight": 0.3},
    ),
    ("`provocation.milestone_weight` 2.5", {"mechanisms.provocation.milestone_weight": 2.5}),
    ("`provocation.salvo_rate` 1.0", {"mechanisms.provocation.salvo_rate": 1.0}),
    (
        "`provocation.patron_restraint` 0 (no call for restraint)",
        {"mechanisms.provocation.patron_restraint": 0.0},
    ),
    ("`korea.gesture_rate` 0.4", {"mechanisms.korea.gesture_rate": 0.4}),
    ("`korea.gesture_ratio` 1.3 (a cheap signal)", {"mechanisms.korea.gesture_ratio": 1.3}),
    ("`korea.room_weight` 0.5", {"mechanisms.korea.room_weight": 0.5}),
    ("`trust.reliance` 0 (no decision leans on trust)", {"mechanisms.trust.reliance": 0.0}),
    ("`showmanship.trade_win_share` 0.5", {"mechanisms.showmanship.trade_win_share": 0.5}),
    ("`japan.normalisation_value` 0", {"mechanisms.japan.normalisation_value": 0.0}),
    ("`lifeline.china_restraint` 0.5", {"mechanisms.lifeline.china_restraint": 0.5}),
    (
        "`provocation.development_rate` 0.15 (2025's pace)",
        {"mechanisms.provocation.development_rate": 0.15},
    ),
)
"""Each row: its label and the values it changes (in both scenarios), the first as chosen."""

BEGIN = "<!-- chosen values: begin (python -m tools.chosen_values --write docs/calibration.md) -->"
END = "<!-- chosen values: end -->"


def _run(name: str, seeds: int, settings: dict[str, float]) -> DiplomacyModel:
    model = DiplomacyModel(
        load_scenario(name, settings), seeds=np.arange(seeds), record=True, keep_events=False
    )
    model.run()
    return model


def replay_cells(settings: dict[str, float]) -> list[str]:
    """The replay's columns.

    A summit in 2018, one before 2018, launch months and launches in 2017 (medians), the share of
    months of live talks with a launch.
    """
    model = _run("history_2017_2019", REPLAY_SEEDS, settings)
    start = model.config.start
    first, last = step_of(start, "2018-01"), step_of(start, "2018-12")
    summits = np.array([state.summits for state in model.history])
    months = np.array([state.provocations for state in model.history])
    launches = np.array([state.launches.sum(axis=1) for state in model.history])
    talking = np.array([model.history[t - 1].talks_alive for t in range(1, model.months + 1)])
    tested = np.diff(months, axis=0) > 0
    return [
        _percent(summits[last] > summits[first - 1]),
        _percent(summits[first - 1] > 0),
        f"{np.median(months[first - 1]):.0f}",
        f"{np.median(launches[first - 1]):.0f}",
        f"{tested[talking].mean():.1%}" if talking.any() else "–",
    ]


def baseline_cells(settings: dict[str, float]) -> list[str]:
    """The baseline's columns: a summit by the APEC window, and within its 24 months."""
    model = _run("baseline", BASELINE_SEEDS, settings)
    first = model.state.first_summit_step
    apec = step_of(model.config.start, APEC)
    return [_percent((first > 0) & (first <= apec)), _percent((first > 0) & (first <= 24))]


def _percent(mask: NDArray[np.bool_]) -> str:
    return f"{float(np.mean(mask)):.0%}"


def table() -> str:
    """The Markdown table, one row per chosen value."""
    lines = [
        f"The replay over seeds 0–{REPLAY_SEEDS - 1}, the baseline over seeds "
        f"0–{BASELINE_SEEDS - 1}; the record: a summit in 2018 and none before, launches in 7 "
        "months of 2017 (some twenty launch events), none while talks lived.",
        "",
        "| value | summit in 2018 | summit before 2018 | launch months 2017 (median) "
        "| launches 2017 (median) | launch months while talking "
        "| baseline: summit by APEC | baseline: summit within 24 months |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, settings in ROWS:
        cells = [label, *replay_cells(settings), *baseline_cells(settings)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print the table, or write it into a document between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    args = parser.parse_args(argv)
    text = table()
    if args.write:
        replace_marked_section(args.write, BEGIN, END, text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
