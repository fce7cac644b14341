"""Each lesson of docs/teaching.md shows the class what it says it will (docs/teaching.md)."""

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sim.classroom.lessons import Lesson, batch_outcomes_by_step, failed_claims, read_lessons
from sim.runs.batch import run_batch
from sim.scenario import load_scenario

TEACHING = Path(__file__).resolve().parent.parent / "docs" / "teaching.md"
LESSONS = read_lessons(TEACHING)


def test_the_lessons_are_there() -> None:
    assert len(LESSONS) >= 3
    for lesson in LESSONS:
        assert lesson.runs and lesson.claims, lesson.name


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_the_model_shows_what_the_lesson_says(lesson: Lesson) -> None:
    failures = list(failed_claims(lesson))
    assert not failures, "rewrite this lesson in docs/teaching.md:\n" + "\n".join(failures)


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
