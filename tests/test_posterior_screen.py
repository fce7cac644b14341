"""The screen of fixed values over the posterior: its changes, its rows, and the document."""

from pathlib import Path

import numpy as np
import pytest

from sim.calibration.posterior import read_posterior
from sim.marked_section import marked_section
from sim.scenario import load_scenario, numeric_parameters
from tools.pattern_claims import P1, P3, Points, write_section
from tools.posterior_screen import (
    CHECKED,
    FACTORS,
    NO_CHANGE,
    RESULTS,
    SCREENED,
    TABLE_BEGIN,
    TABLE_END,
    Change,
    Row,
    changed,
    changes,
    check,
    failing,
    lifted,
    main,
    read_rows,
    report,
    screen_points,
    split,
    strongest,
)
from tools.robustness import facts

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "calibration.md"
STORED = ROOT / "docs" / RESULTS
RERUN_EVERY = 40
"""The stored screen rows re-run by the test: every this-many-th (the declared values first)."""
WINDOW_BOOST = "mechanisms.showmanship.window_boost"
DEVELOPMENT = "mechanisms.provocation.development_rate"


def test_the_screen_changes_every_fixed_value_and_nothing_else() -> None:
    posterior = read_posterior()
    made, left = changes(posterior)
    keys = {change.key for change in made} | {change.key for change, _ in left}
    assert keys, "nothing screened"
    assert {key.split(".", 1)[0] for key in keys} == {"mechanisms", "actors", "world"}
    assert not keys & set(posterior.keys), "a calibrated parameter is the posterior's to vary"
    assert not keys & facts()
    assert not any(key.endswith(".enabled") for key in keys)
    assert {change.factor for change in made} == set(FACTORS)
    broken = {change for change, why in left if why.startswith("breaks a rule")}
    assert Change("mechanisms.trust.defection_ratio", 1.5) in broken
    assert Change("mechanisms.trust.defection_ratio", 0.5) in made


def test_a_change_scales_each_scenario_s_own_value() -> None:
    """The replay keeps its own development rate, halved with the baseline's."""
    points = changed(Points(("x",), np.array([[1.0]]), 1), Change(DEVELOPMENT, 0.5))
    for scenario in ("baseline", "history_2017_2019"):
        own = numeric_parameters(load_scenario(scenario))[DEVELOPMENT].default
        assert points.overrides(scenario)[DEVELOPMENT][0] == pytest.approx(own * 0.5)
    assert changed(points, NO_CHANGE) is points


def row(change: Change, p1: int, p3: int, every: int) -> Row:
    return Row(SCREENED, change, 10, 5, {P1.name: p1, P3.name: p3, "all": every})


def test_the_strongest_changes_are_those_that_lift_a_failing_pattern_most() -> None:
    declared = row(NO_CHANGE, 5, 9, 4)
    lifts_p1 = row(Change("a", 1.5), 7, 9, 6)
    lowers_p1 = row(Change("b", 0.5), 2, 9, 1)
    also_p3 = row(Change("c", 0.5), 6, 8, 5)
    rows = [declared, lifts_p1, lowers_p1, also_p3]
    names = [P1.name, "all"]
    assert lifted(rows, names, top=1) == {lifts_p1.change: ["P1", "all"]}
    assert lifted(rows, names, top=2) == {
        lifts_p1.change: ["P1", "all"],
        also_p3.change: ["P1", "all"],
    }
    # P3 holds at the declared values (9 of 10): no change is named for it
    assert strongest([declared, lowers_p1], declared) == []


def test_which_patterns_fail_is_read_at_the_check_s_budget() -> None:
    """A pattern the screen's 30 draws pass and the full budget fails has its changes re-checked."""
    screened = row(NO_CHANGE, 8, 9, 8)  # P1 at 80 % of the screen's draws: passing there
    lifts_p1 = row(Change("a", 1.5), 9, 9, 9)
    full = Row(CHECKED, NO_CHANGE, 100, 100, {P1.name: 74, P3.name: 95, "all": 70})
    assert failing(full) == [P1.name, "all"]
    assert strongest([screened, lifts_p1], full) == [lifts_p1.change]
    assert strongest([screened, lifts_p1], screened) == []


def test_halving_the_window_boost_shows_in_the_screen() -> None:
    """The screen sees what a fixed value holds up: with half the APEC window's pull, the US's
    proposals no longer cluster before APEC, and P1 fails at most draws (12 of 20 draws holding
    at the declared values, 4 with the pull halved)."""
    points = screen_points(read_posterior(), 20, 40)
    declared = check(SCREENED, points, NO_CHANGE)
    halved = check(SCREENED, points, Change(WINDOW_BOOST, 0.5))
    assert halved.holding[P1.name] <= declared.holding[P1.name] - 5


def test_the_stored_rows_are_those_of_today_s_model() -> None:
    """The screen covers today's changes, re-checks its strongest, and every 40th row re-run
    gives the stored counts (a change of the model that moves none of them goes unnoticed)."""
    posterior = read_posterior()
    ran, rechecked = split(read_rows(STORED))
    assert [r.change for r in ran] == [NO_CHANGE, *changes(posterior)[0]]
    assert [r.change for r in rechecked] == [NO_CHANGE, *strongest(ran, rechecked[0])]
    assert all(r.stage == CHECKED for r in rechecked)
    points = screen_points(posterior, ran[0].draws, ran[0].replicates)
    for stored in ran[::RERUN_EVERY]:
        assert check(SCREENED, points, stored.change) == stored, stored.change.name


def test_the_section_is_the_stored_rows() -> None:
    text = DOCUMENT.read_text(encoding="utf-8")
    expected = report(read_rows(STORED), changes(read_posterior())[1])
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + expected, (
        "stale: run python -m tools.posterior_screen --write docs/calibration.md"
    )


def test_bad_workers_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--workers", "0"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--workers" in error


def test_the_section_and_its_table_are_written_together(tmp_path: Path) -> None:
    document = tmp_path / "calibration.md"
    document.write_text(f"prose\n{TABLE_BEGIN}\nold\n{TABLE_END}\nmore prose\n", encoding="utf-8")
    written = write_section(document, TABLE_BEGIN, TABLE_END, "new\n", RESULTS, "a,b\n1,2\n")
    assert written == tmp_path / RESULTS and written.read_text(encoding="utf-8") == "a,b\n1,2\n"
    text = document.read_text(encoding="utf-8")
    assert text == f"prose\n{TABLE_BEGIN}\nnew\n{TABLE_END}\nmore prose\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["calibration.md", RESULTS]


def test_make_docs_regenerates_the_section() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndocs:", 1)[1].split("\n\n", 1)[0]
    assert "tools.posterior_screen --write docs/calibration.md" in recipe
