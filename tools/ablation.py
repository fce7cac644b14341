"""Every mechanism matters: each of the thirteen switched off, against the headline outcomes.

Pattern P11 (docs/specification.md): switching any one mechanism off
(``mechanisms.<name>.enabled=0``) must move some headline outcome. Each variant runs the baseline
over the same seeds as the intact model (common random numbers), so a difference is the
mechanism's doing, not the dice's. The effect of a switch on an outcome is the standardized mean
difference (Cohen's d: the difference of the means over the pooled standard deviation); a
mechanism *matters* when some outcome moves by at least :data:`EFFECT_SIZE`, Cohen's "small"
effect.

``python -m tools.ablation --write docs/ablation.md`` rewrites the table of ``docs/ablation.md``
between its markers; ``tests/test_ablation.py`` fails when a mechanism moves nothing or when the
document is stale.
"""

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sim.countries import PRK, USA
from sim.marked_section import replace_marked_section
from sim.mechanisms.winsets import FREEZE_FOR_RELIEF
from sim.model import DiplomacyModel
from sim.scenario import load_scenario
from sim.state import WorldState

MECHANISMS: tuple[tuple[str, str], ...] = (
    ("showmanship", "1 US showmanship"),
    ("cash_first", "2 cash first"),
    ("trust", "3 hollow summits cost trust"),
    ("lifeline", "4 the Russian lifeline"),
    ("sanctions", "5 sanctions bite where enforced"),
    ("china", "6 China's unease"),
    ("japan", "7 Japan squeezed"),
    ("korea", "8 South Korea moves first"),
    ("mediation", "9 South Korea mediates"),
    ("winsets", "10 freeze versus denuclearization"),
    ("cooperation", "11 cooperation follows dialogue"),
    ("regime_security", "12 regime security decides"),
    ("provocation", "13 provocations"),
)
"""The switch key (``mechanisms.<key>.enabled``) and name of each mechanism (specification)."""

EFFECT_SIZE = 0.2
"""The standardized mean difference a mechanism must cause in some headline outcome."""


@dataclass(frozen=True)
class Outcome:
    """A headline outcome: its name and how to read it per run from the final state."""

    name: str
    read: Callable[[WorldState], NDArray[np.float64]]


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("summit held", lambda s: (s.summits > 0).astype(float)),
    Outcome("freeze or better", lambda s: (s.best_agreement >= FREEZE_FOR_RELIEF).astype(float)),
    Outcome("provocations", lambda s: s.provocations.astype(float)),
    Outcome("North Korea's trust in the US", lambda s: s.trust[:, PRK, USA].copy()),
    Outcome("relief need", lambda s: s.relief_need.copy()),
    Outcome("Japan's government falls", lambda s: (s.leadership_changes > 0).astype(float)),
    Outcome("China's acts", lambda s: s.china_acts.astype(float)),
    Outcome("Russia's acts", lambda s: s.russia_acts.astype(float)),
    Outcome("summed tension", lambda s: s.tension_sum.copy()),
)
"""The headline outcomes of P11."""

TABLE_BEGIN = "<!-- ablation table: begin (python -m tools.ablation --write docs/ablation.md) -->"
TABLE_END = "<!-- ablation table: end -->"


SCENARIOS: tuple[str, ...] = ("baseline", "us_cash_first")
"""Where the switches are tried: the baseline, and a world where US–North Korea talks live (some
mechanisms, such as cooperation that follows dialogue, act only while there is dialogue)."""


Effects = dict[str, dict[str, tuple[float, float, float]]]
"""Per mechanism, per outcome: (mean intact, mean switched off, effect size)."""


def effect_size(intact: NDArray[np.float64], ablated: NDArray[np.float64]) -> float:
    """Cohen's d of ``ablated`` against ``intact``; 0 when neither varies and both agree.

    >>> effect_size(np.array([0.0, 1.0]), np.array([1.0, 2.0]))
    1.414...
    """
    pooled = np.sqrt((intact.var(ddof=1) + ablated.var(ddof=1)) / 2.0)
    difference = float(ablated.mean() - intact.mean())
    if pooled == 0.0:
        return 0.0 if difference == 0.0 else float(np.sign(difference)) * np.inf
    return difference / float(pooled)


