"""Months, and what the scenario's calendar and shocks bring in each of them.

Step 0 is the state at the start month; step t simulates the t-th month after it. Calendar events
and shocks are exogenous: they come from the scenario, never from code (docs/specification.md).
"""

from dataclasses import dataclass, field

from sim.parameters.schema import CalendarEvent, Shock


def month_label(start: str, step: int) -> str:
    """The ``YYYY-MM`` of a step: ``month_label("2025-06", 4) == "2025-10"``."""
    year, month = (int(part) for part in start.split("-"))
    index = year * 12 + (month - 1) + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def step_of(start: str, month: str) -> int:
    """The step simulating a ``YYYY-MM`` month: ``step_of("2025-06", "2025-10") == 4``."""
    y0, m0 = (int(part) for part in start.split("-"))
    y1, m1 = (int(part) for part in month.split("-"))
    return (y1 * 12 + m1) - (y0 * 12 + m0)


@dataclass(frozen=True)
class MonthInputs:
    """The exogenous inputs of one month."""

    exercise: bool = False
    labour_deployment: float = 0.0
    military_cooperation: float = 0.0
    multilateral_snub: float = 0.0
    rice_reserve_release: float = 0.0
    war_demand: float | None = None
    """Russia's war demand from this month on, when the calendar changes it."""
    votes: tuple[tuple[str, str, str], ...] = ()
    """(country, kind, label) of each election or party contest."""
    trade_deal: str | None = None
    rice_price: float | None = None
    tariff: float | None = None
    leadership_changes: tuple[tuple[str, str, float | None], ...] = ()
    """(country, label, the new leader's stance or None) of each scheduled leadership change."""
    notes: tuple[tuple[str, str], ...] = field(default=())
    """(type, label) of each calendar entry and shock, for the event log."""


def inputs_by_step(
    start: str, months: int, calendar: tuple[CalendarEvent, ...], shocks: tuple[Shock, ...]
) -> list[MonthInputs]:
    """The inputs of steps 0 … months (step 0 has none: the initial state already holds them)."""
    collected: list[dict[str, object]] = [{"notes": []} for _ in range(months + 1)]
    items: list[CalendarEvent | Shock] = [*calendar, *shocks]
    for item in items:
        step = step_of(start, item.month)
        if not 1 <= step <= months:
            continue
        month = collected[step]
        notes = month["notes"]
        assert isinstance(notes, list)
        notes.append((item.type, item.label or item.type.replace("_", " ")))
        match item.type:
            case "military_exercise":
                month["exercise"] = True
            case (
                "labour_deployment"
                | "military_cooperation"
                | "multilateral_snub"
                | ("rice_reserve_release")
            ):
                total = month.get(item.type, 0.0)
                assert isinstance(total, float) and item.amount is not None
                month[item.type] = total + item.amount
            case "war_demand":
                month["war_demand"] = item.amount
            case "election" | "party_contest":
                given = month.get("votes", ())
                assert isinstance(given, tuple)
                label = item.label or item.type.replace("_", " ")
                month["votes"] = (*given, (item.country or "", item.type, label))
            case "trade_deal":
                month["trade_deal"] = getattr(item, "outcome", None)
            case "rice_price" | "tariff":
                month[item.type] = getattr(item, "value", None)
            case "leadership_change":
                given = month.get("leadership_changes", ())
                assert isinstance(given, tuple)
                month["leadership_changes"] = (
                    *given,
                    (
                        getattr(item, "country", ""),
                        item.label or "scheduled leadership change",
                        getattr(item, "value", None),
                    ),
                )
            case "summit_window":
                pass  # read by summit_windows()
    result = []
    for month in collected:
        notes = month.pop("notes")
        assert isinstance(notes, list)
        result.append(MonthInputs(notes=tuple(notes), **month))  # type: ignore[arg-type]
    return result


def summit_windows(
    start: str, calendar: tuple[CalendarEvent, ...]
) -> tuple[list[int], list[float], list[str]]:
    """Steps, visibilities and labels of the calendar's summit windows (APEC and the like)."""
    windows = [item for item in calendar if item.type == "summit_window"]
    return (
        [step_of(start, item.month) for item in windows],
        [float(item.visibility or 0.0) for item in windows],
        [item.label or "a summit window" for item in windows],
    )
