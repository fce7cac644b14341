"""Sensitivity indices from saved Sobol' and Morris sweeps, with the seeds' noise floor."""

from pathlib import Path

import pandas as pd
import pytest

from analysis import load_sweep, sweep_sensitivity
from sim.errors import InputError
from sim.sweep import run_sweep

SPEC = """\
base: baseline
design: {design}
n: {n}
replicates: {replicates}
seed: 8
months: 24
parameters:
  actors.PRK.trust.USA: {{low: 0.02, high: 0.4}}
  world.fta_progress: {{low: 0.0, high: 1.0}}
  actors.USA.trust.CHN: {{low: 0.05, high: 0.5}}
"""
NAMES = [
    "actors.PRK.trust.USA",
    "world.fta_progress",
    "actors.USA.trust.CHN",
]
"""North Korea's trust in the US (it prices every offer), the FTA's progress, and a belief no
decision reads (the US's trust in China: the negative control, whose index must stay noise)."""


def sensitivity(path: Path, outcome: str) -> pd.DataFrame:
    return sweep_sensitivity(load_sweep(path), outcome)


def sweep(tmp_path: Path, design: str, n: int, replicates: int = 4) -> Path:
    spec = tmp_path / f"{design}.yaml"
    spec.write_text(SPEC.format(design=design, n=n, replicates=replicates), encoding="utf-8")
    return run_sweep(spec, out_dir=tmp_path / design, workers=2, progress=False)


def test_sobol_indices_rise_above_the_seed_noise_only_for_trust_on_summits(tmp_path: Path) -> None:
    indices = sensitivity(sweep(tmp_path, "sobol", 32, replicates=64), "summit_held")
    assert list(indices.index) == NAMES
    assert list(indices.columns) == ["S1", "S1_conf", "ST", "ST_conf", "noise_floor", "above_noise"]
    # the seeds' noise puts a floor under every total index ...
    floor = indices["noise_floor"].iloc[0]
    assert 0.05 < floor < 0.6
    # ... which North Korea's trust in the US clears and a belief no decision reads does not
    assert indices["ST"].idxmax() == "actors.PRK.trust.USA"
    assert bool(indices.loc["actors.PRK.trust.USA", "above_noise"])
    assert not bool(indices.loc["actors.USA.trust.CHN", "above_noise"])
    assert abs(indices.loc["actors.USA.trust.CHN", "ST"] - floor) < 0.2


def test_sobol_indices_of_few_seeds_are_all_noise(tmp_path: Path) -> None:
    """With 4 seeds a point, every index is about the floor: the table says none clears it."""
    indices = sensitivity(sweep(tmp_path, "sobol", 16), "provocations")
    assert indices["noise_floor"].iloc[0] > 0.5
    assert not indices["above_noise"].any()


def test_morris_effects_single_out_trust_for_summits(tmp_path: Path) -> None:
    path = sweep(tmp_path, "morris", 10, replicates=32)
    indices = sensitivity(path, "summit_held")  # a boolean's mean is a probability
    assert list(indices.index) == NAMES
    assert list(indices.columns)[:4] == ["mu", "mu_star", "sigma", "mu_star_conf"]
    assert indices["mu_star"].idxmax() == "actors.PRK.trust.USA"
    assert indices["mu"].loc["actors.PRK.trust.USA"] > 0
    assert (indices["mu_star"] <= 1.0 / (4 / 6)).all()
    assert bool(indices.loc["actors.PRK.trust.USA", "above_noise"])
    assert not bool(indices.loc["actors.USA.trust.CHN", "above_noise"])


def test_one_seed_a_point_has_no_noise_floor(tmp_path: Path) -> None:
    indices = sensitivity(sweep(tmp_path, "morris", 4, replicates=1), "provocations")
    assert indices["noise_floor"].isna().all()
    assert indices["above_noise"].isna().all()


def test_sensitivity_needs_a_sobol_or_morris_sweep_and_a_numeric_outcome(tmp_path: Path) -> None:
    spec = tmp_path / "grid.yaml"
    spec.write_text("base: baseline\nseed: 1\nmonths: 2\nreplicates: 2\n", encoding="utf-8")
    grid = run_sweep(spec, out_dir=tmp_path / "grid", workers=1, progress=False)
    with pytest.raises(InputError, match="design: sensitivity indices need a sobol or morris"):
        sensitivity(grid, "provocations")
    morris = sweep(tmp_path, "morris", 4)
    with pytest.raises(InputError, match="agreement_type: not a numeric outcome"):
        sensitivity(morris, "agreement_type")
    with pytest.raises(InputError, match="no_such: no such outcome column"):
        sensitivity(morris, "no_such")
