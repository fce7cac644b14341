"""The historical replay: ``history_2017_2019`` run over replicates and tallied year by year.

Each replicate's figures (summits, their months and agreements, provocations, UN tightenings,
concessions, collapses, vetoes, whether talks are alive at each year's end) are what
:mod:`sim.calibration.record` sets beside the 2017–2018 record. Replicates are stepped as one batch;
each one's figures depend only on its seed (docs/design.md, Randomness).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.calendar import month_label
from sim.model import DiplomacyModel
from sim.scenario import Scenario


@dataclass(frozen=True)
class Replay:
    """Per-replicate figures of a batch of historical replays (each array has one value a run)."""

    replicates: int
    first_summit_month: list[str | None]
    first_agreement: list[str | None]
    summits_by_year: dict[str, NDArray[np.int64]]
    provocations_by_year: dict[str, NDArray[np.int64]]
    provocation_months_2017: NDArray[np.int64]
    provocations_during_talks_2017_2018: NDArray[np.int64]
    tightenings_by_year: dict[str, NDArray[np.int64]]
    concessions_by_year: dict[str, NDArray[np.int64]]
    collapses_by_year: dict[str, NDArray[np.int64]]
    vetoes_2017_2018: NDArray[np.int64]
    talks_alive_at_end_of: dict[str, NDArray[np.bool_]]


YEARS = ("2017", "2018", "2019")


def replay(
    scenario: Scenario,
    seeds: Sequence[int] | NDArray[np.integer],
    overrides: Mapping[str, ArrayLike] | None = None,
) -> Replay:
    """Run one replicate per seed in one batch (with optional per-run values) and tally."""
    replicates = len(seeds)
    model = DiplomacyModel(
        scenario, seeds=seeds, overrides=overrides, keep_events=True, record=True
    )
    model.run()
    months = [month_label(scenario.start, t) for t in range(model.months + 1)]

    def tally(kind: str, actor: str | None = None) -> dict[str, NDArray[np.int64]]:
        counts = {year: np.zeros(replicates, dtype=np.int64) for year in YEARS}
        for event in model.log.rows:
            year = months[event.step][:4]
            if event.type == kind and year in counts and actor in (None, event.actor):
                counts[year][event.run] += 1
        return counts

    first_month: list[str | None] = [None] * replicates
    first_agreement: list[str | None] = [None] * replicates
    provocation_months: list[set[str]] = [set() for _ in range(replicates)]
    during_talks = np.zeros(replicates, dtype=np.int64)
    for event in model.log.rows:
        r, month = event.run, months[event.step]
        if event.type == "summit_held" and first_month[r] is None:
            first_month[r] = month
            first_agreement[r] = "none"
        elif event.type == "agreement_signed" and first_month[r] == month:
            first_agreement[r] = event.detail
        elif event.type == "provocation":
            if month.startswith("2017"):
                provocation_months[r].add(month)
            if model.history[event.step - 1].talks_alive[r] and month < "2019":
                during_talks[r] += 1
    vetoes = tally("sanctions_blocked")
    alive_at = {
        year: model.history[months.index(f"{year}-12")].talks_alive.copy()
        for year in YEARS
        if f"{year}-12" in months
    }
    return Replay(
        replicates=replicates,
        first_summit_month=first_month,
        first_agreement=first_agreement,
        summits_by_year=tally("summit_held"),
        provocations_by_year=tally("provocation"),
        provocation_months_2017=np.array([len(s) for s in provocation_months], dtype=np.int64),
        provocations_during_talks_2017_2018=during_talks,
        tightenings_by_year=tally("sanctions_tightened"),
        concessions_by_year=tally("concession", actor="PRK"),
        collapses_by_year=tally("agreement_collapsed"),
        vetoes_2017_2018=vetoes["2017"] + vetoes["2018"],
        talks_alive_at_end_of=alive_at,
    )
