"""Which declared parameters change what anyone does: a one-at-a-time screen on behaviour.

Every numeric parameter of the baseline (actors' initial states, the world's, the mechanisms'; not
the ablation switches) is set to ×0.5 and ×1.5 of its value, clipped to its declared bounds and
rounded when it is a whole number; each variant runs as one lockstep batch over the same seeds as
the unchanged scenario (common random numbers: a run differs only where the parameter made it
differ). A parameter is tried in the baseline first and, if it moves nothing there, in each other
bundled scenario in turn (:data:`SCENARIOS`), at that scenario's own value: a parameter a
counterfactual or the 2017–2019 replay exercises (a failed trade deal's shock, the disarmament
threshold) earns its place there. The effect on each behaviour of :data:`tools.behaviour.BEHAVIOURS`
is the paired difference run by run. A parameter **moves behaviour** when, at either factor, some
behaviour's mean paired difference stands beyond the seeds' noise: its paired t statistic exceeds
the two-sided critical value at :data:`FAMILY_ALPHA` shared (Bonferroni) among all the behaviours,
both factors and the scenarios of that parameter. A parameter that changes no run at all has no
noise either: it is inert. The report gives, per parameter, the largest effect as Cohen's d
(:func:`tools.behaviour.effect_size`) and whether it is significant.

``python -m tools.inert_parameters --write docs/inert_parameters.md`` rewrites the report;
``tests/test_inert_parameters.py`` checks that it describes the model and settings of today
(through :func:`fingerprint`) and that the screen tells a known-inert parameter from an active
one. :func:`check_inert_share` states the bound the coupled model must meet.
"""

import argparse
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm

from sim.marked_section import replace_marked_section
from sim.scenario import ParameterInfo, Scenario, load_scenario, numeric_parameters
from tools.behaviour import BEHAVIOUR_NAMES, BatchBehaviour, effect_size, format_d, run_behaviour

SEEDS = 1000
"""Seeds of every variant: 0 … SEEDS − 1, the same in each."""
FACTORS: tuple[float, ...] = (0.5, 1.5)
"""The factors each parameter's value is multiplied by."""
SCENARIOS: tuple[str, ...] = (
    "baseline",
    "history_2017_2019",
    "trade_deal_fails",
    "no_russia",
    "us_cash_first",
    "rok_mediator",
    "china_reengages",
)
"""Where a parameter is tried, in this order, until it moves some behaviour."""
FAMILY_ALPHA = 0.05
"""Chance that a parameter whose changes are pure seed noise is called active."""
INERT_LIMIT = 0.10
"""The share of parameters allowed to move no behaviour."""
FINGERPRINT_SEEDS = 200
"""Seeds of the baseline whose behaviour enters the fingerprint."""

BEGIN = (
    "<!-- inert parameters: begin "
    "(python -m tools.inert_parameters --write docs/inert_parameters.md) -->"
)
END = "<!-- inert parameters: end -->"


@dataclass(frozen=True)
class VariantEffect:
    """One parameter at one factor: its value, the behaviour it moves most, by how much."""

    value: float
    behaviour: str
    d: float
    t: float
    significant: bool
    runs_changed: int


@dataclass(frozen=True)
class ParameterEffect:
    """One parameter: its value and the effect at each factor.

    The effect is None where the value cannot change (it is 0, or a bound and the factor pushes
    against it) or the variant breaks a cross-parameter rule, named in ``broken``.
    """

    key: str
    value: float
    variants: dict[float, VariantEffect | None]
    broken: dict[float, str]
    scenario: str = "baseline"
    """Where the effects were measured: the first scenario in which it moves behaviour (or the
    baseline, if none)."""

    @property
    def moves_behaviour(self) -> bool:
        """Whether some variant moves some behaviour beyond the seeds' noise."""
        return any(v is not None and v.significant for v in self.variants.values())

    @property
    def varied(self) -> bool:
        """Whether any factor gave a value other than the parameter's own."""
        return any(v is not None for v in self.variants.values()) or bool(self.broken)

    def largest(self) -> VariantEffect | None:
        """The variant with the largest |d|."""
        found = [v for v in self.variants.values() if v is not None]
        return max(found, key=lambda v: abs(v.d)) if found else None


def screened(scenario: Scenario) -> dict[str, ParameterInfo]:
    """The parameters the screen varies: every numeric one but the ablation switches."""
    return {
        key: info
        for key, info in sorted(numeric_parameters(scenario).items())
        if not key.endswith(".enabled")
    }


