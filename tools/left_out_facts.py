"""What a fact the statistics leave out would pin: the posterior's draws weighted by its chance.

A recalibration costs a quarter of an hour and a regeneration of every document; before paying
it, a fact of the calibrating periods the summary statistics do not use can be asked what it
would do. If the calibration learnt from it too, and the fact is independent of the statistics
given the parameters, the posterior would be today's times each vector's likelihood of the fact.
So each draw of the patterns' table (``docs/posterior_patterns.csv``: vectors resampled by weight
from the posterior, each with its verdicts) is weighted by its chance of the fact over its own
seeds, and each pattern's share of draws is read again under those weights: importance
weighting, the update sequential Monte Carlo makes between its generations (Del Moral, Doucet and
Jasra 2006). The effective number of draws (Kish's ``(Σw)² / Σw²``) says how far the weights
can be trusted: a fact most draws miss leaves few.

The facts are declared in ``configs/calibration/left_out_facts.yaml``: a count of one kind of
event in some months of one scenario, the record's count read from ``data/record.csv`` through
:func:`sim.calibration.split.calibration_record` (held-out rows never reach it), and a run meets
the fact when its count is within the fact's tolerance of the record's. The months must lie in
the calibrating periods of ``data/split.yaml``, and the event type must be one the record keeps,
so that an absent row means an absent event.

``python -m tools.left_out_facts --write docs/calibration.md`` rewrites the section of the
calibration record and, beside it, ``docs/left_out_facts.csv`` (each draw's chance of each fact);
without ``--write`` it prints the section.
"""

import argparse
import csv
import io
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationError

import tools.pattern_claims as claims_module
from sim.calendar import step_of
from sim.calibration.posterior import POSTERIOR, read_posterior
from sim.calibration.problem import WindowSpec, check_window
from sim.calibration.split import Fact, Split, calibration_record, read_split
from sim.calibration.statistics import Window
from sim.errors import InputError
from sim.model import DiplomacyModel
from sim.parameters.yaml_input import read_mapping
from sim.resources import bundled_path
from sim.scenario import Scenario, describe, load_scenario
from tools.pattern_claims import ALL, BATCH_RUNS, Claim, Points, refuse_broken
from tools.posterior_patterns import VERDICTS, read_verdicts, together
from tools.posterior_screen import heading

