"""The patterns across the posterior: each checked at many parameter vectors, not at one point.

K parameter vectors are resampled by weight from the posterior (``data/posterior.parquet``),
reproducibly from :data:`DRAW_SEED`; at each, every scenario a pattern needs runs over the same
seeds ``0 … R − 1`` (all draws of a scenario in one lockstep batch: the baseline, the 2017–2019
replay for P4 and P9, the contrasts P3, P6, P7 and P8 compare with, every bundled scenario for
P2, six levels of Russia's cooperation for P5, ``china_reengages`` for the article's claim that
counterfactual makes), and each pattern is checked per draw with the thresholds of
``tests/test_patterns.py`` (the counterfactuals' claims with those of
``tests/test_counterfactuals.py``)
(:mod:`tools.pattern_claims`, the predicates :mod:`tools.robustness` uses too). A pattern
passes when it holds at :data:`REQUIRED_SHARE` of the draws or more. Mechanism parameters
carry over to every scenario; North Korea's trust in January 2017 only to the replay.

``python -m tools.posterior_patterns --write docs/calibration.md`` rewrites the section of the
calibration record (``make docs`` runs it) and, beside it, ``docs/posterior_patterns.csv``: each
draw's parameters and each pattern's verdict there (1 holds, 0 fails), for plots and for the test
that keeps the section current by re-running every fifth draw
(:func:`tools.pattern_claims.stale_verdicts`); without ``--write`` it prints the section.
"""

import argparse
import itertools
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

import tools.pattern_claims as claims_module
from sim.calibration.posterior import POSTERIOR, Posterior, read_posterior
from sim.errors import InputError
from tools.pattern_claims import ALL, Claim, Points, evaluate, separating

DRAWS = 100
"""Parameter vectors drawn from the posterior: a share near the 80 % bar then carries a sampling
error of about 4 points (at 40 draws, about 7: as wide as the gap to the bar)."""
REPLICATES = 100
"""Seeds run at each vector."""
DRAW_SEED = 2025
"""Seed of the resampling by weight."""
REQUIRED_SHARE = 0.8
"""The share of draws at which a pattern must hold."""
BANDS = 5
"""Bands of equal count the draws are split into along the parameter that best separates failing."""

TABLE_BEGIN = (
    "<!-- posterior patterns: begin "
    "(python -m tools.posterior_patterns --write docs/calibration.md) -->"
)
TABLE_END = "<!-- posterior patterns: end -->"
VERDICTS = "posterior_patterns.csv"
"""The file of each draw's verdicts, written beside the document the section goes into."""


def posterior_points(
    posterior: Posterior, draws: int, replicates: int, seed: int = DRAW_SEED
) -> Points:
    """The points: ``draws`` vectors resampled by weight from the posterior.

    A pure function of ``seed``, each point over ``replicates`` seeds; initial states apply only
    to the scenario the posterior was learnt on.
    """
    if draws < 1 or replicates < 1:
        raise InputError(f"draws {draws} and replicates {replicates}: each must be at least 1")
    drawn = posterior.draw(np.random.default_rng(np.random.SeedSequence(seed)), draws)
    values = np.column_stack([drawn[key] for key in posterior.keys])
    home = posterior.provenance.get("settings", {}).get("scenario")
    return Points(posterior.keys, values, replicates, home if isinstance(home, str) else None)


@dataclass(frozen=True)
class PosteriorPatterns:
    """At which draws each pattern holds."""

    points: Points
    holds: dict[str, NDArray[np.bool_]]
    claims: tuple[Claim, ...] = ALL

    def shares(self) -> dict[str, float]:
        """The share of draws at which each pattern holds."""
        return {name: float(np.mean(holds)) for name, holds in self.holds.items()}

    def failing(self) -> list[str]:
        """The patterns holding at fewer than :data:`REQUIRED_SHARE` of the draws."""
        return [name for name, share in self.shares().items() if share < REQUIRED_SHARE]


def posterior_patterns(
    posterior: Posterior,
    draws: int = DRAWS,
    replicates: int = REPLICATES,
    claims: tuple[Claim, ...] = ALL,
    seed: int = DRAW_SEED,
) -> PosteriorPatterns:
    """Check every claim at ``draws`` vectors from the posterior, ``replicates`` seeds each."""
    points = posterior_points(posterior, draws, replicates, seed)
    return PosteriorPatterns(points, evaluate(claims, points), claims)


def together(holds: dict[str, NDArray[np.bool_]]) -> NDArray[np.bool_]:
    """Per draw, whether every pattern of ``holds`` holds at it."""
    every: NDArray[np.bool_] = np.all(np.array(list(holds.values())), axis=0)
    return every


@dataclass(frozen=True)
class Band:
    """Draws whose value of one parameter lies in ``[low, high]``, and where each pattern holds."""

    low: float
    high: float
    draws: int
    shares: dict[str, float]


