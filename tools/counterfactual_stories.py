"""Does each counterfactual tell another story? Its US–North Korea events against the baseline's.

Every bundled scenario that branches from the baseline's June 2025 runs over the same seeds as
the baseline (common random numbers). Run by run, its *story* — the events between the US and
North Korea (:func:`story`): what happened, when, who acted, and which agreement was signed — is
compared with the baseline's story of the same seed. A counterfactual that changes nothing
between Washington and Pyongyang gives the same story in every run. The replay of 2017–2019
starts in another year and is no counterfactual of the baseline.

``python -m tools.counterfactual_stories --write docs/counterfactual_stories.md`` writes the table.
"""

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sim.events import Event
from sim.marked_section import replace_marked_section
from sim.scenario import bundled_scenarios, load_scenario
from tools.behaviour import run_behaviour

RUNS = 200
"""Seeds 0 … RUNS − 1 of each scenario and of the baseline."""
PAIR = frozenset({"USA", "PRK"})

BEGIN = (
    "<!-- counterfactual stories: begin "
    "(python -m tools.counterfactual_stories --write docs/counterfactual_stories.md) -->"
)
END = "<!-- counterfactual stories: end -->"

Story = tuple[tuple[int, str, str, str], ...]


def story(events: Sequence[Event], runs: int) -> list[Story]:
    """Per run, its US–North Korea events as (step, type, actor, agreement type or "").

    Only an agreement's detail is kept: other details quote states (a trust, a chance) that may
    move without anyone acting otherwise.
    """
    found: list[list[tuple[int, str, str, str]]] = [[] for _ in range(runs)]
    for event in events:
        if {event.actor, event.target} <= PAIR:
            detail = event.detail if event.type == "agreement_signed" else ""
            found[event.run].append((event.step, event.type, event.actor, detail))
    return [tuple(rows) for rows in found]


def counterfactuals(base: str = "baseline") -> list[str]:
    """The bundled scenarios that start where and when the baseline does."""
    start = load_scenario(base).start
    return [
        name for name in bundled_scenarios() if name != base and load_scenario(name).start == start
    ]


def first_difference(a: Story, b: Story) -> str:
    """The type of the first event where two stories part (``a``'s, or ``b``'s if ``a`` ends)."""
    for x, y in zip(a, b, strict=False):
        if x != y:
            return x[1] if x[0] <= y[0] else y[1]
    longer = a if len(a) > len(b) else b
    return longer[min(len(a), len(b))][1]


Differences = dict[str, tuple[int, Counter[str], float, float]]
"""Per counterfactual: runs whose story differs, where they part, summit shares (it, baseline)."""


def differences(runs: int = RUNS, base: str = "baseline") -> Differences:
    """Per counterfactual, how its story differs from the baseline's.

    In how many runs its story differs, the event types where they first part, and the summit
    share of the scenario and of the baseline.
    """
    seeds = np.arange(runs)
    baseline = run_behaviour(load_scenario(base), seeds)
    base_stories = story(baseline.events, runs)
    base_summits = float((baseline.counts["summits held"] > 0).mean())
    found: Differences = {}
    for name in counterfactuals(base):
        other = run_behaviour(load_scenario(name), seeds)
        stories = story(other.events, runs)
        parted = Counter(
            first_difference(a, b) for a, b in zip(stories, base_stories, strict=True) if a != b
        )
        summits = float((other.counts["summits held"] > 0).mean())
        found[name] = (sum(parted.values()), parted, summits, base_summits)
    return found


def check_stories_differ(found: Differences, runs: int, share: float = 0.5) -> None:
    """Raise AssertionError unless every counterfactual's story differs in ``share`` of runs."""
    same = {name: found[name][0] for name in found if found[name][0] < share * runs}
    if same:
        raise AssertionError(
            f"counterfactuals whose US–North Korea story differs from the baseline's in fewer "
            f"than {share:.0%} of {runs} runs: {same}"
        )


def stories_table(found: Differences, runs: int) -> str:
    """The Markdown table of ``docs/counterfactual_stories.md``."""
    lines = [
        f"Seeds 0–{runs - 1} of each scenario and of the baseline. A run's story is its sequence "
        "of US–North Korea events (month, type, actor, agreement type).",
        "",
        f"| scenario | runs whose story differs (of {runs}) | where the stories part "
        "(first differing event) | a summit: scenario / baseline |",
        "|---|---|---|---|",
    ]
    for name, (count, parted, summits, base_summits) in found.items():
        where = ", ".join(f"{kind} {n}" for kind, n in parted.most_common(3)) or "–"
        lines.append(
            f"| `{name}` | {count} ({count / runs:.0%}) | {where} | "
            f"{summits:.0%} / {base_summits:.0%} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print the table, or write it into a document between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--write", type=Path, help="the document to update")
    args = parser.parse_args(argv)
    table = stories_table(differences(args.runs), args.runs)
    if args.write:
        replace_marked_section(args.write, BEGIN, END, table)
    else:
        print(table, end="")


if __name__ == "__main__":
    main()
