"""How the bundled scenarios turn out over many seeds: the table of ``docs/teaching.md``.

``python -m tools.scenario_outcomes [--replicates N]`` runs every bundled scenario over seeds
0 … N−1 (each scenario as one lockstep batch) and prints a Markdown table of its outcomes, one
column per quantity (:data:`COLUMNS`). N is by default the size of the one seed range of every
quoted figure (:data:`sim.figure_seeds.FIGURE_SEEDS`, as ``make docs`` writes it), and the shares
of summits and freezes and the medians of provocations and of North Korea's trust in the US are
written as ``tools.doc_figures`` writes them, so that the table and ``docs/figures.json`` give one
value for one quantity (``tests/test_teaching.py`` checks it).

Every cell also carries its posterior predictive interval, in brackets after the value: 100
parameter vectors drawn from the calibration's posterior, 100 seeds each, all in one lockstep
batch per scenario; the column's statistic computed over each vector's seeds as the value is over
the declared values' seeds, and its 10–90 % range across the vectors
(:func:`tools.doc_figures.posterior_statistics`, as the README's headline interval), written as
the lessons write theirs (``32 % [18–100%]``, ``0.12 [0.05–0.12]``, ``2 [1–3]``; one value when
both ends read the same). Runs whose drawn values break a cross-parameter rule are left out.
"""

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calibration.posterior import Posterior
from sim.classroom.lesson_figures import interval_text
from sim.figure_seeds import FIGURE_SEEDS
from sim.runs.batch import run_batch
from sim.scenario import bundled_scenarios, load_scenario
from tools.doc_figures import (
    POSTERIOR_DRAWS,
    POSTERIOR_SEEDS,
    SHARES,
    Statistic,
    percent,
    posterior_statistics,
    statistic_of,
)


def median_of(outcome: str) -> Statistic:
    """The median of an outcome over a set of runs, as a lesson figure's term reads it.

    >>> median_of("provocations")({"provocations": np.array([1, 2, 4])})
    2.0
    """
    return statistic_of({"outcome": outcome, "stat": "median"})


POINT: dict[str, Callable[[float], str]] = {
    "percent": lambda v: percent(round(v, 4)),
    "count": lambda v: f"{v:.0f}",
    "trust": lambda v: f"{v:.2f}",
}
"""How a column's value at the declared values is written, by its kind (a share as
``tools.doc_figures`` writes one, ``32 %``). The interval is written by
:func:`sim.classroom.lesson_figures.interval_text` of the same kind (``18–100%``, ``1–3``,
``0.05–0.12``): ``trust`` is its kind of two decimals, whatever the quantity."""


@dataclass(frozen=True)
class Column:
    """A column of the table: its heading, its statistic of a set of runs, how it is written."""

    heading: str
    statistic: Statistic
    kind: str
    """A kind of :data:`POINT` and of :func:`sim.classroom.lesson_figures.interval_text`."""


COLUMNS = (
    Column("summit held", SHARES["summit"], "percent"),
    Column("freeze or better", SHARES["freeze"], "percent"),
    Column("provocations (median)", median_of("provocations"), "count"),
    Column(
        "North Korea's trust in the US at the end (median)",
        median_of("trust_final.PRK.USA"),
        "trust",
    ),
    Column("relief need at the end (median)", median_of("prk_relief_need_final"), "trust"),
    Column(
        "a leadership change",
        statistic_of({"outcome": "leadership_changes", "stat": "share", "above": 0}),
        "percent",
    ),
    Column("mean tension (median)", median_of("mean_tension"), "trust"),
)
"""The quantities of the table, in order; each cell is the value, then its interval."""

HEADER = (
    "| scenario | "
    + " | ".join(column.heading for column in COLUMNS)
    + " |\n|"
    + "---|" * (len(COLUMNS) + 1)
)

TABLE_START = "| scenario | summit held |"
"""How the table's header line begins, whatever its other columns."""


def cell(column: Column, value: float, interval: tuple[float, float]) -> str:
    """A value at the declared values, then its posterior interval in brackets.

    >>> cell(COLUMNS[0], 0.3155, (0.179, 1.0))
    '32 % [18–100%]'
    >>> cell(COLUMNS[3], 0.1214, (0.051, 0.1231))
    '0.12 [0.05–0.12]'
    """
    low, high = interval
    return f"{POINT[column.kind](value)} [{interval_text(low, high, column.kind)}]"


def outcome_row(
    name: str,
    replicates: int = len(FIGURE_SEEDS),
    draws: int = POSTERIOR_DRAWS,
    seeds: int = POSTERIOR_SEEDS,
    posterior: Posterior | None = None,
) -> str:
    """One scenario's line of the table.

    The values over seeds ``0 … replicates − 1`` (the figures' seeds by default) at the declared
    values; the intervals over ``draws`` vectors drawn from ``posterior`` (the calibration's by
    default), ``seeds`` seeds each.
    """
    scenario = load_scenario(name)
    arrays: Mapping[str, NDArray[Any]] = run_batch(scenario, seeds=np.arange(replicates)).arrays
    statistics = {column.heading: column.statistic for column in COLUMNS}
    over = posterior_statistics(scenario, statistics, draws, seeds, posterior)
    cells = [
        cell(column, column.statistic(arrays), over[column.heading].interval())
        for column in COLUMNS
    ]
    return "| " + " | ".join([f"`{name}`", *cells]) + " |"


def outcome_table(replicates: int) -> str:
    """The whole table: the header and one row per bundled scenario."""
    rows = [outcome_row(name, replicates) for name in bundled_scenarios()]
    return "\n".join([HEADER, *rows]) + "\n"


def write_table(document: Path, table: str) -> None:
    """Replace the table in ``document`` (from its header to the first line not in it).

    The table is found by the start of its header (:data:`TABLE_START`), so a table whose columns
    changed is replaced too.
    """
    lines = document.read_text(encoding="utf-8").split("\n")
    starts = [n for n, line in enumerate(lines) if line.startswith(TABLE_START)]
    if not starts:
        raise SystemExit(f"{document}: no table of scenario outcomes to replace")
    start = starts[0]
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    lines[start:end] = table.rstrip("\n").split("\n")
    temporary = document.with_name(f".{document.name}.tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(document)


def main() -> None:
    """Print the table, or write it into a document in place of the one there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=len(FIGURE_SEEDS))
    parser.add_argument("--write", type=Path, help="the document to update (docs/teaching.md)")
    args = parser.parse_args()
    table = outcome_table(args.replicates)
    if args.write:
        write_table(args.write, table)
    else:
        print(table, end="")


if __name__ == "__main__":
    main()
