"""Resolve a month: what the countries' intentions do to one another.

Called by :class:`sim.model.DiplomacyModel` between the decide and update phases. Every function
here reads the observation taken at the start of the month for decisions and writes the state;
each emits the events it causes, with the detail a narrative needs.
"""

from collections.abc import Sequence

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
from sim.resolution.talks import concessions, deliveries, hollow_deals, summits
from sim.state import WorldState


def resolve_month(m: Month, obs: WorldState) -> None:
    """Settle one month for every run, in a fixed order."""
    apply_inputs(m)
    summits(m, obs)
    deliveries(m, obs)
    hollow_deals(m, obs)
    concessions(m, obs)
    provocations(m, obs)
    sanctions(m, obs)
    mediation(m, obs)
    gestures(m, obs)
    initiatives_and_outreach(m, obs)
    china_acts(m, obs)
    russia_acts(m, obs)
    alignments(m)
    negotiation(m, obs)


def tell(m: Month, reports: Sequence[Report]) -> None:
    """Tell what the countries' own updates did (leadership changes), in the order they did it."""
    for report in reports:
        m.log.emit(m.step, report.kind, report.actor, report.target, report.where, report.detail)
