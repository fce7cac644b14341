"""The month's kernel: observe, decide, resolve, update, and the world's tallies.

Each month is simultaneous. **Observe**: the state is copied, and every country reads that copy.
**Decide**: each country states its intentions from it (a frozen record, :mod:`sim.intentions`).
**Resolve**: the month's calendar and shocks apply, and the model settles what the intentions do
to one another — summits, deals, concessions, provocations, sanctions, mediation, outreach
(:mod:`sim.resolution`): every step reads the observation and the intentions and records facts;
the state then moves once from them. **Update**: each country moves its own state from the
observation, the intentions and the month's outcome; what it did that the log should tell,
resolution tells.
**Tally**: the world's quantities — expectations, memories, tension, trust's drift — move last.
Activation order never matters.
"""

from collections.abc import Sequence

from sim.agents.base import Country
from sim.events import EventLog
from sim.intentions import Intentions, MonthOutcome, UnitedStatesIntentions
from sim.mechanisms.provocation import expectations_update, fade
from sim.mechanisms.tension import tension_update
from sim.mechanisms.trust import revert
from sim.month import Month, Now
from sim.parameters.table import ParamTable, per_run
from sim.resolution import resolve_month, tell
from sim.state import WorldState


def simulate_month(
    now: Now,
    state: WorldState,
    params: ParamTable,
    log: EventLog,
    venue: str,
    countries: Sequence[Country],
) -> MonthOutcome:
    """Simulate one month of every run, writing ``state`` and ``log``; return its outcome."""
    observed = state.copy()
    intents = Intentions({country.code: country.act(observed, now) for country in countries})
    outcome = MonthOutcome(now.n_runs)
    month = Month(now, params, log, venue, state, intents, outcome)
    resolve_month(month, observed)
    reports = [report for c in countries for report in c.update(observed, now, intents, outcome)]
    tell(month, reports)
    tally_world(month, observed)
    return outcome


def tally_world(m: Month, obs: WorldState) -> None:
    """Move the world's quantities at the end of the month.

    Expectations of talks, the memories of breakdowns, tightenings and proposals, tension from the
    month's events, trust's drift back to its base rate (mechanisms 13 and 3).
    """
    s, p = m.state, m.params
    provocation = p.mechanisms.provocation
    s.expectations = expectations_update(
        obs.expectations, s.talks_alive, provocation.expectation_rate
    )
    decay = provocation.memory_decay
    s.breakdown_memory = fade(s.breakdown_memory, m.outcome.breakdown, decay)
    s.tightening_memory = fade(s.tightening_memory, m.outcome.tightened, decay)
    s.tension = tension_update(
        obs.tension, m.log.goldstein, p.mechanisms.tension.decay, p.mechanisms.tension.scale
    )
    s.tension_sum = s.tension_sum + s.tension
    drift = per_run(p.mechanisms.trust.reversion_rate)
    s.trust = revert(s.trust, s.trust_base, drift[:, None, None])
    s.proposal_memory = fade(s.proposal_memory, m.intents.of(UnitedStatesIntentions).propose, decay)
