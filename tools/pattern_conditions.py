"""Which condition of a pattern fails: each condition's share of the posterior's draws.

P1, P3, P9, P10 and Russia's answer to a deal are each several conditions at once (a US proposal
within six months *and* proposals clustered before APEC; relief need falling *and* staying higher
without Russia *and* offers of relief accepted more often without it; …), and a pattern's share
of draws in the patterns' table (:mod:`tools.posterior_patterns`) does not say which of them
fails. This tool checks each condition alone (:func:`tools.pattern_claims.condition_claims`: the
pattern's check is their conjunction, so a pattern holds at a draw exactly where all of them do)
at the same draws, over the same seeds, and reports the share of draws at which each holds.

``python -m tools.pattern_conditions --write docs/calibration.md`` rewrites the section of the
calibration record (``make docs`` runs it) and, beside it, ``docs/pattern_conditions.csv``: each
draw's parameters and each condition's verdict there (1 holds, 0 fails), which the test of the
section re-runs at every fifth draw; without ``--write`` it prints the section.
"""

import sys

import numpy as np
from numpy.typing import NDArray

import tools.pattern_claims as claims_module
from sim.calibration.posterior import read_posterior
from tools.pattern_claims import ALL, CONDITIONS, Claim, Points, condition_claims, evaluate
from tools.posterior_patterns import (
    DRAW_SEED,
    REQUIRED_SHARE,
    draws_parser,
    label,
    posterior_points,
)

TABLE_BEGIN = (
    "<!-- pattern conditions: begin "
    "(python -m tools.pattern_conditions --write docs/calibration.md) -->"
)
TABLE_END = "<!-- pattern conditions: end -->"
VERDICTS = "pattern_conditions.csv"
"""The file of each draw's verdicts on each condition, beside the document."""

PATTERNS: tuple[Claim, ...] = tuple(claim for claim in ALL if claim.name in CONDITIONS)
"""The patterns made of several conditions, in the order of the patterns' table."""
CLAIMS: tuple[Claim, ...] = tuple(part for claim in PATTERNS for part in condition_claims(claim))
"""Every condition of :data:`PATTERNS` as a claim of its own."""


def report(points: Points, holds: dict[str, NDArray[np.bool_]]) -> str:
    """The Markdown section: per pattern, the share of draws at which each condition holds."""
    lines = [
        f"{len(points.points)} parameter vectors resampled by weight from "
        f"`data/posterior.parquet` (seed {DRAW_SEED}), {points.replicates} seeds at each: the "
        "draws of the patterns' table above. Each condition of a pattern is checked alone; the "
        "pattern holds at a draw where all of its conditions hold. Each draw's verdicts: "
        f"`{VERDICTS}`.",
        "",
        "| pattern | condition | holds at |",
        "|---|---|---|",
    ]
    for claim in PATTERNS:
        parts = [part.name for part in condition_claims(claim)]
        every = np.logical_and.reduce([holds[name] for name in parts])
        for name in parts:
            share = float(np.mean(holds[name]))
            mark = f"**{share:.0%}**" if share < REQUIRED_SHARE else f"{share:.0%}"
            condition = name.removeprefix(f"{claim.name}: ")
            lines.append(f"| {label(claim.name)} | {condition} | {mark} of draws |")
        share = float(np.mean(every))
        lines.append(f"| {label(claim.name)} | all of them | {share:.0%} of draws |")
    lines += ["", f"In bold: a condition holding at fewer than {REQUIRED_SHARE:.0%} of the draws."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the section, or write it into the calibration record."""
    args = draws_parser("pattern_conditions", __doc__).parse_args(argv)

    def build() -> tuple[str, str]:
        points = posterior_points(read_posterior(args.posterior), args.draws, args.replicates)
        holds = evaluate(CLAIMS, points)
        return report(points, holds), claims_module.verdicts_csv("draw", holds, points)

    return claims_module.print_or_write(
        "pattern_conditions", args.write, (TABLE_BEGIN, TABLE_END), VERDICTS, build
    )


if __name__ == "__main__":
    sys.exit(main())
