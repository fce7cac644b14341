"""``neasim calibrate --check``: the posterior's predictions beside the record (docs/validation.md).

Each calibration statistic and each held-out fact is set beside the 10–90 % interval of the
posterior predictive distribution (Gelman, Meng & Stern 1996): parameter vectors resampled from
the posterior, one run each, stepped as one batch. Joint patterns — several facts at once — are
reported as the share of draws that meet them all, because the replay long met facts one at a
time and never together. Coverage is the share of statistics inside their interval (about 80 % if
the model and its posterior are right); misses are listed, never tuned away. Held-out facts
(2019; June 2025 on) come from :func:`held_out_record`, which the calibration never reads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sim.calendar import step_of
from sim.calibration.posterior import Posterior
from sim.calibration.problem import Problem
from sim.calibration.simulator import prior_draws, run_seeds, simulate_events
from sim.calibration.split import calibration_record, held_out_record
from sim.calibration.statistics import (
    Dated,
    Window,
    record_events,
    statistic_names,
    summary_statistics,
)
from sim.calibration.uncertainty import parameter_rng, posterior_overrides
from sim.scenario import load_scenario

DRAWS = 1000
HELD_OUT_2019 = Window("2019-01", "2019-12")
HELD_OUT_2019_SKIPPED = ("jpn_leadership_changes", "first_summit_invited")
"""Statistics 2019's table leaves out: Japan kept its prime minister, and 2019's first summit
(Hanoi) came on an invitation of September 2018, before the window."""
FORECAST = "baseline"
HELD_OUT_2025 = Window("2025-07", "2025-10")
"""The months after the baseline's start (June 2025) the record covers completely."""


@dataclass(frozen=True)
class Line:
    """One statistic: the record's value, the model's 10 %, 50 % and 90 % quantiles."""

    name: str
    record: float
    low: float
    median: float
    high: float

    @property
    def hit(self) -> bool:
        """Whether the record lies inside the 10–90 % interval (bounds included)."""
        return self.low <= self.record <= self.high


def lines(
    record: dict[str, float], model: dict[str, NDArray[np.float64]], names: list[str]
) -> list[Line]:
    """One :class:`Line` per statistic."""
    found = []
    for name in names:
        low, median, high = np.quantile(model[name], [0.1, 0.5, 0.9])
        found.append(Line(name, record[name], float(low), float(median), float(high)))
    return found


Pattern = Callable[[dict[str, NDArray[np.float64]]], NDArray[np.bool_]]


def joint_patterns(window: Window) -> list[tuple[str, Pattern]]:
    """Facts that held together in 2017–2019, each as a test on per-run statistics."""
    june_2018 = float(step_of(window.first, "2018-06"))
    return [
        (
            "launches in at least 7 months of 2017, a first summit in 2018, no launch in 2018",
            lambda s: (
                (s["launch_months.2017"] >= 7)
                & (s["first_summit_month"] >= step_of(window.first, "2018-01"))
                & (s["first_summit_month"] < len(window.months))
                & (s["launch_months.2018"] == 0)
            ),
        ),
        ("the first summit in June 2018", lambda s: s["first_summit_month"] == june_2018),
        (
            "a first summit in 2018 that ends in a declaratory agreement",
            lambda s: (
                (s["first_summit_month"] >= step_of(window.first, "2018-01"))
                & (s["first_summit_month"] < len(window.months))
                & (s["first_agreement"] == 2)
            ),
        ),
        (
            "2019: a summit without agreement, and launches resume after a calm January–April",
            lambda s: (
                (s["held_out.no_deal_summits"] > 0)
                & (s["held_out.launch_months_jan_apr"] == 0)
                & (s["launch_months.2019"] > 0)
            ),
        ),
    ]


def events_in(events: list[Dated], first: str, last: str) -> list[Dated]:
    """The events of months ``first`` … ``last``."""
    return [e for e in events if first <= e.month <= last]


