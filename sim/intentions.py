"""What each country intends in a month, and what the month's resolution made of it.

A country's ``decide`` returns one of these frozen records, one array per decision with one value
per run; the resolution reads them and never writes them. :class:`MonthOutcome` is what
resolution settles that the countries' updates then read.
"""

from dataclasses import dataclass, field, fields

import numpy as np
from numpy.typing import NDArray

from sim.countries import COUNTRIES, VETO_HOLDERS
from sim.mechanisms.sanctions import vetoes

B = NDArray[np.bool_]
F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741


@dataclass(frozen=True)
class UnitedStatesIntentions:
    """The US's month: a proposal, relief upfront, its answer to an invitation, a reward
    delivered, a push for tighter sanctions."""

    propose: B
    upfront_relief: F
    answer_yes: B
    deliver: B
    push_tightening: B


@dataclass(frozen=True)
class NorthKoreaIntentions:
    """North Korea's month: its answer to a proposal, an invitation, a concession, a test, a test
    held back."""

    accept: B
    acceptance_chance: F
    invite: B
    concede: B
    provoke: B
    test_reason: I
    restraint: B


@dataclass(frozen=True)
class SouthKoreaIntentions:
    """South Korea's month: mediation (and whether Pyongyang listens), an initiative, a gesture,
    inter-Korean projects."""

    mediate: B
    mediation_heard: B
    initiative: B
    gesture: B
    economic_cooperation: B


@dataclass(frozen=True)
class ChinaIntentions:
    """China's month: its act toward Pyongyang and its vote on tighter sanctions."""

    act: I
    blocks: B


@dataclass(frozen=True)
class RussiaIntentions:
    """Russia's month: its flows, military cooperation and its vote on tighter sanctions."""

    act: I
    military_cooperation: B
    blocks: B


@dataclass(frozen=True)
class JapanIntentions:
    """Japan's month: where an election or party contest brings the prime minister down."""

    falls_by_vote: B
    vote: str = ""


Intention = (
    UnitedStatesIntentions
    | NorthKoreaIntentions
    | SouthKoreaIntentions
    | ChinaIntentions
    | RussiaIntentions
    | JapanIntentions
)


@dataclass(frozen=True)
class Intentions:
    """The six countries' intentions of a month."""

    usa: UnitedStatesIntentions
    prk: NorthKoreaIntentions
    kor: SouthKoreaIntentions
    chn: ChinaIntentions
    rus: RussiaIntentions
    jpn: JapanIntentions

    def vetoes(self) -> list[tuple[int, B]]:
        """Who vetoes this month's push for tighter sanctions: each veto holder of the registry
        in turn, where no one before it already has."""
        blocks = [getattr(self, COUNTRIES[i].lower()).blocks for i in VETO_HOLDERS]
        found = vetoes(self.usa.push_tightening, blocks)
        return list(zip(VETO_HOLDERS, found, strict=True))


def decision_names(intention: Intention) -> tuple[str, ...]:
    """The decisions a country's intentions hold (the action set of ``neasim play``)."""
    return tuple(
        f.name for f in fields(intention) if isinstance(getattr(intention, f.name), np.ndarray)
    )


@dataclass
class MonthOutcome:
    """What the month's resolution settled, for every run."""

    n_runs: int
    summit_held: B = field(init=False)
    breakdown: B = field(init=False)
    tightened: B = field(init=False)
    japan_falls: B = field(init=False)
    """Where Japan's government falls this month (a vote, or a scheduled change)."""
    japan_why: str = ""
    vetoes: list[tuple[int, B]] = field(default_factory=list)
    """Who vetoed the month's push for tighter sanctions (:meth:`Intentions.vetoes`)."""

    def __post_init__(self) -> None:
        for name in ("summit_held", "breakdown", "tightened", "japan_falls"):
            setattr(self, name, np.zeros(self.n_runs, dtype=bool))
