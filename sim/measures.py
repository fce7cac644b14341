"""What the model measures, declared once, with kind, units and meaning.

The world's quantities each month and each run's outcomes.

``world.csv`` has a column per world measure, in this order; the outcomes of saved runs
(``summary.json``, a batch's outcome arrays) and the headline outcomes the ablation compares
(``tools/ablation.py``, pattern P11) are outcome measures; Mesa's data collector reports the
measures marked ``collect``. Every measure reads its value for every run from a state (the final
state, for outcomes), over a span of months.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from sim.calendar import month_label
from sim.countries import CHN, COUNTRIES, INDEX, JPN, KOR, RUS, USA
from sim.mechanisms.provocation import LAUNCH_CLASSES
from sim.mechanisms.sanctions import effective_sanctions
from sim.mechanisms.winsets import AGREEMENT_TYPES, FREEZE_FOR_RELIEF, compromise
from sim.state import NUCLEAR, SANCTIONS, WorldState

Kind = Literal["level", "count", "flag", "category", "month", "sum"]
"""level: a quantity on [0, 1]; count: a whole number of events; flag: yes or no (1 or 0);
category: a code into ``labels``; month: a ``YYYY-MM`` (or none); sum: a total over months."""


@dataclass(frozen=True)
class Span:
    """The months a run covers: its first month and how many months it simulates."""

    start: str
    months: int


Reader = Callable[[WorldState, Span], NDArray[Any]]


@dataclass(frozen=True)
class Measure:
    """A quantity the model measures for every run."""

    name: str
    kind: Kind
    units: str
    meaning: str
    read: Reader
    """Its value for every run, from a state, as an (R,) array (a category as its code)."""
    labels: tuple[str, ...] = ()
    """The names of a category's codes."""
    saved: bool = True
    """An outcome of saved runs (``summary.json``, batch outcome arrays)."""
    headline: tuple[int, str] | None = None
    """(order, name) in the ablation's headline outcomes (P11), if it is one."""
    collect: str = ""
    """Its reporter name in Mesa's data collector (the mean over runs), if collected."""

    def value(self, state: WorldState, span: Span) -> NDArray[Any]:
        """Its value for every run, a category by its label."""
        raw = self.read(state, span)
        if self.kind == "category":
            return np.array(self.labels, dtype=object)[raw]
        return raw


def _middle(state: WorldState, issue: int) -> NDArray[np.float64]:
    middle: NDArray[np.float64] = compromise(state.position, state.leverage, state.salience)
    return middle[:, issue]