def extra_2019(events: list[Dated], runs: int) -> dict[str, NDArray[np.float64]]:
    """2019's facts beyond the standard statistics: summits without agreement, early calm."""
    no_deal = np.zeros(runs)
    early = np.zeros(runs)
    summit_months: dict[int, set[str]] = {}
    agreed: dict[int, set[str]] = {}
    for e in events_in(events, "2019-01", "2019-12"):
        if e.type == "summit_held" and {e.actor, e.target} == {"USA", "PRK"}:
            summit_months.setdefault(e.run, set()).add(e.month)
        elif e.type == "agreement_signed":
            agreed.setdefault(e.run, set()).add(e.month)
        elif e.type == "provocation" and e.month <= "2019-04":
            early[e.run] += 1
    for r, months in summit_months.items():
        no_deal[r] = len(months - agreed.get(r, set()))
    return {"held_out.no_deal_summits": no_deal, "held_out.launch_months_jan_apr": early}


@dataclass(frozen=True)
class Validation:
    """Everything docs/validation.md shows."""

    calibration: list[Line]
    held_out_2019: list[Line]
    held_out_2025: list[Line]
    patterns: list[tuple[str, bool, float]]
    draws: int


def validate(problem: Problem, posterior: Posterior, draws: int = DRAWS) -> Validation:
    """Run the posterior predictive checks (``draws`` runs of each scenario, one batch each)."""
    rng = parameter_rng(problem.spec.seed)
    scenario = problem.scenario
    overrides = posterior_overrides(posterior, scenario, draws, rng)
    seeds = run_seeds(problem.spec.seed, 0xC4EC, 0, n=draws)
    events, _ = simulate_events(scenario, overrides, seeds, scenario.months)
    model = summary_statistics(events, draws, problem.window)
    held = summary_statistics(events, draws, HELD_OUT_2019)
    held_names = statistic_names(HELD_OUT_2019)
    calibration_rows = record_events(calibration_record(split=problem.split))
    held_rows = record_events(held_out_record(split=problem.split))
    record = {
        k: float(v[0]) for k, v in summary_statistics(calibration_rows, 1, problem.window).items()
    }
    record_2019 = {
        k: float(v[0]) for k, v in summary_statistics(held_rows, 1, HELD_OUT_2019).items()
    }
    record_2019_extra = {k: float(v[0]) for k, v in extra_2019(held_rows, 1).items()}
    joint = {**model, **{k: v for k, v in held.items() if k.startswith("launch_months.2019")}}
    joint.update(extra_2019(events, draws))
    record_joint = {**record, "launch_months.2019": record_2019["launch_months.2019"]}
    record_joint.update(record_2019_extra)
    patterns = [
        (
            what,
            bool(test({k: np.array([v]) for k, v in record_joint.items()})[0]),
            float(np.mean(test(joint))),
        )
        for what, test in joint_patterns(problem.window)
    ]
    forecast = load_scenario(FORECAST)
    ahead = posterior_overrides(posterior, forecast, draws, rng)
    ahead_events, _ = simulate_events(
        forecast, ahead, seeds, step_of(forecast.start, HELD_OUT_2025.last)
    )
    model_2025 = summary_statistics(ahead_events, draws, HELD_OUT_2025)
    record_2025 = {
        k: float(v[0]) for k, v in summary_statistics(held_rows, 1, HELD_OUT_2025).items()
    }
    names_2025 = ["us_prk_summits", "jpn_leadership_changes", "vetoes"]
    return Validation(
        calibration=lines(record, model, statistic_names(problem.window)),
        held_out_2019=lines(
            record_2019, held, [n for n in held_names if n not in HELD_OUT_2019_SKIPPED]
        )
        + lines(record_2019_extra, extra_2019(events, draws), ["held_out.no_deal_summits"]),
        held_out_2025=lines(record_2025, model_2025, names_2025),
        patterns=patterns,
        draws=draws,
    )


