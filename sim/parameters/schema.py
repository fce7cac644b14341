"""The scenario schema: every parameter declared once, with its bounds and one-line meaning.

A scenario is data (never code). The YAML files, ``--set``, the sweep specs and the
parameter table of ``docs/ODD.md`` all read these declarations. Mechanism parameters carry a
default here; a country's initial state has none, because it is a fact about a moment and comes
from the scenario file that describes that moment (``configs/baseline.yaml`` for June 2025).
"""

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.countries import COUNTRIES
from sim.parameters.priors import Prior, TruncNormal

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
Month = Annotated[str, Field(pattern=MONTH_PATTERN)]

TRUST_PRIOR = TruncNormal(
    0.1, why="a belief read from a year of events: the scenario's value ± 0.1"
)
"""Prior of an initial trust: centred on the scenario's value (its file says which facts set it)."""
STANCE_PRIOR = TruncNormal(0.1, why="a judgement of the scenario's date: its value ± 0.1")
"""Prior of an initial position, salience, pressure or need: centred on the scenario's value."""


def param(
    default: Any,
    low: float,
    high: float,
    meaning: str,
    source: str = "",
    prior: Prior | None = None,
) -> Any:
    """Declare a numeric parameter: default (``...`` if required), inclusive bounds, meaning.

    ``prior``: what is believed about it before calibration (:mod:`sim.parameters.priors`); when
    None, :func:`sim.parameters.priors.default_prior` gives it one from its source.
    """
    extra: dict[str, Any] = {"source": source, "prior": prior}
    return Field(default, ge=low, le=high, description=meaning, json_schema_extra=extra)


class Frozen(BaseModel):
    """Base of every schema model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- the countries -----------------------------------------------------------------------------


class Issues(Frozen):
    """A value on each issue dimension (docs/specification.md, Agents)."""

    nuclear: float = param(
        ...,
        0,
        1,
        "0 = denuclearization first … 1 = accepted nuclear state",
        prior=STANCE_PRIOR,
    )
    sanctions: float = param(
        ...,
        0,
        1,
        "0 = maximum pressure … 1 = full sanctions relief",
        prior=STANCE_PRIOR,
    )


class Trust(Frozen):
    """Trust towards each other country: the belief that it will reciprocate (Kydd 2000)."""

    USA: float | None = param(
        None,
        0,
        1,
        "trust in the United States",
        prior=TRUST_PRIOR,
    )
    PRK: float | None = param(
        None,
        0,
        1,
        "trust in North Korea",
        prior=TRUST_PRIOR,
    )
    KOR: float | None = param(
        None,
        0,
        1,
        "trust in South Korea",
        prior=TRUST_PRIOR,
    )
    CHN: float | None = param(
        None,
        0,
        1,
        "trust in China",
        prior=TRUST_PRIOR,
    )
    RUS: float | None = param(
        None,
        0,
        1,
        "trust in Russia",
        prior=TRUST_PRIOR,
    )
    JPN: float | None = param(
        None,
        0,
        1,
        "trust in Japan",
        prior=TRUST_PRIOR,
    )


class Actor(Frozen):
    """What every country has. Subclasses add each country's own levers."""

    code: ClassVar[str] = ""

    trust: Trust
    capability: float = param(..., 0, 1, "material bargaining power, before outside options")
    domestic_pressure: float = param(
        ...,
        0,
        1,
        "how hard domestic politics pushes the leader",
        prior=STANCE_PRIOR,
    )
    position: Issues
    salience: Issues
    enforcement: float = param(..., 0, 1, "how strictly it enforces UN sanctions on North Korea")
    prk_trade_share: float = param(..., 0, 1, "its share of North Korea's external trade")
    winset_width: float = param(..., 0, 1, "half-width of its acceptable range on each issue")
    winset_sensitivity: float = param(
        ..., -1, 1, "change of that half-width per unit of domestic pressure (Putnam 1988)"
    )

    @model_validator(mode="after")
    def _trust_in_every_other_country(self) -> "Actor":
        own = getattr(self.trust, self.code)
        if own is not None:
            raise ValueError(f"trust.{self.code}: a country's trust in itself is not a parameter")
        for other in COUNTRIES:
            if other != self.code and getattr(self.trust, other) is None:
                raise ValueError(f"trust.{other}: missing (trust in every other country is needed)")
        return self


