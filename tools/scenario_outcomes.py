"""How the bundled scenarios turn out over many seeds: the table of ``docs/teaching.md``.

``python -m tools.scenario_outcomes [--replicates N]`` runs every bundled scenario over seeds
0 … N−1 (each scenario as one lockstep batch) and prints a Markdown table of its outcomes. N is
by default the size of the one seed range of every quoted figure
(:data:`sim.figure_seeds.FIGURE_SEEDS`, as ``make docs`` writes it), and the shares of summits
and freezes are written as ``tools.doc_figures`` writes them, so that the table and
``docs/figures.json`` give one value for one quantity (``tests/test_teaching.py`` checks it). The
shares of runs with a summit and with a freeze or better also carry their posterior predictive
intervals: 100 parameter vectors drawn from the calibration's posterior, 100 seeds each, and the
10–90 % range of each share across them (:func:`tools.doc_figures.posterior_share_intervals`, as
the README's headline figure), written as the lessons write theirs ("19–100%").
"""

import argparse
from pathlib import Path

import numpy as np

from sim.classroom.lesson_figures import interval_text
from sim.figure_seeds import FIGURE_SEEDS
from sim.runs.batch import run_batch
from sim.scenario import bundled_scenarios, load_scenario
from tools.doc_figures import FREEZE_OR_BETTER, percent, posterior_share_intervals, share

HEADER = (
    "| scenario | summit held | summit held over the posterior (10–90 %) | freeze or better "
    "| freeze or better over the posterior (10–90 %) | provocations (median) "
    "| North Korea's trust in the US at the end (median) "
    "| relief need at the end (median) | a leadership change | mean tension (median) |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)

TABLE_START = "| scenario | summit held |"
"""How the table's header line begins, whatever its other columns."""


def interval_cell(interval: dict[str, float]) -> str:
    """A posterior interval as the lessons quote one.

    >>> interval_cell({"low": 0.186, "high": 1.0})
    '19–100%'
    """
    return interval_text(interval["low"], interval["high"], "percent")


def outcome_row(name: str, replicates: int = len(FIGURE_SEEDS)) -> str:
    """One scenario's line of the table (over the figures' seeds by default)."""
    scenario = load_scenario(name)
    outcomes = run_batch(scenario, seeds=np.arange(replicates)).outcomes
    freeze = np.isin(np.asarray(outcomes["agreement_type"]).astype(str), FREEZE_OR_BETTER)
    intervals = posterior_share_intervals(scenario)
    cells = [
        f"`{name}`",
        percent(share(outcomes["summit_held"])),
        interval_cell(intervals["summit"]["value"]),
        percent(share(freeze)),
        interval_cell(intervals["freeze"]["value"]),
        f"{np.median(outcomes['provocations']):.0f}",
        f"{np.median(outcomes['trust_final.PRK.USA']):.2f}",
        f"{np.median(outcomes['prk_relief_need_final']):.2f}",
        percent(share(np.asarray(outcomes["leadership_changes"]) > 0)),
        f"{np.median(outcomes['mean_tension']):.2f}",
    ]
    return "| " + " | ".join(cells) + " |"


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
