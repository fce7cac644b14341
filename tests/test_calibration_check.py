"""``neasim calibrate --check`` and the runs drawn over parameter uncertainty.

The first test keeps ``docs/validation.md`` current: it fails when the document is not what the
bundled posterior and the current model give (regenerate with ``neasim calibrate --check``),
never because a prediction misses.
"""

import json
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from sim.calibration.check import Line, document, validate
from sim.calibration.posterior import read_posterior
from sim.calibration.problem import load_problem
from sim.cli import main
from sim.sweep.plan import plan_sweep

ROOT = Path(__file__).resolve().parents[1]


def test_docs_validation_md_is_what_the_posterior_gives_today() -> None:
    """Regenerate with ``neasim calibrate --check`` after the model or the posterior changes."""
    posterior = read_posterior()
    problem = load_problem()
    text = document(validate(problem, posterior), problem, posterior, "data/posterior.parquet")
    assert (ROOT / "docs" / "validation.md").read_text(encoding="utf-8") == text


def test_a_line_is_a_hit_only_inside_its_interval() -> None:
    assert Line("x", 3, 1, 2, 3).hit
    assert not Line("x", 4, 1, 2, 3).hit
    assert not Line("x", 0, 1, 2, 3).hit


def test_the_check_sets_held_out_facts_beside_the_forecasts() -> None:
    validation = validate(load_problem(), read_posterior(), draws=200)
    held = {line.name: line for line in validation.held_out_2019}
    assert held["us_prk_summits"].record == 2  # Hanoi and Panmunjom
    assert held["held_out.no_deal_summits"].record == 2
    assert held["launch_months.2019Q1"].record == 0 and held["launch_months.2019Q3"].record == 3
    ahead = {line.name: line for line in validation.held_out_2025}
    assert ahead["jpn_leadership_changes"].record == 1  # Takaichi succeeds Ishiba, October 2025
    assert ahead["us_prk_summits"].record == 0  # APEC passes without a meeting
    calibration = {line.name: line for line in validation.calibration}
    assert calibration["launch_months.2017"].record == 8
    assert calibration["tightenings.2017"].record == 4
    assert len(validation.patterns) == 4
    assert all(0 <= share <= 1 for _, _, share in validation.patterns)


def test_an_ensemble_draws_its_parameters_from_the_posterior(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = {}
    for name, flags in (
        ("post", ["--posterior"]),
        ("again", ["--posterior"]),
        ("prior", ["--prior"]),
    ):
        out = tmp_path / name
        argv = ["run", "baseline", "--replicates", "30", "--months", "6", "--no-plots", "--quiet"]
        assert main([*argv, *flags, "--out", str(out)]) == 0
        runs[name] = pq.read_table(out / "outcomes.parquet").to_pandas()
    capsys.readouterr()
    drawn = json.loads((tmp_path / "post" / "manifest.json").read_text())["parameters_drawn"]
    # the run names the very sample it drew from
    assert drawn["sample_sha256"] == read_posterior().provenance["sample_sha256"]
    key = "param.mechanisms.cash_first.status_quo_nuclear"
    assert np.array_equal(runs["post"][key], runs["again"][key])  # same root seed, same draws
    assert runs["post"][key].nunique() > 5
    assert "param.actors.PRK.trust.USA" not in runs["post"]  # 2017's state is not 2025's
    prior = runs["prior"]["param.mechanisms.provocation.base"]
    assert prior.between(-4, 0).all() and prior.std() > 0.5
    assert main(["run", "baseline", "--posterior", "--quiet"]) == 2


def test_a_posterior_sweep_varies_the_posteriors_mechanism_parameters() -> None:
    plan = plan_sweep(ROOT / "configs" / "sweeps" / "posterior_baseline.yaml")
    keys = {axis.key for axis in plan.axes}
    assert keys == {k for k in read_posterior().keys if k.startswith("mechanisms.")}
    design = plan.design()
    again = plan.design()
    assert design.n_points == 200
    assert all(np.array_equal(design.columns[k], again.columns[k]) for k in keys)
