"""Which fixed values the patterns across the posterior hinge on: a one-at-a-time screen.

The posterior (``data/posterior.parquet``) varies only the parameters the record calibrates;
every other mechanism parameter, and every initial state of the baseline, is a point value
declared with its source. When a pattern holds
at too few posterior draws (:mod:`tools.posterior_patterns`), the question a modeller asks next
is whether one of those point values holds it down: whether some other value of a fixed
parameter, all else as the posterior has it, would let the pattern hold. This module answers it
with a screen in the manner of Morris's one-at-a-time designs (Morris 1991), at the far ends of
what a chosen value could plausibly be: every value the robustness check (P12) varies and the
posterior does not (:func:`screened`: mechanism parameters and the baseline's initial states;
not a fact, not an ablation switch, not zero) is halved and raised by half in turn
(:data:`FACTORS`, each scenario's own value, within its bounds, a counterfactual's stipulations
kept; a change that breaks one of the model's cross-parameter rules is left out and named), and
the patterns are checked again at the same :data:`DRAWS` posterior draws over the same
:data:`REPLICATES` seeds (drawn as :func:`tools.posterior_patterns.posterior_points` draws,
seed :data:`tools.posterior_patterns.DRAW_SEED`). A screen of 30
draws carries a sampling error of 7–9 points near the 80 % bar, so the :data:`STRONGEST` changes
that lift each failing pattern most (every pattern at once among them) are re-checked at the
budget of the patterns' own section (:data:`CHECK_DRAWS` × :data:`CHECK_REPLICATES`). Which
patterns fail is read at that budget too (the declared values re-checked there, the patterns'
own table), not from the screen's noisier estimate.

P2, P5 and P6 are not screened (:data:`UNSCREENED`): P2 runs every bundled scenario and P5 six
levels of Russia's cooperation, which would multiply the screen's cost, and the three hold at 92 %
of the draws or more; "every pattern at once" here means every screened one.

``python -m tools.posterior_screen --write docs/calibration.md`` rewrites the screen's section
of the calibration record and, beside it, ``docs/posterior_screen.csv``: one row per change and
budget, with the number of draws at which each pattern holds (``pandas.read_csv`` opens it).
``tests/test_posterior_screen.py`` keeps the section equal to the file and re-runs some rows.
"""

import argparse
import csv
import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from sim.calibration.posterior import POSTERIOR, Posterior, read_posterior
from sim.scenario import RULES, ParameterInfo, load_scenario, numeric_parameters
from sim.sweep.executors import Workers, check_executor, open_executor
from tools.pattern_claims import ALL, P2, P5, P6, Claim, Points, evaluate, print_or_write
from tools.posterior_patterns import (
    DRAW_SEED,
    REQUIRED_SHARE,
    label,
    posterior_points,
    together,
)
from tools.posterior_patterns import DRAWS as CHECK_DRAWS
from tools.posterior_patterns import REPLICATES as CHECK_REPLICATES
from tools.robustness import stipulations, varied

FACTORS = (0.5, 1.5)
"""Each screened value is multiplied by each of these in turn."""
DRAWS = 30
"""Posterior draws of the screen (resampled as :func:`posterior_points` does, same seed)."""
REPLICATES = 60
"""Seeds at each draw in the screen."""
UNSCREENED: tuple[Claim, ...] = (P2, P5, P6)
"""Patterns left out of the screen: costly to run, and holding at 92 % of the draws or more."""
CLAIMS: tuple[Claim, ...] = tuple(claim for claim in ALL if claim not in UNSCREENED)
"""The patterns the screen checks."""
STRONGEST = 2
"""The changes re-checked per failing pattern: those that lift it most in the screen (the first
is often only the luckiest of a few changes within the screen's sampling error)."""
NUMBERS = {1: "one", 2: "two", 3: "three"}
"""Small numbers as the prose writes them."""
MOVED = 0.1
"""A change moves a pattern when its share of draws changes by this much or more."""

TABLE_BEGIN = (
    "<!-- posterior screen: begin "
    "(python -m tools.posterior_screen --write docs/calibration.md) -->"
)
TABLE_END = "<!-- posterior screen: end -->"
RESULTS = "posterior_screen.csv"
"""The file of every row of the screen, written beside the document the section goes into."""
DECLARED = "declared values"
"""The key of the rows that change nothing."""


