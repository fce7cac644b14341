"""The inert-parameter screen: it tells inert from active, its bound fails when it should, and
docs/inert_parameters.md describes today's model.

The report itself takes minutes (every parameter at two factors over 1,000 seeds), so the test
does not regenerate it: the document carries a fingerprint of everything the report depends on
(the parameters' values and bounds, the settings, and the baseline's behaviour run by run over
200 seeds), which takes a fraction of a second to recompute. A change of behaviour, of a value or
of the settings changes the fingerprint; a refactoring that keeps the model's bytes does not, so
the report stays current across it without being rerun.
"""

import re
from pathlib import Path

import pytest

from sim.marked_section import marked_section
from tools.inert_parameters import (
    BEGIN,
    END,
    SEEDS,
    ParameterEffect,
    VariantEffect,
    check_inert_share,
    fingerprint,
    screen,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "inert_parameters.md"
INERT = "actors.JPN.salience.sanctions"
"""Inert in effect: Japan's weight on the sanctions issue enters only the region's compromise,
whose pull on the talks in the baseline changes no decision."""
ACTIVE = "mechanisms.cash_first.status_quo_nuclear"
"""North Korea's value of the nuclear status quo: it prices every offer against it."""


def test_the_report_describes_todays_model_and_settings() -> None:
    """Regenerate with ``python -m tools.inert_parameters --write docs/inert_parameters.md``."""
    section = marked_section(DOC.read_text(encoding="utf-8"), BEGIN, END)
    assert section is not None, "docs/inert_parameters.md has lost its markers"
    stored = re.search(r"<!-- fingerprint: (\w+) -->", section)
    assert stored is not None, "docs/inert_parameters.md holds no fingerprint"
    assert stored[1] == fingerprint(SEEDS), (
        "docs/inert_parameters.md is stale: python -m tools.inert_parameters "
        "--write docs/inert_parameters.md"
    )


def test_the_screen_finds_an_inert_parameter_inert_and_an_active_one_active() -> None:
    inert, active = screen(300, (INERT, ACTIVE))
    assert not inert.moves_behaviour
    assert all(v is not None and v.runs_changed == 0 for v in inert.variants.values())
    assert active.moves_behaviour
    largest = active.largest()
    assert largest is not None and largest.behaviour == "summits held" and abs(largest.d) > 0.5


def _effect(key: str, significant: bool) -> ParameterEffect:
    variant = VariantEffect(0.1, "launches", 0.3 if significant else 0.0, 5.0, significant, 10)
    return ParameterEffect(key, 0.2, {0.5: variant, 1.5: variant}, {})


def test_the_bound_on_inert_parameters_fails_when_more_than_a_tenth_move_nothing() -> None:
    too_many = [_effect(f"p{i}", significant=i >= 2) for i in range(10)]  # 2 of 10 inert
    with pytest.raises(AssertionError, match="2 of 10 parameters"):
        check_inert_share(too_many)
    check_inert_share([_effect(f"p{i}", significant=i >= 1) for i in range(10)])  # 1 of 10
