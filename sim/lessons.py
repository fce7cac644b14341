"""The lessons of ``docs/teaching.md``, machine-readable: their steps, run; their claims, checked.

Each lesson in the document carries a fenced ``lesson`` block (YAML)::

    name: What does Russia change?
    runs:                                   # the steps: a label → scenario, --set values, seeds
      baseline: {scenario: baseline, seeds: 200}
      without: {scenario: no_russia, seeds: 200}
    claims:                                 # what the class should see
      - says: North Korea needs relief more without Russia
        left: {run: without, outcome: prk_relief_need_final, stat: median}
        op: ">"
        right: {run: baseline, outcome: prk_relief_need_final, stat: median}

``outcome`` is any outcome of :func:`sim.batch.run_batch` (a ``summary.json`` key, trust as
``trust_final.PRK.USA``); ``stat`` is ``mean``, ``median`` or ``share`` (the share of runs whose
outcome is one of ``in``); ``right`` is a number or another such term. Runs use seeds 0 … N−1.
"""

import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sim.batch import run_batch
from sim.scenario import load_scenario

BLOCK = re.compile(r"^```lesson\n(.*?)^```", re.MULTILINE | re.DOTALL)
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Lesson:
    """A lesson's name, the runs its steps make, and its claims."""

    name: str
    runs: dict[str, dict[str, Any]]
    claims: list[dict[str, Any]]


def read_lessons(path: Path) -> list[Lesson]:
    """Every ``lesson`` block of a Markdown document, in order."""
    lessons = []
    for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
        data = yaml.safe_load(match.group(1))
        lessons.append(Lesson(str(data["name"]), dict(data["runs"]), list(data["claims"])))
    return lessons


def run_lesson(lesson: Lesson) -> dict[str, dict[str, np.ndarray]]:
    """The outcomes of each of the lesson's runs (one lockstep batch each), by label."""
    results = {}
    for label, step in lesson.runs.items():
        scenario = load_scenario(step["scenario"], step.get("set") or None)
        results[label] = run_batch(scenario, np.arange(int(step["seeds"]))).outcomes
    return results


def evaluate(term: Any, results: dict[str, dict[str, np.ndarray]]) -> float:
    """A number, or a statistic of one outcome of one run."""
    if isinstance(term, int | float):
        return float(term)
    values = results[term["run"]][term["outcome"]]
    match term["stat"]:
        case "mean":
            return float(np.mean(values.astype(float)))
        case "median":
            return float(np.median(values.astype(float)))
        case "share":
            return float(np.isin(values, term["in"]).mean())
    raise ValueError(f"unknown stat {term['stat']!r} (mean, median or share)")


def failed_claims(lesson: Lesson) -> Iterator[str]:
    """Each claim the model no longer shows, as a sentence with the numbers it gave."""
    results = run_lesson(lesson)
    for claim in lesson.claims:
        left = evaluate(claim["left"], results)
        right = evaluate(claim["right"], results)
        if not OPERATORS[claim["op"]](left, right):
            yield (
                f"lesson {lesson.name!r}: the class should see that {claim['says']}, "
                f"but the model gives {left:.3f} {claim['op']} {right:.3f} false"
            )
