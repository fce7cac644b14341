"""neasim: an agent-based simulation of Northeast Asian diplomacy."""

from sim.countries import COUNTRIES

__version__ = "0.1.0"
__all__ = ["COUNTRIES", "__version__"]
