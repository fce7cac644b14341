"""A read-only picture of one run at the end of a month: what the classroom shows and asks about.

The page, ``neasim play`` and the lessons read a :class:`MonthSnapshot`, built from the model's
public state (its state arrays, its month, its event log) by :func:`snapshot`, never the model's
internals; so the model can change its insides without the classroom noticing. Every array of a
snapshot is a copy that cannot be written.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.countries import COUNTRIES, USA
from sim.events import Event
from sim.mechanisms.winsets import AGREEMENT_TYPES
from sim.model import DiplomacyModel
from sim.parameters.table import per_run


def _frozen(values: NDArray[np.float64]) -> NDArray[np.float64]:
    copy = np.array(values, dtype=np.float64)
    copy.flags.writeable = False
    return copy


@dataclass(frozen=True)
class MonthSnapshot:
    """One run at the end of month ``step`` (0: the start, before any month is played).

    Attributes
    ----------
    step, months
        Months played so far, and the scenario's length.
    month
        ``YYYY-MM`` of the next month to be played (as the model's ``month``).
    trust
        (6, 6) how far each country trusts each other (row trusts column), in the order of
        :data:`sim.countries.COUNTRIES`.
    leverage, pressure
        (6,) each country's leverage and domestic pressure.
    talks_alive
        Whether US–North Korea talks are under way.
    tension
        Regional tension, 0 (calm) to 1.
    agreement
        The agreement in force (``none``, ``declaratory``, ``freeze_for_relief``,
        ``disarmament_step``).
    offer_nuclear, offer_relief
        The US's standing offer: how far it asks North Korea to go first on the nuclear issue (0:
        denuclearization first), and the sanctions relief it promises (0 to 1).
    offer_freeze_first
        Whether that offer asks only for a freeze first (nuclear terms at or past the freeze point).
    events
        This month's events, in the order they happened.
    """

    step: int
    months: int
    month: str
    trust: NDArray[np.float64]
    leverage: NDArray[np.float64]
    pressure: NDArray[np.float64]
    talks_alive: bool
    tension: float
    agreement: str
    offer_nuclear: float
    offer_relief: float
    offer_freeze_first: bool
    events: tuple[Event, ...]

    def index(self, code: str) -> int:
        """The row of country ``code`` in the arrays."""
        return COUNTRIES.index(code)

    @property
    def finished(self) -> bool:
        """Whether the scenario's last month has been played."""
        return self.step >= self.months


def snapshot(model: DiplomacyModel, run: int = 0) -> MonthSnapshot:
    """Run ``run`` of ``model`` as it stands now, copied and read-only."""
    s = model.state
    freeze = float(per_run(model.params.mechanisms.winsets.freeze_point)[run])
    nuclear = float(s.offer_nuclear[run, USA])
    return MonthSnapshot(
        step=int(model.t),
        months=int(model.months),
        month=model.month,
        trust=_frozen(s.trust[run]),
        leverage=_frozen(s.leverage[run]),
        pressure=_frozen(s.pressure[run]),
        talks_alive=bool(s.talks_alive[run]),
        tension=float(s.tension[run]),
        agreement=AGREEMENT_TYPES[int(s.agreement[run])],
        offer_nuclear=nuclear,
        offer_relief=float(s.offer_relief[run, USA]),
        offer_freeze_first=nuclear >= freeze,
        events=tuple(e for e in model.log.for_run(run) if e.step == model.t),
    )
