"""The six countries, one module each; all derive from :class:`sim.agents.base.Country`."""

from sim.agents.base import Country
from sim.agents.chn import China
from sim.agents.jpn import Japan
from sim.agents.kor import SouthKorea
from sim.agents.prk import NorthKorea
from sim.agents.rus import Russia
from sim.agents.usa import UnitedStates

COUNTRY_CLASSES: tuple[type[Country], ...] = (
    UnitedStates,
    NorthKorea,
    SouthKorea,
    China,
    Russia,
    Japan,
)
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
