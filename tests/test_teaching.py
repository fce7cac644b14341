"""docs/teaching.md's table of scenario outcomes is what the model produces now."""

import json
from pathlib import Path

from sim.scenario import bundled_scenarios
from tools.doc_figures import FIGURES_FILE
from tools.scenario_outcomes import HEADER, outcome_row

TEACHING = Path(__file__).resolve().parent.parent / "docs" / "teaching.md"


def test_the_teaching_table_matches_the_model() -> None:
    text = TEACHING.read_text(encoding="utf-8")
    assert HEADER in text
    for name in bundled_scenarios():
        row = outcome_row(name)
        assert row in text, f"docs/teaching.md is out of date for {name}: {row}"


def test_the_table_and_docs_figures_json_give_one_value_for_one_quantity() -> None:
    """The summit and freeze shares of the table are the stored figures, as written."""
    stored = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))["figures"]
    columns = [cell.strip() for cell in HEADER.splitlines()[0].strip("|").split("|")]
    summit, freeze = columns.index("summit held"), columns.index("freeze or better")
    rows = {
        line.split(" | ")[0].strip("|` "): line.split(" | ")
        for line in TEACHING.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    for name in bundled_scenarios():
        cells = rows[name]
        assert cells[summit] == stored[f"{name}.summit_share"]["text"], name
        assert cells[freeze] == stored[f"{name}.freeze_share"]["text"], name
