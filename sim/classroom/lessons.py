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

``outcome`` is any outcome of :func:`sim.runs.batch.run_batch` (a ``summary.json`` key, trust as
``trust_final.PRK.USA``); ``stat`` is ``mean``, ``median`` or ``share`` (the share of runs whose
outcome is one of ``in``); ``right`` is a number or another such term. Runs use seeds 0 … N−1.

A step may instead be a command, exactly as the class types it; the claim then reads what it
printed::

    runs:
      story: {command: neasim run baseline --seed 1}
    claims:
      - says: North Korea refuses for want of relief
        run: story
        contains: "North Korea refuses: no sanctions relief on the table"

``neasim run`` commands are given ``--no-plots`` and a temporary ``--out`` directory.
"""

import contextlib
import io
import operator
import re
import shlex
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sim.runs.batch import run_batch
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


def run_command(command: str) -> str:
    """What a ``neasim`` command prints, run in this process."""
    from sim.cli import main

    words = shlex.split(command)
    if words[:1] != ["neasim"]:
        raise ValueError(f"a lesson's command starts with neasim: {command!r}")
    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()) as out:
        args = words[1:]
        if args[:1] == ["run"]:
            args += ["--no-plots", "--out", f"{tmp}/run"]
        status = main(args)
    if status != 0:
        raise ValueError(f"{command!r} ended with status {status}")
    return out.getvalue()


def run_lesson(lesson: Lesson) -> dict[str, Any]:
    """Each of the lesson's runs by label: a batch's outcomes, or a command's printed text."""
    results: dict[str, Any] = {}
    for label, step in lesson.runs.items():
        if "command" in step:
            results[label] = run_command(step["command"])
            continue
        scenario = load_scenario(step["scenario"], step.get("set") or None)
        results[label] = run_batch(scenario, np.arange(int(step["seeds"]))).outcomes
    return results


def evaluate(term: Any, results: dict[str, Any]) -> float:
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
        if not OPERATORS[claim["op"]](left, right):
            yield (
                f"lesson {lesson.name!r}: the class should see that {claim['says']}, "
                f"but the model gives {left:.3f} {claim['op']} {right:.3f} false"
            )
