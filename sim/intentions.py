"""What each country intends in a month, and what the month's resolution made of it.

A country's ``decide`` returns one of these frozen records, one array per decision with one value
per run; the resolution reads them and never writes them. :class:`MonthOutcome` is what
resolution settles that the countries' updates then read.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from sim.countries import COUNTRIES, VETO_HOLDERS
from sim.mechanisms.sanctions import vetoes
from sim.settlement import Settlement

B = NDArray[np.bool_]
F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741


@dataclass(frozen=True)
class Intention:
    """A country's intentions of a month: its decisions, each an (R,) array."""

    code: ClassVar[str] = ""
    """The country whose intentions these are (ISO 3166 alpha-3)."""


@dataclass(frozen=True)
class UnitedStatesIntentions(Intention):
    """The US's month.

    A proposal, relief upfront, its answer to an invitation, a reward delivered, a push for
    tighter sanctions.
    """

    code: ClassVar[str] = "USA"

    propose: B
    upfront_relief: F
    answer_yes: B
    deliver: B
    push_tightening: B


@dataclass(frozen=True)
class NorthKoreaIntentions(Intention):
    """North Korea's month.

    Its answer to a proposal, an invitation, a concession, a test (how many launches, whether a
    nuclear test), a test held back.
    """

    code: ClassVar[str] = "PRK"

    accept: B
    acceptance_chance: F
    invite: B
    concede: B
    provoke: B
    test_reason: I
    salvo: I
    """Launches beyond the first, if it tests."""
    nuclear_test: B
    """Whether a test month includes a nuclear test."""
    restraint: B


@dataclass(frozen=True)
class SouthKoreaIntentions(Intention):
    """South Korea's month.

    Mediation (and whether Pyongyang listens), an initiative, a gesture, inter-Korean projects.
    """

    code: ClassVar[str] = "KOR"

    mediate: B
    mediation_heard: B
    initiative: B
    gesture: B
    economic_cooperation: B


@dataclass(frozen=True)
class ChinaIntentions(Intention):
    """China's month: its act toward Pyongyang and its vote on tighter sanctions."""

    code: ClassVar[str] = "CHN"

    act: I
    blocks: B


@dataclass(frozen=True)
class RussiaIntentions(Intention):
    """Russia's month: its flows, military cooperation and its vote on tighter sanctions.

    ``wanted_cooperation`` is the military cooperation it aims at, read from the month's
    observation (its update moves toward it).
    """

    code: ClassVar[str] = "RUS"

    act: I
    military_cooperation: B
    wanted_cooperation: F
    blocks: B


@dataclass(frozen=True)
class JapanIntentions(Intention):
    """Japan's month: where an election or party contest brings the prime minister down."""

    code: ClassVar[str] = "JPN"

    falls_by_vote: B
    vote: str = ""


class Intentions(Mapping[str, Intention]):
    """The countries' intentions of a month, by country code (the registry's order)."""

    def __init__(self, by_country: Mapping[str, Intention]) -> None:
        self._by_country = dict(by_country)

    def __getitem__(self, code: str) -> Intention:
        """The intentions of the country ``code``."""
        return self._by_country[code]

    def __iter__(self) -> Iterator[str]:
        """The country codes, in the registry's order."""
        return iter(self._by_country)

    def __len__(self) -> int:
        """How many countries state intentions."""
        return len(self._by_country)

    def of[T: Intention](self, kind: type[T]) -> T:
        """The intentions of the country whose intentions are of type ``kind``."""
        found = self._by_country[kind.code]
        if not isinstance(found, kind):
            raise TypeError(f"{kind.code} intends {type(found).__name__}, not {kind.__name__}")
        return found

    def vetoes(self) -> list[tuple[int, B]]:
        """Who vetoes this month's push for tighter sanctions.

        Each veto holder of the registry in turn, where no one before it already has.
        """
        blocks = [_blocks(self[COUNTRIES[i]]) for i in VETO_HOLDERS]
        found = vetoes(self.of(UnitedStatesIntentions).push_tightening, blocks)
        return list(zip(VETO_HOLDERS, found, strict=True))


def _blocks(intention: Intention) -> B:
    """Where a veto holder blocks tighter sanctions (its intentions' ``blocks``)."""
    blocks: B = getattr(intention, "blocks")  # noqa: B009 - every veto holder's intentions have it
    return blocks


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
    trade_win: B = field(init=False)
    """Where the US president won a trade deal this month (a visible win, mechanism 1)."""
    scheduled_changes: dict[int, str] = field(default_factory=dict)
    """Leadership changes the calendar schedules this month for countries that carry out their
    own (:attr:`sim.countries.Country.changes_leader`): country index → why."""
    vetoes: list[tuple[int, B]] = field(default_factory=list)
    """Who vetoed the month's push for tighter sanctions (:meth:`Intentions.vetoes`)."""
    settled: Settlement = field(init=False)
    """The month's facts, as the resolution steps recorded them (:mod:`sim.settlement`)."""

    def __post_init__(self) -> None:
        """Nothing settled yet: no summit, no breakdown, no tightening in any run."""
        for name in (
            "summit_held",
            "breakdown",
            "tightened",
            "trade_win",
        ):
            setattr(self, name, np.zeros(self.n_runs, dtype=bool))
        self.settled = Settlement(self.n_runs)
