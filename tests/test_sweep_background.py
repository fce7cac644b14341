"""Sweeps whose runs draw the parameters the design does not vary from the posterior, and
``neasim analyze`` over them."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.calibration.posterior import read_posterior
from sim.cli import main as neasim
from sim.errors import InputError
from sim.sweep import run_sweep
from sim.sweep.plan import plan_sweep

SPEC = """\
base: baseline
design: sobol
n: 4
replicates: 2
seed: 7
months: 12
parameters:
  actors.USA.upfront_relief: {{low: 0.0, high: 0.4}}
  mechanisms.cash_first.talks_value: {{low: 0.2, high: 0.6}}
{background}"""


def write_spec(tmp_path: Path, name: str, background: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(SPEC.format(background=background), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("background")
    found = {}
    for name, background in (
        ("drawn", "background: posterior\n"),
        ("again", "background: posterior\n"),
        ("declared", ""),
    ):
        spec = write_spec(tmp, name, background)
        found[name] = run_sweep(spec, out_dir=tmp / name, workers=1, progress=False)
    return found


def test_each_run_draws_the_calibrated_parameters_the_design_does_not_vary(
    sweeps: dict[str, Path],
) -> None:
    design = pd.read_parquet(sweeps["drawn"] / "design.parquet")
    posterior = read_posterior()
    background = [
        key
        for key in posterior.keys
        if key.startswith("mechanisms.") and key != "mechanisms.cash_first.talks_value"
    ]
    assert set(design.columns) == {
        "run_id",
        "seed",
        "design_point",
        "replicate",
        "actors.USA.upfront_relief",
        "mechanisms.cash_first.talks_value",
        *background,
    }
    assert len(design) == 4 * (2 + 2) * 2
    # drawn per run, not per point: the two replicates of a point differ
    first = design[design.design_point == 0]
    assert first[background[0]].nunique() == 2
    # every run's vector is a row of the posterior
    columns = [posterior.keys.index(key) for key in background]
    rows = {tuple(row) for row in posterior.theta[:, columns].tolist()}
    assert all(tuple(row) in rows for row in design[background].to_numpy().tolist())
    resolved = (sweeps["drawn"] / "sweep.yaml").read_text(encoding="utf-8")
    assert "background: posterior" in resolved


def test_the_draws_are_reproducible_and_change_the_outcomes(sweeps: dict[str, Path]) -> None:
    for name in ("design.parquet", "outcomes.parquet"):
        assert (sweeps["drawn"] / name).read_bytes() == (sweeps["again"] / name).read_bytes()
    drawn = pd.read_parquet(sweeps["drawn"] / "outcomes.parquet")
    declared = pd.read_parquet(sweeps["declared"] / "outcomes.parquet")
    assert not np.array_equal(drawn["trust_final.PRK.USA"], declared["trust_final.PRK.USA"])
    assert "background" not in (sweeps["declared"] / "sweep.yaml").read_text(encoding="utf-8")


def test_analyze_says_the_background_was_drawn(
    sweeps: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = sweeps["drawn"] / "plots-test"
    assert (
        neasim(["analyze", str(sweeps["drawn"]), "--outcome", "summit_held", "--out", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert printed.startswith("over runs that drew the calibrated parameters")
    assert "actors.USA.upfront_relief" in printed
    record = json.loads((out / "sensitivity-summit_held.json").read_text(encoding="utf-8"))
    assert record["background"] == "posterior"


def test_a_posterior_design_takes_no_background(tmp_path: Path) -> None:
    spec = tmp_path / "both.yaml"
    spec.write_text(
        "base: baseline\ndesign: posterior\nn: 4\nseed: 1\nbackground: posterior\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="background: a posterior design already draws"):
        plan_sweep(spec)
    bad = tmp_path / "bad.yaml"
    bad.write_text("base: baseline\nn: 4\nseed: 1\nbackground: prior\n", encoding="utf-8")
    with pytest.raises(InputError, match="background"):
        plan_sweep(bad)
