"""What ``neasim play`` asks a player, decision by decision: the question, the answers it takes.

A country's action set is the arrays of the intentions its agent returns (:mod:`sim.intentions`);
this module says, for each, how to ask it in plain words, what kind of answer it takes (yes/no, one
of numbered options with their legend, a number in a range) and how to check an answer. Two
arrays of the intentions are not the country's to choose and are never asked: North Korea's odds
of accepting (a quantity the model computes, not a choice) and whether Pyongyang listens to Seoul's
mediation (North Korea's reaction, drawn by the model).
"""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.mechanisms.provocation import REASONS

NOT_ASKED: frozenset[tuple[str, str]] = frozenset(
    {("PRK", "acceptance_chance"), ("KOR", "mediation_heard"), ("RUS", "wanted_cooperation")}
)
"""(country, decision) pairs the model settles for the player."""

TRUE_WORDS = {"y", "yes", "true", "1"}
FALSE_WORDS = {"n", "no", "false", "0"}


@dataclass(frozen=True)
class Question:
    """How one decision is asked and checked.

    Attributes
    ----------
    text
        The question in plain words.
    options
        For a choice among numbered options, their meanings in order (0, 1, …); else empty.
    low, high
        For a number, its range; ``None`` for yes/no and numbered options.
    """

    text: str
    options: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    @property
    def kind(self) -> str:
        """What kind of answer it takes, in words."""
        if self.options:
            return f"a number 0–{len(self.options) - 1}"
        if self.low is not None:
            return f"a number from {self.low:g} to {self.high:g}"
        return "yes/no"

    @property
    def legend(self) -> str:
        """The numbered options, as one line (empty when there are none)."""
        return "; ".join(f"{i} = {meaning}" for i, meaning in enumerate(self.options))

    def parse(self, answer: Any) -> Any:
        """The checked value of an answer (text from a terminal, or a value from a YAML file).

        Raises
        ------
        ValueError
            With a sentence naming what is wrong, if the answer is not one this question takes.
        """
        if self.options:
            number = _number(answer, f"answer {self.kind} ({self.legend})")
            if not number.is_integer() or not 0 <= number < len(self.options):
                raise ValueError(f"answer {self.kind} ({self.legend}), not {answer!r}")
            return int(number)
        if self.low is not None and self.high is not None:
            number = _number(answer, f"answer {self.kind}")
            if not self.low <= number <= self.high:
                raise ValueError(f"answer {self.kind}, not {answer!r}")
            return number
        if isinstance(answer, bool):
            return answer
        word = str(answer).strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        raise ValueError(f"answer yes or no, not {answer!r}")

    def show(self, value: Any) -> str:
        """A value as the question shows it (the model's own choice, a recorded move)."""
        if self.options:
            return f"{int(value)} ({self.options[int(value)]})"
        if self.low is not None:
            return f"{float(value):.2f}"
        return "yes" if bool(value) else "no"


def _number(answer: Any, expected: str) -> float:
    if isinstance(answer, bool):
        raise ValueError(f"{expected}, not {answer!r}")
    try:
        number = float(answer)
    except (TypeError, ValueError):
        raise ValueError(f"{expected}, not {answer!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{expected}, not {answer!r}")
    return number


QUESTIONS: dict[tuple[str, str], Question] = {
    ("USA", "propose"): Question("propose a summit to North Korea this month?"),
    ("USA", "upfront_relief"): Question(
        "sanctions relief to hand over at a summit, before North Korea moves (0 none, 1 all)?",
        low=0.0,
        high=1.0,
    ),
    ("USA", "answer_yes"): Question("if North Korea invites you to talks, say yes?"),
    ("USA", "deliver"): Question("deliver the reward a deal in force promised?"),
    ("USA", "push_tightening"): Question("push for tighter UN sanctions?"),
    ("PRK", "accept"): Question("if the US proposes a summit this month, accept?"),
    ("PRK", "invite"): Question("invite the US to talks, through South Korea?"),
    ("PRK", "concede"): Question("make a concession (a test moratorium) while talks go on?"),
    ("PRK", "provoke"): Question("test a missile?"),
    ("PRK", "test_reason"): Question("if you test, the reason you give?", options=REASONS),
    ("PRK", "salvo"): Question(
        "if you test, how many launches beyond the first (the rest short-range)?",
        options=("none: one launch", "one more", "two more", "three more"),
    ),
    ("PRK", "nuclear_test"): Question(
        "if you test for a new system that is ready, include a nuclear test?"
    ),
    ("PRK", "restraint"): Question("hold back a test that is ready, for the talks in prospect?"),
    ("KOR", "mediate"): Question("send envoys to mediate between Washington and Pyongyang?"),
    ("KOR", "initiative"): Question("launch a peace initiative of your own?"),
    ("KOR", "gesture"): Question("make a goodwill gesture to North Korea?"),
    ("KOR", "economic_cooperation"): Question("start inter-Korean economic projects?"),
    ("CHN", "act"): Question(
        "your stance toward North Korea this month?",
        options=(
            "keep your distance",
            "re-engage (aid, a high-level visit)",
            "press (tighter border inspections)",
        ),
    ),
    ("CHN", "blocks"): Question("veto tighter sanctions at the UN Security Council?"),
    ("RUS", "act"): Question(
        "your flows of money and goods to North Korea?",
        options=("expand them", "keep them as they are", "cut them"),
    ),
    ("RUS", "military_cooperation"): Question("cooperate militarily with North Korea?"),
    ("RUS", "blocks"): Question("veto tighter sanctions at the UN Security Council?"),
    ("JPN", "falls_by_vote"): Question(
        "if an election or party vote comes this month, does the prime minister lose it?"
    ),
}
"""Every decision a player is asked, by (country, decision key)."""


def asked(code: str, own: dict[str, Any]) -> list[str]:
    """The decisions of ``own`` (a country's decisions this month) a player of ``code`` is asked."""
    return [key for key in own if (code, key) not in NOT_ASKED]


def question(code: str, key: str) -> Question:
    """The question for one decision.

    Raises
    ------
    KeyError
        If the decision has no question (a decision added to an agent must be given one here).
    """
    try:
        return QUESTIONS[(code, key)]
    except KeyError:
        raise KeyError(f"{code} decides {key!r}, but play has no question for it") from None


def plain(value: np.generic | bool | int | float) -> Any:
    """A numpy scalar as a plain Python value."""
    return value.item() if isinstance(value, np.generic) else value
