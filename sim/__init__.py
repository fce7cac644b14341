"""neasim: an agent-based simulation of Northeast Asian diplomacy."""

from typing import Any

from sim.blas import pin

pin()  # before anything imports numpy: one BLAS kernel on every machine (sim/blas.py)

__version__ = "0.1.0"
__all__ = ["COUNTRIES", "__version__"]


def __getattr__(name: str) -> Any:
    """``sim.COUNTRIES``: the registry's codes (:data:`sim.countries.COUNTRIES`)."""
    if name == "COUNTRIES":
        from sim import countries

        return countries.COUNTRIES
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
