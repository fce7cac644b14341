"""ABC-SMC with its batches stepped on a Dask cluster gives the posterior of one process."""

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sim.calibration.posterior import read_posterior, write_posterior
from sim.calibration.problem import DEFAULT, Problem, load_problem
from sim.calibration.simulator import on_executor, prior_draws, run_seeds, simulate
from sim.calibration.statistics import statistic_names
from sim.cli import main as neasim

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

pytest.importorskip("pyabc", reason="the `calibrate` extra (pyabc) is not installed")
distributed = pytest.importorskip("distributed")

from sim.calibration.smc import run_smc  # noqa: E402


def small_problem() -> Problem:
    """Two parameters, 60 particles, two generations after the prior: seconds."""
    problem = load_problem(DEFAULT)
    kept = tuple(
        p
        for p in problem.parameters
        if p.key in ("mechanisms.provocation.base", "mechanisms.provocation.restraint")
    )
    spec = problem.spec.model_copy(
        update={
            "parameters": [p.key for p in kept],
            "abc_smc": problem.spec.abc_smc.model_copy(
                update={"population": 60, "generations": 2, "batch": 300}
            ),
        }
    )
    return dataclasses.replace(problem, spec=spec, parameters=kept)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


def test_a_batch_split_over_workers_gives_the_same_statistics(
    cluster: Any,
) -> None:
    problem = load_problem()
    theta = prior_draws(problem, 37, np.random.default_rng(5))
    seeds = run_seeds(3, 1, n=37)
    alone = simulate(problem, theta, seeds)
    split = on_executor(cluster.get_executor(pure=False), 3)(problem, theta, seeds)
    assert split.shape == (37, len(statistic_names(problem.window)))
    np.testing.assert_array_equal(split, alone)


def test_abc_smc_on_a_cluster_gives_the_posterior_of_one_process(
    cluster: Any,
    tmp_path: Path,
) -> None:
    problem = small_problem()
    names = statistic_names(problem.window)
    truth = np.array([[-1.0, 6.0]])
    record = dict(
        zip(names, simulate(problem, truth, run_seeds(9, 1, n=1))[0].tolist(), strict=True)
    )
    here = run_smc(problem, record, tmp_path / "here.db", False)
    there = run_smc(
        problem,
        record,
        tmp_path / "there.db",
        False,
        simulator=on_executor(cluster.get_executor(pure=False), 2),
    )
    np.testing.assert_array_equal(there.theta, here.theta)
    np.testing.assert_array_equal(there.weights, here.weights)
    assert (there.simulations, there.generations) == (here.simulations, here.generations)


@pytest.mark.parametrize(
    "argv",
    [
        ["calibrate", "--check", "--workers", "2"],
        ["calibrate", "--table", "--scheduler", "tcp://127.0.0.1:1"],
        ["calibrate", "--workers", "0"],
        ["calibrate", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
        ["calibrate", "--scheduler", "tcp://127.0.0.1:1"],
    ],
)
def test_cluster_options_that_cannot_apply_are_one_line_and_status_two(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = neasim([*argv, "--posterior", str(tmp_path / "p.parquet"), "--store", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "--workers" in err or "--scheduler" in err
    assert not (tmp_path / "p.parquet").exists()


def test_neasim_calibrate_with_workers_writes_the_same_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command's own wiring: ``--workers 2`` starts a LocalCluster and gives the bytes of the
    same calibration in one process; recomputed over a file, it says whether the sample is the
    one it replaced."""
    text = DEFAULT.read_text(encoding="utf-8")
    text = re.sub(r"population: \d+", "population: 30", text).replace(
        "generations: 6 ", "generations: 1 "
    )
    assert "population: 30 " in text and "generations: 1 " in text
    problem = tmp_path / "tiny.yaml"
    problem.write_text(text, encoding="utf-8")
    found = []
    for name, extra in (("cluster", ["--workers", "2"]), ("here", [])):
        out = tmp_path / name / "posterior.parquet"
        argv = ["calibrate", str(problem), "--posterior", str(out), "--store", str(tmp_path / name)]
        assert neasim([*argv, "--quiet", *extra]) == 0
        found.append(read_posterior(out))
    cluster, here = found
    # the same particles and weights, to the byte; the provenance differs only in how and when
    assert cluster.keys == here.keys
    assert cluster.theta.tobytes() == here.theta.tobytes()
    assert cluster.weights.tobytes() == here.weights.tobytes()
    assert cluster.provenance["settings"] == here.provenance["settings"]
    assert cluster.provenance["sample_sha256"] == here.provenance["sample_sha256"]
    capsys.readouterr()
    # recomputed from a fresh store over the file it made: the same sample, and it says so
    out = tmp_path / "here" / "posterior.parquet"
    argv = ["calibrate", str(problem), "--posterior", str(out), "--store", str(tmp_path / "new")]
    assert neasim([*argv, "--quiet"]) == 0
    sample = here.provenance["sample_sha256"][:16]
    assert f"sample SHA-256 {sample}: the same particles and weights as the posterior it " in (
        capsys.readouterr().err
    )
    # over the same particles in other last bits (other BLAS kernels): the same to rounding
    write_posterior(out, dataclasses.replace(here, theta=here.theta * (1 + 1e-13)))
    assert neasim([*argv, "--quiet"]) == 0
    assert f"{sample}: the posterior it replaced (" in (err := capsys.readouterr().err)
    assert ") to rounding (largest difference " in err and "computed with BLAS kernels" in err
    # over a posterior of other particles: it names the sample it replaced
    write_posterior(out, dataclasses.replace(here, theta=here.theta * 0.5))
    replaced = read_posterior(out).provenance["sample_sha256"][:16]
    assert neasim([*argv, "--quiet"]) == 0
    assert f"{sample}: not the sample of the posterior it replaced ({replaced})" in (
        capsys.readouterr().err
    )
