"""The countries' agents, one module each; all derive from :class:`sim.agents.base.Country`."""

from sim.agents.base import Country
from sim.agents.chn import China
from sim.agents.jpn import Japan
from sim.agents.kor import SouthKorea
from sim.agents.prk import NorthKorea
from sim.agents.rus import Russia
from sim.agents.usa import UnitedStates
from sim.countries import REGISTRY, resolve


def _agent_class(path: str) -> type[Country]:
    found = resolve(path)
    if not (isinstance(found, type) and issubclass(found, Country)):
        raise TypeError(f"{path} is not a Country agent class")
    return found


COUNTRY_CLASSES: tuple[type[Country], ...] = tuple(_agent_class(c.agent) for c in REGISTRY)
"""One class per country, in the order of :data:`sim.countries.COUNTRIES`."""

__all__ = [
    "COUNTRY_CLASSES",
    "China",
    "Country",
    "Japan",
    "NorthKorea",
    "Russia",
    "SouthKorea",
    "UnitedStates",
]
