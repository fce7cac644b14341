"""The Country base class: a Mesa agent that acts on all R runs at once.

The schedule is simultaneous (observe → decide → resolve → update): in ``decide`` a country reads
the month's observation and states its intentions in ``model.decisions``; the model resolves the
interactions; in ``update`` the country moves its own state, reading others' only from the
observation taken at the start of the month. So the order in which countries act never matters.
"""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import numpy as np
from numpy.typing import NDArray

from sim.countries import INDEX
from sim.state import WorldState

if TYPE_CHECKING:
    from sim.model import DiplomacyModel

Controller = Callable[["Country", dict[str, NDArray[Any]]], Mapping[str, NDArray[Any]]]
"""Chooses a country's decisions instead of it: given the country and the decisions it just
wrote (by key), returns the values to use for some of those keys (``neasim play``)."""


class Country(mesa.Agent):
    """One of the six countries, for every run of the batch."""

    code: ClassVar[str] = ""
    model: "DiplomacyModel"

    def __init__(self, model: "DiplomacyModel") -> None:
        super().__init__(model)
        self.index = INDEX[self.code]
        self.controller: Controller | None = None

    def param(self, name: str) -> NDArray[np.float64]:
        """This country's parameter ``actors.<code>.<name>`` as an (R,) array."""
        return self.model.params[f"actors.{self.code}.{name}"]

    def mechanism(self, key: str) -> NDArray[np.float64]:
        """A mechanism parameter ``mechanisms.<key>`` as an (R,) array."""
        return self.model.params[f"mechanisms.{key}"]

    def draw(self, slot: str) -> NDArray[np.float64]:
        """This month's uniform draws of a decision slot, one per run."""
        return self.model.draw(slot)

    def decide(self, obs: WorldState) -> None:
        """State this month's intentions in ``self.model.decisions``."""

    def act(self, obs: WorldState) -> None:
        """Decide; then, if a controller plays this country, use its values for the decisions."""
        before = set(self.model.decisions)
        self.decide(obs)
        if self.controller is None:
            return
        mine = {k: v for k, v in self.model.decisions.items() if k not in before}
        chosen = self.controller(self, mine)
        if unknown := set(chosen) - set(mine):
            raise KeyError(f"{self.code} makes no decision named {sorted(unknown)}")
        self.model.decisions.update(chosen)

    def update(self, obs: WorldState) -> None:
        """Move this country's own state at the end of the month."""

    @property
    def state(self) -> WorldState:
        """The current state of the batch."""
        return self.model.state
