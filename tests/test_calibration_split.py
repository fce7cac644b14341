"""The dated record and its split: the calibration cannot read a held-out row.

``data/split.yaml`` declares which periods calibrate; :func:`calibration_record` drops every row
whose span touches a held-out period as it reads. These tests plant held-out rows (and rows that
straddle a boundary) and check that nothing the calibration computes can see them.
"""

import ast
import csv
from pathlib import Path

import pytest

from sim.calibration.problem import DEFAULT, load_problem
from sim.calibration.split import (
    COLUMNS,
    RECORD,
    SPLIT,
    Period,
    Split,
    calibration_record,
    held_out_record,
    read_split,
    record_hash,
)
from sim.calibration.statistics import record_statistics
from sim.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def write_record(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in COLUMNS} for row in rows)
    return path


def launch(date: str, precision: str = "day") -> dict[str, str]:
    return {
        "date": date,
        "precision": precision,
        "type": "provocation",
        "actor": "PRK",
        "target": "USA",
        "detail": "srbm",
        "description": "a launch",
        "source": "test",
    }


def test_the_declared_split_holds_out_2019_and_everything_from_june_2025() -> None:
    split = read_split(SPLIT)
    assert not split.calibrates("2019-01", "2019-01")
    assert not split.calibrates("2019-12", "2019-12")
    assert not split.calibrates("2025-06", "2025-06")
    assert not split.calibrates("2031-01", "2031-01")
    assert split.calibrates("2017-02", "2018-12")
    assert split.calibrates("2022-05", "2022-05")


def test_every_row_has_a_source_and_a_known_precision() -> None:
    with RECORD.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 90
    assert all(row["source"].strip() for row in rows)
    assert {row["precision"] for row in rows} <= {"day", "month", "year"}
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    years = {row["date"][:4] for row in rows}
    assert {str(y) for y in range(2012, 2026)} - years <= {"2015"}


def test_no_held_out_row_reaches_the_calibration() -> None:
    calibration = calibration_record()
    held = held_out_record()
    assert calibration and held
    assert all(not f.date.startswith("2019") and f.date < "2025-06" for f in calibration)
    assert any(f.date.startswith("2019") for f in held)
    assert any(f.date >= "2025-06" for f in held)
    assert len(calibration) + len(held) == sum(1 for _ in RECORD.open(encoding="utf-8")) - 1


def test_a_year_row_straddling_nothing_calibrates_and_one_in_a_held_out_year_does_not(
    tmp_path: Path,
) -> None:
    split = Split((Period("2017-01", "2018-12"),), (Period("2019-01", "2019-12"),))
    record = write_record(
        tmp_path / "r.csv",
        [launch("2018-01-01", "year"), launch("2019-01-01", "year"), launch("2018-12-31")],
    )
    kept = calibration_record(record, split)
    assert [(f.date, f.precision) for f in kept] == [("2018-01-01", "year"), ("2018-12-31", "day")]
    wide = Split((Period("2017-01", None),), (Period("2019-06", "2019-06"),))
    assert [f.date for f in calibration_record(record, wide)] == ["2018-01-01", "2018-12-31"]


def test_planting_held_out_rows_changes_nothing_the_calibration_computes(tmp_path: Path) -> None:
    """A held-out launch (even one dated inside the window by a typo of the year) is invisible."""
    with RECORD.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    base = write_record(tmp_path / "base.csv", rows)
    planted = write_record(
        tmp_path / "planted.csv", [*rows, launch("2019-03-01"), launch("2025-07-01", "month")]
    )
    window = load_problem(DEFAULT).window
    before, after = calibration_record(base), calibration_record(planted)
    assert record_hash(before) == record_hash(after)
    assert record_statistics(before, window) == record_statistics(after, window)
    assert len(held_out_record(planted)) == len(held_out_record(base)) + 2


def test_the_calibration_window_cannot_reach_into_a_held_out_period(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace('to: "2018-12"', 'to: "2019-03"')
    problem = tmp_path / "p.yaml"
    problem.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="outside the calibrating periods"):
        load_problem(problem)


def test_an_unknown_spread_for_the_distance_is_one_clear_error(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace("scale: std", "scale: iqr")
    problem = tmp_path / "p.yaml"
    problem.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"p\.yaml: distance\.scale") as error:
        load_problem(problem)
    assert "\n" not in str(error.value)


def test_only_the_checks_import_the_held_out_reader() -> None:
    """The inference modules never name ``held_out_record``: only the validation does."""
    users = []
    for path in sorted((ROOT / "sim").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if "held_out_record" in names:
            users.append(path.relative_to(ROOT).as_posix())
    assert users == ["sim/calibration/check.py"]


def test_a_malformed_split_or_record_is_one_clear_error(tmp_path: Path) -> None:
    split = tmp_path / "split.yaml"
    split.write_text("calibrate:\n  - {to: '2018-12'}\nheld_out: []\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"calibrate\.0\.from"):
        read_split(split)
    bad = tmp_path / "r.csv"
    bad.write_text("date,precision\n2017-01-01,day\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        calibration_record(bad, read_split())
    write_record(bad, [launch("2017-01-01", "week")])
    with pytest.raises(InputError, match="line 2: precision"):
        calibration_record(bad, read_split())
