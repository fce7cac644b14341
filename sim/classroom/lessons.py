"""The lessons of ``docs/teaching.md``, machine-readable: their steps, run; their claims, checked.

Each lesson in the document carries a fenced ``lesson`` block (YAML)::

    name: What does Russia change?
    runs:                                   # the steps: a label → scenario, --set values, seeds
      baseline: {scenario: baseline}
      without: {scenario: no_russia, seeds: 200}
    claims:                                 # what the class should see
      - says: North Korea needs relief more without Russia
        left: {run: without, outcome: prk_relief_need_final, stat: median}
        op: ">"
        right: {run: baseline, outcome: prk_relief_need_final, stat: median}

``outcome`` is any outcome of :func:`sim.runs.batch.run_batch` (a ``summary.json`` key, trust as
``trust_final.PRK.USA``) or a count of events, ``events.<type>.<actor>`` (North Korea's
invitations through Seoul are ``events.summit_proposed.PRK``); ``stat`` is ``mean``, ``median``
or ``share`` (the share of runs whose outcome is one of ``in``, or is greater than ``above``);
``right`` is a number or another such term. ``op`` is ``<``, ``<=``, ``>``, ``>=`` or ``==``;
``==`` holds when the two sides differ by at most ``within`` (default 0). Runs use seeds
0 … N−1, N the step's ``seeds`` or, by default, the seeds of every quoted figure
(:data:`sim.figure_seeds.FIGURE_SEEDS`; a step a figure reads must use them); the runs of a
lesson on one scenario are stepped as one lockstep batch, their ``set`` values per run, so they
may set numeric parameters only.

A step may instead be a command, exactly as the class types it; the claim then reads what it
printed::

    runs:
      story: {command: neasim run baseline --seed 1}
    claims:
      - says: North Korea refuses an offer without relief
        run: story
        contains: "(denuclearization first, no relief) — North Korea refuses"

``neasim run`` commands are given ``--no-plots`` and a temporary ``--out`` directory; a command
runs as the class runs it, in a process of its own.

A lesson quotes figures (shares, medians) that the model computes; each is declared in the block
under ``figures``, named, with the term that computes it and its format, and the lesson's text
quotes it by name, and its interval over the posterior (the same term at parameter vectors drawn
from the posterior, its step's ``set`` values kept) by ``<name>:posterior``
(:mod:`sim.classroom.lesson_figures`)::

    id: l2
    figures:
      summit_baseline: {run: baseline, outcome: summit_held, stat: mean, format: percent}
"""

import operator
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray

from sim.figure_seeds import FIGURE_SEEDS
from sim.model import DiplomacyModel
from sim.runs.outcomes import batch_outcomes
from sim.scenario import load_scenario, numeric_values, with_overrides

BLOCK = re.compile(r"^```lesson\n(.*?)^```", re.MULTILINE | re.DOTALL)
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Lesson:
    """A lesson's name, the runs its steps make, its claims, and the figures its text quotes.

    The figures are by name, each a term of :func:`evaluate` with a ``format``, under its ``id``.
    """

    name: str
    runs: dict[str, dict[str, Any]]
    claims: list[dict[str, Any]]
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    id: str = ""


def read_lessons(path: Path) -> list[Lesson]:
    """Every ``lesson`` block of a Markdown document, in order."""
    lessons = []
    for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
        data = yaml.safe_load(match.group(1))
        lessons.append(
            Lesson(
                str(data["name"]),
                dict(data["runs"]),
                list(data["claims"]),
                dict(data.get("figures") or {}),
                str(data.get("id", "")),
            )
        )
    return lessons


