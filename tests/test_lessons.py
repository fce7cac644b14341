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
from sim.classroom.lesson_figures import BEGIN, END, check_seeds, lesson_entries, quoted, table
from sim.classroom.lessons import (
    Lesson,
    batch_outcomes_by_step,
    failed_claims,
    read_lessons,
    run_lesson,
)
from sim.figure_seeds import FIGURE_SEEDS
from sim.marked_section import marked_section
from sim.runs.batch import run_batch
from sim.scenario import load_scenario
from tools.doc_figures import FIGURES_FILE, FREEZE_OR_BETTER

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


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_the_stored_figures_are_what_the_model_gives(lesson: Lesson) -> None:
    computed = lesson_entries(lesson, results_of(lesson))
    stale = {k: (STORED.get(k), entry) for k, entry in computed.items() if STORED.get(k) != entry}
    assert not stale, f"run make docs (python -m tools.doc_figures --write): {stale}"


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
    pairs = 0
    by_definition: dict[str, tuple[str, float]] = {}
    for lesson in LESSONS:
        for name, term in lesson.figures.items():
            key, step = f"{lesson.id}.{name}", lesson.runs[term["run"]]
            among = tuple(term["in"]) if "in" in term else None
            definition = json.dumps([step, term["outcome"], term["stat"], among, term.get("above")])
            first = by_definition.setdefault(definition, (key, STORED[key]["value"]))
            assert STORED[key]["value"] == first[1], f"{key} and {first[0]} are one quantity"
            same = SCENARIO_FIGURE.get((term["outcome"], term["stat"], among))
            if same is None or step.get("set"):
                continue
            scenario_key = f"{step['scenario']}.{same}"
            assert STORED[key]["value"] == STORED[scenario_key]["value"], (key, scenario_key)
            pairs += 1
    assert pairs >= 5  # summit and freeze shares, trust medians of several scenarios


def quoting_documents() -> list[Path]:
    return [TEACHING, *sorted(HANDOUTS.glob("lesson*.md"))]


@pytest.mark.parametrize("path", quoting_documents(), ids=lambda p: p.name)
def test_every_quoted_figure_is_the_stored_one(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for name, value in quoted(text):
        assert name in STORED, f"{path.name} quotes {name}, which is not in docs/figures.json"
        assert value == STORED[name]["text"], (
            f"{path.name} quotes {name} as {value}, docs/figures.json has {STORED[name]['text']}"
        )
    if path.parent == HANDOUTS:
        # every share the handouts and keys give is a figure of the table, or the odds a story
        # prints (checked as the story's words by the lesson's claims)
        said = " ".join(str(c.get("contains", "")) for lesson in LESSONS for c in lesson.claims)
        for match in re.finditer(r"(\d+)%(?!<!--)", text):
            assert f"odds it would accept {match[1]}%" in said, (
                f"{path.name}: {match[0]} is not a generated figure"
            )


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