def by_band(
    points: Points, holds: dict[str, NDArray[np.bool_]], key: str, bands: int = BANDS
) -> list[Band]:
    """The share of draws at which each pattern holds, in ``bands`` bands of one parameter.

    The draws are ordered by their value of ``key`` and cut into bands of (nearly) equal count, so
    each band's share carries about the same sampling error; draws of equal value stay together.

    >>> p = Points(("x",), np.array([[0.1], [0.2], [0.8], [0.9]]), 1)
    >>> [(b.low, b.shares["a"]) for b in by_band(p, {"a": np.array([1, 1, 0, 0], bool)}, "x", 2)]
    [(0.1, 1.0), (0.8, 0.0)]
    """
    values = points.points[:, points.keys.index(key)]
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    cuts = [0]
    for part in np.array_split(order, bands):
        cut = min(cuts[-1] + len(part), len(ordered))
        while 0 < cut < len(ordered) and ordered[cut] == ordered[cut - 1]:
            cut += 1  # draws of equal value stay in one band
        if cut > cuts[-1]:
            cuts.append(cut)
    found: list[Band] = []
    for start, end in itertools.pairwise(cuts):
        inside = order[start:end]
        found.append(
            Band(
                float(ordered[start]),
                float(ordered[end - 1]),
                len(inside),
                {name: float(np.mean(held[inside])) for name, held in holds.items()},
            )
        )
    return found


def report(result: PosteriorPatterns) -> str:
    """The Markdown section of ``docs/calibration.md``."""
    points = result.points
    lines = [
        f"{len(points.points)} parameter vectors resampled by weight from "
        f"`data/posterior.parquet` (seed {DRAW_SEED}), {points.replicates} seeds at each; a "
        f"pattern passes when it holds at {REQUIRED_SHARE:.0%} of the draws or more.",
        "",
        "| pattern | holds at | passes |",
        "|---|---|---|",
    ]
    for name, share in result.shares().items():
        verdict = "yes" if share >= REQUIRED_SHARE else "**no**"
        lines.append(f"| {name} | {share:.0%} of draws | {verdict} |")
    failing = result.failing()
    lines += [
        "",
        "Failing across the posterior: " + ("; ".join(failing) if failing else "none") + ".",
        "",
        f"Every pattern at once: {float(np.mean(together(result.holds))):.0%} of draws.",
    ]
    reached = {claim.name: claim.reached_by(points) for claim in result.claims}
    edges = separating(points, {name: result.holds[name] for name in failing}, keys=reached)
    if edges:
        lines += [
            "",
            "What separates the draws where a failing pattern fails (the posterior's parameters "
            "most correlated with failing; r > 0: failing goes with higher values):",
            "",
        ]
        for name, found in edges.items():
            named = ", ".join(f"`{key}` (r = {r:+.2f})" for key, r in found) or "none"
            lines.append(f"- {name}: {named}".replace("(r = -", "(r = −"))
        lines += banded(result, edges)
    return "\n".join(lines) + "\n"


def verdicts_csv(result: PosteriorPatterns) -> str:
    """Each draw's parameters (exact, as Python writes floats) and each pattern's verdict."""
    return claims_module.verdicts_csv("draw", result.holds, result.points)


def read_verdicts(
    path: Path, claims: tuple[Claim, ...] = ALL
) -> tuple[tuple[str, ...], NDArray[np.float64], dict[str, NDArray[np.bool_]]]:
    """The parameter keys, draws' values and verdicts of a file :func:`verdicts_csv` wrote."""
    return claims_module.read_verdicts(path, claims)


def label(name: str) -> str:
    """A pattern's short label: its number (``P3``), or its whole name if it has none."""
    first = name.split(" ", 1)[0]
    return first if first[:1] == "P" and first[1:].isdigit() else name


def banded(result: PosteriorPatterns, edges: dict[str, list[tuple[str, float]]]) -> list[str]:
    """The failing patterns by band of the parameter that most often best separates failing.

    Shows whether some range of that parameter would let them all hold (what pinning it down
    could do) or whether they fail in different places.
    """
    leaders = Counter(found[0][0] for found in edges.values() if found)
    if not leaders:
        return []
    key = leaders.most_common(1)[0][0]
    failing = {name: result.holds[name] for name in edges}
    bands = by_band(result.points, {**failing, "all": together(result.holds)}, key)
    short = {name: label(name) for name in failing}
    lines = [
        "",
        f"Where they hold, the draws ordered by `{key}` and cut into {BANDS} bands of equal count "
        "(draws of one value kept in one band; the share of a band's draws at which each holds; "
        "the last column: every pattern at once):",
        "",
        "| band of `"
        + key.rsplit(".", 1)[-1]
        + "` | draws | "
        + " | ".join(short.values())
        + " | all |",
        "|---|---|" + "---|" * (len(short) + 1),
    ]
    for band in bands:
        cells = " | ".join(f"{band.shares[name]:.0%}" for name in [*failing, "all"])
        lines.append(f"| {band.low:.3g}–{band.high:.3g} | {band.draws} | {cells} |")
    return lines


def draws_parser(tool: str, doc: str | None) -> argparse.ArgumentParser:
    """The options of a tool that checks claims at draws from the posterior.

    The posterior file, the number of draws and of seeds at each, and the document to write.
    """
    parser = argparse.ArgumentParser(
        prog=f"python -m tools.{tool}", description=(doc or "").splitlines()[0]
    )
    parser.add_argument("--posterior", type=Path, default=POSTERIOR, help="the posterior file")
    parser.add_argument("--draws", type=int, default=DRAWS, help=f"default {DRAWS}")
    parser.add_argument("--replicates", type=int, default=REPLICATES, help=f"default {REPLICATES}")
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Print the report, or write it into the calibration record."""
    args = draws_parser("posterior_patterns", __doc__).parse_args(argv)

    def build() -> tuple[str, str]:
        result = posterior_patterns(read_posterior(args.posterior), args.draws, args.replicates)
        return report(result), verdicts_csv(result)

    return claims_module.print_or_write(
        "posterior_patterns", args.write, (TABLE_BEGIN, TABLE_END), VERDICTS, build
    )


if __name__ == "__main__":
    sys.exit(main())
