"""The table of chosen values in docs/calibration.md is what the model gives today."""

from pathlib import Path

from sim.marked_section import marked_section
from tools.chosen_values import BEGIN, END, ROWS, table

DOC = Path(__file__).resolve().parent.parent / "docs" / "calibration.md"


def test_every_row_changes_a_declared_value_and_the_first_none() -> None:
    assert ROWS[0][1] == {}
    assert all(settings for _, settings in ROWS[1:])


def test_docs_calibration_md_holds_the_current_table_of_chosen_values() -> None:
    """Regenerate with ``python -m tools.chosen_values --write docs/calibration.md``."""
    text = DOC.read_text(encoding="utf-8")
    assert marked_section(text, BEGIN, END) == "\n" + table(), (
        "docs/calibration.md is stale: python -m tools.chosen_values --write docs/calibration.md"
    )