FACTS = bundled_path("configs", "calibration", "left_out_facts.yaml")
DOCS = Path(__file__).resolve().parent.parent / "docs"
TABLE_BEGIN = (
    "<!-- left-out facts: begin (python -m tools.left_out_facts --write docs/calibration.md) -->"
)
TABLE_END = "<!-- left-out facts: end -->"
CHANCES = "left_out_facts.csv"
"""The file of each draw's chance of each fact, written beside the document."""
EVERY = "every fact at once"
"""The row (and column) of the facts together: each scenario's facts met in one run."""
TOP = 3
"""Parameters named per fact, those its chance goes with most."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EventSpec(_Strict):
    """The events counted: a type of the record, who acts and on whom (empty: no one)."""

    type: str
    actor: str
    target: str = ""

    def matches(self, kind: str, actor: str, target: str) -> bool:
        """Whether an event (the model's or a record row) of this type, actor and target is one."""
        return (kind, actor, target) == (self.type, self.actor, self.target)


class FactSpec(_Strict):
    """One left-out fact."""

    name: str = Field(min_length=1)
    scenario: str
    window: WindowSpec
    event: EventSpec
    tolerance: int = Field(0, ge=0, le=1000)
    why: str = Field(min_length=1)


class FactsSpec(_Strict):
    """The file's contents."""

    replicates: int = Field(100, ge=1, le=10_000)
    facts: list[FactSpec] = Field(min_length=1)


@dataclass(frozen=True)
class LeftOut:
    """A validated fact: its declaration, scenario, months and the record's count with its rows."""

    spec: FactSpec
    scenario: Scenario
    window: Window
    rows: tuple[Fact, ...]

    @property
    def recorded(self) -> int:
        """The record's count of the event in the fact's months."""
        return len(self.rows)


def load_facts(
    path: Path = FACTS, split: Split | None = None, record: Sequence[Fact] | None = None
) -> tuple[int, tuple[LeftOut, ...]]:
    """The replicates and the facts of ``path``; anything wrong is one InputError naming the key.

    ``record`` defaults to the calibrating rows of ``data/record.csv``: the only rows read.
    """
    try:
        spec = FactsSpec.model_validate(read_mapping(path))
    except ValidationError as error:
        raise InputError(f"{path}: {describe(error)}") from None
    split = read_split() if split is None else split
    record = calibration_record(split=split) if record is None else record
    kept = {row.type for row in record}
    names = [fact.name for fact in spec.facts]
    found = []
    for n, fact in enumerate(spec.facts):
        where = f"{path}: facts.{n}"
        if names.count(fact.name) > 1:
            raise InputError(f"{where}.name: {fact.name!r} is given twice")
        try:
            scenario = load_scenario(fact.scenario)
        except InputError as error:
            raise InputError(f"{where}.scenario: {error}") from None
        window = Window(fact.window.first, fact.window.last)
        check_window(f"{where}.window", window, scenario, split)
        if fact.event.type not in kept:
            raise InputError(
                f"{where}.event.type: the record keeps no {fact.event.type!r} rows, so their "
                "absence says nothing (it keeps: " + ", ".join(sorted(kept)) + ")"
            )
        rows = tuple(row for row in record if _matches(row, fact.event, window, where))
        found.append(LeftOut(fact, scenario, window, rows))
    return spec.replicates, tuple(found)


def _matches(row: Fact, event: EventSpec, window: Window, where: str) -> bool:
    """Whether a record row is one of the fact's events in its months (an ambiguous one: error)."""
    if not event.matches(row.type, row.actor, row.target):
        return False
    first, last = row.span
    if window.first <= first and last <= window.last:
        return True
    if last >= window.first and first <= window.last:
        raise InputError(
            f"{where}.window: the record's row of {row.date} ({row.precision}) straddles "
            f"{window.first} … {window.last}: whether it counts is not known"
        )
    return False


def chances(
    facts: Sequence[LeftOut], points: Points
) -> tuple[dict[str, NDArray[np.float64]], NDArray[np.float64]]:
    """Per fact, each point's chance of it over its seeds; and of every fact at once.

    The facts of one scenario are read from one lockstep batch (the points in slices of at most
    :data:`tools.pattern_claims.BATCH_RUNS` runs), so "at once" is one run meeting them all; facts
    of different scenarios come from independent runs, and their chances multiply.
    """
    size = max(1, BATCH_RUNS // points.replicates)
    met: dict[str, list[NDArray[np.bool_]]] = {fact.spec.name: [] for fact in facts}
    joint = np.ones(len(points.points))
    for name in dict.fromkeys(fact.spec.scenario for fact in facts):
        group = [fact for fact in facts if fact.spec.scenario == name]
        together_parts = []
        for start in range(0, len(points.points), size):
            part = replace(points, points=points.points[start : start + size])
            counts = _counts(group, part)
            every = np.ones(len(part.seeds), dtype=bool)
            for fact in group:
                off_by = np.abs(counts[fact.spec.name] - fact.recorded)
                within = off_by <= fact.spec.tolerance
                met[fact.spec.name].append(within)
                every &= within
            together_parts.append(part.mean(every))
        joint *= np.concatenate(together_parts)
    return {name: points.mean(np.concatenate(parts)) for name, parts in met.items()}, joint


def _counts(group: Sequence[LeftOut], points: Points) -> dict[str, NDArray[np.int64]]:
    """Each fact's count of events in each run of one batch of the facts' scenario."""
    scenario = group[0].scenario
    last = max(step_of(scenario.start, fact.window.last) for fact in group)
    model = DiplomacyModel(
        scenario,
        seeds=points.seeds,
        overrides=points.overrides(scenario.name),
        months=last,
        keep_events=True,
        record=False,
    )
    model.run()
    refuse_broken(f"{scenario.name} (left-out facts)", model, points)
    counts = {fact.spec.name: np.zeros(len(points.seeds), dtype=np.int64) for fact in group}
    first_steps = {fact.spec.name: step_of(scenario.start, fact.window.first) for fact in group}
    last_steps = {fact.spec.name: step_of(scenario.start, fact.window.last) for fact in group}
    for event in model.log.rows:
        for fact in group:
            name = fact.spec.name
            if first_steps[name] <= event.step <= last_steps[name] and fact.spec.event.matches(
                event.type, event.actor, event.target
            ):
                counts[name][event.run] += 1
    return counts


@dataclass(frozen=True)
class Weighted:
    """The patterns' shares under one set of weights, and how many draws those weights leave."""

    shares: dict[str, float]
    effective: float


def weighted(holds: Mapping[str, NDArray[np.bool_]], weights: NDArray[np.float64]) -> Weighted:
    """Each pattern's share of draws weighted by ``weights``, and Kish's effective draws.

    >>> w = weighted({"a": np.array([True, False])}, np.array([3.0, 1.0]))
    >>> w.shares["a"], round(w.effective, 2)
    (0.75, 1.6)
    """
    total = float(weights.sum())
    if total <= 0:
        return Weighted({name: float("nan") for name in holds}, 0.0)
    shares = {name: float((weights * held).sum() / total) for name, held in holds.items()}
    return Weighted(shares, total**2 / float((weights**2).sum()))


def correlated(
    points: Points, chance: NDArray[np.float64], top: int = TOP
) -> list[tuple[str, float]]:
    """The ``top`` parameters the chance of a fact goes with most (Pearson r, largest |r| first)."""
    found = [
        (key, float(np.corrcoef(points.points[:, k], chance)[0, 1]))
        for k, key in enumerate(points.keys)
        if points.points[:, k].std() > 0 and chance.std() > 0
    ]
    found.sort(key=lambda item: -abs(item[1]))
    return found[:top]


@dataclass(frozen=True)
class Result:
    """The facts, the draws, their verdicts and each draw's chance of each fact."""

    facts: tuple[LeftOut, ...]
    points: Points
    holds: dict[str, NDArray[np.bool_]]
    chance: dict[str, NDArray[np.float64]]
    joint: NDArray[np.float64]


def left_out_facts(
    facts_path: Path = FACTS, verdicts: Path = DOCS / VERDICTS, claims: tuple[Claim, ...] = ALL
) -> Result:
    """Read the facts and the patterns' table, and each draw's chance of each fact."""
    replicates, facts = load_facts(facts_path)
    keys, values, holds = read_verdicts(verdicts, claims)
    if not len(values):
        raise InputError(f"{verdicts}: no draws")
    home = read_posterior(POSTERIOR).provenance.get("settings", {}).get("scenario")
    points = Points(keys, values, replicates, home if isinstance(home, str) else None)
    chance, joint = chances(facts, points)
    return Result(facts, points, holds, chance, joint)


def report(result: Result) -> str:
    """The Markdown section of ``docs/calibration.md``."""
    holds = {**result.holds, "all": together(result.holds)}
    columns = [name for name in result.holds if not np.all(result.holds[name])] + ["all"]
    draws = len(result.points.points)
    lines = [
        f"Each of the {draws} draws of the patterns' table (`docs/posterior_patterns.csv`) "
        f"weighted by its chance of a fact over {result.points.replicates} seeds (declared in "
        "`configs/calibration/left_out_facts.yaml`; a run meets a fact when its count is the "
        "record's, within the fact's tolerance). Patterns that hold at every draw are left out; "
        "`all` is every pattern at once. Each draw's chances: `left_out_facts.csv`.",
        "",
        "| weighted by | the record | median chance | effective draws | "
        + " | ".join(heading(name) for name in columns[:-1])
        + " | all |",
        "|---|---|---|---|" + "---|" * len(columns),
    ]
    unweighted = weighted(holds, np.ones(draws))
    lines.append(_row("nothing (the patterns' table)", "–", "–", unweighted, columns))
    for fact in result.facts:
        chance = result.chance[fact.spec.name]
        record = f"{fact.recorded} ({fact.spec.window.first} … {fact.spec.window.last})"
        median = f"{float(np.median(chance)):.0%}"
        lines.append(_row(fact.spec.name, record, median, weighted(holds, chance), columns))
    if len(result.facts) > 1:
        median = f"{float(np.median(result.joint)):.0%}"
        lines.append(_row(EVERY, "–", median, weighted(holds, result.joint), columns))
    lines += ["", "What each fact's chance goes with (the draws' parameters; Pearson r):", ""]
    for fact in result.facts:
        found = correlated(result.points, result.chance[fact.spec.name])
        named = ", ".join(f"`{key}` (r = {r:+.2f})" for key, r in found) or "none"
        lines.append(f"- {fact.spec.name}: {named}".replace("(r = -", "(r = −"))
    return "\n".join(lines) + "\n"


def _row(name: str, record: str, median: str, result: Weighted, columns: list[str]) -> str:
    cells = " | ".join(
        "–" if np.isnan(result.shares[c]) else f"{result.shares[c]:.0%}" for c in columns
    )
    return f"| {name} | {record} | {median} | {result.effective:.0f} | {cells} |"


def chances_csv(result: Result) -> str:
    """Each draw's chance of each fact and of all at once (exact floats, as Python writes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [fact.spec.name for fact in result.facts]
    writer.writerow(["draw", *names, EVERY])
    for d in range(len(result.points.points)):
        cells = [repr(float(result.chance[name][d])) for name in names]
        writer.writerow([d, *cells, repr(float(result.joint[d]))])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Print the section, or write it into the calibration record."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.left_out_facts", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--facts", type=Path, default=FACTS, help="the facts' file")
    parser.add_argument(
        "--verdicts", type=Path, default=DOCS / VERDICTS, help="the patterns' table of draws"
    )
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    args = parser.parse_args(argv)

    def build() -> tuple[str, str]:
        result = left_out_facts(args.facts, args.verdicts)
        return report(result), chances_csv(result)

    return claims_module.print_or_write(
        "left_out_facts", args.write, (TABLE_BEGIN, TABLE_END), CHANCES, build
    )


if __name__ == "__main__":
    sys.exit(main())
