"""How the bundled scenarios turn out over many seeds: the table of ``docs/teaching.md``.

``python -m sim.scenario_outcomes [--replicates N]`` runs every bundled scenario over seeds
0 … N−1 (each scenario as one lockstep batch) and prints a Markdown table of its outcomes.
"""

import argparse

import numpy as np

from sim.batch import run_batch
from sim.scenario import bundled_scenarios, load_scenario

HEADER = (
    "| scenario | summit held | freeze or better | provocations (median) "
    "| North Korea's trust in the US at the end (median) | relief need at the end (median) "
    "| a leadership change | mean tension (median) |\n"
    "|---|---|---|---|---|---|---|---|"
)


def outcome_row(name: str, replicates: int) -> str:
    """One scenario's line of the table."""
    outcomes = run_batch(load_scenario(name), seeds=np.arange(replicates)).outcomes
    freeze = np.isin(outcomes["agreement_type"], ["freeze_for_relief", "disarmament_step"])
    cells = [
        f"`{name}`",
        f"{outcomes['summit_held'].mean():.0%}",
        f"{freeze.mean():.0%}",
        f"{np.median(outcomes['provocations']):.0f}",
        f"{np.median(outcomes['trust_final.PRK.USA']):.2f}",
        f"{np.median(outcomes['prk_relief_need_final']):.2f}",
        f"{(outcomes['leadership_changes'] > 0).mean():.0%}",
        f"{np.median(outcomes['mean_tension']):.2f}",
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=200)
    args = parser.parse_args()
    print(HEADER)
    for name in bundled_scenarios():
        print(outcome_row(name, args.replicates))


if __name__ == "__main__":
    main()
