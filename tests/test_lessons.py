"""Each lesson of docs/teaching.md shows the class what it says it will (docs/teaching.md)."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sim.app.info import LESSONS as LINKED
from sim.calibration.posterior import Posterior, read_posterior
from sim.calibration.uncertainty import PREDICTIVE_DRAWS, PREDICTIVE_SEEDS
from sim.classroom.lesson_figures import (
    BEGIN,
    END,
    POSTERIOR,
    QUOTE,
    PosteriorRuns,
    check_seeds,
    lesson_entries,
    posterior_entries,
    quotable,
    quoted,
    statistic,
    table,
    unquoted_names,
)
from sim.classroom.lessons import (
    Lesson,
    batch_outcomes_by_step,
    evaluate,
    failed_claims,
    read_lessons,
    run_lesson,
)
from sim.figure_seeds import FIGURE_SEEDS
from sim.marked_section import marked_section
from sim.runs.batch import run_batch
from sim.scenario import load_scenario, numeric_parameters
from tools.doc_figures import FIGURES_FILE, FREEZE_OR_BETTER

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

DOCS = Path(__file__).resolve().parent.parent / "docs"
TEACHING = DOCS / "teaching.md"
HANDOUTS = DOCS / "lessons"
LESSONS = read_lessons(TEACHING)
RESULTS: dict[str, dict[str, Any]] = {}
STORED: dict[str, dict[str, Any]] = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))["figures"]
"""Every quoted figure, the lessons' among them (docs/figures.json, written by make docs)."""


def results_of(lesson: Lesson) -> dict[str, Any]:
    """The lesson's runs, made once for its claims and its figures."""
    if lesson.name not in RESULTS:
        RESULTS[lesson.name] = run_lesson(lesson)
    return RESULTS[lesson.name]


def test_the_lessons_are_there() -> None:
    assert len(LESSONS) >= 3
    for lesson in LESSONS:
        assert lesson.runs and lesson.claims and lesson.figures and lesson.id, lesson.name
    assert [lesson.name for lesson in LESSONS] == [link.title for link in LINKED]


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_the_model_shows_what_the_lesson_says(lesson: Lesson) -> None:
    failures = list(failed_claims(lesson, results_of(lesson)))
    assert not failures, "rewrite this lesson in docs/teaching.md:\n" + "\n".join(failures)