@dataclass(frozen=True)
class Change:
    """One fixed value multiplied by ``factor`` (in each scenario, within bounds)."""

    key: str
    factor: float

    @property
    def name(self) -> str:
        """How tables name it: ``key ×factor``, or the declared values for no change."""
        return DECLARED if not self.key else f"`{self.key}` ×{self.factor:g}"


NO_CHANGE = Change("", 1.0)


SCREENED, CHECKED = "screen", "check"
"""The stages a row comes from: the screen, or the re-check of its strongest changes."""


@dataclass(frozen=True)
class Row:
    """At how many of ``draws`` draws (over ``replicates`` seeds each) each pattern holds."""

    stage: str
    change: Change
    draws: int
    replicates: int
    holding: dict[str, int]

    def share(self, name: str) -> float:
        """The share of draws at which ``name`` holds (``all``: every screened pattern at once)."""
        return self.holding[name] / self.draws


def screened(posterior: Posterior) -> dict[str, ParameterInfo]:
    """The fixed values: every one the robustness check varies that the posterior does not.

    Mechanism parameters and the baseline's initial states that are not facts.

    >>> keys = screened(read_posterior())
    >>> "mechanisms.cash_first.talks_value" in keys, "mechanisms.showmanship.window_boost" in keys
    (False, True)
    >>> "actors.PRK.relief_need" in keys
    True
    """
    infos = varied(numeric_parameters(load_scenario("baseline")))
    return {key: info for key, info in sorted(infos.items()) if key not in posterior.keys}


def screen_points(posterior: Posterior, draws: int, replicates: int) -> Points:
    """``draws`` posterior draws (:func:`posterior_points`), the counterfactuals' stipulations held.

    What a counterfactual stipulates against the baseline (:func:`tools.robustness.stipulations`)
    is the question it asks, so a change of the baseline's initial states leaves it as it is.
    """
    return replace(posterior_points(posterior, draws, replicates), held=stipulations())


def broken_rule(key: str, value: float, infos: dict[str, ParameterInfo]) -> str | None:
    """The first of the model's rules ``key`` at ``value`` breaks at the baseline's values, or None.

    >>> infos = numeric_parameters(load_scenario("baseline"))
    >>> broken_rule("mechanisms.trust.defection_ratio", 0.45, infos) is not None
    True
    >>> broken_rule("mechanisms.trust.defection_ratio", 0.15, infos) is None
    True
    """
    values = {name: np.array([info.default]) for name, info in infos.items()}
    values[key] = np.array([value])
    for message, holds in RULES:
        if not bool(holds(values)[0]):
            return message
    return None


def changes(posterior: Posterior) -> tuple[list[Change], list[tuple[Change, str]]]:
    """The changes the screen makes, and those it leaves out with the reason.

    A change its bounds leave without effect (a value at the edge of its range) is left out too.
    """
    infos = numeric_parameters(load_scenario("baseline"))
    made: list[Change] = []
    left: list[tuple[Change, str]] = []
    for key, info in screened(posterior).items():
        for factor in FACTORS:
            change = Change(key, factor)
            value = float(np.clip(info.default * factor, info.low, info.high))
            if info.integer:
                value = float(round(value))
            rule = broken_rule(key, value, infos)
            if rule is not None:
                left.append((change, f"breaks a rule of the model: {rule}"))
            elif value == info.default:
                left.append((change, f"its bounds [{info.low:g}, {info.high:g}] leave it as it is"))
            else:
                made.append(change)
    return made, left


def changed(points: Points, change: Change) -> Points:
    """The points with ``change`` made at every one of them (a factor on each scenario's value)."""
    if not change.key:
        return points
    factor = np.full((len(points.points), 1), change.factor)
    return replace(
        points,
        keys=(*points.keys, change.key),
        points=np.hstack([points.points, factor]),
        relative=points.relative | {change.key},
    )


def check(stage: str, points: Points, change: Change) -> Row:
    """The patterns at every point with ``change`` made."""
    holds = evaluate(CLAIMS, changed(points, change))
    holding = {name: int(held.sum()) for name, held in holds.items()}
    holding["all"] = int(together(holds).sum())
    return Row(stage, change, len(points.points), points.replicates, holding)


