"""P12, robust, not tuned: each claim holds at 80 % of the points of a ±15 % neighbourhood."""

from functools import cache
from pathlib import Path

import numpy as np

from sim.marked_section import marked_section
from sim.scenario import load_scenario, numeric_parameters
from tools.robustness import (
    REQUIRED_SHARE,
    TABLE_BEGIN,
    TABLE_END,
    Robustness,
    neighbourhood,
    robustness,
    robustness_report,
)

CALIBRATION = Path(__file__).resolve().parent.parent / "docs" / "calibration.md"


@cache
def result() -> Robustness:
    """32 points × 100 seeds of every scenario the claims need (computed once)."""
    return robustness(points=32, replicates=100)


def test_the_neighbourhood_varies_every_mechanism_parameter_within_fifteen_percent() -> None:
    infos = numeric_parameters(load_scenario("baseline"))
    hood = neighbourhood(points=32, replicates=1)
    expected = {
        key
        for key, info in infos.items()
        if key.startswith("mechanisms.") and not key.endswith(".enabled") and info.default != 0
    }
    assert set(hood.keys) == expected and len(hood.points) == 32
    for k, key in enumerate(hood.keys):
        info, values = infos[key], hood.points[:, k]
        slack = 0.5 if info.integer else 1e-9  # whole numbers are rounded
        assert np.all(np.abs(values - info.default) <= 0.15 * abs(info.default) + slack), key
        assert np.all((values >= info.low) & (values <= info.high)), key


def test_the_claims_hold_in_most_of_the_neighbourhood() -> None:
    shares = {name: float(holds.mean()) for name, holds in result().holds.items()}
    weak = {name: share for name, share in shares.items() if share < REQUIRED_SHARE}
    assert not weak, f"claims holding at fewer than 80% of the points: {weak}"


def test_docs_calibration_md_holds_the_current_robustness_report() -> None:
    """Regenerate with ``python -m tools.robustness --write docs/calibration.md``."""
    text = CALIBRATION.read_text(encoding="utf-8")
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + robustness_report(result())
