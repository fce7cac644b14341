"""The registry of the six countries: every list of countries in neasim derives from it.

ISO 3166 alpha-3 codes, their order on every country axis, display names, and the countries that
hold a veto over tighter UN sanctions (in the order their vetoes are counted). The scenario
schema's actors, the agents, the columns of saved runs and the veto lists all follow this table;
``tests/test_countries.py`` checks that they do.
"""

from dataclasses import dataclass
from typing import Literal

CountryCode = Literal["USA", "PRK", "KOR", "CHN", "RUS", "JPN"]


@dataclass(frozen=True)
class Country:
    """One country of the model."""

    code: CountryCode
    name: str
    """As people say it: "North Korea"."""
    in_sentence: str
    """As it reads inside a sentence: "its trust in the US"."""
    blocks_sanctions: bool = False
    """A permanent member of the UN Security Council that may veto tighter sanctions on North
    Korea (the US, which pushes them, is not counted)."""
    changes_leader: bool = False
    """Its agent carries out its own leadership changes, scheduled ones included (Japan's
    governments fall by its own rules, mechanism 7)."""


REGISTRY: tuple[Country, ...] = (
    Country("USA", "United States", "the US"),
    Country("PRK", "North Korea", "North Korea"),
    Country("KOR", "South Korea", "South Korea"),
    Country("CHN", "China", "China", blocks_sanctions=True),
    Country("RUS", "Russia", "Russia", blocks_sanctions=True),
    Country("JPN", "Japan", "Japan", changes_leader=True),
)
"""The six countries, in the order of every country axis."""

COUNTRIES: tuple[CountryCode, ...] = tuple(country.code for country in REGISTRY)
"""The country axis of every state array, in this order."""

USA, PRK, KOR, CHN, RUS, JPN = range(len(REGISTRY))
"""Indices on the country axis."""

INDEX: dict[str, int] = {code: i for i, code in enumerate(COUNTRIES)}

DISPLAY_NAMES: dict[str, str] = {country.code: country.name for country in REGISTRY}

SHORT_NAMES: dict[str, str] = {country.code: country.in_sentence for country in REGISTRY}
"""Names as they read inside a sentence ("its trust in the US")."""

VETO_HOLDERS: tuple[int, ...] = tuple(
    sorted((INDEX[c.code] for c in REGISTRY if c.blocks_sanctions), reverse=True)
)
"""Indices of the countries that may block tighter sanctions, Russia first (it vetoes most)."""