def scaled(info: ParameterInfo, factor: float) -> float:
    """The value ×factor, clipped to the declared bounds, rounded for a whole number."""
    value = min(max(info.default * factor, info.low), info.high)
    return float(round(value)) if info.integer else value


def critical_t(tests: int, alpha: float = FAMILY_ALPHA) -> float:
    """The two-sided critical value of a paired t shared by ``tests`` comparisons (Bonferroni).

    Normal: the seeds are many.

    >>> round(critical_t(1), 2)
    1.96
    """
    return float(norm.isf(alpha / (2.0 * tests)))


def paired_t(base: NDArray[np.float64], variant: NDArray[np.float64]) -> float:
    """The paired t statistic of ``variant − base``.

    0 when no run differs, ±inf when every run differs by the same amount.

    >>> paired_t(np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 3.0]))
    inf
    """
    difference = variant - base
    mean = float(difference.mean())
    spread = float(difference.std(ddof=1)) / np.sqrt(len(difference))
    if spread == 0.0:
        return 0.0 if mean == 0.0 else float(np.sign(mean)) * np.inf
    return float(mean / spread)


def threshold() -> float:
    """The |paired t| a variant's effect must reach.

    Bonferroni over the behaviours, the factors and the scenarios a parameter may be tried in.
    """
    return critical_t(len(BEHAVIOUR_NAMES) * len(FACTORS) * len(SCENARIOS))


def variant_effect(base: BatchBehaviour, variant: BatchBehaviour, value: float) -> VariantEffect:
    """How a variant's behaviour differs from the base's, run by run."""
    bar = threshold()
    best: tuple[float, str, float] | None = None
    significant = False
    for name in BEHAVIOUR_NAMES:
        t = paired_t(base.counts[name], variant.counts[name])
        d = effect_size(base.counts[name], variant.counts[name])
        significant = significant or bool(abs(t) >= bar)
        if best is None or (abs(d), abs(t)) > (abs(best[0]), abs(best[2])):
            best = (d, name, t)
    assert best is not None
    changed = np.zeros(len(base.errors), dtype=bool)
    for name in BEHAVIOUR_NAMES:
        changed |= base.counts[name] != variant.counts[name]
    return VariantEffect(value, best[1], best[0], best[2], significant, int(changed.sum()))


def parameter_effect(
    scenario: Scenario, info: ParameterInfo, base: BatchBehaviour, seeds: NDArray[np.int64]
) -> ParameterEffect:
    """One parameter at each factor against the base over the same seeds (in ``scenario``)."""
    variants: dict[float, VariantEffect | None] = {}
    broken: dict[float, str] = {}
    for factor in FACTORS:
        value = scaled(info, factor)
        if value == info.default:
            variants[factor] = None
            continue
        variant = run_behaviour(scenario, seeds, {info.key: np.full(len(seeds), value)})
        if variant.failed:
            variants[factor] = None
            broken[factor] = next(e for e in variant.errors if e is not None)
            continue
        variants[factor] = variant_effect(base, variant, value)
    return ParameterEffect(info.key, info.default, variants, broken, scenario.name)


def screen(
    seeds: int = SEEDS,
    keys: tuple[str, ...] | None = None,
    scenarios: tuple[str, ...] = SCENARIOS,
) -> list[ParameterEffect]:
    """Every screened parameter of the first scenario (or those of ``keys``), at each factor.

    Each is tried in each scenario in turn until it moves some behaviour.
    """
    runs = np.arange(seeds)
    loaded = {name: load_scenario(name) for name in scenarios}
    declared = {name: screened(scenario) for name, scenario in loaded.items()}
    bases: dict[str, BatchBehaviour] = {}
    chosen = keys if keys is not None else tuple(declared[scenarios[0]])
    found = []
    for key in chosen:
        first: ParameterEffect | None = None
        for name in scenarios:
            own = declared[name].get(key)
            if own is None:
                continue
            if name not in bases:
                bases[name] = run_behaviour(loaded[name], runs)
            effect = parameter_effect(loaded[name], own, bases[name], runs)
            first = first or effect
            if effect.moves_behaviour:
                first = effect
                break
        assert first is not None
        found.append(first)
    return found


def inert(effects: list[ParameterEffect]) -> list[ParameterEffect]:
    """The parameters that move no behaviour."""
    return [e for e in effects if not e.moves_behaviour]


