"""Every mechanism reaches another country's behaviour: pattern P11 without self-accounting.

Switching a mechanism off (``mechanisms.<name>.enabled=0``, the switches of
:mod:`tools.ablation`) must move a *behavioural* outcome (:data:`tools.behaviour.BEHAVIOURS`) of
a country other than the one whose state the mechanism sets, by |Cohen's d| ≥
:data:`tools.ablation.EFFECT_SIZE`, in the baseline or the 2017–2019 replay. A behaviour counts
for a mechanism when one of the countries whose act it is lies outside the mechanism's owners
(:data:`OWNERS`): a summit, the act of the US and North Korea together, counts for a mechanism
that sets North Korea's state alone, not for one that sets both. States (trust, relief need) and
the tension index, which counts the mechanism's own events, are not outcomes here.

Each variant runs over the same seeds as the intact model (common random numbers).
``python -m tools.mechanism_reach --write docs/mechanism_reach.md`` writes the table between its
markers.
"""

import argparse
from pathlib import Path

import numpy as np

from sim.marked_section import replace_marked_section
from sim.scenario import load_scenario
from tools.ablation import EFFECT_SIZE, MECHANISMS
from tools.behaviour import (
    BEHAVIOURS,
    BatchBehaviour,
    Behaviour,
    effect_size,
    format_d,
    run_behaviour,
)

OWNERS: dict[str, tuple[str, ...]] = {
    "showmanship": ("USA",),  # the US's pressure for a win and its propensity to propose
    "cash_first": ("PRK",),  # North Korea's price for talks
    "trust": ("PRK",),  # North Korea's trust after hollow deals (and every trust's drift)
    "lifeline": ("PRK",),  # North Korea's relief need and outside support (Russia's acts are
    # not switched by it)
    "sanctions": ("PRK", "USA"),  # effective pressure on North Korea; the US's veto expectation
    "china": ("CHN",),  # China's concern, act and support
    "japan": ("JPN",),  # Japan's pressure, support, votes and outreach
    "korea": ("KOR",),  # South Korea's leadership, initiatives and gestures
    "mediation": ("KOR", "USA", "PRK"),  # Seoul's mediation; the US's and North Korea's trust
    "winsets": ("USA", "PRK"),  # the two win-sets, the agreement they allow, the positions
    "cooperation": ("KOR",),  # inter-Korean projects and the FTA
    "regime_security": ("PRK",),  # North Korea's regime security
    "provocation": ("PRK",),  # North Korea's tests
}
"""Per mechanism, the countries whose state it sets: their own acts do not count for it."""

SCENARIOS: tuple[str, ...] = ("baseline", "history_2017_2019")
"""Where the switches are tried: the 2025 baseline and the 2017–2019 replay."""

REPLICATES = 500

BEGIN = (
    "<!-- mechanism reach: begin "
    "(python -m tools.mechanism_reach --write docs/mechanism_reach.md) -->"
)
END = "<!-- mechanism reach: end -->"

Reach = dict[str, dict[str, float]]
"""Per mechanism, per behaviour: Cohen's d of the behaviour with the mechanism off."""


def counts_for(behaviour: Behaviour, mechanism: str) -> bool:
    """Whether a behaviour is some other country's act than the mechanism's owners'."""
    return any(country not in OWNERS[mechanism] for country in behaviour.countries)


def reach(scenario_name: str, replicates: int = REPLICATES) -> Reach:
    """Every switch against the intact scenario over the same seeds, on every behaviour."""
    seeds = np.arange(replicates)
    intact = run_behaviour(load_scenario(scenario_name), seeds)
    effects: Reach = {}
    for key, _ in MECHANISMS:
        off: BatchBehaviour = run_behaviour(
            load_scenario(scenario_name, {f"mechanisms.{key}.enabled": 0}), seeds
        )
        effects[key] = {
            b.name: effect_size(intact.counts[b.name], off.counts[b.name]) for b in BEHAVIOURS
        }
    return effects


def largest(effects: Reach, mechanism: str, eligible: bool) -> tuple[str, float]:
    """The behaviour a switch moves most, among those that count for it (or all of them)."""
    row = {
        b.name: effects[mechanism][b.name]
        for b in BEHAVIOURS
        if counts_for(b, mechanism) or not eligible
    }
    name = max(row, key=lambda n: (abs(row[n]), n))
    return name, row[name]


def passes(tables: dict[str, Reach], mechanism: str) -> bool:
    """P11 for one mechanism: some eligible behaviour moves by |d| ≥ EFFECT_SIZE somewhere."""
    return any(abs(largest(t, mechanism, True)[1]) >= EFFECT_SIZE for t in tables.values())


def check_reach(tables: dict[str, Reach]) -> None:
    """Raise AssertionError naming every mechanism that reaches no other country's behaviour."""
    failing = [key for key, _ in MECHANISMS if not passes(tables, key)]
    if failing:
        raise AssertionError(
            f"mechanisms whose switch moves no other country's behaviour by |d| ≥ {EFFECT_SIZE}: "
            + ", ".join(failing)
        )


def reach_table(tables: dict[str, Reach], replicates: int) -> str:
    """The Markdown of the P11 table.

    Per mechanism and scenario, the largest effect on another country's behaviour, and (for
    comparison) on any behaviour.
    """
    scenarios = tuple(tables)
    passing = [key for key, _ in MECHANISMS if passes(tables, key)]
    lines = [
        f"Seeds 0–{replicates - 1}, the same for every variant; an effect is Cohen's d of a "
        "behaviour's count per run with the mechanism off against the intact model. A mechanism "
        f"passes when a behaviour of a country outside its owners moves by |d| ≥ {EFFECT_SIZE} "
        "in some scenario.",
        "",
        f"**{len(passing)} of {len(MECHANISMS)} mechanisms pass.**",
        "",
        "| mechanism off | owners | "
        + " | ".join(
            f"`{s}`: another country's behaviour | `{s}`: any behaviour" for s in scenarios
        )
        + " | passes |",
        "|---|---|" + "---|---|" * len(scenarios) + "---|",
    ]
    for key, name in MECHANISMS:
        cells = []
        for scenario in scenarios:
            for eligible in (True, False):
                behaviour, d = largest(tables[scenario], key, eligible)
                cells.append(f"{behaviour}: d = {format_d(d)}" if d != 0.0 else "none moves")
        verdict = "yes" if key in passing else "**no**"
        owners = ", ".join(OWNERS[key])
        lines.append(f"| {name} | {owners} | " + " | ".join(cells) + f" | {verdict} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print the table, or write it into a document between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=REPLICATES)
    parser.add_argument(
        "--write",
        type=Path,
        action="append",
        help="a document to update (docs/mechanism_reach.md, docs/ablation.md); may repeat",
    )
    args = parser.parse_args(argv)
    tables = {scenario: reach(scenario, args.replicates) for scenario in SCENARIOS}
    table = reach_table(tables, args.replicates)
    for doc in args.write or ():
        replace_marked_section(doc, BEGIN, END, table)
    if not args.write:
        print(table, end="")


if __name__ == "__main__":
    main()
