"""Every figure the README, docs/ and the lessons quote, computed in one place on one seed range.

``python -m tools.doc_figures --write`` (run by ``make docs``) computes, over :data:`SEEDS`
(:data:`sim.figure_seeds.FIGURE_SEEDS`), the figures of every bundled scenario (:func:`figures`)
and those the lessons of ``docs/teaching.md`` declare (:func:`lesson_figure_entries`), writes
them all to ``docs/figures.json``, and from that one file rewrites every quotation: the table of
``docs/lessons/figures.md``, the lessons' quotations (``40%<!--l1.summit_baseline-->``, and
its interval ``18–60%<!--l1.summit_baseline:posterior-->``, :mod:`sim.classroom.lesson_figures`)
and every inline figure of the README and ``docs/``, lessons included. A quoted figure sits
between inline markers::

    in <!-- figure baseline.summit_share -->38 %<!-- /figure --> of the runs

so prose around it stays hand-written; any document (a lesson page too) can quote any key of
``docs/figures.json`` that way. ``tests/test_docs_figures.py`` and ``tests/test_lessons.py`` fail
when a quotation holds anything but its key's text, when the stored figures no longer come out
of the model, and when one quantity is stored with two values.

With 2,500 seeds the 95 % interval of a share is at most ±1.96 points (at 50 %); each share
carries its own (``plus_minus``, in points) in the file.

That interval is the seeds' alone, at the declared parameter values. The headline share also
carries its posterior predictive interval (``baseline.summit_share_posterior``): parameter
vectors drawn from the calibration's posterior (``data/posterior.parquet``) as ``neasim run
--posterior`` draws them, each run over the same seeds, and the 10–90 % range of the share across
the vectors (:func:`posterior_share_interval`). Every lesson figure carries its interval drawn
the same way, from the same vectors at each scenario (``posterior`` in its entry,
:func:`lesson_figure_entries`), and so does every cell of the table of scenario outcomes of
``docs/teaching.md`` (``tools/scenario_outcomes.py``): :func:`posterior_statistics` computes any
statistics of a scenario's runs per vector, from one lockstep batch.
"""

import argparse
import json
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.calibration.posterior import Posterior
from sim.calibration.uncertainty import (
    PREDICTIVE_DRAWS,
    PREDICTIVE_SEEDS,
    predictive_interval,
    predictive_runs,
)
from sim.classroom.lesson_figures import (
    BEGIN,
    END,
    PosteriorRuns,
    lesson_entries,
    quotable,
    requote,
    table,
)
from sim.classroom.lessons import evaluate, read_lessons, run_lesson
from sim.durable import write_text
from sim.figure_seeds import FIGURE_SEEDS
from sim.marked_section import replace_marked_section
from sim.runs.batch import run_batch
from sim.scenario import Scenario, bundled_scenarios, load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIGURES_FILE = ROOT / "docs" / "figures.json"
TEACHING = ROOT / "docs" / "teaching.md"
LESSON_FIGURES = ROOT / "docs" / "lessons" / "figures.md"
SEEDS = FIGURE_SEEDS
"""The declared seed range of every quoted figure (:mod:`sim.figure_seeds`): with 2,500 runs the
95 % interval of any share is at most ±1.96 points."""
FREEZE_OR_BETTER = ("freeze_for_relief", "disarmament_step")
MARKER = re.compile(r"<!-- figure ([\w.]+) -->(.*?)<!-- /figure -->", re.S)
"""An inline quoted figure: its key, then its text."""
ENSEMBLE_EXAMPLE = ("history_2017_2019", 50)
"""The ensemble whose one-line summary the README shows: scenario and replicates."""
POSTERIOR_DRAWS = PREDICTIVE_DRAWS
"""Parameter vectors drawn from the posterior for an interval (every interval the docs quote)."""
POSTERIOR_SEEDS = PREDICTIVE_SEEDS
"""Seeds run at each vector (the same at every vector)."""


def share(flags: ArrayLike) -> float:
    """The share of true values, to four decimals."""
    return round(float(np.mean(np.asarray(flags, dtype=bool))), 4)


def percent(value: float) -> str:
    """A share as the docs write it.

    >>> percent(0.3755)
    '38 %'
    """
    return f"{100 * value:.0f} %"


