"""The historical record, the replay's comparison with it, and ``neasim calibrate``.

``docs/calibration.md`` holds the table ``neasim calibrate`` prints; the last test fails when the
model changes and the document was not regenerated (``neasim calibrate --out docs/calibration.md``).
"""

import argparse
from pathlib import Path

import numpy as np
import pytest

from sim.calibration.command import add_calibrate_command
from sim.calibration.history import REPO_ROOT, find_history, read_history, record_facts
from sim.calibration.record import TABLE_BEGIN, TABLE_END, calibration_table
from sim.calibration.replay import replay
from sim.errors import InputError
from sim.marked_section import marked_section
from sim.scenario import load_scenario

SHIPPED = REPO_ROOT / "data" / "history.csv"


def test_the_record_says_what_happened_in_2017_and_2018() -> None:
    facts = record_facts(read_history(SHIPPED))
    assert facts.summit_in_2018
    assert facts.first_summit_month == "2018-06"  # Singapore
    assert facts.first_invitation_month == "2018-03"  # the invitation accepted
    assert facts.first_agreement == "declaratory"
    assert (facts.provocations_2017, facts.provocation_months_2017) == (9, 7)
    assert (facts.provocations_2018, facts.provocations_during_talks) == (0, 0)
    assert (facts.tightenings_2017, facts.tightenings_2018) == (3, 0)  # 2371, 2375, 2397
    assert facts.concessions_2018 == 3
    assert facts.talks_alive_end_2018
    assert facts.vetoes == 0


def test_facts_are_computed_from_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "date,actor,target,type,cameo,description\n"
        "2017-03-01,PRK,USA,provocation,15,launch\n"
        "2017-03-20,PRK,USA,provocation,15,launch\n"
        "2018-02-01,USA,PRK,summit_proposed,036,invitation\n"
        "2018-04-01,PRK,USA,provocation,15,launch during talks\n"
        "2018-05-01,USA,PRK,summit_held,043,summit (freeze_for_relief)\n"
        "2018-07-01,USA,PRK,talks_cancelled,036,called off\n",
        encoding="utf-8",
    )
    facts = record_facts(read_history(path))
    assert (facts.provocations_2017, facts.provocation_months_2017) == (2, 1)
    assert facts.provocations_during_talks == 1
    assert facts.first_agreement == "freeze_for_relief"
    assert not facts.talks_alive_end_2018


def test_a_missing_or_malformed_record_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        find_history(tmp_path / "nowhere.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,actor\n2017-01-01,PRK\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_history(bad)
    bad.write_text("date,actor,target,type,cameo,description\n1/2/2017,P,U,x,1,y\n")
    with pytest.raises(InputError, match="line 2"):
        read_history(bad)


def test_the_replay_tallies_each_replicate_on_its_own() -> None:
    scenario = load_scenario("history_2017_2019")
    alone = replay(scenario, np.array([7]))
    together = replay(scenario, np.array([3, 7, 11]))
    assert together.first_summit_month[1] == alone.first_summit_month[0]
    assert together.provocations_by_year["2017"][1] == alone.provocations_by_year["2017"][0]
    assert together.tightenings_by_year["2018"][1] == alone.tightenings_by_year["2018"][0]


def run_calibrate(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_calibrate_command(parser.add_subparsers())
    args = parser.parse_args(["calibrate", *argv])
    return int(args.func(args))


def test_calibrate_prints_the_table_and_writes_it_between_markers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "calibration.md"
    doc.write_text(f"prose\n{TABLE_BEGIN}\nold\n{TABLE_END}\nmore prose\n", encoding="utf-8")
    assert run_calibrate("--replicates", "20", "--out", str(doc)) == 0
    printed = capsys.readouterr().out
    assert "| US–North Korea summit in 2018 | yes |" in printed
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("prose\n") and text.endswith("more prose\n")
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + printed


def test_calibrate_refuses_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--replicates 0"):
        run_calibrate("--replicates", "0")
    with pytest.raises(InputError, match="no such file"):
        run_calibrate("--history", str(tmp_path / "none.csv"))
    other = tmp_path / "notes.md"
    other.write_text("no markers here\n", encoding="utf-8")
    with pytest.raises(InputError, match="markers"):
        run_calibrate("--replicates", "5", "--out", str(other))
    assert other.read_text(encoding="utf-8") == "no markers here\n"


def test_docs_calibration_md_holds_the_current_table() -> None:
    """Regenerate with ``neasim calibrate --out docs/calibration.md`` when the model changes."""
    text = (REPO_ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + calibration_table(200)