def weighted_quantile(values: NDArray[np.float64], weights: NDArray[np.float64], q: float) -> float:
    """The ``q`` quantile of weighted values (the inverse of their weighted CDF)."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order]) / np.sum(weights)
    index = min(int(np.searchsorted(cumulative, q)), len(values) - 1)
    return float(values[order][index])


def identifiability(problem: Problem, posterior: Posterior, draws: int = 20_000) -> list[str]:
    """Each inferred parameter's prior and posterior side by side, as Markdown table rows.

    A parameter whose posterior spread is more than 0.7 of its prior's is one the record does
    not pin down.
    """
    prior = prior_draws(problem, draws, parameter_rng(problem.spec.seed))
    rows = [
        "| parameter | prior mean (sd) | posterior mean (sd) | posterior 10–90 % | sd ratio |",
        "|---|---|---|---|---|",
    ]
    for k, key in enumerate(posterior.keys):
        column, w = posterior.theta[:, k], posterior.weights
        mean = float(np.average(column, weights=w))
        sd = float(np.sqrt(np.average((column - mean) ** 2, weights=w)))
        ratio = sd / float(prior[:, k].std())
        note = " (not pinned down)" if ratio > 0.7 else ""
        rows.append(
            f"| `{key}` | {prior[:, k].mean():.3g} ({prior[:, k].std():.2g}) | {mean:.3g} "
            f"({sd:.2g}) | {weighted_quantile(column, w, 0.1):.3g}–"
            f"{weighted_quantile(column, w, 0.9):.3g} | {ratio:.2f}{note} |"
        )
    return rows


def _table(rows: list[Line]) -> list[str]:
    out = ["| statistic | record | model median | 10–90 % | |", "|---|---|---|---|---|"]
    for line in rows:
        mark = "inside" if line.hit else "**miss**"
        out.append(
            f"| `{line.name}` | {line.record:g} | {line.median:g} | "
            f"{line.low:g}–{line.high:g} | {mark} |"
        )
    hits = sum(line.hit for line in rows)
    out += ["", f"Coverage: {hits} of {len(rows)} inside their 10–90 % interval."]
    misses = [line.name for line in rows if not line.hit]
    out.append("Misses: " + (", ".join(f"`{m}`" for m in misses) if misses else "none") + ".")
    return out


def document(
    validation: Validation, problem: Problem, posterior: Posterior, posterior_path: str
) -> str:
    """docs/validation.md's text."""
    provenance = posterior.provenance
    lines_ = [
        "# Validation: the posterior's predictions beside the record",
        "",
        "Written by `neasim calibrate --check` (do not edit by hand);",
        "`tests/test_calibration_check.py` fails when it is stale, never because a prediction",
        "misses. Each statistic is set beside the 10–90 % interval of the posterior predictive",
        f"distribution: {validation.draws} parameter vectors resampled by weight from",
        f"`{posterior_path}` (commit `{str(provenance.get('commit'))[:12]}`, data",
        f"`{str(provenance.get('data_hash'))[:12]}`, sample",
        f"`{str(provenance.get('sample_sha256'))[:12]}`, seed {provenance.get('seed')}, ESS",
        f"{float(provenance.get('ess', 0)):.0f}), one run each.",
        "",
        "Statistics are defined in `sim/calibration/statistics.py`: `launch_months.*` counts",
        "months with a launch or a nuclear test; `first_summit_month` counts months from the",
        "window's start (its length when there is none); `first_agreement` is 0 no summit, 1 none,",
        "2 declaratory, 3 freeze for relief, 4 disarmament step; `first_summit_invited` is 1 when",
        "the first summit came on North Korea's invitation (its last proposal before it).",
        "",
        "## Calibration statistics (February 2017 – December 2018)",
        "",
        *_table(validation.calibration),
        "",
        "## Held out: 2019 (never seen by the calibration)",
        "",
        *_table(validation.held_out_2019),
        "",
        f"## Held out: July–October 2025 (the `{FORECAST}` scenario, from June 2025)",
        "",
        *_table(validation.held_out_2025),
        "",
        "## What the record pins down",
        "",
        "Each inferred parameter's prior (20,000 draws) beside its posterior; a posterior spread",
        "above 0.7 of the prior's marks a parameter the record cannot pin down.",
        "",
        *identifiability(problem, posterior),
        "",
        "## Joint patterns",
        "",
        "| facts together | in the record | share of posterior draws |",
        "|---|---|---|",
        *(
            f"| {what} | {'yes' if held else 'no'} | {100 * share:.1f} % |"
            for what, held, share in validation.patterns
        ),
    ]
    every = validation.calibration + validation.held_out_2019 + validation.held_out_2025
    hits = sum(line.hit for line in every)
    lines_ += [
        "",
        f"Overall coverage: {hits} of {len(every)} statistics inside their 10–90 % interval "
        f"({100 * hits / len(every):.0f} %; about 80 % is expected of a well-calibrated model).",
    ]
    return "\n".join(lines_) + "\n"


def write_validation(path: Path, text: str) -> None:
    """Write the document atomically."""
    from sim.sweep.atomic import write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, text)