WORLD: tuple[Measure, ...] = (
    Measure(
        "sanctions_regime",
        "level",
        "index 0–1",
        "stringency of the UN sanctions regime",
        lambda s, _: s.sanctions_regime,
    ),
    Measure(
        "effective_sanctions",
        "level",
        "index 0–1",
        "the regime's bite on North Korea: stringency × enforcement, by trade share",
        lambda s, _: effective_sanctions(s.sanctions_regime, s.enforcement, s.trade_share),
    ),
    Measure(
        "prk_relief_need",
        "level",
        "index 0–1",
        "how badly North Korea needs relief",
        lambda s, _: s.relief_need,
        collect="prk_relief_need",
    ),
    Measure(
        "prk_regime_security",
        "level",
        "index 0–1",
        "North Korea's confidence in regime security",
        lambda s, _: s.security,
    ),
    Measure(
        "rus_flows",
        "level",
        "index 0–1",
        "Russia's flows to North Korea",
        lambda s, _: s.flows[:, RUS],
    ),
    Measure(
        "military_cooperation",
        "level",
        "index 0–1",
        "North Korea–Russia military cooperation",
        lambda s, _: s.military_cooperation,
    ),
    Measure(
        "chn_concern",
        "level",
        "index 0–1",
        "China's unease at the alignment",
        lambda s, _: s.concern[:, CHN],
    ),
    Measure(
        "jpn_support",
        "level",
        "share 0–1",
        "approval of Japan's government",
        lambda s, _: s.support[:, JPN],
    ),
    Measure(
        "jpn_outreach",
        "level",
        "index 0–1",
        "progress of Japan's outreach to Pyongyang",
        lambda s, _: s.outreach[:, JPN],
    ),
    Measure("rice_price", "level", "index 0–1", "Japan's rice price", lambda s, _: s.rice_price),
    Measure("tariff", "level", "index 0–1", "US tariff burden on Japan", lambda s, _: s.tariff),
    Measure(
        "kor_leadership",
        "level",
        "index 0–1",
        "South Korea's regional leadership",
        lambda s, _: s.leadership[:, KOR],
    ),
    Measure(
        "inter_korean_cooperation",
        "level",
        "index 0–1",
        "inter-Korean cooperation",
        lambda s, _: s.inter_korean_cooperation,
    ),
    Measure(
        "fta_progress",
        "level",
        "share 0–1",
        "progress of the Korea–China–Japan FTA",
        lambda s, _: s.fta_progress,
    ),
    Measure(
        "talks_alive",
        "flag",
        "1 = yes",
        "US–North Korea talks are alive",
        lambda s, _: s.talks_alive.astype(np.int64),
        collect="talks_alive",
    ),
    Measure(
        "expectations",
        "level",
        "probability",
        "expectation that talks go on",
        lambda s, _: s.expectations,
    ),
    Measure(
        "agreement",
        "category",
        "agreement type",
        "the US–North Korea agreement in force",
        lambda s, _: s.agreement.astype(np.int64),
        labels=AGREEMENT_TYPES,
    ),
    Measure(
        "tension",
        "level",
        "index 0–1",
        "regional tension",
        lambda s, _: s.tension,
        collect="tension",
    ),
    Measure(
        "us_visibility",
        "level",
        "index 0–1",
        "visibility of the coming summit window",
        lambda s, _: s.visibility[:, USA],
    ),
    Measure(
        "compromise_nuclear",
        "level",
        "position 0–1",
        "capability×salience-weighted compromise on the nuclear issue",
        lambda s, _: _middle(s, NUCLEAR),
    ),
    Measure(
        "compromise_sanctions",
        "level",
        "position 0–1",
        "capability×salience-weighted compromise on sanctions",
        lambda s, _: _middle(s, SANCTIONS),
    ),
)
"""The world's quantities each month: the columns of ``world.csv`` after ``step``, ``month``."""


def _first_summit(s: WorldState, span: Span) -> NDArray[np.object_]:
    labels = [month_label(span.start, step) for step in range(span.months + 1)]
    return np.array([labels[step] if step >= 0 else None for step in s.first_summit_step], object)


def _trust(truster: str, trustee: str) -> Reader:
    i, j = INDEX[truster], INDEX[trustee]
    return lambda s, _: s.trust[:, i, j].copy()


def _launches_of_class(k: int) -> "Reader":
    """A reader of the launches of one class (:data:`LAUNCH_CLASSES`)."""

    def read(s: WorldState, _: "Span") -> NDArray[Any]:
        launches: NDArray[Any] = s.launches[:, k].copy()
        return launches

    return read


