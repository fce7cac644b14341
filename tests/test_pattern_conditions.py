"""Which condition of a pattern fails: the section of docs/calibration.md and its verdicts."""

from pathlib import Path

import numpy as np
import pytest

from sim.calibration.posterior import read_posterior
from sim.marked_section import marked_section
from tools.pattern_claims import (
    CONDITIONS,
    P1,
    P10,
    Points,
    condition_claims,
    evaluate,
    read_verdicts,
    stale_verdicts,
)
from tools.pattern_conditions import CLAIMS, PATTERNS, TABLE_BEGIN, TABLE_END, VERDICTS, report
from tools.posterior_patterns import DRAWS, REPLICATES, posterior_points
from tools.posterior_patterns import VERDICTS as PATTERN_VERDICTS
from tools.posterior_patterns import read_verdicts as read_pattern_verdicts

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

ROOT = Path(__file__).resolve().parent.parent
WINDOW_BOOST = "mechanisms.showmanship.window_boost"
STATUS_QUO = "mechanisms.cash_first.status_quo_nuclear"


def test_docs_calibration_md_holds_the_current_conditions() -> None:
    """Regenerate with ``python -m tools.pattern_conditions --write docs/calibration.md``.

    The section is the report of the stored verdicts at today's draws, and the stored verdicts
    are today's model's at every fifth draw, re-run.
    """
    text = (ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")
    section = marked_section(text, TABLE_BEGIN, TABLE_END)
    keys, values, holds = read_verdicts(ROOT / "docs" / VERDICTS, CLAIMS)
    points = posterior_points(read_posterior(), DRAWS, REPLICATES)
    assert keys == points.keys
    np.testing.assert_array_equal(values, points.points)
    assert list(holds) == [claim.name for claim in CLAIMS]
    assert section == "\n" + report(points, holds)
    assert stale_verdicts(points, holds, CLAIMS) == []


def test_the_conditions_together_are_the_patterns_verdicts() -> None:
    """At every draw, a pattern of the patterns' table holds where all its conditions hold."""
    _, _, conditions = read_verdicts(ROOT / "docs" / VERDICTS, CLAIMS)
    _, _, patterns = read_pattern_verdicts(ROOT / "docs" / PATTERN_VERDICTS)
    assert {claim.name for claim in PATTERNS} == set(CONDITIONS)
    for claim in PATTERNS:
        every = np.logical_and.reduce([conditions[part.name] for part in condition_claims(claim)])
        np.testing.assert_array_equal(every, patterns[claim.name], err_msg=claim.name)


def test_a_condition_fails_for_the_reason_it_names() -> None:
    """A North Korea that values the nuclear status quo at 0.05 takes a summit in most baseline
    runs: P10's cap on summits fails, and only it; with no pull of the APEC window on US
    proposals, P1's clustering before APEC fails."""
    cheap = Points((STATUS_QUO,), np.array([[0.6], [0.05]]), 100)
    holds = evaluate((P10, *condition_claims(P10)), cheap)
    capped = f"{P10.name}: a summit within 24 months in ≤ 60 % of runs"
    assert holds[capped].tolist() == [True, False]
    assert holds[P10.name].tolist() == [True, False]
    for part in condition_claims(P10):
        if part.name != capped:
            assert holds[part.name].tolist() == [True, True], part.name
    flat = Points((WINDOW_BOOST,), np.array([[3.0], [0.0]]), 100)
    clustered = f"{P1.name}: proposals ≥ 1.8 times as frequent before APEC"
    assert evaluate(condition_claims(P1), flat)[clustered].tolist() == [True, False]


def test_make_docs_regenerates_the_section() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndocs:", 1)[1].split("\n\n", 1)[0]
    assert "tools.pattern_conditions --write docs/calibration.md" in recipe
