"""Each lesson of docs/teaching.md shows the class what it says it will (docs/teaching.md)."""

from pathlib import Path

import pytest

from sim.classroom.lessons import Lesson, failed_claims, read_lessons

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
    wrong = Lesson(
        name="A wrong lesson",
        runs={"base": {"scenario": "baseline", "seeds": 8}},
        claims=[
            {
                "says": "summits everywhere",
                "left": {"run": "base", "outcome": "summit_held", "stat": "mean"},
                "op": ">",
                "right": 2,
            }
        ],
    )
    (failure,) = failed_claims(wrong)
    assert "lesson 'A wrong lesson'" in failure and "summits everywhere" in failure


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
