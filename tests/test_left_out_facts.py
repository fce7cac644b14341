"""What a left-out fact would pin: the facts, the record's counts, the weights, the section."""

from pathlib import Path

import numpy as np
import pytest

from sim.calibration.split import Fact
from sim.errors import InputError
from sim.marked_section import marked_section
from tools.left_out_facts import (
    CHANCES,
    TABLE_BEGIN,
    TABLE_END,
    chances,
    chances_csv,
    left_out_facts,
    load_facts,
    main,
    report,
    weighted,
)
from tools.pattern_claims import Points
from tools.posterior_patterns import read_verdicts

DOCS = Path(__file__).resolve().parent.parent / "docs"
US_OFFERS = "no US offer of a summit in 2017–2018"


def facts_file(tmp_path: Path, **changes: object) -> Path:
    """A file of one fact (US offers of a summit in 2017–2018, 20 seeds) with ``changes``."""
    lines = [
        "replicates: 20",
        "facts:",
        f"  - name: {changes.get('name', 'a fact')}",
        f"    scenario: {changes.get('scenario', 'history_2017_2019')}",
        f'    window: {{from: "{changes.get("first", "2017-02")}", '
        f'to: "{changes.get("last", "2018-12")}"}}',
        f"    event: {{type: {changes.get('type', 'summit_proposed')}, "
        f"actor: {changes.get('actor', 'USA')}, target: {changes.get('target', 'PRK')}}}",
        f"    tolerance: {changes.get('tolerance', 0)}",
        "    why: a reason",
    ]
    path = tmp_path / "facts.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_section_and_its_table_are_current() -> None:
    result = left_out_facts()
    document = (DOCS / "calibration.md").read_text(encoding="utf-8")
    assert marked_section(document, TABLE_BEGIN, TABLE_END) == "\n" + report(result)
    assert (DOCS / CHANCES).read_text(encoding="utf-8") == chances_csv(result)


def test_the_record_s_count_is_read_from_the_record(tmp_path: Path) -> None:
    _, facts = load_facts()
    offers = next(fact for fact in facts if fact.spec.name == US_OFFERS)
    assert offers.recorded == 0  # both 2018 summits came on Kim's invitations
    _, [invitations] = load_facts(facts_file(tmp_path, actor="PRK", target="USA"))
    assert [row.date for row in invitations.rows] == ["2018-03-08", "2018-09-10"]
    assert invitations.recorded == 2


def test_a_row_that_straddles_the_months_is_refused(tmp_path: Path) -> None:
    row = Fact("2018-01-01", "year", "summit_proposed", "USA", "PRK", "", "a year's row", "s")
    with pytest.raises(InputError, match=r"facts\.0\.window: the record's row of 2018-01-01"):
        load_facts(facts_file(tmp_path, first="2017-02", last="2018-06"), record=[row])
    counted = load_facts(facts_file(tmp_path, last="2018-12"), record=[row, row])[1][0]
    assert counted.recorded == 2


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"first": "2019-01", "last": "2019-06"}, r"facts\.0\.window: .*held-out months"),
        ({"first": "2018-06", "last": "2018-01"}, r"facts\.0\.window: 'from' 2018-06 is after"),
        ({"first": "2016-06", "last": "2016-12"}, r"facts\.0\.window: .*not inside them"),
        ({"type": "summit_rejected"}, r"facts\.0\.event\.type: the record keeps no"),
        ({"scenario": "nowhere"}, r"facts\.0\.scenario: "),
        ({"tolerance": -1}, r"facts\.0\.tolerance: "),
    ],
)
def test_bad_facts_are_one_line_errors_with_exit_status_2_and_nothing_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, object],
    where: str,
) -> None:
    path = facts_file(tmp_path, **changes)
    with pytest.raises(InputError, match=where):
        load_facts(path)
    document = tmp_path / "calibration.md"
    document.write_text(f"{TABLE_BEGIN}\nold\n{TABLE_END}\n", encoding="utf-8")
    assert main(["--facts", str(path), "--write", str(document)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("left_out_facts: error: ") and error.count("\n") == 1
    assert document.read_text(encoding="utf-8") == f"{TABLE_BEGIN}\nold\n{TABLE_END}\n"
    assert not (tmp_path / CHANCES).exists()


def test_equal_weights_leave_the_shares_and_every_draw() -> None:
    holds = {"a": np.array([True, False, True, True])}
    result = weighted(holds, np.full(4, 0.3))
    assert result.shares == {"a": 0.75} and result.effective == pytest.approx(4.0)
    assert weighted(holds, np.array([0.0, 1.0, 0.0, 0.0])).shares == {"a": 0.0}


def test_the_weights_read_the_fact_from_the_runs(tmp_path: Path) -> None:
    """A fact every run meets weighs each draw alike; the record's "no US offer" weighs down the
    draws whose US turns its pressure for a win into offers quickly (``pressure_gain``)."""
    keys, values, _ = read_verdicts(DOCS / "posterior_patterns.csv")
    points = Points(keys, values[:40], 20, "history_2017_2019")
    _, [offers] = load_facts(facts_file(tmp_path))
    _, [anything] = load_facts(facts_file(tmp_path, tolerance=1000))
    chance, joint = chances([offers], points)
    assert np.all(chances([anything], points)[0]["a fact"] == 1.0)
    gain = np.array(keys).tolist().index("mechanisms.showmanship.pressure_gain")
    r = np.corrcoef(points.points[:, gain], chance["a fact"])[0, 1]
    assert r < -0.4, r
    assert np.median(chance["a fact"]) <= 0.1  # the model's US offers summits in 2017–2018
    assert np.array_equal(joint, chance["a fact"])  # one fact: at once is itself