def check_all(stage: str, points: Points, made: Sequence[Change], pool: Workers) -> Iterator[Row]:
    """:func:`check` for every change, on the pool's processes, in order."""
    yield from pool.executor.map(check, [stage] * len(made), [points] * len(made), made)


@dataclass(frozen=True)
class Screen:
    """The screen's rows, the re-checked rows and what was left out."""

    rows: list[Row]
    checked: list[Row]
    left: list[tuple[Change, str]]


def failing(declared: Row) -> list[str]:
    """The patterns (and every pattern at once) short of the bar in the row of declared values."""
    return [name for name in declared.holding if declared.share(name) < REQUIRED_SHARE]


def strongest(rows: Sequence[Row], declared: Row) -> list[Change]:
    """The changes that lift a pattern failing in ``declared`` most: :func:`lifted`."""
    return list(lifted(rows, failing(declared)))


def screen(
    posterior: Posterior,
    draws: int = DRAWS,
    replicates: int = REPLICATES,
    check_draws: int = CHECK_DRAWS,
    check_replicates: int = CHECK_REPLICATES,
    workers: int | None = None,
    progress: bool = False,
) -> Screen:
    """Screen every change at ``draws`` × ``replicates``, then re-check the strongest."""
    made, left = changes(posterior)
    points = screen_points(posterior, draws, replicates)
    full = screen_points(posterior, check_draws, check_replicates)
    rows = []
    with open_executor("local", workers) as pool:
        declared = pool.executor.submit(check, CHECKED, full, NO_CHANGE)
        for row in check_all(SCREENED, points, [NO_CHANGE, *made], pool):
            rows.append(row)
            if progress:
                print(
                    f"\rscreened {len(rows)}/{len(made) + 1}", end="", file=sys.stderr, flush=True
                )
        if progress:
            print(file=sys.stderr)
        base = declared.result()
        checked = [base, *check_all(CHECKED, full, strongest(rows, base), pool)]
    return Screen(rows, checked, left)


def rows_csv(result: Screen) -> str:
    """Every row: the change, the budget and the draws at which each pattern holds."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [*(claim.name for claim in CLAIMS), "all"]
    writer.writerow(["stage", "parameter", "factor", "draws", "replicates", *names])
    for row in [*result.rows, *result.checked]:
        writer.writerow(
            [row.stage, row.change.key, row.change.factor, row.draws, row.replicates]
            + [row.holding[name] for name in names]
        )
    return out.getvalue()


def read_rows(path: Path) -> list[Row]:
    """The rows of a file :func:`rows_csv` wrote."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *lines = list(csv.reader(handle))
    names = header[5:]
    return [
        Row(
            line[0],
            Change(line[1], float(line[2])),
            int(line[3]),
            int(line[4]),
            {name: int(cell) for name, cell in zip(names, line[5:], strict=True)},
        )
        for line in lines
    ]


def split(rows: Sequence[Row]) -> tuple[list[Row], list[Row]]:
    """The screen's rows and the re-checked rows."""
    return (
        [row for row in rows if row.stage == SCREENED],
        [row for row in rows if row.stage == CHECKED],
    )


SHORT = {
    "no summit by the APEC window": "no summit by APEC",
    "a China that re-engages wins Pyongyang over": "China re-engages",
    "Russia answers a deal with deeper arms ties": "Russia answers",
}
"""Column headings for the claims without a number."""


def heading(name: str) -> str:
    """A pattern's column heading: its number, or a short form of its name."""
    return SHORT.get(name, label(name))


def lifted(
    rows: Sequence[Row], names: Sequence[str], top: int = STRONGEST
) -> dict[Change, list[str]]:
    """The ``top`` changes of the screen that lift each of the failing patterns ``names`` most.

    ``rows`` are the screen's, the declared values first. Per change, the patterns it is among the
    strongest for. Ties go to the change with more draws holding every pattern at once, then to
    the first; only changes that lift the pattern in the screen count.
    """
    declared, *others = rows
    found: dict[Change, list[str]] = {}
    for name in names:
        ranked = sorted(others, key=lambda row: (-row.holding[name], -row.holding["all"]))
        for best in ranked[:top]:
            if best.holding[name] > declared.holding[name]:
                found.setdefault(best.change, []).append(heading(name))
    return found


