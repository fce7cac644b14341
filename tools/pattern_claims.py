"""The model's patterns as predicates over parameter points, shared by the tools that vary them.

A set of parameter points (:class:`Points`: a Latin hypercube around the declared values in
:mod:`tools.robustness`, draws from the posterior in :mod:`tools.posterior_patterns`) runs every
scenario a claim needs over the same seeds at every point, all points of a scenario in one
lockstep batch (point-major). Each claim (:class:`Claim`) reads those batches and says, per
point, whether it holds. The thresholds are those of ``tests/test_patterns.py`` (P1, P3, P4, P6,
P7, P8, P9, P10; docs/specification.md), the article's "no summit by the APEC window", and the
article's claims two counterfactuals make (``tests/test_counterfactuals.py``: a China that
re-engages wins Pyongyang over; Russia answers a deal with deeper arms ties), stated per point
over its replicates; P2 (an invariant) holds at a point when no run of any bundled
scenario breaks it, and P5 runs each point over six levels of Russia's initial military
cooperation.

Not here: P11–P12 (properties of the design, not of a point: the ablation and the robustness
check themselves).
"""

import csv
import io
import sys
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import step_of
from sim.countries import CHN, JPN, PRK, USA
from sim.durable import write_text
from sim.errors import InputError
from sim.marked_section import replace_marked_section
from sim.mechanisms.winsets import FREEZE_FOR_RELIEF
from sim.model import DiplomacyModel
from sim.scenario import bundled_scenarios, load_scenario, numeric_parameters
from sim.state import WorldState

APEC = "2025-10"
"""The APEC window of the baseline (Gyeongju, 31 October – 1 November 2025)."""

HISTORY = "history_2017_2019"

RUNS: dict[str, tuple[str, dict[str, float]]] = {
    "baseline": ("baseline", {}),
    "no_russia": ("no_russia", {}),
    "us_cash_first": ("us_cash_first", {}),
    "baseline relief": ("baseline", {"actors.USA.upfront_relief": 0.2}),
    "no_russia relief": ("no_russia", {"actors.USA.upfront_relief": 0.2}),
    "trade_deal_fails": ("trade_deal_fails", {}),
    "rok_mediator": ("rok_mediator", {}),
    "rok_mediator silent": ("rok_mediator", {"actors.KOR.mediation": 0.0}),
    "china_reengages": ("china_reengages", {}),
    HISTORY: (HISTORY, {}),
}
"""The batches claims read: a name, then the scenario and the values every run of it takes."""

COOPERATION = "baseline cooperation"
"""The batch of P5: the baseline at each level of :data:`LEVELS` (name of the batch)."""
RUNS[COOPERATION] = ("baseline", {})
SCENARIOS = tuple(bundled_scenarios())
"""The bundled scenarios, each of which P2 reads with its events."""
for _name in SCENARIOS:
    RUNS.setdefault(f"{_name} events", (_name, {}))