def scenario_figures(name: str, scenario: Scenario, seeds: range = SEEDS) -> dict[str, Any]:
    """A scenario's shares and medians over ``seeds``: value, text and stability of each."""
    arrays = run_batch(scenario, np.asarray(seeds)).arrays
    found: dict[str, Any] = {}
    for measure, values in _flags(arrays).items():
        key = f"{measure}_share"
        value = share(values)
        found[f"{name}.{key}"] = {
            "value": value,
            "text": percent(value),
            "plus_minus": round(196 * float(np.sqrt(value * (1 - value) / len(values))), 2),
        }
    medians = {
        "provocations_median": (np.asarray(arrays["provocations"]), "{:.0f}"),
        "trust_prk_usa_median": (np.asarray(arrays["trust_final.PRK.USA"]), "{:.2f}"),
    }
    for key, (numbers, form) in medians.items():
        value = float(np.median(numbers.astype(float)))
        found[f"{name}.{key}"] = {"value": round(value, 4), "text": form.format(value)}
    return found


def _flags(arrays: Mapping[str, Any]) -> dict[str, np.ndarray[Any, np.dtype[np.bool_]]]:
    """Per run: a summit held (``summit``), an agreement of a freeze or better (``freeze``)."""
    return {
        "summit": np.asarray(arrays["summit_held"], dtype=bool),
        "freeze": np.isin(np.asarray(arrays["agreement_type"]).astype(str), FREEZE_OR_BETTER),
    }


Statistic = Callable[[Mapping[str, NDArray[Any]]], float]
"""A figure of a set of runs, from their outcomes by name (one value per run in each array)."""


def statistic_of(term: Mapping[str, Any]) -> Statistic:
    """A lesson figure's term as a statistic of a set of runs.

    The term names an ``outcome`` and a ``stat`` (mean, median or share, with ``in`` or
    ``above``), read as the lessons read it (:func:`sim.classroom.lessons.evaluate`).

    >>> statistic_of({"outcome": "x", "stat": "share", "above": 0})({"x": np.array([0, 1, 2, 0])})
    0.5
    >>> SHARES["summit"]({"summit_held": np.array([True, False]), "agreement_type": ["", ""]})
    0.5
    """
    return lambda runs: evaluate({**term, "run": "runs"}, {"runs": runs})


SHARES: dict[str, Statistic] = {
    "summit": statistic_of({"outcome": "summit_held", "stat": "mean"}),
    "freeze": statistic_of({"outcome": "agreement_type", "stat": "share", "in": FREEZE_OR_BETTER}),
}
"""The shares of runs with a summit and with a freeze or better."""


@dataclass(frozen=True)
class OverPosterior:
    """A statistic over the posterior: its value at each drawn vector, and over all runs.

    ``per_draw``: the statistic of each vector's runs (vectors all of whose runs failed left
    out); ``pooled``: the statistic of every run that did not fail, whatever its vector.
    """

    per_draw: NDArray[np.float64]
    pooled: float

    def interval(self) -> tuple[float, float]:
        """The 10th and 90th percentiles across vectors (:func:`predictive_interval`)."""
        return predictive_interval(self.per_draw)


def posterior_statistics(
    scenario: Scenario,
    statistics: Mapping[str, Statistic],
    draws: int = POSTERIOR_DRAWS,
    seeds: int = POSTERIOR_SEEDS,
    posterior: Posterior | None = None,
) -> dict[str, OverPosterior]:
    """Each of ``statistics`` computed per parameter vector drawn from the posterior, by name.

    ``draws`` parameter vectors are resampled by weight from the posterior with the generator of
    ``neasim run --posterior`` (:func:`sim.calibration.uncertainty.predictive_runs`); each runs
    over seeds ``0 … seeds − 1``, all in one lockstep batch, whatever the number of statistics.
    Each statistic is computed over each vector's runs as over the runs at the declared values;
    runs whose drawn values break a cross-parameter rule are left out.

    Raises
    ------
    ValueError
        If every run broke a rule.
    """
    design = predictive_runs(scenario, draws, seeds, posterior)
    result = run_batch(scenario, design.run_seeds(), design.overrides())
    ok = np.array([error is None for error in result.errors])
    if not ok.any():
        raise ValueError(f"{scenario.name}: every run drawn from the posterior broke a rule")
    vectors = design.vectors(result.arrays, ok)
    pooled = {name: np.asarray(values)[ok] for name, values in result.arrays.items()}
    return {
        name: OverPosterior(
            np.array([statistic(runs) for runs in vectors], dtype=float), statistic(pooled)
        )
        for name, statistic in statistics.items()
    }


