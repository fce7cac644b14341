"""The countries' parameters: what every country has, and each country's own levers.

The trust block and the actors of a scenario follow the registry (:mod:`sim.countries`): a trust
value toward every other country, and one block per country, of its parameter class.
"""

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import create_model, model_validator

from sim.countries import COUNTRIES, REGISTRY, resolve
from sim.parameters.declare import Frozen, param
from sim.parameters.priors import TruncNormal

TRUST_PRIOR = TruncNormal(
    0.1, why="a belief read from a year of events: the scenario's value ± 0.1"
)
"""Prior of an initial trust: centred on the scenario's value (its file says which facts set it)."""
STANCE_PRIOR = TruncNormal(0.1, why="a judgement of the scenario's date: its value ± 0.1")
"""Prior of an initial position, salience, pressure or need: centred on the scenario's value."""


class Issues(Frozen):
    """A value on each issue dimension (docs/specification.md, Agents)."""

    nuclear: float = param(
        ...,
        0,
        1,
        "0 = denuclearization first … 1 = accepted nuclear state",
        units="scale 0–1",
        prior=STANCE_PRIOR,
    )
    sanctions: float = param(
        ...,
        0,
        1,
        "0 = maximum pressure … 1 = full sanctions relief",
        units="scale 0–1",
        prior=STANCE_PRIOR,
    )


def _trust_model() -> type[Frozen]:
    fields: dict[str, Any] = {
        c.code: (
            float | None,
            param(
                None,
                0,
                1,
                f"trust in {c.formal}",
                units="probability",
                prior=TRUST_PRIOR,
            ),
        )
        for c in REGISTRY
    }
    return create_model(
        "Trust",
        __base__=Frozen,
        __doc__="Trust towards each other country: the belief it will reciprocate (Kydd 2000).",
        __module__=__name__,
        **fields,
    )


if TYPE_CHECKING:

    class Trust(Frozen):
        """Trust towards each other country, by code (one field per country of the registry)."""

        def __getattr__(self, code: str) -> float | None:
            """Trust in the country ``code``."""

else:
    Trust = _trust_model()


def _domestic_pressure() -> Any:
    """The declaration of a leader's pressure at home, for the countries whose politics vote.

    China's, North Korea's and Russia's pressure is not declared: it follows from their other
    states (:meth:`sim.agents.base.Country.derived_pressure`).
    """
    return param(
        ...,
        0,
        1,
        "how hard domestic politics pushes the leader",
        units="index 0–1",
        prior=STANCE_PRIOR,
    )


class Actor(Frozen):
    """What every country has. Subclasses add each country's own levers."""

    code: ClassVar[str] = ""

    trust: Trust
    capability: float = param(
        ...,
        0,
        1,
        "material bargaining power, before outside options",
        units="index 0–1",
    )
    position: Issues
    salience: Issues

    @model_validator(mode="after")
    def _trust_in_every_other_country(self) -> "Actor":
        own = getattr(self.trust, self.code)
        if own is not None:
            raise ValueError(f"trust.{self.code}: a country's trust in itself is not a parameter")
        for other in COUNTRIES:
            if other != self.code and getattr(self.trust, other) is None:
                raise ValueError(f"trust.{other}: missing (trust in every other country is needed)")
        return self


class Negotiator(Actor):
    """A side of the US–North Korea talks: the win-set it can sign (mechanism 10)."""

    winset_width: float = param(
        ...,
        0,
        1,
        "half-width of its acceptable range on each issue",
        units="position 0–1",
    )
    winset_sensitivity: float = param(
        ...,
        -1,
        1,
        "change of that half-width per unit of domestic pressure (Putnam 1988)",
        units="position per unit of pressure",
    )


class TradePartner(Actor):
    """A country that trades with North Korea: the sanctions it enforces bite there (mechanism 5).

    The others have no trade with Pyongyang, so how strictly they enforce changes nothing.
    """

    enforcement: float = param(
        ...,
        0,
        1,
        "how strictly it enforces UN sanctions on North Korea",
        units="index 0–1",
    )
    prk_trade_share: float = param(
        ...,
        0,
        1,
        "its share of North Korea's external trade",
        units="share 0–1",
    )


class USAActor(Negotiator):
    """The United States: showmanship and what it puts on the table."""

    code: ClassVar[str] = "USA"
    domestic_pressure: float = _domestic_pressure()
    upfront_relief: float = param(
        ...,
        0,
        1,
        "sanctions relief the US offers upfront with a summit",
        units="sanctions index 0–1",
    )
    hawkishness: float = param(
        ...,
        0,
        1,
        "how readily the administration turns to pressure when refused",
        units="index 0–1",
    )
    delivery_propensity: float = param(
        ...,
        0,
        1,
        "monthly chance the US delivers a promised tangible reward",
        units="probability per month",
    )