def final_state(scenario: str, seeds: NDArray[np.int64], switch: str | None) -> WorldState:
    """The final state of the scenario over the seeds, with one mechanism switched off."""
    settings = {} if switch is None else {f"mechanisms.{switch}.enabled": 0}
    model = DiplomacyModel(
        load_scenario(scenario, settings), seeds=seeds, record=False, keep_events=False
    )
    model.run()
    return model.state


def ablation_effects(replicates: int = 500, scenario: str = "baseline") -> Effects:
    """Per mechanism, per outcome: (mean intact, mean switched off, effect size)."""
    seeds = np.arange(replicates)
    intact = final_state(scenario, seeds, None)
    base = {o.name: o.read(intact) for o in OUTCOMES}
    effects: Effects = {}
    for key, _ in MECHANISMS:
        off = final_state(scenario, seeds, key)
        effects[key] = {
            o.name: (
                float(base[o.name].mean()),
                float(o.read(off).mean()),
                effect_size(base[o.name], o.read(off)),
            )
            for o in OUTCOMES
        }
    return effects


def all_effects(
    replicates: int = 500, scenarios: tuple[str, ...] = SCENARIOS
) -> dict[str, Effects]:
    """The effects of every switch in every scenario."""
    return {scenario: ablation_effects(replicates, scenario) for scenario in scenarios}


def largest_effect(effects: Effects, mechanism: str) -> tuple[str, float]:
    """The outcome a switch moves most, and its effect size."""
    row = effects[mechanism]
    outcome = max(row, key=lambda name: abs(row[name][2]))
    return outcome, row[outcome][2]


def ablation_table(tables: dict[str, Effects], replicates: int) -> str:
    """The Markdown of ``docs/ablation.md``: a verdict per mechanism, then every effect."""
    scenarios = tuple(tables)
    lines = [
        f"Seeds 0–{replicates - 1}, the same seeds for every variant; an effect is Cohen's d of "
        "the run outcomes with the mechanism off against the intact model; a mechanism matters "
        f"when some headline outcome moves by |d| ≥ {EFFECT_SIZE} in some scenario.",
        "",
        "| mechanism off | "
        + " | ".join(f"`{s}`: largest effect" for s in scenarios)
        + " | matters |",
        "|---|" + "---|" * len(scenarios) + "---|",
    ]
    for key, name in MECHANISMS:
        cells, sizes = [], []
        for scenario in scenarios:
            outcome, size = largest_effect(tables[scenario], key)
            cells.append(f"{outcome}: d = {_d(size)}")
            sizes.append(abs(size))
        verdict = "yes" if max(sizes) >= EFFECT_SIZE else "**no**"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {verdict} |")
    for scenario in scenarios:
        effects = tables[scenario]
        intact = effects[MECHANISMS[0][0]]
        lines += [
            "",
            f"`{scenario}`: each cell is the mean with the mechanism off and Cohen's d (the intact "
            "model's mean in the header).",
            "",
            "| mechanism off | "
            + " | ".join(f"{o.name} ({intact[o.name][0]:.3g})" for o in OUTCOMES)
            + " |",
            "|---|" + "---|" * len(OUTCOMES),
        ]
        for key, name in MECHANISMS:
            row = effects[key]
            cells = [f"{row[o.name][1]:.3g} ({_d(row[o.name][2])})" for o in OUTCOMES]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _d(value: float) -> str:
    return f"{value:+.2f}" if np.isfinite(value) else ("+∞" if value > 0 else "−∞")


def main(argv: list[str] | None = None) -> None:
    """Print the table, or write it into a document between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=500)
    parser.add_argument("--write", type=Path, help="the document to update (docs/ablation.md)")
    args = parser.parse_args(argv)
    table = ablation_table(all_effects(args.replicates), args.replicates)
    if args.write:
        replace_marked_section(args.write, TABLE_BEGIN, TABLE_END, table)
    else:
        print(table, end="")


if __name__ == "__main__":
    main()