def posterior_share_intervals(
    scenario: Scenario,
    draws: int = POSTERIOR_DRAWS,
    seeds: int = POSTERIOR_SEEDS,
    posterior: Posterior | None = None,
) -> dict[str, dict[str, Any]]:
    """The shares of ``scenario``'s runs with a summit and with a freeze or better, posterior-wide.

    The shares (:data:`SHARES`) computed per vector by :func:`posterior_statistics`; each entry
    (under ``summit`` and ``freeze``) holds the 10th and 90th percentiles across vectors
    (:func:`sim.calibration.uncertainty.predictive_interval`: ``low``, ``high``), the share over
    all runs (``pooled``) and the text ``"a–b %"``. Runs whose drawn values break a
    cross-parameter rule are left out.
    """
    entries = {}
    for name, found in posterior_statistics(scenario, SHARES, draws, seeds, posterior).items():
        low, high = found.interval()
        entries[name] = {
            "value": {
                "low": round(low, 4),
                "high": round(high, 4),
                "pooled": round(found.pooled, 4),
                "draws": draws,
                "seeds": seeds,
            },
            "text": f"{100 * low:.0f}–{100 * high:.0f} %",
        }
    return entries


def posterior_share_interval(
    scenario: Scenario,
    draws: int = POSTERIOR_DRAWS,
    seeds: int = POSTERIOR_SEEDS,
    posterior: Posterior | None = None,
) -> dict[str, Any]:
    """The share of ``scenario``'s runs with a summit, over the posterior.

    The ``summit`` entry of :func:`posterior_share_intervals`.
    """
    return posterior_share_intervals(scenario, draws, seeds, posterior)["summit"]


def posterior_figures() -> dict[str, Any]:
    """The headline share's posterior predictive interval (the baseline's summit share)."""
    return {"baseline.summit_share_posterior": posterior_share_interval(load_scenario("baseline"))}


EXCERPT_HEAD = 8
"""Month lines of ``make run``'s story the README quotes from its start."""
EXCERPT_TAIL = 3
"""… and from its end, before the outcome."""


def story_figures() -> dict[str, Any]:
    """``make run``'s story (the baseline, seed 1), as printed.

    Its length in lines, and the README's excerpt of it (its first and last month lines, the
    summit line if any, the outcome).
    """
    from sim.model import DiplomacyModel
    from sim.runs.narrative import month_lines
    from sim.runs.outcomes import batch_outcomes, run_summary
    from sim.runs.single import headline

    scenario = load_scenario("baseline")
    model = DiplomacyModel(scenario, keep_events=True)
    model.run()
    story = list(month_lines(model.log.for_run(0), scenario.start))  # as ``neasim run`` prints
    lines = len(story) + 2  # heading, outcome
    events = model.log.for_run(0)
    outcomes = batch_outcomes(model.state, scenario.start, model.months)
    summary = run_summary(outcomes, 0, events, scenario.start)
    heading = (
        f"{scenario.name}: {scenario.months} months from {scenario.start}, seed {scenario.seed}"
    )
    summit = [line for line in story if "the summit ends" in line or "a summit is held" in line]
    middle = [line for line in summit[:1] if line not in story[:EXCERPT_HEAD]]
    excerpt = [heading, *story[:EXCERPT_HEAD], "..."]
    if middle and middle[0] not in story[-EXCERPT_TAIL:]:
        excerpt += [middle[0], "..."]
    excerpt += [*story[-EXCERPT_TAIL:], headline(summary), "runs/baseline-YYYYMMDD-HHMMSS-s1"]
    text = "\n```\n" + "\n".join(excerpt) + "\n```\n"
    return {
        "baseline.story_lines": {"value": lines, "text": str(lines)},
        "baseline.story_excerpt": {"value": len(excerpt), "text": text},
    }


def ensemble_figures() -> dict[str, Any]:
    """The one-line summary ``neasim run history_2017_2019 --replicates 50`` prints."""
    from sim.runs.ensemble import MEDIAN_BY, headline, median_run

    name, replicates = ENSEMBLE_EXAMPLE
    scenario = load_scenario(name)
    seeds = scenario.seed + np.arange(replicates, dtype=np.int64)
    result = run_batch(scenario, seeds)
    ok = np.array([error is None for error in result.errors], dtype=bool)
    median = median_run(np.asarray(result.arrays[MEDIAN_BY], dtype=float), seeds, ok)
    line = headline(scenario, result.arrays, ok, int(seeds[median]))
    block = f"\n```\n{line}\n```\n"  # a code block between the markers, which stay hidden
    return {f"{name}.ensemble_headline": {"value": line, "text": block}}


