"""Summary statistics: the same numbers computed from the dated record and from simulated runs.

Both sides become a list of dated events (run, month, type, actor, detail) and go through one
function, :func:`summary_statistics`, so the record and the model are measured alike. The
statistics are those of pattern-oriented modelling (Grimm et al. 2005), several at once: months
with a launch by quarter and by year, the month of the first US–North Korea summit, what it
agreed, whose invitation led to it (the last US–North Korea proposal at or before its month:
Pyongyang's, carried by Seoul's envoys in March 2018, or Washington's), the number of US–North
Korea summits, UN tightenings by year, vetoes, and Japanese changes of prime minister (the only
change of leader the model decides; South Korea's and the US's are dated inputs of the
scenario). A "launch month" counts a month with at least one ballistic launch,
satellite launch or nuclear test: the model provokes at most once a month, so months, not
missiles, are what it can be compared on.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.calendar import month_label, step_of
from sim.calibration.split import Fact
from sim.mechanisms.winsets import AGREEMENT_TYPES

NOT_LAUNCHES = frozenset({"cruise", "liaison_office"})
"""Provocations of the record the model's ``provocation`` does not stand for."""
US_PRK = frozenset({"USA", "PRK"})
COUNTED = frozenset(
    {
        "provocation",
        "summit_proposed",
        "summit_held",
        "agreement_signed",
        "sanctions_tightened",
        "sanctions_blocked",
        "leadership_change",
    }
)
"""The event types the statistics read; the others are skipped before any work is done."""


@dataclass(frozen=True)
class Dated:
    """One event of one run (the record is run 0)."""

    run: int
    month: str
    type: str
    actor: str
    target: str
    detail: str


@dataclass(frozen=True)
class Window:
    """The months compared: ``first`` … ``last`` (``YYYY-MM``, inclusive)."""

    first: str
    last: str

    @property
    def months(self) -> list[str]:
        """Every month of the window, in order."""
        return [month_label(self.first, k) for k in range(step_of(self.first, self.last) + 1)]

    @property
    def years(self) -> list[str]:
        """The calendar years the window touches."""
        return sorted({m[:4] for m in self.months})

    @property
    def quarters(self) -> list[str]:
        """``YYYYQn`` of every quarter the window touches."""
        return sorted({quarter(m) for m in self.months})


def quarter(month: str) -> str:
    """``2017-05`` → ``2017Q2``."""
    return f"{month[:4]}Q{(int(month[5:7]) - 1) // 3 + 1}"


def statistic_names(window: Window) -> list[str]:
    """The statistics of a window, in a fixed order."""
    return [
        *(f"launch_months.{q}" for q in window.quarters),
        *(f"launch_months.{y}" for y in window.years),
        "first_summit_month",
        "first_agreement",
        "first_summit_invited",
        "us_prk_summits",
        *(f"tightenings.{y}" for y in window.years),
        "vetoes",
        "jpn_leadership_changes",
    ]


def agreement_rank(detail: str | None) -> int:
    """0 no summit, 1 a summit without agreement, then declaratory, freeze, disarmament step."""
    if detail is None:
        return 0
    return 1 + AGREEMENT_TYPES.index(detail) if detail in AGREEMENT_TYPES else 1


def summary_statistics(
    events: Iterable[Dated], runs: int, window: Window
) -> dict[str, NDArray[np.float64]]:
    """Every statistic of :func:`statistic_names` as an (R,) array, from the window's events.

    ``first_summit_month`` counts months from the window's start (0 = its first month) and is the
    window's length when no summit is held; ``first_agreement`` is :func:`agreement_rank` of the
    first summit; ``first_summit_invited`` is 1 when the last US–North Korea proposal at or before
    the first summit's month was North Korea's invitation (0 when it was a US proposal, or when
    no summit is held).
    """
    names = statistic_names(window)
    values = {name: np.zeros(runs) for name in names}
    launch_months: list[set[str]] = [set() for _ in range(runs)]
    first: list[str | None] = [None] * runs
    agreed: list[str | None] = [None] * runs
    proposals: list[list[tuple[str, str]]] = [[] for _ in range(runs)]
    inside = [e for e in events if window.first <= e.month <= window.last]
    for e in inside:
        if e.type == "provocation" and e.actor == "PRK" and e.detail not in NOT_LAUNCHES:
            launch_months[e.run].add(e.month)
        elif e.type == "summit_proposed" and {e.actor, e.target} == US_PRK:
            proposals[e.run].append((e.month, e.actor))
        elif e.type == "summit_held" and {e.actor, e.target} == US_PRK:
            values["us_prk_summits"][e.run] += 1
            if first[e.run] is None or e.month < str(first[e.run]):
                first[e.run] = e.month
                agreed[e.run] = e.detail if e.detail in AGREEMENT_TYPES else "none"
        elif (tallied := tally(e)) is not None:
            values[tallied][e.run] += 1
    for e in inside:  # the model signs in the month of its summit, as its own event
        if e.type == "agreement_signed" and first[e.run] == e.month:
            agreed[e.run] = e.detail
    length = len(window.months)
    for r in range(runs):
        for month in launch_months[r]:
            values[f"launch_months.{quarter(month)}"][r] += 1
            values[f"launch_months.{month[:4]}"][r] += 1
        values["first_summit_month"][r] = (
            length if first[r] is None else step_of(window.first, str(first[r]))
        )
        values["first_agreement"][r] = agreement_rank(agreed[r])
        values["first_summit_invited"][r] = float(invited(proposals[r], first[r]))
    return values


def tally(e: Dated) -> str | None:
    """The statistic that counts the event once, if one does.

    A UN tightening (by its year), a veto, a Japanese change of prime minister.
    """
    if e.type == "sanctions_tightened":
        return f"tightenings.{e.month[:4]}"
    if e.type == "sanctions_blocked":
        return "vetoes"
    if e.type == "leadership_change" and e.actor == "JPN":
        return "jpn_leadership_changes"
    return None


def invited(proposals: Sequence[tuple[str, str]], first_summit: str | None) -> bool:
    """Whether the first summit came on North Korea's invitation.

    ``proposals`` are (month, proposer); the one that counts is the last at or before the
    summit's month (the model holds a summit in the month it is agreed; the record's came three
    months after the invitation). They are ordered by month, then proposer, so of a North Korean
    and a US proposal in one month the US one counts as the later.

    >>> invited([("2017-05", "USA"), ("2018-03", "PRK")], "2018-06")
    True
    >>> invited([("2018-03", "PRK"), ("2018-06", "USA")], "2018-06")
    False
    >>> invited([("2018-03", "PRK")], None)
    False
    """
    if first_summit is None:
        return False
    before = [actor for month, actor in sorted(proposals) if month <= first_summit]
    return bool(before) and before[-1] == "PRK"


def record_events(facts: Sequence[Fact]) -> list[Dated]:
    """The record's rows known to the month, as run 0's events (yearly totals are left out)."""
    return [
        Dated(0, f.date[:7], f.type, f.actor, f.target, f.detail)
        for f in facts
        if f.precision in ("day", "month")
    ]


def record_statistics(facts: Sequence[Fact], window: Window) -> dict[str, float]:
    """The record's statistics over a window."""
    values = summary_statistics(record_events(facts), 1, window)
    return {name: float(value[0]) for name, value in values.items()}
