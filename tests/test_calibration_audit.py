"""The audit of chosen values: which values it reads as marked, and that the table in
docs/calibration.md describes today's model (through its fingerprint: the audit runs 132 variants
over 1,000 seeds, too long for a test; see tests/test_inert_parameters.py)."""

import re
from pathlib import Path

from sim.marked_section import marked_section
from tools.calibration_audit import (
    BEGIN,
    END,
    SEEDS,
    audit_fingerprint,
    marked_values,
    yaml_comments,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "calibration.md"


def test_a_comment_belongs_to_its_key_and_to_each_entry_of_a_flow_mapping(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "actors:\n"
        "  USA:\n"
        "    trust:\n"
        "      PRK: 0.15    # Fact: distrust\n"
        "    position: {nuclear: 0.3, sanctions: 0.2}   # Assumed: both\n"
        "months: 24\n",
        encoding="utf-8",
    )
    comments = yaml_comments(path)
    assert comments["actors.USA.trust.PRK"] == "Fact: distrust"
    assert comments["actors.USA.position.nuclear"] == "Assumed: both"
    assert comments["actors.USA.position.sanctions"] == "Assumed: both"
    assert comments["months"] == ""


def test_values_declared_assumed_or_calibrated_are_audited_and_facts_are_not() -> None:
    marked = marked_values()
    assert "mechanisms.cash_first.status_quo_nuclear" in marked  # declared an assumption
    assert "actors.USA.winset_width" in marked  # its comment in configs/baseline.yaml
    assert "actors.PRK.deterrent" not in marked  # a fact
    assert not any(key.endswith(".enabled") for key in marked)


def test_the_audit_in_docs_calibration_md_describes_todays_model() -> None:
    """Regenerate with ``python -m tools.calibration_audit --write docs/calibration.md``."""
    section = marked_section(DOC.read_text(encoding="utf-8"), BEGIN, END)
    assert section is not None, "docs/calibration.md has lost the audit's markers"
    stored = re.search(r"<!-- fingerprint: (\w+) -->", section)
    assert stored is not None and stored[1] == audit_fingerprint(SEEDS), (
        "the audit in docs/calibration.md is stale: "
        "python -m tools.calibration_audit --write docs/calibration.md"
    )