def point(entry: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored lesson figure without its interval."""
    return None if entry is None else {k: v for k, v in entry.items() if k != "posterior"}


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_the_stored_figures_are_what_the_model_gives(lesson: Lesson) -> None:
    computed = lesson_entries(lesson, results_of(lesson))
    stale = {
        k: (point(STORED.get(k)), entry)
        for k, entry in computed.items()
        if point(STORED.get(k)) != entry
    }
    assert not stale, f"run make docs (python -m tools.doc_figures --write): {stale}"


def test_every_figure_has_its_interval_from_the_stored_settings() -> None:
    for lesson in LESSONS:
        for name in lesson.figures:
            interval = STORED[f"{lesson.id}.{name}"]["posterior"]
            assert (interval["draws"], interval["seeds"]) == (PREDICTIVE_DRAWS, PREDICTIVE_SEEDS)
            assert interval["low"] <= interval["high"], name


OVER_POSTERIOR = PosteriorRuns(PREDICTIVE_DRAWS, PREDICTIVE_SEEDS)
"""The lessons' steps over the posterior at the stored settings, each step run once."""


def checked_step(lesson: Lesson) -> str:
    """The step whose figures' intervals are recomputed: the one its last figure reads.

    Recomputing every interval means a batch of draws × seeds runs per step (``make docs`` does);
    one step per lesson keeps the test quick and still reaches a step that sets a lever.
    """
    return str(list(lesson.figures.values())[-1]["run"])


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_the_stored_intervals_are_what_the_model_gives(lesson: Lesson) -> None:
    step = checked_step(lesson)
    figures = {n: t for n, t in lesson.figures.items() if t["run"] == step}
    some = Lesson(lesson.name, lesson.runs, lesson.claims, figures, lesson.id)
    computed = posterior_entries(some, OVER_POSTERIOR)
    assert computed
    stale = {
        k: (STORED[k]["posterior"], entry)
        for k, entry in computed.items()
        if STORED[k]["posterior"] != entry
    }
    assert not stale, f"run make docs (python -m tools.doc_figures --write): {stale}"


STATUS_QUO = "mechanisms.cash_first.status_quo_nuclear"
REPLAY = numeric_parameters(load_scenario("history_2017_2019"))


def posterior_at(*status_quo: float) -> Posterior:
    """The bundled posterior's parameters at their declared values, one equally weighted
    particle per value of ``cash_first.status_quo_nuclear``."""
    keys = read_posterior().keys
    rows = np.array([[REPLAY[key].default for key in keys] for _ in status_quo], dtype=float)
    rows[:, keys.index(STATUS_QUO)] = status_quo
    weights = np.full(len(rows), 1 / len(rows))
    return Posterior(keys, rows, weights, {"settings": {"scenario": "history_2017_2019"}})


SMALL = {
    "summit": {"run": "plain", "outcome": "summit_held", "stat": "mean", "format": "percent"},
    "summit_set": {"run": "set", "outcome": "summit_held", "stat": "mean", "format": "percent"},
    "trust": {
        "run": "plain",
        "outcome": "trust_final.PRK.USA",
        "stat": "median",
        "format": "trust",
    },
}


def small_lesson(seeds: int) -> Lesson:
    """Two steps of the baseline: as it is, and with the status quo's value set."""
    runs = {
        "plain": {"scenario": "baseline", "seeds": seeds},
        "set": {"scenario": "baseline", "seeds": seeds, "set": {STATUS_QUO: 0.95}},
    }
    return Lesson("Small", runs, [], SMALL, "s")


def test_the_interval_spans_the_vectors_and_a_set_lever_keeps_its_value() -> None:
    lesson = small_lesson(20)
    two = PosteriorRuns(10, 20, posterior_at(0.05, 0.95))
    intervals = posterior_entries(lesson, two)
    alone = {
        x: posterior_entries(lesson, PosteriorRuns(1, 20, posterior_at(x)))["s.summit"]["low"]
        for x in (0.05, 0.95)
    }
    assert alone[0.95] + 0.5 <= alone[0.05]  # the two vectors differ widely
    assert (intervals["s.summit"]["low"], intervals["s.summit"]["high"]) == (
        alone[0.95],
        alone[0.05],
    )
    assert re.fullmatch(r"\d{1,3}–\d{1,3}%", intervals["s.summit"]["text"])
    # the step that sets the status quo keeps its value at every vector: no spread
    at_set = intervals["s.summit_set"]
    assert at_set["low"] == at_set["high"] == alone[0.95]
    assert at_set["text"] == f"{at_set['low']:.0%}"


def test_one_vector_at_the_declared_values_gives_the_point_figure() -> None:
    lesson = small_lesson(25)
    declared = numeric_parameters(load_scenario("baseline"))[STATUS_QUO].default
    one = posterior_entries(lesson, PosteriorRuns(3, 25, posterior_at(declared)))
    results = run_lesson(lesson)  # over seeds 0 … 24 at the declared values
    for name in ("summit", "trust"):
        at_point = round(evaluate(statistic(SMALL[name]), results), 4)
        assert one[f"s.{name}"]["low"] == one[f"s.{name}"]["high"] == at_point, name


def test_the_table_is_written_from_the_stored_figures() -> None:
    text = (HANDOUTS / "figures.md").read_text(encoding="utf-8")
    section = marked_section(text, BEGIN, END)
    assert section == "\n" + table(LESSONS, STORED), "run make docs: docs/lessons/figures.md"


def test_every_figure_a_lesson_quotes_reads_the_declared_seeds() -> None:
    for lesson in LESSONS:
        check_seeds(lesson)  # a step a figure reads runs FIGURE_SEEDS
    term = {"run": "few", "outcome": "summit_held", "stat": "mean", "format": "percent"}
    few = Lesson("Few seeds", {"few": {"scenario": "baseline", "seeds": 500}}, [], {"s": term})
    with pytest.raises(ValueError, match=f"over 500 seeds; quoted figures use {len(FIGURE_SEEDS)}"):
        check_seeds(few)


SCENARIO_FIGURE = {
    ("summit_held", "mean", None): "summit_share",
    ("agreement_type", "share", tuple(FREEZE_OR_BETTER)): "freeze_share",
    ("trust_final.PRK.USA", "median", None): "trust_prk_usa_median",
    ("provocations", "median", None): "provocations_median",
}
"""A lesson's statistic of a scenario's own runs, and the scenario figure that is the same."""


def test_one_quantity_has_one_value_wherever_it_is_quoted() -> None:
    """A lesson's figure of a scenario left as it is equals the scenario's own figure, and
    lessons quoting the same quantity quote one value."""
    pairs = intervals = 0
    by_definition: dict[str, tuple[str, tuple[float, dict[str, Any]]]] = {}
    for lesson in LESSONS:
        for name, term in lesson.figures.items():
            key, step = f"{lesson.id}.{name}", lesson.runs[term["run"]]
            among = tuple(term["in"]) if "in" in term else None
            definition = json.dumps([step, term["outcome"], term["stat"], among, term.get("above")])
            stored = (STORED[key]["value"], STORED[key]["posterior"])
            first = by_definition.setdefault(definition, (key, stored))
            assert stored == first[1], f"{key} and {first[0]} are one quantity"
            same = SCENARIO_FIGURE.get((term["outcome"], term["stat"], among))
            if same is None or step.get("set"):
                continue
            scenario_key = f"{step['scenario']}.{same}"
            assert STORED[key]["value"] == STORED[scenario_key]["value"], (key, scenario_key)
            pairs += 1
            headline = STORED.get(f"{scenario_key}_posterior")
            if headline is not None:  # the README's interval of the same share
                interval = STORED[key]["posterior"]
                assert (interval["low"], interval["high"]) == (
                    headline["value"]["low"],
                    headline["value"]["high"],
                ), (key, f"{scenario_key}_posterior")
                intervals += 1
    assert pairs >= 5  # summit and freeze shares, trust medians of several scenarios
    assert intervals >= 3  # each lesson's baseline summit share


def quoting_documents() -> list[Path]:
    return [TEACHING, *sorted(HANDOUTS.glob("lesson*.md"))]


@pytest.mark.parametrize("path", quoting_documents(), ids=lambda p: p.name)
def test_every_quoted_figure_is_the_stored_one(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    texts = quotable(STORED)
    assert not unquoted_names(text), f"{path.name}: a quotation lost its number"
    for name, value in quoted(text):
        assert name in texts, f"{path.name} quotes {name}, which is not in docs/figures.json"
        assert value == texts[name], (
            f"{path.name} quotes {name} as {value}, docs/figures.json has {texts[name]}"
        )
    if path.parent == HANDOUTS:
        # every share the handouts and keys give is a figure of the table, or the odds a story
        # prints (checked as the story's words by the lesson's claims)
        said = " ".join(str(c.get("contains", "")) for lesson in LESSONS for c in lesson.claims)
        for match in re.finditer(r"(\d+)%(?!<!--)", text):
            assert f"odds it would accept {match[1]}%" in said, (
                f"{path.name}: {match[0]} is not a generated figure"
            )


HEADLINE = ("summit_held", "agreement_type")
"""The outcomes of the headline figures, whose interval the text gives (docs/teaching.md)."""


@pytest.mark.parametrize("path", quoting_documents(), ids=lambda p: p.name)
def test_a_headline_figure_is_quoted_with_its_interval(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    headline = {
        f"{lesson.id}.{name}"
        for lesson in LESSONS
        for name, term in lesson.figures.items()
        if term["outcome"] in HEADLINE
    }
    found = 0
    for match in QUOTE.finditer(text):
        if match["name"] not in headline:
            continue
        after = re.match(r"\s+\[(?P<quote>[^\]]*)\]", text[match.end() :])
        interval = quoted(after["quote"]) if after else []
        assert interval == [
            (match["name"] + POSTERIOR, quotable(STORED)[match["name"] + POSTERIOR])
        ], (
            f"{path.name}: {match['name']} without its interval, [<interval><!--{match['name']}"
            f"{POSTERIOR}-->]"
        )
        found += 1
    assert found >= 4 or not quoted(text)  # the handouts quote no figure


@pytest.mark.parametrize("number", [link.number for link in LINKED])
def test_each_lesson_has_a_one_page_handout_and_a_key(number: int) -> None:
    handout = (HANDOUTS / f"lesson{number}-handout.md").read_text(encoding="utf-8")
    key = (HANDOUTS / f"lesson{number}-key.md").read_text(encoding="utf-8")
    assert "**Learning goals.**" in handout and handout.count("\n1. ") >= 1
    assert len(handout.splitlines()) <= 60, "a handout fits on one printed page"
    assert "teacher key" in key and quoted(key), "a key gives the answers, with their figures"


def test_the_lessons_do_not_import_the_command_line() -> None:
    code = "import sys, sim.classroom.lessons, sim.classroom.play; print('sim.cli' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_claim_the_model_does_not_show_names_its_lesson() -> None:
    def equal(within: float) -> dict[str, Any]:
        return {
            "says": f"as many futures with a summit as with offers, within {within}",
            "left": {"run": "base", "outcome": "summit_held", "stat": "mean"},
            "op": "==",
            "within": within,
            "right": {"run": "base", "outcome": "summit_offers", "stat": "share", "above": 0},
        }

    summits = {
        "says": "summits everywhere",
        "left": {"run": "base", "outcome": "summit_held", "stat": "mean"},
        "op": ">",
        "right": 2,
    }
    wrong = Lesson("A wrong lesson", {"base": {"scenario": "baseline", "seeds": 8}}, [summits])
    wrong.claims.extend([equal(0), equal(1)])
    first, second = failed_claims(wrong)
    assert "lesson 'A wrong lesson'" in first and "summits everywhere" in first
    # Equality holds within its tolerance only.
    assert "within 0," in second and "== 1.000 false" in second


def test_a_story_the_command_no_longer_prints_names_its_lesson() -> None:
    wrong = Lesson(
        name="A story lesson",
        runs={"story": {"command": "neasim run baseline --seed 1 --months 2"}},
        claims=[
            {"says": "it starts", "run": "story", "contains": "baseline: 2 months from"},
            {"says": "peace breaks out", "run": "story", "contains": "a peace treaty is signed"},
        ],
    )
    (failure,) = failed_claims(wrong)
    assert "lesson 'A story lesson'" in failure and "'a peace treaty is signed'" in failure


def test_runs_on_one_scenario_step_together_as_they_would_alone() -> None:
    steps = {
        "plain": {"scenario": "baseline", "seeds": 4},
        "mediating": {"scenario": "baseline", "seeds": 4, "set": {"actors.KOR.mediation": 0.6}},
    }
    together = batch_outcomes_by_step("baseline", steps, events=True)
    alone = run_batch(load_scenario("baseline", {"actors.KOR.mediation": 0.6}), np.arange(4))
    for key, values in alone.arrays.items():
        np.testing.assert_array_equal(together["mediating"][key], values, err_msg=key)
    # Each US proposal is a summit_proposed event of the US.
    plain = together["plain"]
    np.testing.assert_array_equal(plain["events.summit_proposed.USA"], plain["summit_offers"])
    assert (plain["summit_offers"] > 0).all()