OUTCOMES: tuple[Measure, ...] = (
    Measure(
        "summit_held",
        "flag",
        "yes/no",
        "a US–North Korea summit was held",
        lambda s, _: s.summits > 0,
        headline=(1, "summit held"),
    ),
    Measure(
        "summits",
        "count",
        "summits",
        "US–North Korea summits held",
        lambda s, _: s.summits.copy(),
        collect="summits",
    ),
    Measure(
        "first_summit_month",
        "month",
        "YYYY-MM",
        "month of the first summit (none: none)",
        _first_summit,
    ),
    Measure(
        "agreement_type",
        "category",
        "agreement type",
        "the best agreement reached",
        lambda s, _: s.best_agreement,
        labels=AGREEMENT_TYPES,
        collect="best_agreement",
    ),
    Measure(
        "agreement_active_at_end",
        "flag",
        "yes/no",
        "an agreement is in force at the end",
        lambda s, _: s.agreement > 0,
    ),
    Measure(
        "provocations",
        "count",
        "tests",
        "months in which North Korea tested missiles",
        lambda s, _: s.provocations.copy(),
        headline=(3, "provocations"),
        collect="provocations",
    ),
    Measure(
        "launches",
        "count",
        "launches",
        "North Korean missile launches, all classes",
        lambda s, _: s.launches.sum(axis=1),
    ),
    *(
        Measure(
            f"launches_{name.replace('-', '_')}",
            "count",
            "launches",
            f"North Korean {name} missile launches",
            _launches_of_class(k),
        )
        for k, name in enumerate(LAUNCH_CLASSES)
    ),
    Measure(
        "nuclear_tests",
        "count",
        "tests",
        "North Korean nuclear tests",
        lambda s, _: s.nuclear_tests.copy(),
    ),
    Measure(
        "prk_relief_need_final",
        "level",
        "index 0–1",
        "North Korea's relief need at the end",
        lambda s, _: s.relief_need.copy(),
        headline=(5, "relief need"),
    ),
    Measure(
        "mean_tension",
        "level",
        "index 0–1",
        "regional tension, averaged over the months",
        lambda s, span: s.tension_sum / span.months,
    ),
    Measure(
        "leadership_changes",
        "count",
        "changes",
        "changes of government, all countries",
        lambda s, _: s.leadership_changes.copy(),
    ),
    Measure(
        "summit_offers",
        "count",
        "proposals",
        "summits the US proposed",
        lambda s, _: s.offers.copy(),
    ),
    Measure(
        "summit_offers_accepted",
        "count",
        "proposals",
        "US proposals North Korea accepted",
        lambda s, _: s.offers_accepted.copy(),
    ),
    Measure(
        "prk_regime_security_final",
        "level",
        "index 0–1",
        "North Korea's confidence in regime security at the end",
        lambda s, _: s.security.copy(),
    ),
    Measure(
        "jpn_outreach_final",
        "level",
        "index 0–1",
        "Japan's outreach at the end",
        lambda s, _: s.outreach[:, JPN].copy(),
    ),
    Measure(
        "chn_concern_final",
        "level",
        "index 0–1",
        "China's unease at the end",
        lambda s, _: s.concern[:, CHN].copy(),
    ),
    Measure(
        "china_acts",
        "count",
        "changes of course",
        "China's changes of course toward Pyongyang",
        lambda s, _: s.china_acts.copy(),
        headline=(7, "China's acts"),
    ),
    Measure(
        "russia_acts",
        "count",
        "acts",
        "Russia's expansions, cuts and arms deals",
        lambda s, _: s.russia_acts.copy(),
        headline=(8, "Russia's acts"),
    ),
    Measure(
        "us_offer_revisions",
        "count",
        "revisions",
        "times the US sweetened its offer",
        lambda s, _: s.sweetenings[:, USA].copy(),
    ),
    Measure(
        "us_sanction_pushes",
        "count",
        "resolutions",
        "US pushes for tighter UN sanctions",
        lambda s, _: s.pushes[:, USA].copy(),
    ),
    Measure(
        "kor_gestures",
        "count",
        "gestures",
        "South Korea's unilateral gestures",
        lambda s, _: s.gestures[:, KOR].copy(),
    ),
    *(
        Measure(
            f"trust_final.{i}.{j}",
            "level",
            "probability",
            f"{i}'s trust in {j} at the end (its belief that {j} reciprocates)",
            _trust(i, j),
            headline=(4, "North Korea's trust in the US") if (i, j) == ("PRK", "USA") else None,
            collect="prk_trust_in_usa" if (i, j) == ("PRK", "USA") else "",
        )
        for i in COUNTRIES
        for j in COUNTRIES
        if i != j
    ),
    Measure(
        "freeze_or_better",
        "flag",
        "yes/no",
        "a freeze for relief or better was reached",
        lambda s, _: s.best_agreement >= FREEZE_FOR_RELIEF,
        saved=False,
        headline=(2, "freeze or better"),
    ),
    Measure(
        "government_fell",
        "flag",
        "yes/no",
        "some government changed",
        lambda s, _: s.leadership_changes > 0,
        saved=False,
        headline=(6, "Japan's government falls"),
    ),
    Measure(
        "tension_sum",
        "sum",
        "index-months",
        "regional tension summed over the months",
        lambda s, _: s.tension_sum.copy(),
        saved=False,
        headline=(9, "summed tension"),
    ),
)
"""Each run's outcomes, read from its final state."""

HEADLINES: tuple[Measure, ...] = tuple(
    sorted((m for m in OUTCOMES if m.headline), key=lambda m: m.headline or (0, ""))
)
"""The headline outcomes of P11, in their order."""
