"""Robust, not tuned: the article's patterns in a neighbourhood of the mechanism parameters.

Pattern P12 (docs/specification.md): the claims hold within ±15 % of the calibrated values, not
at one point.
A Latin hypercube (McKay, Beckman & Conover 1979; ``scipy.stats.qmc``) draws points over every
``mechanisms.*`` parameter (the ablation switches excepted) within ±15 % of its value, clipped to
its declared bounds; every point runs over the same seeds, all points of a scenario in one
lockstep batch. At each point four claims are checked: P1 (the US proposes within six months in
most runs, most of all before APEC), P3 (the lifeline lowers the need for relief, and without it
offers of relief are accepted more often), P8 (cash first makes a freeze more likely) and the
baseline's "no summit by the APEC window" (their predicates are shared with
:mod:`tools.posterior_patterns`: :mod:`tools.pattern_claims`).

``python -m tools.robustness --write docs/calibration.md`` rewrites the robustness section of the
calibration record, with the parameters whose values separate the points where a claim fails
(the knife-edges); ``tests/test_robustness.py`` requires each claim at 80 % of the points.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.stats import qmc

from sim.marked_section import replace_marked_section
from sim.scenario import ParameterInfo, load_scenario, numeric_parameters
from tools.pattern_claims import (
    NO_SUMMIT_BY_APEC,
    P1,
    P3,
    P8,
    Claim,
    Points,
    evaluate,
    separating,
)

SPREAD = 0.15
"""Half-width of the neighbourhood, as a share of each parameter's value."""
REQUIRED_SHARE = 0.8
"""The share of points at which each claim must hold."""
DESIGN_SEED = 2025
"""Seed of the Latin hypercube."""

TABLE_BEGIN = "<!-- robustness: begin (python -m tools.robustness --write docs/calibration.md) -->"
TABLE_END = "<!-- robustness: end -->"

Neighbourhood = Points
"""The points of the design, run by run (the claims' shared :class:`Points`)."""


def varied(infos: dict[str, ParameterInfo]) -> dict[str, ParameterInfo]:
    """The mechanism parameters a neighbourhood varies: all but the ablation switches."""
    return {
        key: info
        for key, info in infos.items()
        if key.startswith("mechanisms.") and not key.endswith(".enabled") and info.default != 0
    }


def neighbourhood(points: int = 32, replicates: int = 100) -> Neighbourhood:
    """A Latin hypercube over ±15 % of every mechanism parameter, within its declared bounds."""
    infos = varied(numeric_parameters(load_scenario("baseline")))
    keys = tuple(sorted(infos))
    unit = qmc.LatinHypercube(d=len(keys), seed=DESIGN_SEED).random(points)
    low = np.array([max(infos[k].default * (1 - SPREAD), infos[k].low) for k in keys])
    high = np.array([min(infos[k].default * (1 + SPREAD), infos[k].high) for k in keys])
    values = low + unit * (high - low)
    for k, key in enumerate(keys):
        if infos[key].integer:
            values[:, k] = np.round(values[:, k])
    return Neighbourhood(keys, values, replicates)


CLAIMS: tuple[Claim, ...] = (P1, P3, P8, NO_SUMMIT_BY_APEC)
"""The claims checked over the neighbourhood (their predicates: :mod:`tools.pattern_claims`)."""


@dataclass(frozen=True)
class Robustness:
    """Which claims hold at which points of the neighbourhood."""

    hood: Neighbourhood
    holds: dict[str, NDArray[np.bool_]]


def robustness(points: int = 32, replicates: int = 100) -> Robustness:
    """Run every scenario at every point and check each claim."""
    hood = neighbourhood(points, replicates)
    return Robustness(hood, evaluate(CLAIMS, hood))


def knife_edges(result: Robustness, top: int = 3) -> dict[str, list[tuple[str, float]]]:
    """Per claim that fails somewhere: the parameters whose values best separate the failures
    (:func:`tools.pattern_claims.separating`)."""
    return separating(result.hood, result.holds, top)


def robustness_report(result: Robustness) -> str:
    """The Markdown section of ``docs/calibration.md``."""
    hood = result.hood
    lines = [
        f"{len(hood.points)} Latin-hypercube points over {len(hood.keys)} mechanism parameters, "
        f"each within ±{SPREAD:.0%} of its value; {hood.replicates} seeds per point.",
        "",
        "| claim | holds at |",
        "|---|---|",
    ]
    for name, holds in result.holds.items():
        lines.append(f"| {name} | {holds.mean():.0%} of points |")
    edges = knife_edges(result)
    lines += ["", "Knife-edges (the parameters whose values best separate the failing points):", ""]
    if not edges:
        lines.append("- none: every claim holds at every point.")
    for name, found in edges.items():
        named = ", ".join(f"`{key}` (r = {r:+.2f})" for key, r in found)
        lines.append(f"- {name}: {named}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print the report, or write it into the calibration record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    args = parser.parse_args(argv)
    report = robustness_report(robustness())
    if args.write:
        replace_marked_section(args.write, TABLE_BEGIN, TABLE_END, report)
    else:
        print(report, end="")


if __name__ == "__main__":
    main()
