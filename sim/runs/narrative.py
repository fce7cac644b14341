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


def describe(event: Event) -> str:
    """One event as a sentence (summits are told by :func:`month_lines`)."""
    match event.type:
        case "calendar":
            return f"On the calendar: {event.detail}"
        case "concession":
            return f"North Korea makes a concession: {event.detail}"
        case "reward_delivered":
            return "The United States delivers a tangible reward to North Korea"
        case "agreement_collapsed":
            return f"North Korea declares the deal dead: {event.detail}"
        case "sanctions_tightened":
            return f"Sanctions on North Korea are tightened: {event.detail}"
        case "sanctions_blocked":
            return f"{_name(event.actor)} blocks tighter sanctions at the UN Security Council"
        case "sanctions_relaxed":
            return f"Sanctions on North Korea are eased: {event.detail}"
        case "provocation":
            return f"North Korea provokes: {event.detail}"
        case "military_cooperation":
            return f"Russia and North Korea deepen military cooperation ({event.detail})"
        case "economic_cooperation":
            return f"South Korea and North Korea advance cooperation: {event.detail}"
        case "mediation":
            return f"South Korea mediates {event.detail}"
        case "initiative":
            return f"South Korea moves first: {event.detail}"
        case "outreach":
            return f"Japan reaches out to North Korea: {event.detail}"
        case "trade_deal":
            verdict = "an agreement is reached" if event.detail == "success" else "the talks fail"
            return f"US–Japan trade negotiation: {verdict}"
        case "leadership_change":
            return f"{_name(event.actor)} changes leader: {event.detail}"
        case "gesture":
            return f"South Korea makes a gesture to the North: it {event.detail}"
        case "restraint":
            return f"North Korea holds back a test: {event.detail}"
        case "reengagement":
            return f"China re-engages North Korea: {event.detail}"
        case "enforcement":
            return f"China presses North Korea: {event.detail}"
        case "distancing":
            return f"China keeps its distance: {event.detail}"
        case "lifeline":
            return f"Russia's lifeline to North Korea: {event.detail}"
        case _:
            return f"{_name(event.actor)} → {_name(event.target)}: {event.type} {event.detail}"


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
