"""The Country base class: a Mesa agent that acts on all R runs at once.

The schedule is simultaneous (observe → decide → resolve → update): in ``decide`` a country reads
the month's observation and returns its intentions (a frozen record, :mod:`sim.intentions`); the
month's resolution settles them against one another; in ``update`` the country moves its own
state from the observation taken at the start of the month, the intentions and the month's
outcome. So the order in which countries act never matters.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import numpy as np
from numpy.typing import NDArray

from sim.countries import INDEX
from sim.events import Report
from sim.intentions import Intention, Intentions, MonthOutcome, decision_names
from sim.month import Now
from sim.parameters.mechanisms import Mechanisms
from sim.parameters.schema import Actor, World
from sim.parameters.table import Switches
from sim.state import WorldState

if TYPE_CHECKING:
    from sim.model import DiplomacyModel

Controller = Callable[["Country", dict[str, NDArray[Any]]], Mapping[str, NDArray[Any]]]
"""Chooses a country's decisions instead of it: given the country and the decisions it just
wrote (by key), returns the values to use for some of those keys (``neasim play``)."""


class Country(mesa.Agent):  # type: ignore[misc]  # Mesa ships no type information
    """One country of the registry, for every run of the batch."""

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
        self.world: World = model.params.world
        """The world's parameters (shared knowledge), each an (R,) array."""

    def decide(self, obs: WorldState, now: Now) -> Intention:
        """This month's intentions, from the observation."""
        raise NotImplementedError

    def act(self, obs: WorldState, now: Now) -> Intention:
        """Decide; then, if a controller plays this country, use its values for the decisions."""
        intent = self.decide(obs, now)
        if self.controller is None:
            return intent
        mine = {name: getattr(intent, name) for name in decision_names(intent)}
        chosen = self.controller(self, mine)
        if unknown := set(chosen) - set(mine):
            raise KeyError(f"{self.code} makes no decision named {sorted(unknown)}")
        return replace(intent, **chosen)

    def update(
        self, obs: WorldState, now: Now, intents: Intentions, outcome: MonthOutcome
    ) -> Sequence[Report]:
        """Move this country's own state at the end of the month; return what the log should tell.

        ``obs`` is the observation taken at the start of the month; the live state is
        :attr:`state`.
        """
        return ()

    def derived_pressure(self, state: WorldState) -> NDArray[np.float64] | None:
        """This country's domestic pressure where it follows from its other states, else None.

        A country whose pressure is declared (a leader facing votes: the US, South Korea, Japan)
        moves it in :meth:`update`; the others derive it, before the first month and in each
        update.
        """
        return None

    @property
    def state(self) -> WorldState:
        """The current state of the batch."""
        return self.model.state