LEVELS: dict[str, tuple[str, tuple[float, ...]]] = {
    COOPERATION: ("actors.RUS.military_cooperation", (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
}
"""Batches that run every point at several values of one key: the key and its values (runs
point-major, then level, then replicate)."""

EVENTS = frozenset({HISTORY, *(f"{name} events" for name in SCENARIOS)})
"""The batches whose events are kept (P2 reads concessions and rewards, P4 rewards)."""


@dataclass(frozen=True)
class Points:
    """Parameter points, each run over the same seeds ``0 … replicates − 1``.

    ``keys`` starting with ``mechanisms.`` apply to every scenario; any other key (an initial
    state) applies only to the scenario named ``home`` (where it was inferred) — unless it is
    one of ``relative``: then its points are factors, applied to each scenario's own value of it
    (clipped to its bounds), so a neighbourhood of the 2025 initial states is also one of 2017's.
    A relative key that ``held`` names for a scenario keeps that scenario's own value there: a
    counterfactual's stipulation (its what-if), not an uncertain value.
    """

    keys: tuple[str, ...]
    points: NDArray[np.float64]  # (points, parameters)
    replicates: int
    home: str | None = None
    relative: frozenset[str] = frozenset()
    held: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def overrides(
        self, scenario: str, extra: Mapping[str, float] | None = None
    ) -> dict[str, NDArray[np.float64]]:
        """Per-run values for a batch of ``scenario``.

        Each point repeated for its replicates (point-major), then ``extra`` for every run.
        """
        values = {
            key: np.repeat(self.points[:, k], self.replicates)
            for k, key in enumerate(self.keys)
            if key not in self.relative and (key.startswith("mechanisms.") or scenario == self.home)
        }
        if self.relative:
            own = numeric_parameters(load_scenario(scenario))
            kept = self.held.get(scenario, frozenset())
            for k, key in enumerate(self.keys):
                if key in self.relative and key in own and key not in kept:
                    info = own[key]
                    scaled = np.clip(self.points[:, k] * info.default, info.low, info.high)
                    if info.integer:
                        scaled = np.round(scaled)
                    values[key] = np.repeat(scaled, self.replicates)
        for key, value in (extra or {}).items():
            values[key] = np.full(len(self.points) * self.replicates, value)
        return values

    @property
    def seeds(self) -> NDArray[np.int64]:
        """The same seeds at every point."""
        return np.tile(np.arange(self.replicates), len(self.points))

    def per_point(self, values: NDArray[Any]) -> NDArray[np.float64]:
        """Run values reshaped to (points, replicates), as floats."""
        return np.asarray(values, dtype=float).reshape(len(self.points), self.replicates)

    def mean(self, values: NDArray[Any]) -> NDArray[np.float64]:
        """Each point's mean of run values over its replicates, (points,)."""
        return self.per_point(values).mean(axis=1)

    def median(self, values: NDArray[Any]) -> NDArray[np.float64]:
        """Each point's median of run values over its replicates, (points,)."""
        return np.median(self.per_point(values), axis=1)


Batches = dict[str, DiplomacyModel]
Check = Callable[[Batches, Points], NDArray[np.bool_]]
Conditions = Callable[[Batches, Points], dict[str, NDArray[np.bool_]]]
"""A pattern's conditions, each per point; the pattern holds where all of them hold."""


def conjunction(conditions: Conditions) -> Check:
    """The check that holds at a point where every condition holds."""

    def check(models: Batches, points: Points) -> NDArray[np.bool_]:
        held: NDArray[np.bool_] = np.logical_and.reduce(list(conditions(models, points).values()))
        return held

    return check


@dataclass(frozen=True)
class Claim:
    """A pattern: its name, the batches it reads (keys of :data:`RUNS`) and its check."""

    name: str
    needs: tuple[str, ...]
    check: Check

    def reached_by(self, points: Points) -> tuple[str, ...]:
        """The keys of ``points`` that reach a scenario this claim reads."""
        scenarios = {RUNS[name][0] for name in self.needs}
        return tuple(
            key
            for key in points.keys
            if key.startswith("mechanisms.") or key in points.relative or points.home in scenarios
        )


def run_batch(name: str, points: Points) -> DiplomacyModel:
    """One of :data:`RUNS` at every point, stepped as one lockstep batch.

    One of :data:`RUNS` at every point, stepped to its end as one lockstep batch (each point at
    every level of :data:`LEVELS` for a batch named there).
    """
    scenario, extra = RUNS[name]
    seeds, overrides = points.seeds, points.overrides(scenario, extra)
    if name in LEVELS:
        key, levels = LEVELS[name]
        runs, n = len(points.points), len(levels)
        block = points.replicates
        seeds = np.tile(np.arange(block), runs * n)
        overrides = {
            k: np.repeat(v.reshape(runs, block)[:, 0], n * block) for k, v in overrides.items()
        }
        overrides[key] = np.tile(np.repeat(np.asarray(levels, dtype=float), block), runs)
    model = DiplomacyModel(
        load_scenario(scenario),
        seeds=seeds,
        overrides=overrides,
        record=True,
        keep_events=name in EVENTS,
    )
    model.run()
    refuse_broken(name, model, points)
    return model


def refuse_broken(name: str, model: DiplomacyModel, points: Points) -> None:
    """Raise :class:`InputError` if a run of the batch broke one of the model's rules.

    A run whose values break a cross-parameter rule, or whose state went invalid, carries its
    error in ``model.errors``; no verdict is read from such a batch. The message names the batch,
    the point (its row and, for a few keys, its values) and the model's error.
    """
    broken = next((run for run, error in enumerate(model.errors) if error is not None), None)
    if broken is None:
        return
    point = broken // (len(model.errors) // len(points.points))
    shown = ", ".join(
        f"{key}={value:.4g}"
        for key, value in list(zip(points.keys, points.points[point], strict=True))[:SHOWN_KEYS]
    )
    more = " …" if len(points.keys) > SHOWN_KEYS else ""
    raise InputError(
        f"batch {name!r}, point {point} ({shown}{more}): {model.errors[broken]};"
        " no verdict is read from a run that breaks the model"
    )


SHOWN_KEYS = 4
"""How many of a point's values an error names."""


BATCH_RUNS = 2_000
"""Runs a batch holds at most (a level batch holds this many per level): the points are taken in
slices of ``BATCH_RUNS // replicates`` (at least one point), so the memory a check needs stays
that of one slice however many points it has. Each run's result depends only on its seed and its
values, so the verdicts are the same bytes whatever the slice."""


def evaluate(claims: tuple[Claim, ...], points: Points) -> dict[str, NDArray[np.bool_]]:
    """Check each claim at every point, the points in slices of at most :data:`BATCH_RUNS` runs."""
    size = max(1, BATCH_RUNS // points.replicates)
    parts = [
        evaluate_slice(claims, replace(points, points=points.points[start : start + size]))
        for start in range(0, len(points.points), size)
    ]
    return {claim.name: np.concatenate([part[claim.name] for part in parts]) for claim in claims}


def evaluate_slice(claims: tuple[Claim, ...], points: Points) -> dict[str, NDArray[np.bool_]]:
    """Run the batches the claims need (each once) and check each claim at every point.

    A batch is run when the first claim that reads it comes, and let go after the last one, so
    only the batches of the claims in hand are held at once (a batch of 10,000 runs with its
    history and events is hundreds of megabytes).
    """
    readers = Counter(name for claim in claims for name in claim.needs)
    batches: Batches = {}
    holds = {}
    for claim in claims:
        for name in claim.needs:
            if name not in batches:
                batches[name] = run_batch(name, points)
        holds[claim.name] = claim.check(batches, points)
        for name in claim.needs:
            readers[name] -= 1
            if readers[name] == 0:
                del batches[name]
    return holds


CHECKED_EVERY = 5
"""The tests of stored verdicts re-run every this-many-th point and compare its verdicts."""


def stale_verdicts(
    points: Points,
    holds: Mapping[str, NDArray[np.bool_]],
    claims: tuple[Claim, ...],
    every: int = CHECKED_EVERY,
) -> list[str]:
    """The claims whose stored verdicts differ from today's at every ``every``-th point.

    Those points are re-run; a point's verdict does not depend on the other points, so they are
    checked alone at a fraction of the cost of all (a change of the model that moves no verdict
    at those points goes unnoticed).
    """
    checked = replace(points, points=points.points[::every])
    today = evaluate(claims, checked)
    return [name for name, held in today.items() if not np.array_equal(held, holds[name][::every])]


def verdicts_csv(index: str, holds: Mapping[str, NDArray[np.bool_]], points: Points | None) -> str:
    """Each point's values and each claim's verdict there (1 holds, 0 fails).

    Values exact, as Python writes floats (none without ``points``); the points are numbered in
    the column ``index``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = points.keys if points is not None else ()
    writer.writerow([index, *keys, *holds])
    for p in range(len(next(iter(holds.values())))):
        values = points.points[p] if points is not None else ()
        verdicts = [int(held[p]) for held in holds.values()]
        writer.writerow([p, *(repr(float(v)) for v in values), *verdicts])
    return out.getvalue()


def write_section(
    document: Path, begin: str, end: str, section: str, beside: str, table: str
) -> Path:
    """Write ``section`` between the markers of ``document`` and ``table`` beside it.

    ``table`` goes into the file named ``beside`` in the document's folder; each is written
    atomically. Returns that file's path.
    """
    replace_marked_section(document, begin, end, section)
    companion = document.with_name(beside)
    write_text(companion, table)
    return companion


def print_or_write(
    tool: str,
    document: Path | None,
    markers: tuple[str, str],
    beside: str,
    build: Callable[[], tuple[str, str]],
) -> int:
    """Print the section ``build`` returns, or write it and its table (:func:`write_section`).

    ``build`` returns the section and the table; bad input is a one-line error and exit status 2,
    with nothing written. Returns the exit status.
    """
    try:
        section, table = build()
        if document is None:
            print(section, end="")
            return 0
        written = write_section(document, *markers, section, beside, table)
    except InputError as error:
        print(f"{tool}: error: {error}", file=sys.stderr)
        return 2
    print(document)
    print(written)
    return 0


def read_verdicts(
    path: Path, claims: tuple[Claim, ...]
) -> tuple[tuple[str, ...], NDArray[np.float64], dict[str, NDArray[np.bool_]]]:
    """The parameter keys, the points' values and the verdicts of a file :func:`verdicts_csv` wrote.

    The columns named after one of ``claims`` are verdicts, the others (after the first, the
    points' numbers) parameters.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    table = np.array([[float(cell) for cell in row[1:]] for row in rows], dtype=np.float64)
    names = {claim.name for claim in claims}
    columns = header[1:]
    keys = tuple(name for name in columns if name not in names)
    values = table[:, [k for k, name in enumerate(columns) if name not in names]]
    holds = {name: table[:, k].astype(bool) for k, name in enumerate(columns) if name in names}
    return keys, values, holds


def separating(
    points: Points,
    holds: Mapping[str, NDArray[np.bool_]],
    top: int = 3,
    keys: Mapping[str, Collection[str]] | None = None,
) -> dict[str, list[tuple[str, float]]]:
    """Per claim that fails at some point.

    The ``top`` parameters whose values best separate the failing points (point-biserial correlation
    of the value with failing, largest in absolute value first; none when the claim fails
    everywhere). ``keys`` may restrict, per claim, the parameters considered (those that reach the
    scenarios it reads).
    """
    edges: dict[str, list[tuple[str, float]]] = {}
    for name, held in holds.items():
        fails = (~held).astype(float)
        if fails.sum() == 0:
            continue
        found = []
        for k, key in enumerate(points.keys):
            if keys is not None and key not in keys.get(name, points.keys):
                continue
            values = points.points[:, k]
            if values.std() > 0 and fails.std() > 0:
                found.append((key, float(np.corrcoef(values, fails)[0, 1])))
        found.sort(key=lambda item: -abs(item[1]))
        edges[name] = found[:top]
    return edges


# --- the claims ----------------------------------------------------------------------------------


def _proposals(history: list[WorldState]) -> NDArray[np.float64]:
    """US proposals per run and month (R, months)."""
    offers = np.array([state.offers for state in history])
    return np.diff(offers, axis=0).T.astype(float)


P1_CONDITIONS = (
    "a US proposal within six months in ≥ 80 % of runs",
    "proposals ≥ 1.8 times as frequent before APEC",
)
"""The conditions of p1, in order."""


def p1_conditions(models: Batches, points: Points) -> dict[str, NDArray[np.bool_]]:
    """P1: a proposal within six months in ≥ 80 % of runs; ≥ 1.8× as frequent before APEC."""
    base = models["baseline"]
    proposals = _proposals(base.history)
    within = points.per_point(proposals[:, :6].sum(axis=1) > 0).mean(axis=1)
    window = np.array([state.visibility[:, USA][0] > 0 for state in base.history[1:13]])
    by_point = proposals[:, :12].reshape(len(points.points), points.replicates, 12)
    in_window = by_point[:, :, window].mean(axis=(1, 2))
    elsewhere = by_point[:, :, ~window].mean(axis=(1, 2))
    return dict(zip(P1_CONDITIONS, (within >= 0.8, in_window >= 1.8 * elsewhere), strict=True))


def p2(models: Batches, points: Points) -> NDArray[np.bool_]:
    """P2, an invariant.

    In every run of every bundled scenario, each North Korean concession comes with its trust in the
    US at its threshold at the start of that month, or after a US reward delivered since its
    previous concession. Holds at a point when no run breaks it.
    """
    broken = np.zeros(len(points.points) * points.replicates, dtype=bool)
    for name in SCENARIOS:
        model = models[f"{name} events"]
        threshold = np.broadcast_to(model.params.actors.PRK.concession_threshold, broken.shape)
        rewards: dict[int, list[int]] = {}
        concessions = []
        for event in model.log.rows:
            if event.type == "reward_delivered":
                rewards.setdefault(event.run, []).append(event.step)
            elif event.type == "concession":
                concessions.append(event)
        previous: dict[int, int] = {}
        for event in concessions:
            r, step = event.run, event.step
            trust = model.history[step - 1].trust[r, PRK, USA]
            answered = any(previous.get(r, 0) < t < step for t in rewards.get(r, []))
            broken[r] |= not (trust >= threshold[r] or answered)
            previous[r] = step
    return ~points.per_point(broken).astype(bool).any(axis=1)


P3_CONDITIONS = (
    "the need for relief falls by ≥ 0.2 in a year",
    "it stays ≥ 0.15 higher without Russia",
    "relief accepted ≥ 1.6 times and 8 points as often without Russia",
)
"""The conditions of p3, in order."""


def p3_conditions(models: Batches, points: Points) -> dict[str, NDArray[np.bool_]]:
    """P3: relief need falls by ≥ 0.2 in a year and stays ≥ 0.15 higher without Russia.

    Offers of relief are accepted ≥ 1.6 times (and 8 points) as often without Russia.
    """
    base, without = models["baseline"], models["no_russia"]
    start = np.median(points.per_point(base.history[0].relief_need), axis=1)
    year = np.median(points.per_point(base.history[12].relief_need), axis=1)
    gap = np.median(
        points.per_point(without.history[12].relief_need - base.history[12].relief_need), axis=1
    )
    rates = {}
    for name in ("baseline relief", "no_russia relief"):
        state = models[name].state
        offers = points.per_point(state.offers).sum(axis=1)
        accepted = points.per_point(state.offers_accepted).sum(axis=1)
        rates[name] = accepted / np.maximum(offers, 1.0)
    accepts = rates["no_russia relief"] >= np.maximum(
        1.6 * rates["baseline relief"], rates["baseline relief"] + 0.08
    )
    return dict(zip(P3_CONDITIONS, (start - year >= 0.2, gap >= 0.15, accepts), strict=True))


def p4(models: Batches, points: Points) -> NDArray[np.bool_]:
    """P4 (the 2017–2019 replay).

    Among runs whose first summit saw no reward in the six months after it, North Korea's trust in
    the US six months on is lower in ≥ 65 % of them, by a median ratio ≤ 0.75; at least a tenth of
    the point's runs must have such a summit.
    """
    model = models[HISTORY]
    rewards: dict[int, list[int]] = {}
    for event in model.log.rows:
        if event.type == "reward_delivered":
            rewards.setdefault(event.run, []).append(event.step)
    lower = np.full(len(model.state.first_summit_step), np.nan)
    ratio = np.full(len(lower), np.nan)
    for r, first in enumerate(model.state.first_summit_step):
        if first < 1 or first + 6 > model.months:
            continue
        if any(first <= s <= first + 6 for s in rewards.get(r, [])):
            continue
        before = model.history[first - 1].trust[r, PRK, USA]
        after = model.history[first + 6].trust[r, PRK, USA]
        lower[r], ratio[r] = float(after < before), after / before
    holds = []
    for low, rat in zip(points.per_point(lower), points.per_point(ratio), strict=True):
        seen = ~np.isnan(low)
        enough = seen.sum() >= max(1, points.replicates // 10)
        holds.append(bool(enough and low[seen].mean() >= 0.65 and np.median(rat[seen]) <= 0.75))
    return np.array(holds, dtype=bool)


def p5(models: Batches, points: Points) -> NDArray[np.bool_]:
    """P5: more military cooperation, more Chinese concern, less Chinese trust.

    P5: over an initial Russian military cooperation of 0, 0.2, …, 1, China's median concern at
    month 6 rises by ≥ 0.03 at every step and ≥ 0.5 in all, and its median trust in North Korea
    falls by ≥ 0.005 at every step and ≥ 0.04 in all.
    """
    _, levels = LEVELS[COOPERATION]
    state = models[COOPERATION].history[6]
    shape = (len(points.points), len(levels), points.replicates)
    concern = np.median(state.concern[:, CHN].reshape(shape), axis=2)
    trust = np.median(state.trust[:, CHN, PRK].reshape(shape), axis=2)
    rises = np.all(np.diff(concern, axis=1) >= 0.03, axis=1)
    falls = np.all(np.diff(trust, axis=1) <= -0.005, axis=1)
    return (
        rises
        & (concern[:, -1] - concern[:, 0] >= 0.5)
        & falls
        & (trust[:, 0] - trust[:, -1] >= 0.04)
    )


def p6(models: Batches, points: Points) -> NDArray[np.bool_]:
    """P6: a failed trade deal squeezes Japan.

    P6: six months into ``trade_deal_fails`` against the baseline, Japan's pressure ≥ 0.1 higher,
    its outreach to North Korea ≥ 0.025 less advanced, and its government fallen in ≥ 15 points more
    runs.
    """
    base, failed = models["baseline"].history[6], models["trade_deal_fails"].history[6]
    mean = points.mean
    pressure = mean(failed.pressure[:, JPN]) - mean(base.pressure[:, JPN])
    fell = mean(failed.leadership_changes > 0) - mean(base.leadership_changes > 0)
    outreach = mean(failed.outreach[:, JPN]) - mean(base.outreach[:, JPN])
    return (pressure >= 0.1) & (fell >= 0.15) & (outreach <= -0.025)


def p7(models: Batches, points: Points) -> NDArray[np.bool_]:
    """P7: mediation raises US–North Korea trust.

    P7: at month 12 of ``rok_mediator``, against the same runs with Seoul not mediating, North
    Korea's trust in the US and the US's in North Korea are each higher by a median ≥ 0.10.
    """
    active = models["rok_mediator"].history[12].trust
    idle = models["rok_mediator silent"].history[12].trust
    prk = np.median(points.per_point(active[:, PRK, USA] - idle[:, PRK, USA]), axis=1)
    usa = np.median(points.per_point(active[:, USA, PRK] - idle[:, USA, PRK]), axis=1)
    return (prk >= 0.10) & (usa >= 0.10)


def p8(models: Batches, points: Points) -> NDArray[np.bool_]:
    """P8: a freeze or better in ≥ 50 points more runs under cash first than in the baseline."""
    share = {
        name: points.per_point(models[name].state.best_agreement >= FREEZE_FOR_RELIEF).mean(axis=1)
        for name in ("us_cash_first", "baseline")
    }
    return share["us_cash_first"] >= share["baseline"] + 0.5


P9_CONDITIONS = (
    "a summit in 2018 in ≥ 70 % of runs",
    "a provocation in ≤ 6 % of the months with talks alive",
    "≤ an eighth of the rate without talks",
    "no provocation while talking in ≥ 60 % of the runs that met",
)
"""The conditions of p9, in order."""


def p9_conditions(models: Batches, points: Points) -> dict[str, NDArray[np.bool_]]:
    """P9 (the 2017–2019 replay): a summit in 2018 in ≥ 70 % of runs.

    A provocation in ≤ 6 % of the months that begin with talks alive and ≤ an eighth of the rate
    without talks; no provocation while talks are alive in ≥ 60 % of the runs that held a summit.
    """
    model = models[HISTORY]
    start = model.config.start
    first, last = step_of(start, "2018-01"), step_of(start, "2018-12")
    summits = np.array([state.summits for state in model.history])
    in_2018 = points.per_point(summits[last] > summits[first - 1]).mean(axis=1)
    talking = np.array([model.history[t - 1].talks_alive for t in range(1, model.months + 1)])
    provoked = np.diff(np.array([state.provocations for state in model.history]), axis=0) > 0
    shape = (model.months, len(points.points), points.replicates)
    talk, prov = talking.reshape(shape), provoked.reshape(shape)
    rare, eighth, calm = [], [], []
    for p in range(len(points.points)):
        t, v = talk[:, p], prov[:, p]
        while_talking = v[t].mean() if t.any() else 0.0
        otherwise = v[~t].mean() if (~t).any() else 0.0
        met = summits[-1].reshape(len(points.points), points.replicates)[p] > 0
        rare.append(while_talking <= 0.06)
        eighth.append(while_talking <= otherwise / 8)
        calm.append(bool(met.any() and (~(t & v).any(axis=0)[met]).mean() >= 0.6))
    return dict(
        zip(
            P9_CONDITIONS,
            (
                in_2018 >= 0.7,
                np.array(rare, dtype=bool),
                np.array(eighth, dtype=bool),
                np.array(calm, dtype=bool),
            ),
            strict=True,
        )
    )


P10_CONDITIONS = (
    "a summit within 24 months in ≥ 2 % of runs",
    "a summit within 24 months in ≤ 60 % of runs",
    "China acts in most runs",
    "Russia acts in most runs",
)
"""The conditions of p10, in order."""


def p10_conditions(models: Batches, points: Points) -> dict[str, NDArray[np.bool_]]:
    """P10: the baseline is a distribution of stories.

    A summit within 24 months in some runs and not others (2–60 %), and China and Russia act in most
    runs.
    """
    final = models["baseline"].state
    first = final.first_summit_step
    summit = points.per_point((first > 0) & (first <= 24)).mean(axis=1)
    china = points.per_point(final.china_acts > 0).mean(axis=1)
    russia = points.per_point(final.russia_acts > 0).mean(axis=1)
    return dict(
        zip(P10_CONDITIONS, (summit >= 0.02, summit <= 0.6, china > 0.5, russia > 0.5), strict=True)
    )


def no_summit_by_apec(models: Batches, points: Points) -> NDArray[np.bool_]:
    """The article's expectation: no US–North Korea summit by the APEC window.

    In at most a fifth of the baseline's runs.
    """
    base = models["baseline"]
    apec = step_of(base.config.start, APEC)
    first = base.state.first_summit_step
    early = points.per_point((first > 0) & (first <= apec)).mean(axis=1)
    return early <= 0.2


def china_reengages(models: Batches, points: Points) -> NDArray[np.bool_]:
    """The article's "China's unease", answered by competing for Pyongyang (``china_reengages``).

    Against the baseline at month 12: China backs North Korea by ≥ 0.2 more and enforces
    sanctions by ≥ 0.06 less (means), North Korea trusts China ≥ 0.08 more and needs relief ≥
    0.007 less (medians); the thresholds of ``tests/test_counterfactuals.py``, per point.
    """
    base, rival = models["baseline"].history[12], models["china_reengages"].history[12]
    mean, median = points.mean, points.median
    return (
        (mean(rival.backing[:, CHN]) - mean(base.backing[:, CHN]) >= 0.2)
        & (mean(base.enforcement[:, CHN]) - mean(rival.enforcement[:, CHN]) >= 0.06)
        & (median(rival.trust[:, PRK, CHN]) - median(base.trust[:, PRK, CHN]) >= 0.08)
        & (median(base.relief_need) - median(rival.relief_need) >= 0.007)
    )


RUSSIA_CONDITIONS = (
    "cash first changes Russia's arms ties in ≥ 80 % of runs",
    "it leaves them higher in ≥ 80 % of runs",
    "their median ≥ 0.1 higher",
)
"""The conditions of russia_answers, in order."""


def russia_answers_conditions(models: Batches, points: Points) -> dict[str, NDArray[np.bool_]]:
    """The Russian lifeline bids to keep Pyongyang: a deal in force deepens the arms ties.

    With the same seeds, cash first (``us_cash_first``, a freeze-for-relief deal in most runs)
    changes Russia's military cooperation with North Korea in ≥ 80 % of the runs, leaves it higher
    at the end in ≥ 80 %, and its median ≥ 0.1 higher; the thresholds of
    ``tests/test_counterfactuals.py``, per point.
    """
    ties = {
        name: np.stack(
            [points.per_point(state.military_cooperation) for state in models[name].history],
            axis=-1,
        )
        for name in ("baseline", "us_cash_first")
    }
    base, deal = ties["baseline"], ties["us_cash_first"]
    changed = (np.abs(deal - base).max(axis=-1) > 0).mean(axis=1)
    higher = (deal[:, :, -1] > base[:, :, -1]).mean(axis=1)
    gap = np.median(deal[:, :, -1], axis=1) - np.median(base[:, :, -1], axis=1)
    return dict(zip(RUSSIA_CONDITIONS, (changed >= 0.8, higher >= 0.8, gap >= 0.1), strict=True))


p1 = conjunction(p1_conditions)
p3 = conjunction(p3_conditions)
p9 = conjunction(p9_conditions)
p10 = conjunction(p10_conditions)
russia_answers_a_deal = conjunction(russia_answers_conditions)

P1 = Claim("P1 proposals within six months, clustered before APEC", ("baseline",), p1)
P2 = Claim(
    "P2 North Korea never concedes first below its threshold",
    tuple(f"{name} events" for name in SCENARIOS),
    p2,
)
P3 = Claim(
    "P3 the lifeline lowers the need for relief",
    ("baseline", "no_russia", "baseline relief", "no_russia relief"),
    p3,
)
P4 = Claim("P4 a summit without a reward costs North Korea's trust (2017–2019)", (HISTORY,), p4)
P5 = Claim("P5 more military cooperation, more Chinese concern", (COOPERATION,), p5)
P6 = Claim("P6 a failed trade deal squeezes Japan", ("baseline", "trade_deal_fails"), p6)
P7 = Claim("P7 mediation raises US–North Korea trust", ("rok_mediator", "rok_mediator silent"), p7)
P8 = Claim("P8 cash first makes a freeze more likely", ("us_cash_first", "baseline"), p8)
P9 = Claim("P9 a summit in 2018, calm while talking (2017–2019)", (HISTORY,), p9)
P10 = Claim("P10 the baseline is a distribution of stories", ("baseline",), p10)
NO_SUMMIT_BY_APEC = Claim("no summit by the APEC window", ("baseline",), no_summit_by_apec)
CHINA_REENGAGES = Claim(
    "a China that re-engages wins Pyongyang over", ("baseline", "china_reengages"), china_reengages
)
RUSSIA_ANSWERS = Claim(
    "Russia answers a deal with deeper arms ties",
    ("baseline", "us_cash_first"),
    russia_answers_a_deal,
)

ALL: tuple[Claim, ...] = (
    P1,
    P2,
    P3,
    P4,
    P5,
    P6,
    P7,
    P8,
    P9,
    P10,
    NO_SUMMIT_BY_APEC,
    CHINA_REENGAGES,
    RUSSIA_ANSWERS,
)
"""Every claim this module states: the patterns in the order of docs/specification.md, then the
article's claims the counterfactual scenarios make."""


CONDITIONS: dict[str, tuple[Conditions, tuple[str, ...]]] = {
    P1.name: (p1_conditions, P1_CONDITIONS),
    P3.name: (p3_conditions, P3_CONDITIONS),
    P9.name: (p9_conditions, P9_CONDITIONS),
    P10.name: (p10_conditions, P10_CONDITIONS),
    RUSSIA_ANSWERS.name: (russia_answers_conditions, RUSSIA_CONDITIONS),
}
"""The claims made of several conditions: by the claim's name, its conditions and their names."""


def condition_claims(claim: Claim) -> tuple[Claim, ...]:
    """Each condition of ``claim`` as a claim of its own, named ``"<claim>: <condition>"``.

    The claim holds at a point exactly where all of them hold (its check is their conjunction).
    """
    conditions, names = CONDITIONS[claim.name]

    def part(condition: str) -> Check:
        def check(models: Batches, points: Points) -> NDArray[np.bool_]:
            return conditions(models, points)[condition]

        return check

    return tuple(
        Claim(f"{claim.name}: {condition}", claim.needs, part(condition)) for condition in names
    )
