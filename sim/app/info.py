"""What the page says about itself.

The model in a paragraph, each scenario and what to notice in it, how to read the futures, and the
lessons (their handouts are served by the page, offline).
"""

from dataclasses import dataclass
from pathlib import Path

import sim

MODEL = (
    "neasim follows six countries — the United States, North Korea, South Korea, China, Russia "
    "and Japan — month by month from June 2025. Each month every country looks at the same "
    "picture of the world, decides (propose a summit, accept one, test a missile, send aid, "
    "veto sanctions…), and the model settles what the decisions do to one another. Countries "
    "trust each other more or less after each signal, a summit reaches only what both sides' "
    "room to move allows, and the support of Russia and China — each counted as far as North "
    "Korea trusts the giver — means it needs sanctions relief less. "
    "Chance plays a part: the same settings give many possible futures."
)

READING = (
    "One future is one story; the right-hand panels run the same settings 500 times with "
    "different luck. Grey is the reference (the baseline unless you choose another), orange the "
    "variant (the scenario and levers you set). Top left: the share of the 500 futures that have "
    "held a summit by each month. Top right: North Korea's trust in the US — the shaded band "
    "holds the middle 90 % of futures, the line is the median; tick “single futures” to see "
    "twenty of them one by one. Bottom: the most advanced agreement reached, and North Korea's "
    "trust in each country at the end. Both use the same 500 seeds, so a difference comes from "
    "the settings, and the caption gives it with its 95 % interval."
)

NOTICE: dict[str, str] = {
    "baseline": (
        "The US proposes for the APEC summit with nothing on the table and North Korea refuses; "
        "watch the US sweeten its offer after each refusal, and how low North Korea's trust in "
        "the US stays."
    ),
    "no_russia": (
        "Set it as the variant against the baseline: without Russia's lifeline North Korea needs "
        "relief more, so the same offer is worth more to it, and it asks for talks through Seoul "
        "itself. Do summits become likelier, and do their deals last?"
    ),
    "us_cash_first": (
        "Relief is on the table from the start: compare the summits and the freeze deals with the "
        "baseline, and whether North Korea ends up trusting the US more."
    ),
    "rok_mediator": (
        "Seoul mediates most months and Pyongyang trusts it: watch North Korea's trust in South "
        "Korea (bottom right) and whether it carries over to the US."
    ),
    "china_reengages": (
        "China courts Pyongyang instead of keeping its distance: watch North Korea's trust in "
        "China, whether it needs Washington even less, and whether it tests less when a patron "
        "it trusts calls for restraint."
    ),
    "trade_deal_fails": (
        "High tariffs on top of record rice prices weaken Tokyo: does its government survive? "
        "With no trade deal to show, the US president needs a summit more: compare the summits "
        "with the baseline."
    ),
    "history_2017_2019": (
        "2017 to 2019: tests, sanctions, then the Olympics and the summits. Does the model find "
        "its way to a summit in 2018? Compare with the record (neasim calibrate)."
    ),
}
"""What to notice in each bundled scenario, one or two sentences."""


@dataclass(frozen=True)
class LessonLink:
    """A lesson the page links to: its number, title and handout file."""

    number: int
    title: str
    handout: str


LESSONS: tuple[LessonLink, ...] = (
    LessonLink(1, "Why won't North Korea move first?", "lesson1-handout.md"),
    LessonLink(2, "What does Russia change?", "lesson2-handout.md"),
    LessonLink(3, "Can South Korea broker a deal?", "lesson3-handout.md"),
)

LESSON_DIR = Path(sim.__file__).resolve().parent.parent / "docs" / "lessons"
"""Where the handouts are in a source checkout (``pip install -e .``, as ``make`` installs)."""


def handout(number: int) -> str:
    """A lesson's student handout as Markdown (a line saying where it is if not installed).

    Raises
    ------
    KeyError
        If there is no lesson ``number``.
    """
    link = next((lesson for lesson in LESSONS if lesson.number == number), None)
    if link is None:
        raise KeyError(f"no lesson {number}")
    path = LESSON_DIR / link.handout
    if not path.is_file():
        return f"# {link.title}\n\nThe handout is docs/lessons/{link.handout} in neasim's source."
    return path.read_text(encoding="utf-8")