def disk_size(path: Path) -> str:
    """The bytes of a directory tree as the docs write them (``1.2 MB``)."""
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return f"{total / 1e6:.1f} MB" if total >= 1e6 else f"{total / 1e3:.0f} kB"


def ensemble_sizes() -> dict[str, Any]:
    """On-disk sizes of baseline ensembles: 200 runs without plots, 1,000 runs with them."""
    import tempfile

    from analysis.many_runs import plotters
    from sim.runs.ensemble import run_ensemble

    scenario = load_scenario("baseline")
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        for replicates, plots in ((200, None), (1000, plotters())):
            path = run_ensemble(scenario, replicates, Path(tmp) / f"r{replicates}", plots)
            size = disk_size(path)
            found[f"baseline.ensemble_{replicates}_size"] = {"value": size, "text": size}
    return found


def lesson_figure_entries() -> dict[str, Any]:
    """The figures the lessons of ``docs/teaching.md`` declare, each from its lesson's runs.

    Each with its posterior predictive interval: the steps the figures read, run at
    :data:`POSTERIOR_DRAWS` vectors drawn from the posterior, :data:`POSTERIOR_SEEDS` seeds each
    (:class:`sim.classroom.lesson_figures.PosteriorRuns`), as the headline share's interval.
    """
    found: dict[str, Any] = {}
    over_posterior = PosteriorRuns(POSTERIOR_DRAWS, POSTERIOR_SEEDS)
    for lesson in read_lessons(TEACHING):
        found.update(lesson_entries(lesson, run_lesson(lesson), over_posterior))
    return found


def figures(scenarios: list[str] | None = None) -> dict[str, Any]:
    """Every quoted figure, by key, with the seed range they were computed on."""
    names = scenarios if scenarios is not None else list(bundled_scenarios())
    found: dict[str, Any] = {
        "seeds": {"value": [SEEDS.start, SEEDS.stop - 1], "text": f"{SEEDS.start}–{SEEDS.stop - 1}"}
    }
    for name in names:
        found.update(scenario_figures(name, load_scenario(name)))
    found.update(posterior_figures())
    found.update(lesson_figure_entries())
    found.update(story_figures())
    found.update(ensemble_figures())
    found.update(ensemble_sizes())
    return {
        "seeds": [SEEDS.start, SEEDS.stop - 1],
        "generated_by": "python -m tools.doc_figures --write (make docs)",
        "figures": found,
    }


def quoted(text: str) -> list[tuple[str, str]]:
    """The (key, text) of every quoted figure of a document.

    >>> quoted("in <!-- figure a.b -->38 %<!-- /figure --> of runs")
    [('a.b', '38 %')]
    """
    return MARKER.findall(text)


def _requote_markers(text: str, stored: dict[str, Any], source: str) -> str:
    """The document with every quoted figure replaced by its key's text.

    >>> _requote_markers("<!-- figure a -->1<!-- /figure -->", {"a": {"text": "2"}}, "x.md")
    '<!-- figure a -->2<!-- /figure -->'
    """

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in stored:
            raise SystemExit(f"{source}: quotes {key!r}, which docs/figures.json does not hold")
        return f"<!-- figure {key} -->{stored[key]['text']}<!-- /figure -->"

    return MARKER.sub(replace, text)


def documents() -> list[Path]:
    """The documents that may quote figures.

    The README, every Markdown file of docs/ and of the lessons (``docs/lessons/``).
    """
    return [
        ROOT / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
        *sorted((ROOT / "docs" / "lessons").glob("*.md")),
    ]


def write_all(data: dict[str, Any]) -> None:
    """Store the figures, then rewrite from them the lessons' table and every quotation."""
    write_text(FIGURES_FILE, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    stored = data["figures"]
    replace_marked_section(LESSON_FIGURES, BEGIN, END, table(read_lessons(TEACHING), stored))
    texts = quotable(stored)
    for path in documents():
        requote(path, texts)  # the lessons' quotations, 45%<!--l1.summit_baseline--> and intervals
        old = path.read_text(encoding="utf-8")
        new = _requote_markers(old, stored, str(path.relative_to(ROOT)))
        if new != old:
            write_text(path, new)


def main(argv: list[str] | None = None) -> int:
    """Compute the figures; with ``--write``, store them and requote every document."""
    parser = argparse.ArgumentParser(prog="python -m tools.doc_figures", description=__doc__)
    parser.add_argument("--write", action="store_true", help="write docs/figures.json and requote")
    args = parser.parse_args(argv)
    data = figures()
    if not args.write:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    write_all(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
