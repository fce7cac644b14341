"""docs/teaching.md's table of scenario outcomes is what the model produces now."""

from pathlib import Path

from sim.scenario import bundled_scenarios
from tools.scenario_outcomes import HEADER, outcome_row

TEACHING = Path(__file__).resolve().parent.parent / "docs" / "teaching.md"


def test_the_teaching_table_matches_the_model() -> None:
    text = TEACHING.read_text(encoding="utf-8")
    assert HEADER in text
    for name in bundled_scenarios():
        row = outcome_row(name, 500)
        assert row in text, f"docs/teaching.md is out of date for {name}: {row}"
