"""Sensitivity indices from saved Sobol' and Morris sweeps."""

from pathlib import Path

import pytest

from sim.errors import InputError
from sim.sweep import run_sweep, sensitivity

SPEC = """\
base: baseline
design: {design}
n: {n}
replicates: 4
seed: 8
months: 12
parameters:
  mechanisms.provocation.development_rate: {{low: 0.05, high: 0.5}}
  world.fta_progress: {{low: 0.0, high: 1.0}}
  mechanisms.japan.rice_weight: {{low: 0.0, high: 0.9}}
"""
NAMES = [
    "mechanisms.provocation.development_rate",
    "world.fta_progress",
    "mechanisms.japan.rice_weight",
]


def sweep(tmp_path: Path, design: str, n: int) -> Path:
    spec = tmp_path / f"{design}.yaml"
    spec.write_text(SPEC.format(design=design, n=n), encoding="utf-8")
    return run_sweep(spec, out_dir=tmp_path / design, workers=2, progress=False)


def test_sobol_indices_single_out_the_provocation_hazard_for_provocations(tmp_path: Path) -> None:
    indices = sensitivity(sweep(tmp_path, "sobol", 64), "provocations")
    assert list(indices.index) == NAMES
    assert list(indices.columns) == ["S1", "S1_conf", "ST", "ST_conf"]
    assert indices["ST"].idxmax() == "mechanisms.provocation.development_rate"
    assert indices.loc["mechanisms.provocation.development_rate", "ST"] > 0.5


def test_morris_effects_single_out_the_provocation_hazard_for_provocations(tmp_path: Path) -> None:
    path = sweep(tmp_path, "morris", 10)
    indices = sensitivity(path, "provocations")
    assert list(indices.index) == NAMES
    assert list(indices.columns) == ["mu", "mu_star", "sigma", "mu_star_conf"]
    assert indices["mu_star"].idxmax() == "mechanisms.provocation.development_rate"
    assert indices.loc["mechanisms.provocation.development_rate", "mu"] > 0
    probability = sensitivity(path, "summit_held")  # a boolean's mean is a probability
    assert (probability["mu_star"] <= 1.0).all()


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
