"""The scenario schema: every parameter declared once, with its bounds and one-line meaning.

A scenario is data (never code). The YAML files, ``--set``, the sweep specs and the
parameter table of ``docs/ODD.md`` all read these declarations. Mechanism parameters carry a
default here; a country's initial state has none, because it is a fact about a moment and comes
from the scenario file that describes that moment (``configs/baseline.yaml`` for June 2025).
"""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sim.countries import COUNTRIES, REGISTRY
from sim.parameters.actors import (
    Actor,
    Actors,
    CHNActor,
    Issues,
    JPNActor,
    KORActor,
    PRKActor,
    RUSActor,
    Trust,
    USAActor,
)
from sim.parameters.declare import Frozen, param

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
Month = Annotated[str, Field(pattern=MONTH_PATTERN)]


class World(Frozen):
    """Shared state at the start."""

    sanctions_regime: float = param(
        ...,
        0,
        1,
        "stringency of the UN sanctions regime",
        units="index 0–1",
    )
    us_china_rivalry: float = param(
        ...,
        0,
        1,
        "intensity of US–China rivalry",
        units="index 0–1",
    )
    tension: float = param(
        ...,
        0,
        1,
        "regional tension index (Goldstein-weighted events)",
        units="index 0–1",
    )
    talks_alive: bool = Field(..., description="whether US–North Korea dialogue is alive")
    inter_korean_cooperation: float = param(
        ...,
        0,
        1,
        "inter-Korean economic cooperation",
        units="index 0–1",
    )
    fta_progress: float = param(
        ...,
        0,
        1,
        "progress of the Korea–China–Japan FTA",
        units="share 0–1",
    )


# --- the calendar and shocks ---------------------------------------------------------------------

CalendarType = Literal[
    "summit_window",
    "military_exercise",
    "labour_deployment",
    "military_cooperation",
    "multilateral_snub",
    "rice_reserve_release",
    "war_demand",
    "election",
    "party_contest",
]
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "summit_window": ("visibility",),
    "military_exercise": (),
    "labour_deployment": ("amount",),
    "military_cooperation": ("amount",),
    "multilateral_snub": ("amount",),
    "rice_reserve_release": ("amount",),
    "war_demand": ("amount",),
    "election": ("country",),
    "party_contest": ("country",),
    "trade_deal": ("outcome",),
    "rice_price": ("value",),
    "tariff": ("value",),
    "leadership_change": ("country",),
}


class Dated(Frozen):
    """Something that happens in a given month, whatever the agents do."""

    month: Month
    label: str = ""
    amount: float | None = param(
        None,
        0,
        1,
        "size of the effect",
        units="index 0–1",
    )
    visibility: float | None = param(
        None,
        0,
        1,
        "how visible a stage it offers",
        units="index 0–1",
    )
    actor: str | None = None
    target: str | None = None
    country: str | None = None

    @model_validator(mode="after")
    def _fields_of_its_type(self) -> "Dated":
        kind: str = getattr(self, "type")  # noqa: B009 - set by subclasses
        for name in REQUIRED_FIELDS[kind]:
            if getattr(self, name, None) is None:
                raise ValueError(f"a {kind} needs {name!r}")
        for name in ("actor", "target", "country"):
            code = getattr(self, name, None)
            if code is not None and code not in COUNTRIES:
                raise ValueError(f"{name} {code!r} is not one of {', '.join(COUNTRIES)}")
        return self


class CalendarEvent(Dated):
    """A scheduled event: a summit window (APEC), an exercise, a deployment, a snub, a release."""

    type: CalendarType


class Shock(Dated):
    """An exogenous shock: a trade-negotiation outcome, a price, a tariff, a leadership change."""

    type: Literal["trade_deal", "rice_price", "tariff", "leadership_change"]
    outcome: Literal["success", "failure"] | None = None
    value: float | None = param(
        None,
        0,
        1,
        "the new level; for a leadership change, the new leader's stance toward Pyongyang",
        units="index 0–1",
    )

    @model_validator(mode="after")
    def _stance_where_the_calendar_sets_it(self) -> "Shock":
        if self.type == "leadership_change" and self.value is not None and self.country:
            country = REGISTRY[COUNTRIES.index(self.country)]
            if country.changes_leader:
                raise ValueError(
                    f"value: {self.country}'s new leaders draw their own stance; give none"
                )
        return self


__all__ = [
    "Actor",
    "Actors",
    "CHNActor",
    "CalendarEvent",
    "Frozen",
    "Issues",
    "JPNActor",
    "KORActor",
    "Month",
    "PRKActor",
    "RUSActor",
    "Shock",
    "Trust",
    "USAActor",
    "World",
    "param",
]