def table(rows: Sequence[Row], lifts: dict[Change, list[str]]) -> list[str]:
    """A Markdown table of ``rows``: the share of draws at which each pattern holds."""
    names = [*(claim.name for claim in CLAIMS), "all"]
    lines = [
        "| change | among the strongest for | "
        + " | ".join(heading(name) for name in names)
        + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for row in rows:
        cells = " | ".join(f"{row.share(name):.0%}" for name in names)
        most = ", ".join(lifts.get(row.change, [])) or "–"
        lines.append(f"| {row.change.name} | {most} | {cells} |")
    return lines


def report(rows: Sequence[Row], left: Sequence[tuple[Change, str]] | None = None) -> str:
    """The Markdown section of ``docs/calibration.md`` from the stored rows."""
    ran, checked = split(rows)
    declared, *others = ran
    keys = {row.change.key for row in others}
    mechanisms = sum(key.startswith("mechanisms.") for key in keys)
    states = len(keys) - mechanisms
    lifts = lifted(ran, failing(checked[0]))
    by_change = {row.change: row for row in others}
    moving = [
        row
        for row in others
        if any(abs(row.share(n) - declared.share(n)) >= MOVED - 1e-9 for n in declared.holding)
    ]
    lifting = [
        row for row in checked[1:] if all(row.share(n) >= REQUIRED_SHARE for n in row.holding)
    ]
    unscreened = ", ".join(label(claim.name) for claim in UNSCREENED)
    lines = [
        f"{len(keys)} fixed values ({mechanisms} mechanism parameters and {states} initial "
        "states of the baseline: every value the robustness check varies and the posterior does "
        "not), each halved and raised by half in turn in every scenario, within its bounds, a "
        f"counterfactual's stipulations kept: {len(others)} changes, each checked at "
        f"{declared.draws} draws from the posterior (seed {DRAW_SEED}) over "
        f"{declared.replicates} seeds. {unscreened} are not screened; `all` is every screened "
        "pattern at once. Every row: `posterior_screen.csv`.",
    ]
    if left:
        lines[0] += " Left out: " + "; ".join(f"{c.name} ({why})" for c, why in left) + "."
    best = max(others, key=lambda row: row.holding["all"])  # the first of equals
    lines += [
        "",
        f"Changes that move some screened pattern by {MOVED:.0%} of the draws or more: "
        f"{len(moving)} of {len(others)}. Most draws with every screened pattern at once: "
        f"{best.share('all'):.0%} ({best.change.name}), against {declared.share('all'):.0%} at "
        "the declared values.",
        "",
        f"The {NUMBERS.get(STRONGEST, str(STRONGEST))} changes that lift most, in the screen, each"
        f" pattern failing at the declared values at {checked[0].draws} draws × "
        f"{checked[0].replicates} seeds (the patterns' table above):",
        "",
        *table([declared, *(by_change[change] for change in lifts)], lifts),
        "",
        f"The same changes re-checked at {checked[0].draws} draws × {checked[0].replicates} seeds:",
        "",
        *table(checked, lifts),
        "",
        (
            "No single change lifts every screened pattern to "
            f"{REQUIRED_SHARE:.0%} of the draws at once."
            if not lifting
            else "Lifting every screened pattern to "
            f"{REQUIRED_SHARE:.0%} of the draws at once: "
            + ", ".join(row.change.name for row in lifting)
            + "."
        ),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the section, or write it and the rows beside the calibration record."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.posterior_screen", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--posterior", type=Path, default=POSTERIOR, help="the posterior file")
    parser.add_argument("--draws", type=int, default=DRAWS, help=f"default {DRAWS}")
    parser.add_argument("--replicates", type=int, default=REPLICATES, help=f"default {REPLICATES}")
    parser.add_argument("--workers", type=int, help="worker processes (default: the CPUs)")
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    args = parser.parse_args(argv)

    def build() -> tuple[str, str]:
        check_executor("local", args.workers, None)
        result = screen(
            read_posterior(args.posterior),
            args.draws,
            args.replicates,
            workers=args.workers,
            progress=sys.stderr.isatty(),
        )
        return report([*result.rows, *result.checked], result.left), rows_csv(result)

    return print_or_write("posterior_screen", args.write, (TABLE_BEGIN, TABLE_END), RESULTS, build)


if __name__ == "__main__":
    sys.exit(main())
