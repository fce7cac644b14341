"""P12, robust, not tuned: each claim holds at 80 % of the points of a ±15 % neighbourhood of
every value that is not a fact, the model's rules kept by construction."""

from functools import cache
from pathlib import Path

import numpy as np

from sim.marked_section import marked_section
from sim.scenario import load_scenario, numeric_parameters
from sim.scenario.schema import consistency_errors
from tools.robustness import (
    COSTLY,
    DEFECTION,
    NEW_SUPPORT,
    POINTS,
    REPLICATES,
    REQUIRED_SHARE,
    SHORTFALLS,
    TABLE_BEGIN,
    TABLE_END,
    THRESHOLD,
    Robustness,
    facts,
    neighbourhood,
    robustness,
    robustness_report,
)

CALIBRATION = Path(__file__).resolve().parent.parent / "docs" / "calibration.md"


@cache
def result() -> Robustness:
    """300 points × 100 seeds of every scenario the claims need (computed once)."""
    return robustness(points=POINTS, replicates=REPLICATES)


def test_the_neighbourhood_varies_every_value_but_the_facts_within_fifteen_percent() -> None:
    infos = numeric_parameters(load_scenario("baseline"))
    hood = neighbourhood(points=100, replicates=1)
    known = facts()
    expected = {
        key
        for key, info in infos.items()
        if not key.endswith(".enabled") and info.default != 0 and key not in known
    }
    assert set(hood.keys) == expected and len(hood.points) == 100
    assert any(key.startswith("actors.") for key in hood.keys)  # initial states included
    assert known and not known & set(hood.keys)  # the facts stay as they are
    assert hood.relative == set(hood.keys)  # factors, applied to each scenario's own value
    for k, key in enumerate(hood.keys):
        info, factors = infos[key], hood.points[:, k]
        assert np.all(np.abs(factors - 1.0) <= 0.15 + 1e-9), key
        values = factors * info.default
        assert np.all((values >= info.low - 1e-12) & (values <= info.high + 1e-12)), key


def test_the_neighbourhood_keeps_the_models_rules_by_construction() -> None:
    hood = neighbourhood(points=100, replicates=1)
    infos = numeric_parameters(load_scenario("baseline"))
    values = {key: hood.points[:, k] * infos[key].default for k, key in enumerate(hood.keys)}
    assert consistency_errors(values) == [None] * 100
    # without the construction the corner where both trust ratios are high breaks the rule
    both_high = {DEFECTION: np.array([0.3 * 1.15]), COSTLY: np.array([3.0 * 1.15])}
    both_high[NEW_SUPPORT], both_high[THRESHOLD] = np.array([0.5]), np.array([0.3])
    assert consistency_errors(both_high) != [None]


def test_the_claims_hold_in_most_of_the_neighbourhood_but_the_known_shortfalls() -> None:
    """Every claim holds at 80 % of the points, except those :data:`SHORTFALLS` names (and
    reports, with why); a claim there that comes to hold must leave the list."""
    shares = {name: float(holds.mean()) for name, holds in result().holds.items()}
    weak = {name: share for name, share in shares.items() if share < REQUIRED_SHARE}
    assert set(weak) <= set(SHORTFALLS), f"claims holding at fewer than 80% of the points: {weak}"
    recovered = set(SHORTFALLS) - set(weak)
    assert not recovered, f"these claims now hold at 80% of the points: {recovered}"


def test_docs_calibration_md_holds_the_current_robustness_report() -> None:
    """Regenerate with ``python -m tools.robustness --write docs/calibration.md``."""
    text = CALIBRATION.read_text(encoding="utf-8")
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + robustness_report(result())


def test_a_counterfactuals_stipulations_stay_while_its_uncertain_values_vary() -> None:
    """us_cash_first keeps the offer and the terms it asks about; the baseline and the replay,
    whose values of the same keys are estimates, see them vary."""
    hood = neighbourhood(points=10, replicates=2)
    stipulated = {"actors.USA.upfront_relief", "actors.USA.position.nuclear"}
    assert stipulated <= hood.held["us_cash_first"]
    assert "history_2017_2019" not in hood.held
    cash = hood.overrides("us_cash_first")
    assert not stipulated & set(cash)
    assert "actors.USA.trust.PRK" in cash  # an uncertain state varies there as anywhere
    for scenario in ("baseline", "history_2017_2019"):
        assert "actors.USA.position.nuclear" in hood.overrides(scenario)
