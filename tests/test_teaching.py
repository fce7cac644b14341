"""docs/teaching.md's table of scenario outcomes is what the model produces now."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from sim.calibration.posterior import Posterior, read_posterior
from sim.calibration.uncertainty import predictive_runs
from sim.runs.batch import run_batch
from sim.scenario import bundled_scenarios, load_scenario, numeric_parameters
from tools.doc_figures import FIGURES_FILE, FREEZE_OR_BETTER, posterior_statistics
from tools.scenario_outcomes import COLUMNS, HEADER, TABLE_START, outcome_row

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

TEACHING = Path(__file__).resolve().parent.parent / "docs" / "teaching.md"
NUMBER = {"percent": r"\d{1,3}", "count": r"\d+", "trust": r"-?\d\.\d\d"}
"""A number of each kind of column as the table writes it (a percent without its sign)."""
BASELINE = load_scenario("baseline")
DECLARED = numeric_parameters(BASELINE)


def cell_pattern(kind: str) -> re.Pattern[str]:
    """A cell: the value, then in brackets its interval (one value when both ends read the same)."""
    number, sign = NUMBER[kind], "%" if kind == "percent" else ""
    space = " " if sign else ""
    return re.compile(
        rf"(?P<value>{number}){space}{sign} \[(?P<low>{number})(?:–(?P<high>{number}))?{sign}\]"
    )


def parse_cell(text: str, kind: str) -> tuple[float, float, float]:
    """The value, the low end and the high end of a cell (the ends equal for one value)."""
    match = cell_pattern(kind).fullmatch(text)
    assert match, f"{text!r} is not a {kind} value followed by its interval"
    low = float(match["low"])
    return float(match["value"]), low, float(match["high"]) if match["high"] else low


def table_rows(text: str) -> dict[str, list[str]]:
    """The cells of the table's rows by scenario (the scenario's cell left out)."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def posterior_at(key: str, *values: float) -> Posterior:
    """The bundled posterior's parameters (and ``key``) at the baseline's declared values, one
    equally weighted particle per value of ``key``."""
    keys = tuple(dict.fromkeys((*read_posterior().keys, key)))
    rows = np.array([[DECLARED[k].default for k in keys] for _ in values], dtype=float)
    rows[:, keys.index(key)] = values
    weights = np.full(len(rows), 1 / len(rows))
    return Posterior(keys, rows, weights, {"settings": {"scenario": "history_2017_2019"}})


def test_the_teaching_table_matches_the_model() -> None:
    text = TEACHING.read_text(encoding="utf-8")
    assert HEADER in text
    for name in bundled_scenarios():
        row = outcome_row(name)
        assert row in text, f"docs/teaching.md is out of date for {name}: {row}"


def test_every_cell_is_a_value_and_its_interval() -> None:
    text = TEACHING.read_text(encoding="utf-8")
    assert HEADER.startswith(TABLE_START)
    headings = [cell.strip() for cell in HEADER.splitlines()[0].strip("|").split("|")]
    assert headings == ["scenario", *(column.heading for column in COLUMNS)]
    rows = table_rows(text)
    assert sorted(rows) == sorted(bundled_scenarios())
    for name, cells in rows.items():
        assert len(cells) == len(COLUMNS), name
        for column, cell in zip(COLUMNS, cells, strict=True):
            _, low, high = parse_cell(cell, column.kind)
            assert low <= high, f"{name}, {column.heading}: {cell}"
            if column.kind == "percent":
                assert high <= 100, f"{name}, {column.heading}: {cell}"


@pytest.mark.parametrize(
    ("cell", "kind", "parsed"),
    [
        ("32 % [18–100%]", "percent", (32, 18, 100)),
        ("67 % [73%]", "percent", (67, 73, 73)),
        ("2 [1–3]", "count", (2, 1, 3)),
        ("0.12 [0.05–0.12]", "trust", (0.12, 0.05, 0.12)),
    ],
)
def test_a_cell_parses(cell: str, kind: str, parsed: tuple[float, float, float]) -> None:
    assert parse_cell(cell, kind) == parsed


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("32 %", "percent"), ("32 % 18–100%", "percent"), ("0.12 [0.05-0.12]", "trust")],
)
def test_a_cell_without_its_interval_does_not_parse(cell: str, kind: str) -> None:
    assert not cell_pattern(kind).fullmatch(cell)


