"""Resolve a month: what the countries' intentions do to one another.

Called by the month's kernel (:mod:`sim.kernel`) between the decide and update phases. The
month's inputs (calendar and shocks) apply first; then every step reads the observation taken at
the start of the month and the month's intentions, records what happened in the month's
settlement (:mod:`sim.settlement`) and emits the events it causes, with the detail a narrative
needs; no step writes the state or reads another's work, so their order does not matter
(``tests/test_simultaneous.py`` shuffles it). The state then moves once (:func:`settle`).
"""

from collections.abc import Callable, Sequence

from sim.events import Report
from sim.exogenous import apply_inputs
from sim.month import Month
from sim.resolution.diplomacy import (
    alignments,
    china_acts,
    gestures,
    initiatives_and_outreach,
    mediation,
    negotiation,
    russia_acts,
)
from sim.resolution.pressure import provocations, sanctions
from sim.resolution.settle import settle
from sim.resolution.talks import concessions, deliveries, hollow_deals, summits
from sim.state import WorldState

Step = Callable[[Month, WorldState], None]

RESOLUTION_STEPS: tuple[Step, ...] = (
    summits,
    deliveries,
    hollow_deals,
    concessions,
    provocations,
    sanctions,
    mediation,
    gestures,
    initiatives_and_outreach,
    china_acts,
    russia_acts,
    alignments,
    negotiation,
)
"""The month's resolution steps: each reads the observation and the intentions and records what
happened; in any order they record the same facts and the same events."""


def resolve_month(m: Month, obs: WorldState, steps: Sequence[Step] = RESOLUTION_STEPS) -> None:
    """Settle one month for every run: the month's inputs, the steps, then the state moves once."""
    apply_inputs(m)
    for step in steps:
        step(m, obs)
    m.log.settle_month()
    settle(m, obs)


def tell(m: Month, reports: Sequence[Report]) -> None:
    """Tell what the countries' own updates did (leadership changes), in the order they did it."""
    for report in reports:
        m.log.emit(m.step, report.kind, report.actor, report.target, report.where, report.detail)