def check_inert_share(effects: list[ParameterEffect], limit: float = INERT_LIMIT) -> None:
    """Raise AssertionError when more than ``limit`` of the parameters move no behaviour."""
    found = inert(effects)
    share = len(found) / len(effects)
    if share > limit:
        names = ", ".join(e.key for e in found[:10])
        raise AssertionError(
            f"{len(found)} of {len(effects)} parameters ({share:.0%}) move no behaviour, "
            f"more than {limit:.0%}: {names}{' …' if len(found) > 10 else ''}"
        )


def fingerprint(
    seeds: int = SEEDS, scenario_name: str = "baseline", extra: Sequence[object] = ()
) -> str:
    """A digest of what the report depends on.

    The screened parameters (key, value, bounds), the settings (seeds, factors, significance),
    and the baseline's behaviour run by run over :data:`FINGERPRINT_SEEDS` seeds. A change of the
    model's behaviour, of a declared value or of the settings (and of ``extra``, a caller's own
    settings) changes it; a refactoring that keeps the model's bytes does not.
    """
    scenario = load_scenario(scenario_name)
    parameters = [
        [info.key, info.default, info.low, info.high] for info in screened(scenario).values()
    ]
    settings = [
        seeds,
        list(FACTORS),
        FAMILY_ALPHA,
        list(BEHAVIOUR_NAMES),
        list(SCENARIOS),
        list(extra),
    ]
    digest = hashlib.sha256(json.dumps([parameters, settings]).encode())
    behaviour = run_behaviour(scenario, np.arange(FINGERPRINT_SEEDS))
    for name in BEHAVIOUR_NAMES:
        digest.update(behaviour.counts[name].astype("<f8").tobytes())
    return digest.hexdigest()[:16]


def _cell(variant: VariantEffect | None, broken: str | None) -> str:
    if broken is not None:
        return "breaks a rule"
    if variant is None:
        return "unchanged"
    if variant.runs_changed == 0:
        return f"{variant.value:.3g}: no run changes"
    mark = "" if variant.significant else " (noise)"
    return f"{variant.value:.3g}: {variant.behaviour} d = {format_d(variant.d)}{mark}"


def report(effects: list[ParameterEffect], seeds: int, print_: str) -> str:
    """The Markdown of ``docs/inert_parameters.md`` between its markers."""
    found = inert(effects)
    varied = [e for e in effects if e.varied]
    not_varied = [e for e in effects if not e.varied]
    unmoved = [
        e for e in effects if all(v is None or v.runs_changed == 0 for v in e.variants.values())
    ]
    lines = [
        f"<!-- fingerprint: {print_} -->",
        f"Seeds 0–{seeds - 1} for each scenario and every variant; "
        f"{len(BEHAVIOUR_NAMES)} behaviours; tried in "
        + ", ".join(f"`{name}`" for name in SCENARIOS)
        + f" in turn; significance: |paired t| ≥ {threshold():.2f} (α = {FAMILY_ALPHA} per "
        "parameter, Bonferroni over behaviours, factors and scenarios).",
        "",
        f"**{len(found)} of {len(effects)} parameters move no behaviour** "
        f"({len(found) / len(effects):.0%}); of the {len(varied)} that the factors change, "
        f"{len([e for e in found if e.varied])} move none. "
        f"{len(not_varied)} cannot be changed by a factor (their value is 0). "
        f"{len(unmoved)} change no run's behaviour at all at either factor.",
        "",
        "| parameter | value | moves behaviour | where | ×0.5 | ×1.5 | runs changed (×0.5, ×1.5) |",
        "|---|---|---|---|---|---|---|",
    ]
    order = sorted(effects, key=lambda e: (e.moves_behaviour, e.key))
    for e in order:
        cells = [_cell(e.variants.get(f), e.broken.get(f)) for f in FACTORS]
        changed = ", ".join(
            str(v.runs_changed) if (v := e.variants.get(f)) is not None else "–" for f in FACTORS
        )
        verdict = "yes" if e.moves_behaviour else "**no**"
        lines.append(
            f"| `{e.key}` | {e.value:.3g} | {verdict} | `{e.scenario}` | {cells[0]} | {cells[1]} "
            f"| {changed} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print the report, or write it into a document between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=SEEDS)
    parser.add_argument("--write", type=Path, help="the document to update")
    args = parser.parse_args(argv)
    effects = screen(args.seeds)
    text = report(effects, args.seeds, fingerprint(args.seeds))
    if args.write:
        replace_marked_section(args.write, BEGIN, END, text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
