"""The registry of countries: every list of countries in neasim derives from it.

ISO 3166 alpha-3 codes, their order on every country axis, display names, colours, the agent
class and the parameter class of each country, and the countries that hold a veto over tighter
UN sanctions (in the order their vetoes are counted). The scenario schema's actors and trust, the
agents, the intentions of a month, the columns of saved runs, the figures' colours and the veto
lists all follow this table.

A country joins the model with its registry entry (:func:`register`, before any other part of
neasim is imported), its agent module, its parameter class and its block in the scenario.
"""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Country:
    """One country of the model."""

    code: str
    """ISO 3166 alpha-3."""
    name: str
    """As people say it: "North Korea"."""
    in_sentence: str
    """As it reads inside a sentence: "its trust in the US"."""
    colour: str
    """Its colour in every figure."""
    agent: str
    """Its agent class, as ``module:Class`` (a :class:`sim.agents.base.Country`)."""
    parameters: str
    """Its parameter class, as ``module:Class`` (a :class:`sim.parameters.actors.Actor`)."""
    blocks_sanctions: bool = False
    """A permanent member of the UN Security Council that may veto tighter sanctions on North
    Korea (the US, which pushes them, is not counted)."""
    sponsors_sanctions: bool = False
    """A country that drafts or co-sponsors the Security Council's sanctions resolutions on North
    Korea (the US drafts them; Japan and South Korea co-sponsored 2017's): a veto holder's vote
    reads its trust in them."""
    changes_leader: bool = False
    """Its agent carries out its own leadership changes, scheduled ones included (Japan's
    governments fall by its own rules, mechanism 7)."""
    formal_name: str = ""
    """As it is named formally, when that differs from its name ("the United States")."""
    block: str = ""
    """A YAML file with its block of every scenario (``actors.<code>``, others' trust in it),
    beneath what a scenario states itself; none for the countries the bundled scenarios hold."""

    @property
    def formal(self) -> str:
        """Its formal name ("the United States"), else its name."""
        return self.formal_name or self.name


def _built_in(
    code: str, name: str, in_sentence: str, colour: str, agent: str, **kw: Any
) -> Country:
    module = code.lower()
    return Country(
        code,
        name,
        in_sentence,
        colour,
        f"sim.agents.{module}:{agent}",
        f"sim.parameters.actors:{code}Actor",
        **kw,
    )


# Colours: the Okabe–Ito palette, readable by colour-blind viewers.
REGISTRY: tuple[Country, ...] = (
    _built_in(
        "USA",
        "United States",
        "the US",
        "#0072B2",
        "UnitedStates",
        formal_name="the United States",
        sponsors_sanctions=True,
    ),
    _built_in("PRK", "North Korea", "North Korea", "#D55E00", "NorthKorea"),
    _built_in(
        "KOR", "South Korea", "South Korea", "#009E73", "SouthKorea", sponsors_sanctions=True
    ),
    _built_in("CHN", "China", "China", "#CC79A7", "China", blocks_sanctions=True),
    _built_in("RUS", "Russia", "Russia", "#222222", "Russia", blocks_sanctions=True),
    _built_in(
        "JPN", "Japan", "Japan", "#E69F00", "Japan", changes_leader=True, sponsors_sanctions=True
    ),
)
"""The countries, in the order of every country axis."""

USA, PRK, KOR, CHN, RUS, JPN = range(6)
"""Indices of the six countries the mechanisms name, on the country axis (others come after)."""

COUNTRIES: tuple[str, ...] = ()
"""The country axis of every state array, in this order."""

INDEX: dict[str, int] = {}
DISPLAY_NAMES: dict[str, str] = {}
SHORT_NAMES: dict[str, str] = {}
"""Names as they read inside a sentence ("its trust in the US")."""
COLOURS: dict[str, str] = {}
"""Each country's colour in every figure."""
VETO_HOLDERS: tuple[int, ...] = ()
"""Indices of the countries that may block tighter sanctions, Russia first (it vetoes most)."""
SANCTIONS_SPONSORS: tuple[int, ...] = ()
"""Indices of the countries that draft or co-sponsor sanctions resolutions, in registry order."""


def _derive() -> None:
    global COUNTRIES, INDEX, DISPLAY_NAMES, SHORT_NAMES, COLOURS, VETO_HOLDERS, SANCTIONS_SPONSORS
    COUNTRIES = tuple(country.code for country in REGISTRY)
    INDEX = {code: i for i, code in enumerate(COUNTRIES)}
    DISPLAY_NAMES = {country.code: country.name for country in REGISTRY}
    SHORT_NAMES = {country.code: country.in_sentence for country in REGISTRY}
    COLOURS = {country.code: country.colour for country in REGISTRY}
    VETO_HOLDERS = tuple(
        sorted((INDEX[c.code] for c in REGISTRY if c.blocks_sanctions), reverse=True)
    )
    SANCTIONS_SPONSORS = tuple(INDEX[c.code] for c in REGISTRY if c.sponsors_sanctions)


_derive()

_DERIVED_ELSEWHERE = ("sim.parameters.actors", "sim.agents", "sim.state")


def register(country: Country) -> None:
    """Add a country to the registry, after the others on every country axis.

    Everything else derives from the registry when it is imported, so this must run first.
    """
    if loaded := [name for name in _DERIVED_ELSEWHERE if name in sys.modules]:
        raise RuntimeError(f"register {country.code} before importing {', '.join(loaded)}")
    if country.code in INDEX:
        raise ValueError(f"{country.code} is already a country of the model")
    global REGISTRY
    REGISTRY = (*REGISTRY, country)
    _derive()


def blocks() -> dict[str, Any]:
    """The registry's scenario blocks, merged: what every scenario holds beneath its own values."""
    from sim.parameters.yaml_input import read_mapping
    from sim.scenario import merge

    merged: dict[str, Any] = {}
    for country in REGISTRY:
        if country.block:
            merged = merge(merged, read_mapping(Path(country.block)))
    return merged


def resolve(path: str) -> object:
    """The object a ``module:name`` path names (a registry entry's agent or parameter class)."""
    from importlib import import_module

    module, _, name = path.partition(":")
    return getattr(import_module(module), name)
