"""The month-by-month story of one run, in sentences a class can follow."""

from collections.abc import Iterator
from itertools import groupby

from sim.calendar import month_label
from sim.countries import DISPLAY_NAMES
from sim.events import Event

AGREEMENT_PHRASES = {
    "declaratory": "a declaratory statement, as in Singapore",
    "freeze_for_relief": "a freeze for sanctions relief",
    "disarmament_step": "a first disarmament step",
}


def _name(code: str) -> str:
    return DISPLAY_NAMES.get(code, code)


SENTENCES = {
    "calendar": "On the calendar: {detail}",
    "concession": "North Korea makes a concession: {detail}",
    "reward_delivered": "The United States delivers a tangible reward to North Korea",
    "agreement_collapsed": "North Korea declares the deal dead: {detail}",
    "sanctions_tightened": "Sanctions on North Korea are tightened: {detail}",
    "sanctions_blocked": "{actor} blocks tighter sanctions at the UN Security Council",
    "sanctions_relaxed": "Sanctions on North Korea are eased: {detail}",
    "provocation": "North Korea provokes: {detail}",
    "nuclear_test": "North Korea conducts a nuclear test: {detail}",
    "military_cooperation": "Russia and North Korea deepen military cooperation ({detail})",
    "economic_cooperation": "South Korea and North Korea advance cooperation: {detail}",
    "mediation": "South Korea mediates {detail}",
    "initiative": "South Korea moves first: {detail}",
    "outreach": "Japan reaches out to North Korea: {detail}",
    "leadership_change": "{actor} changes leader: {detail}",
    "gesture": "South Korea makes a gesture to the North: it {detail}",
    "restraint": "North Korea holds back a test: {detail}",
    "reengagement": "China re-engages North Korea: {detail}",
    "enforcement": "China presses North Korea: {detail}",
    "distancing": "China keeps its distance: {detail}",
    "lifeline": "Russia's lifeline to North Korea: {detail}",
}
"""The sentence of each event type, ``{actor}`` its actor's name and ``{detail}`` its detail."""


def describe(event: Event) -> str:
    """One event as a sentence (summits are told by :func:`month_lines`)."""
    if event.type == "trade_deal":
        verdict = "an agreement is reached" if event.detail == "success" else "the talks fail"
        return f"US–Japan trade negotiation: {verdict}"
    template = SENTENCES.get(event.type)
    if template is None:
        return f"{_name(event.actor)} → {_name(event.target)}: {event.type} {event.detail}"
    return template.format(actor=_name(event.actor), detail=event.detail)


def _summit_sentence(events: list[Event]) -> str:
    proposed = next(e for e in events if e.type == "summit_proposed")
    text = f"{_name(proposed.actor)} proposes a summit {proposed.detail} — "
    rejected = [e for e in events if e.type == "summit_rejected"]
    if rejected:
        return text + f"{_name(rejected[0].actor)} refuses: {rejected[0].detail}"
    answer = f"{_name(proposed.target)} accepts; the summit ends"
    signed = [e for e in events if e.type == "agreement_signed"]
    if signed:
        return text + f"{answer} in {AGREEMENT_PHRASES[signed[0].detail]}"
    return text + f"{answer} without agreement, as in Hanoi"


def month_lines(events: list[Event], start: str) -> Iterator[str]:
    """``YYYY-MM  sentence`` lines, month by month, one per event (a summit in one line)."""
    summit_types = {"summit_proposed", "summit_rejected", "summit_held", "agreement_signed"}
    for step, group in groupby(events, key=lambda e: e.step):
        month = month_label(start, step)
        in_month = list(group)
        if any(e.type == "summit_proposed" for e in in_month):
            yield f"{month}  {_summit_sentence(in_month)}"
        for event in in_month:
            if event.type not in summit_types:
                yield f"{month}  {describe(event)}"
