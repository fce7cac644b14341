"""The Country base class: a Mesa agent that acts on all R runs at once.

The schedule is simultaneous (observe → decide → resolve → update): in ``decide`` a country reads
the month's observation and returns its intentions (a frozen record, :mod:`sim.intentions`); the
month's resolution settles them against one another; in ``update`` the country moves its own
state from the observation taken at the start of the month, the intentions and the month's
outcome. So the order in which countries act never matters.
"""

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import numpy as np
from numpy.typing import NDArray

from sim.countries import INDEX
from sim.intentions import Intention, Intentions, MonthOutcome, decision_names
from sim.parameters.mechanisms import Mechanisms
from sim.parameters.schema import Actor
from sim.parameters.table import Switches
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
        self.own: Actor = model.params.actor(self.index)
        """This country's parameters (``actors.<code>``), each an (R,) array."""
        self.mechanisms: Mechanisms = model.params.mechanisms
        """The mechanisms' parameters, each an (R,) array."""
        self.on: Switches = model.params.on
        """Where each mechanism is switched on, per run."""

    def draw(self, slot: str) -> NDArray[np.float64]:
        """This month's uniform draws of a decision slot, one per run."""
        return self.model.draw(slot)

    def decide(self, obs: WorldState) -> Intention:
        """This month's intentions, from the observation."""
        raise NotImplementedError

    def act(self, obs: WorldState) -> Intention:
        """Decide; then, if a controller plays this country, use its values for the decisions."""
        intent = self.decide(obs)
        if self.controller is None:
            return intent
        mine = {name: getattr(intent, name) for name in decision_names(intent)}
        chosen = self.controller(self, mine)
        if unknown := set(chosen) - set(mine):
            raise KeyError(f"{self.code} makes no decision named {sorted(unknown)}")
        return replace(intent, **chosen)  # type: ignore[arg-type]

    def update(self, obs: WorldState, intents: Intentions, outcome: MonthOutcome) -> None:
        """Move this country's own state at the end of the month."""

    @property
    def state(self) -> WorldState:
        """The current state of the batch."""
        return self.model.state
