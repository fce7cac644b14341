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
    REQUIRED_SHARE,
    SHORTFALLS,
    TABLE_BEGIN,
    TABLE_END,
    Robustness,
    facts,
    neighbourhood,
    robustness,
    robustness_report,
)

CALIBRATION = Path(__file__).resolve().parent.parent / "docs" / "calibration.md"


@cache
def result() -> Robustness:
    """100 points × 100 seeds of every scenario the claims need (computed once)."""
    return robustness(points=100, replicates=100)


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
    assert "actors.PRK.trust.USA" in known and "actors.PRK.trust.USA" not in hood.keys
    for k, key in enumerate(hood.keys):
        info, values = infos[key], hood.points[:, k]
        if key in hood.relative:  # a factor applied to each scenario's own value
            assert np.all(np.abs(values - 1.0) <= 0.15 + 1e-9), key
            values = values * info.default
        slack = 0.5 if info.integer else 1e-9  # whole numbers are rounded
        assert np.all(np.abs(values - info.default) <= 0.15 * abs(info.default) + slack), key
        assert np.all((values >= info.low - 1e-12) & (values <= info.high + 1e-12)), key


def test_the_neighbourhood_keeps_the_models_rules_by_construction() -> None:
    hood = neighbourhood(points=100, replicates=1)
    values = {key: hood.points[:, k] for k, key in enumerate(hood.keys)}
    assert consistency_errors(values) == [None] * 100
    # without the construction the corner where both trust ratios are high breaks the rule
    both_high = {DEFECTION: np.array([0.3 * 1.15]), COSTLY: np.array([3.0 * 1.15])}
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
