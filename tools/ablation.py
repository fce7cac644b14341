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
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sim.marked_section import replace_marked_section
from sim.measures import HEADLINES, Measure, Span
from sim.mechanisms.registry import REGISTRY
from sim.model import DiplomacyModel
from sim.scenario import load_scenario
from sim.state import WorldState

MECHANISMS: tuple[tuple[str, str], ...] = tuple((m.key, m.label) for m in REGISTRY)
"""The switch key (``mechanisms.<key>.enabled``) and name of each mechanism (specification)."""

EFFECT_SIZE = 0.2
"""The standardized mean difference a mechanism must cause in some headline outcome."""


OUTCOMES: tuple[Measure, ...] = HEADLINES
"""The headline outcomes of P11 (declared in :data:`sim.measures.OUTCOMES`)."""


def _name(outcome: Measure) -> str:
    assert outcome.headline is not None
    return outcome.headline[1]


def _read(outcome: Measure, final: tuple[WorldState, Span]) -> NDArray[np.float64]:
    return np.asarray(outcome.read(*final), dtype=float)


TABLE_BEGIN = "<!-- ablation table: begin (python -m tools.ablation --write docs/ablation.md) -->"
TABLE_END = "<!-- ablation table: end -->"


SCENARIOS: tuple[str, ...] = ("baseline", "us_cash_first", "history_2017_2019")
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


def final_state(
    scenario: str, seeds: NDArray[np.int64], switch: str | None
) -> tuple[WorldState, Span]:
    """The final state of the scenario over the seeds, with one mechanism switched off."""
    settings = {} if switch is None else {f"mechanisms.{switch}.enabled": 0}
    model = DiplomacyModel(
        load_scenario(scenario, settings), seeds=seeds, record=False, keep_events=False
    )
    model.run()
    return model.state, Span(model.config.start, model.months)


def ablation_effects(replicates: int = 500, scenario: str = "baseline") -> Effects:
    """Per mechanism, per outcome: (mean intact, mean switched off, effect size)."""
    seeds = np.arange(replicates)
    intact = final_state(scenario, seeds, None)
    base = {_name(o): _read(o, intact) for o in OUTCOMES}
    effects: Effects = {}
    for key, _ in MECHANISMS:
        off = final_state(scenario, seeds, key)
        effects[key] = {
            _name(o): (
                float(base[_name(o)].mean()),
                float(_read(o, off).mean()),
                effect_size(base[_name(o)], _read(o, off)),
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
    """The Markdown of ``docs/ablation.md``'s headline tables.

    The largest effect per mechanism, then every effect. These describe what a switch does to
    the headline outcomes, states and the tension index included; they are not P11's verdict,
    which counts only another country's behaviour (:mod:`tools.mechanism_reach`).
    """
    scenarios = tuple(tables)
    lines = [
        f"Seeds 0–{replicates - 1}, the same seeds for every variant; an effect is Cohen's d of "
        "the run outcomes with the mechanism off against the intact model.",
        "",
        "| mechanism off | " + " | ".join(f"`{s}`: largest effect" for s in scenarios) + " |",
        "|---|" + "---|" * len(scenarios),
    ]
    for key, name in MECHANISMS:
        cells = []
        for scenario in scenarios:
            outcome, size = largest_effect(tables[scenario], key)
            cells.append(f"{outcome}: d = {_d(size)}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for scenario in scenarios:
        effects = tables[scenario]
        intact = effects[MECHANISMS[0][0]]
        lines += [
            "",
            f"`{scenario}`: each cell is the mean with the mechanism off and Cohen's d (the intact "
            "model's mean in the header).",
            "",
            "| mechanism off | "
            + " | ".join(f"{_name(o)} ({intact[_name(o)][0]:.3g})" for o in OUTCOMES)
            + " |",
            "|---|" + "---|" * len(OUTCOMES),
        ]
        for key, name in MECHANISMS:
            row = effects[key]
            cells = [f"{row[_name(o)][1]:.3g} ({_d(row[_name(o)][2])})" for o in OUTCOMES]
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