class Command:
    """A ``neasim`` command of a lesson, started as the class runs it (a process of its own).

    :meth:`output` waits for what it printed. Several run at once while the batches compute.
    """

    def __init__(self, command: str) -> None:
        words = shlex.split(command)
        if words[:1] != ["neasim"]:
            raise ValueError(f"a lesson's command starts with neasim: {command!r}")
        self.command = command
        self.tmp = tempfile.TemporaryDirectory()
        args = words[1:]
        if args[:1] == ["run"]:
            args += ["--no-plots", "--out", f"{self.tmp.name}/run"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sim.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def output(self) -> str:
        """What the command printed; a ValueError if it failed."""
        with self.tmp:
            out, err = self.process.communicate()
        if self.process.returncode != 0:
            raise ValueError(
                f"{self.command!r} ended with status {self.process.returncode}: {err.strip()}"
            )
        return out


def run_command(command: str) -> str:
    """What a ``neasim`` command prints, run as the class runs it (a process of its own)."""
    return Command(command).output()


def step_seeds(step: dict[str, Any]) -> int:
    """How many seeds a step runs: its ``seeds``, else those of every quoted figure."""
    return int(step.get("seeds", len(FIGURE_SEEDS)))


def batch_outcomes_by_step(
    name: str,
    steps: dict[str, dict[str, Any]],
    events: bool,
    runs: tuple[NDArray[np.int64], Mapping[str, NDArray[np.float64]]] | None = None,
) -> dict[str, dict[str, Any]]:
    """The outcomes of several steps on one scenario, stepped as one lockstep batch.

    Each step's ``set`` values become per-run values of its runs (a run depends only on its seed
    and values, so this is the same as running each step alone), validated as ``--set`` is.
    With ``events``, each run's count of events by type and actor is added as
    ``events.<type>.<actor>``; ``ok`` says which runs ended without error.

    By default a step runs seeds 0 … N−1 (:func:`step_seeds`) at the scenario's values. Given
    ``runs`` (each run's seed, and per-run values by key: the runs of
    :class:`sim.calibration.uncertainty.Predictive`), every step makes those runs instead, its
    own ``set`` values replacing the given ones of the keys it sets (the lever a lesson moves
    keeps its value).

    Raises
    ------
    ValueError
        If a step sets something other than a numeric parameter of the scenario.
    """
    scenario = load_scenario(name)
    base = numeric_values(scenario)
    keys = sorted({key for step in steps.values() for key in step.get("set") or {}})
    if unknown := [key for key in keys if key not in base]:
        raise ValueError(f"a lesson's run of {name} sets {unknown[0]}: not a numeric parameter")
    if runs is None:
        sizes = [step_seeds(step) for step in steps.values()]
        seeds = np.concatenate([np.arange(n) for n in sizes])
        given: Mapping[str, NDArray[np.float64]] = {}
    else:
        sizes = [len(runs[0])] * len(steps)
        seeds = np.tile(np.asarray(runs[0]), len(steps))
        given = runs[1]
    chosen = [
        numeric_values(with_overrides(scenario, step.get("set") or {})) for step in steps.values()
    ]
    overrides = {
        key: np.concatenate(
            [
                np.full(n, v[key])
                if key in (step.get("set") or {}) or key not in given
                else np.asarray(given[key], dtype=float)
                for n, v, step in zip(sizes, chosen, steps.values(), strict=True)
            ]
        )
        for key in sorted({*keys, *given})
    }
    model = DiplomacyModel(
        scenario, seeds=seeds, overrides=overrides, keep_events=events, record=False
    )
    model.run()
    outcomes: dict[str, Any] = batch_outcomes(model.state, model.config.start, model.months)
    outcomes["ok"] = np.array([error is None for error in model.errors], dtype=bool)
    if events:
        for event in model.log.rows:
            counts = outcomes.setdefault(
                f"events.{event.type}.{event.actor}", np.zeros(len(seeds), dtype=np.int64)
            )
            counts[event.run] += 1
    bounds = np.cumsum([0, *sizes])
    return {
        label: {key: values[lo:hi] for key, values in outcomes.items()}
        for label, lo, hi in zip(steps, bounds[:-1], bounds[1:], strict=True)
    }


def counts_events(lesson: Lesson) -> bool:
    """Whether a claim of the lesson reads a count of events."""
    terms = [c.get(side) for c in lesson.claims for side in ("left", "right")]
    terms += list(lesson.figures.values())
    return any(isinstance(t, dict) and t["outcome"].startswith("events.") for t in terms)


def run_lesson(lesson: Lesson) -> dict[str, Any]:
    """Each of the lesson's runs by label: a batch's outcomes, or a command's printed text.

    The runs on one scenario are stepped together, as one lockstep batch.
    """
    results: dict[str, Any] = {}
    by_scenario: dict[str, dict[str, dict[str, Any]]] = {}
    commands = {}
    for label, step in lesson.runs.items():
        if "command" in step:
            commands[label] = Command(step["command"])  # runs while the batches compute
        else:
            by_scenario.setdefault(step["scenario"], {})[label] = step
    for name, steps in by_scenario.items():
        results.update(batch_outcomes_by_step(name, steps, counts_events(lesson)))
    for label, command in commands.items():
        results[label] = command.output()
    return results


def evaluate(term: Any, results: dict[str, Any]) -> float:
    """A number, or a statistic of one outcome of one run."""
    if isinstance(term, int | float):
        return float(term)
    outcomes = results[term["run"]]
    if term["outcome"].startswith("events.") and term["outcome"] not in outcomes:
        return 0.0  # no run of the batch had such an event
    values = outcomes[term["outcome"]]
    match term["stat"]:
        case "mean":
            return float(np.mean(values.astype(float)))
        case "median":
            return float(np.median(values.astype(float)))
        case "share" if "in" in term:
            return float(np.isin(values, term["in"]).mean())
        case "share":
            return float((values.astype(float) > float(term["above"])).mean())
    raise ValueError(f"unknown stat {term['stat']!r} (mean, median or share)")


def failed_claims(lesson: Lesson, results: dict[str, Any] | None = None) -> Iterator[str]:
    """Each claim the model no longer shows, as a sentence with the numbers it gave.

    The numbers are from ``results`` of :func:`run_lesson` when given, else from running the
    lesson.
    """
    results = run_lesson(lesson) if results is None else results
    for claim in lesson.claims:
        if "contains" in claim:
            if claim["contains"] not in results[claim["run"]]:
                yield (
                    f"lesson {lesson.name!r}: the class should see that {claim['says']}, but "
                    f"`{lesson.runs[claim['run']]['command']}` no longer prints "
                    f"{claim['contains']!r}"
                )
            continue
        left = evaluate(claim["left"], results)
        right = evaluate(claim["right"], results)
        if claim["op"] == "==":
            holds = abs(left - right) <= float(claim.get("within", 0))
        else:
            holds = OPERATORS[claim["op"]](left, right)
        if not holds:
            yield (
                f"lesson {lesson.name!r}: the class should see that {claim['says']}, "
                f"but the model gives {left:.3f} {claim['op']} {right:.3f} false"
            )