class PRKActor(Negotiator):
    """North Korea: relief need, the concession threshold, regime security."""

    code: ClassVar[str] = "PRK"
    relief_need: float = param(
        ...,
        0,
        1,
        "how badly it needs sanctions relief",
        units="index 0–1",
        prior=STANCE_PRIOR,
    )
    deterrent: float = param(
        ...,
        0,
        1,
        "how complete it judges its nuclear deterrent (1 = a finished force)",
        units="index 0–1",
    )
    concession_threshold: float = param(
        ...,
        0,
        1,
        "trust in the US below which it never makes the first concession",
        units="trust 0–1",
    )
    security_threshold: float = param(
        ...,
        0,
        1,
        "regime security above which it engages and provokes less",
        units="security 0–1",
    )


class KORActor(Actor):
    """South Korea: regional leadership, pragmatism, mediation."""

    code: ClassVar[str] = "KOR"
    domestic_pressure: float = _domestic_pressure()
    leadership: float = param(
        ...,
        0,
        1,
        "its diplomatic leadership in the region",
        units="index 0–1",
    )
    pragmatism: float = param(
        ...,
        0,
        1,
        "how pragmatic (vs bloc-bound) its president's diplomacy is (a new president's may differ)",
        units="index 0–1",
    )
    mediation: float = param(
        ...,
        0,
        1,
        "monthly chance it mediates between the US and North Korea",
        units="probability per month",
    )


class CHNActor(TradePartner):
    """China: its response to the North Korea–Russia alignment, its UN vote."""

    code: ClassVar[str] = "CHN"
    reengagement: float = param(
        ...,
        0,
        1,
        "response to PRK–RUS ties: 0 = distance itself … 1 = compete for influence",
        units="index 0–1",
    )
    block_tightening: float = param(
        ...,
        0,
        1,
        "chance it vetoes a tighter UN sanctions regime",
        units="probability per vote",
    )


class RUSActor(TradePartner):
    """Russia: the lifeline to North Korea."""

    code: ClassVar[str] = "RUS"
    flows_to_prk: float = param(
        ...,
        0,
        1,
        "labour, food, tourism and trade flows to North Korea",
        units="index 0–1",
    )
    military_cooperation: float = param(
        ...,
        0,
        1,
        "North Korea–Russia military cooperation",
        units="index 0–1",
    )
    block_tightening: float = param(
        ...,
        0,
        1,
        "chance it vetoes a tighter UN sanctions regime",
        units="probability per vote",
    )
    war_demand: float = param(
        ...,
        0,
        1,
        "what its war needs from North Korea (labour, munitions, troops)",
        units="index 0–1",
    )


class JPNActor(Actor):
    """Japan: rice prices, tariffs, government support."""

    code: ClassVar[str] = "JPN"
    domestic_pressure: float = _domestic_pressure()
    rice_price: float = param(
        ...,
        0,
        1,
        "rice price index (0 = normal … 1 = worst on record)",
        units="index 0–1",
    )
    tariff: float = param(
        ...,
        0,
        1,
        "US tariff burden on Japanese exports (0 = none … 1 = severe)",
        units="index 0–1",
    )
    support: float = param(
        ...,
        0,
        1,
        "approval of the government",
        units="share 0–1",
    )
    dovishness: float = param(
        ...,
        0,
        1,
        "the prime minister's stance toward Pyongyang (0 = hawk … 1 = dove)",
        units="index 0–1",
    )
    outreach: float = param(
        ...,
        0,
        1,
        "progress of outreach to North Korea (talks, liaison office)",
        units="index 0–1",
    )


def _actors_model() -> type[Frozen]:
    fields: dict[str, Any] = {c.code: (resolve(c.parameters), ...) for c in REGISTRY}
    return create_model(
        "Actors",
        __base__=Frozen,
        __doc__="The countries of the registry, by ISO 3166 alpha-3 code.",
        __module__=__name__,
        **fields,
    )


if TYPE_CHECKING:

    class Actors(Frozen):
        """The countries of the registry (for the type checker: the six the mechanisms name)."""

        USA: USAActor
        PRK: PRKActor
        KOR: KORActor
        CHN: CHNActor
        RUS: RUSActor
        JPN: JPNActor

        def __getattr__(self, code: str) -> Actor:
            """The parameters of the country ``code``."""

else:
    Actors = _actors_model()