class USAActor(Actor):
    """The United States: showmanship and what it puts on the table."""

    code: ClassVar[str] = "USA"
    upfront_relief: float = param(..., 0, 1, "sanctions relief the US offers upfront with a summit")
    hawkishness: float = param(
        ..., 0, 1, "how readily the administration turns to pressure when refused"
    )
    delivery_propensity: float = param(
        ..., 0, 1, "monthly chance the US delivers a promised tangible reward"
    )


class PRKActor(Actor):
    """North Korea: relief need, the concession threshold, regime security."""

    code: ClassVar[str] = "PRK"
    relief_need: float = param(
        ...,
        0,
        1,
        "how badly it needs sanctions relief",
        prior=STANCE_PRIOR,
    )
    deterrent: float = param(
        ..., 0, 1, "how complete it judges its nuclear deterrent (1 = a finished force)"
    )
    concession_threshold: float = param(
        ..., 0, 1, "trust in the US below which it never makes the first concession"
    )
    security_threshold: float = param(
        ..., 0, 1, "regime security above which it engages and provokes less"
    )


class KORActor(Actor):
    """South Korea: regional leadership, pragmatism, mediation."""

    code: ClassVar[str] = "KOR"
    leadership: float = param(..., 0, 1, "its diplomatic leadership in the region")
    pragmatism: float = param(..., 0, 1, "how pragmatic (vs bloc-bound) its diplomacy is")
    mediation: float = param(..., 0, 1, "monthly chance it mediates between the US and North Korea")


class CHNActor(Actor):
    """China: its response to the North Korea–Russia alignment, its UN vote."""

    code: ClassVar[str] = "CHN"
    reengagement: float = param(
        ..., 0, 1, "response to PRK–RUS ties: 0 = distance itself … 1 = compete for influence"
    )
    block_tightening: float = param(..., 0, 1, "chance it vetoes a tighter UN sanctions regime")


class RUSActor(Actor):
    """Russia: the lifeline to North Korea."""

    code: ClassVar[str] = "RUS"
    flows_to_prk: float = param(..., 0, 1, "labour, food, tourism and trade flows to North Korea")
    military_cooperation: float = param(..., 0, 1, "North Korea–Russia military cooperation")
    block_tightening: float = param(..., 0, 1, "chance it vetoes a tighter UN sanctions regime")
    war_demand: float = param(
        ..., 0, 1, "what its war needs from North Korea (labour, munitions, troops)"
    )


class JPNActor(Actor):
    """Japan: rice prices, tariffs, government support."""

    code: ClassVar[str] = "JPN"
    rice_price: float = param(..., 0, 1, "rice price index (0 = normal … 1 = worst on record)")
    tariff: float = param(..., 0, 1, "US tariff burden on Japanese exports (0 = none … 1 = severe)")
    support: float = param(..., 0, 1, "approval of the government")
    dovishness: float = param(
        ..., 0, 1, "the prime minister's stance toward Pyongyang (0 = hawk … 1 = dove)"
    )
    outreach: float = param(
        ..., 0, 1, "progress of outreach to North Korea (talks, liaison office)"
    )


class Actors(Frozen):
    """The six countries, by ISO 3166 alpha-3 code."""

    USA: USAActor
    PRK: PRKActor
    KOR: KORActor
    CHN: CHNActor
    RUS: RUSActor
    JPN: JPNActor


class World(Frozen):
    """Shared state at the start."""

    sanctions_regime: float = param(..., 0, 1, "stringency of the UN sanctions regime")
    us_china_rivalry: float = param(..., 0, 1, "intensity of US–China rivalry")
    tension: float = param(..., 0, 1, "regional tension index (Goldstein-weighted events)")
    talks_alive: bool = Field(..., description="whether US–North Korea dialogue is alive")
    inter_korean_cooperation: float = param(..., 0, 1, "inter-Korean economic cooperation")
    fta_progress: float = param(..., 0, 1, "progress of the Korea–China–Japan FTA")


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
    amount: float | None = param(None, 0, 1, "size of the effect")
    visibility: float | None = param(None, 0, 1, "how visible a stage it offers")
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
    value: float | None = param(None, 0, 1, "the new level")