def test_the_table_and_docs_figures_json_give_one_value_for_one_quantity() -> None:
    """The shares and medians the table shares with the stored figures are theirs, as written."""
    stored = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))["figures"]
    headings = [column.heading for column in COLUMNS]
    keys = {
        "summit held": "summit_share",
        "freeze or better": "freeze_share",
        "provocations (median)": "provocations_median",
        "North Korea's trust in the US at the end (median)": "trust_prk_usa_median",
    }
    rows = table_rows(TEACHING.read_text(encoding="utf-8"))
    for name in bundled_scenarios():
        for heading, key in keys.items():
            value = rows[name][headings.index(heading)].split(" [")[0]
            assert value == stored[f"{name}.{key}"]["text"], (name, heading)


def test_each_statistic_is_computed_over_each_vector_s_own_seeds() -> None:
    """The interval of each column is the 10–90 % range of its statistic per vector, computed
    here vector by vector, each in a batch of its own."""
    draws, seeds = 6, 15
    posterior = posterior_at("mechanisms.cash_first.status_quo_nuclear", 0.05, 0.95)
    statistics = {column.heading: column.statistic for column in COLUMNS}
    found = posterior_statistics(BASELINE, statistics, draws, seeds, posterior)
    design = predictive_runs(BASELINE, draws, seeds, posterior)
    per_vector: dict[str, list[float]] = {heading: [] for heading in statistics}
    for d in range(draws):
        vector = {key: np.full(seeds, drawn[d]) for key, drawn in design.values.items()}
        runs = run_batch(BASELINE, np.arange(seeds), vector).arrays
        agreement = np.asarray(runs["agreement_type"]).astype(str)
        for heading, value in {
            "summit held": np.mean(runs["summit_held"]),
            "freeze or better": np.mean(np.isin(agreement, FREEZE_OR_BETTER)),
            "provocations (median)": np.median(runs["provocations"]),
            "North Korea's trust in the US at the end (median)": np.median(
                runs["trust_final.PRK.USA"]
            ),
            "relief need at the end (median)": np.median(runs["prk_relief_need_final"]),
            "a leadership change": np.mean(runs["leadership_changes"] > 0),
            "mean tension (median)": np.median(runs["mean_tension"]),
        }.items():
            per_vector[heading].append(float(value))
    assert len({round(v, 6) for v in per_vector["summit held"]}) == 2  # the vectors differ
    for heading, values in per_vector.items():
        np.testing.assert_allclose(found[heading].per_draw, values, rtol=1e-12, err_msg=heading)
        low, high = np.percentile(values, [10, 90])
        np.testing.assert_allclose(found[heading].interval(), (low, high), rtol=1e-12)


def test_one_vector_at_the_declared_values_gives_each_value_as_its_own_interval() -> None:
    default = DECLARED["mechanisms.cash_first.status_quo_nuclear"].default
    posterior = posterior_at("mechanisms.cash_first.status_quo_nuclear", default)
    row = outcome_row("baseline", replicates=30, draws=3, seeds=30, posterior=posterior)
    cells = table_rows(row)["baseline"]
    for column, cell in zip(COLUMNS, cells, strict=True):
        value, low, high = parse_cell(cell, column.kind)
        assert value == low == high, f"{column.heading}: {cell}"


def test_runs_that_break_a_rule_are_left_out_vector_by_vector() -> None:
    # a defection ratio of 0.5 times the costly signal's 3 breaks the rule that their product
    # stays below 1: every run at that vector fails
    posterior = posterior_at("mechanisms.trust.defection_ratio", 0.3, 0.5)
    draws, seeds = 10, 5
    design = predictive_runs(BASELINE, draws, seeds, posterior)
    good = int(np.sum(design.values["mechanisms.trust.defection_ratio"] < 0.4))
    assert 0 < good < draws
    statistics = {column.heading: column.statistic for column in COLUMNS}
    found = posterior_statistics(BASELINE, statistics, draws, seeds, posterior)
    assert {len(over.per_draw) for over in found.values()} == {good}
    broken = posterior_at("mechanisms.trust.defection_ratio", 0.5)
    with pytest.raises(ValueError, match="broke a rule"):
        posterior_statistics(BASELINE, statistics, 2, seeds, broken)
