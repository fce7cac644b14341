"""Running sweeps with the real model: determinism, failures, resuming, the directory's files."""

import json
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sim.countries import COUNTRIES
from sim.errors import InputError
from sim.runs.batch import BatchResult, run_batch
from sim.scenario import load_scenario
from sim.sweep import plan_sweep, run_sweep
from sim.sweep.chunk import ChunkTask, run_chunk
from sim.sweep.executors import Workers
from sim.sweep.resume import open_sweep
from sim.sweep.runner import execute
from sim.sweep.seeds import run_seeds

SPEC = """\
base: baseline
design: lhs
n: 30
replicates: 4
seed: 11
months: 8
parameters:
  mechanisms.trust.forgiveness: {low: 0.02, high: 0.2}
  actors.PRK.trust.USA: {low: 0.05, high: 0.4}
  mechanisms.showmanship.cooldown_months: {low: 1, high: 6}
"""
RUNS = 120


def write_spec(tmp_path: Path, text: str = SPEC) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def sweep(tmp_path: Path, name: str, text: str = SPEC, **options: Any) -> Path:
    return run_sweep(write_spec(tmp_path, text), out_dir=tmp_path / name, progress=False, **options)


def outcomes(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path / "outcomes.parquet")


class InlineExecutor(Executor):
    """Runs each task in this process at submission; after ``crash_after`` tasks, raises."""

    def __init__(self, crash_after: int | None = None) -> None:
        self.submitted = 0
        self.crash_after = crash_after

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self.crash_after is not None and self.submitted >= self.crash_after:
            raise RuntimeError("the machine went down")
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def inline(crash_after: int | None = None) -> Callable[[], Any]:
    @contextmanager
    def open_inline() -> Iterator[Workers]:
        yield Workers(InlineExecutor(crash_after), 1)

    return open_inline


# --- determinism ---------------------------------------------------------------------------------


def test_outcomes_are_byte_identical_whatever_the_workers_and_chunk_size(tmp_path: Path) -> None:
    one = sweep(tmp_path, "one", workers=1, chunk_size=RUNS)
    two = sweep(tmp_path, "two", workers=2, chunk_size=7)
    three = sweep(tmp_path, "three", workers=2, chunk_size=50)
    reference = outcomes(one)
    assert len(reference) == RUNS
    assert (reference["status"] == "ok").all()
    for other in (two, three):
        pd.testing.assert_frame_equal(outcomes(other), reference, check_exact=True)
        for name in ("outcomes.parquet", "design.parquet"):
            assert (other / name).read_bytes() == (one / name).read_bytes()


def test_the_same_root_seed_gives_the_same_design_and_outcomes(tmp_path: Path) -> None:
    first = sweep(tmp_path, "first")
    again = sweep(tmp_path, "again")
    other = sweep(tmp_path, "other", text=SPEC.replace("seed: 11", "seed: 12"))
    pd.testing.assert_frame_equal(
        pd.read_parquet(again / "design.parquet"), pd.read_parquet(first / "design.parquet")
    )
    pd.testing.assert_frame_equal(outcomes(again), outcomes(first), check_exact=True)
    assert not pd.read_parquet(other / "design.parquet").equals(
        pd.read_parquet(first / "design.parquet")
    )
    assert not outcomes(other).equals(outcomes(first))


def test_the_design_lists_every_run_with_its_seed_point_and_values(tmp_path: Path) -> None:
    design = pd.read_parquet(sweep(tmp_path, "s") / "design.parquet")
    assert list(design.columns) == [
        "run_id",
        "seed",
        "design_point",
        "replicate",
        "mechanisms.trust.forgiveness",
        "actors.PRK.trust.USA",
        "mechanisms.showmanship.cooldown_months",
    ]
    assert design["run_id"].tolist() == list(range(RUNS))
    assert (design["run_id"] == design["design_point"] * 4 + design["replicate"]).all()
    assert design["seed"].tolist() == run_seeds(11, range(RUNS)).tolist()
    assert design.groupby("design_point")["mechanisms.trust.forgiveness"].nunique().eq(1).all()
    assert design["mechanisms.showmanship.cooldown_months"].dtype == np.int64


def test_a_sweep_run_is_reproduced_by_a_single_run_with_its_seed_and_values(
    tmp_path: Path,
) -> None:
    path = sweep(tmp_path, "s")
    design = pd.read_parquet(path / "design.parquet").set_index("run_id")
    settings = {key: str(design.at[77, key]) for key in design.columns[3:]}
    seed = str(design.at[77, "seed"])
    scenario = load_scenario("baseline", {**settings, "seed": seed, "months": "8"})
    alone = run_batch(scenario, [scenario.seed])
    swept = outcomes(path).set_index("run_id").loc[77]
    for name, values in alone.arrays.items():
        if values[0] is None:
            assert pd.isna(swept[name]), name
        else:
            assert swept[name] == values[0], name
    frame = alone.outcomes  # the same outcomes as a DataFrame, one row per run
    assert frame.index.name == "run"
    assert list(frame.columns) == list(alone.arrays)
    assert frame.loc[0, "provocations"] == swept["provocations"]


# --- failures ------------------------------------------------------------------------------------

FAILING = """\
base: baseline
seed: 3
months: 5
replicates: 3
parameters:
  mechanisms.trust.defection_ratio: {values: [0.2, 0.5, 0.3]}
trajectories: true
"""


def test_a_failing_run_is_recorded_with_its_error_and_the_others_go_on(tmp_path: Path) -> None:
    path = sweep(tmp_path, "s", text=FAILING, chunk_size=4)
    table = outcomes(path)
    failed = table["status"] == "failed"
    assert table.loc[failed, "run_id"].tolist() == [3, 4, 5]  # 0.5 × 3 lets trust rise faster
    assert table.loc[failed, "error"].str.contains("trust falls faster than it rises").all()
    assert table.loc[failed, "mean_tension"].isna().all()
    assert table.loc[~failed, "error"].isna().all()
    assert table.loc[~failed, "mean_tension"].notna().all()
    manifest = json.loads((path / "manifest.json").read_text())
    assert (manifest["runs_done"], manifest["runs_failed"]) == (9, 3)
    trajectories = pd.read_parquet(path / "trajectories.parquet")
    assert sorted(trajectories["run_id"].unique()) == [0, 1, 2, 6, 7, 8]


POISON_SEED_RUN = 5


def poisoned_runner(scenario: Any, seeds: np.ndarray, **options: Any) -> BatchResult:
    """The real batch runner, except that a batch holding run 5's seed raises."""
    if int(run_seeds(11, [POISON_SEED_RUN])[0]) in np.asarray(seeds).tolist():
        raise FloatingPointError("overflow in a mechanism")
    return run_batch(scenario, seeds, **options)


def test_a_chunk_that_raises_is_rerun_run_by_run_so_only_the_culprit_fails(
    tmp_path: Path,
) -> None:
    reference = outcomes(sweep(tmp_path, "reference"))
    plan = plan_sweep(write_spec(tmp_path))
    opened = open_sweep(plan, tmp_path / "poisoned", parallelism=1)
    execute(plan, opened.directory, 16, inline(), progress=False, runner=poisoned_runner)
    table = outcomes(opened.directory.path)
    culprit = table["run_id"] == POISON_SEED_RUN
    assert table.loc[culprit, "status"].tolist() == ["failed"]
    assert table.loc[culprit, "error"].tolist() == ["FloatingPointError: overflow in a mechanism"]
    assert table.loc[culprit, "summit_held"].isna().all()
    pd.testing.assert_frame_equal(
        table[~culprit].reset_index(drop=True),
        reference[~culprit].reset_index(drop=True),
        check_exact=True,
        check_dtype=False,  # a null in the culprit's row makes its bool columns objects
    )


def test_run_chunk_isolates_runs_that_raise_even_when_all_do(tmp_path: Path) -> None:
    def always(*args: Any, **kwargs: Any) -> BatchResult:
        raise ValueError("no\nway")

    task = ChunkTask(
        index=0,
        scenario=load_scenario("baseline"),
        run_ids=np.array([4, 5]),
        seeds=np.array([1, 2]),
        overrides={},
        months=2,
        keep=None,
        trajectories=True,
        runner=always,
    )
    result = run_chunk(task)
    assert result.failed == 2
    assert result.outcomes.column("error").to_pylist() == ["ValueError: no way"] * 2
    assert result.outcomes.column("run_id").to_pylist() == [4, 5]
    assert result.trajectories is not None and result.trajectories.num_rows == 0


# --- resuming ------------------------------------------------------------------------------------


def counting(calls: list[int]) -> Callable[..., BatchResult]:
    def runner(scenario: Any, seeds: np.ndarray, **options: Any) -> BatchResult:
        calls.append(len(seeds))
        return run_batch(scenario, seeds, **options)

    return runner


def test_an_interrupted_sweep_resumes_without_redoing_finished_chunks(tmp_path: Path) -> None:
    reference = sweep(tmp_path, "reference")
    plan = plan_sweep(write_spec(tmp_path, SPEC + "chunk_size: 16\n"))
    opened = open_sweep(plan, tmp_path / "resumed", parallelism=1)
    with pytest.raises(RuntimeError, match="went down"):
        execute(plan, opened.directory, 16, inline(crash_after=3), progress=False)
    chunks = sorted(p.name for p in opened.directory.chunks.glob("*.parquet"))
    assert chunks == ["outcomes-00000.parquet", "outcomes-00001.parquet"]
    assert not (opened.directory.path / "outcomes.parquet").exists()
    assert json.loads((opened.directory.manifest_json).read_text())["status"] == "running"

    calls: list[int] = []
    again = open_sweep(plan, tmp_path / "resumed", parallelism=1)
    assert not again.created and again.chunk_size == 16
    execute(
        plan, again.directory, again.chunk_size, inline(), progress=False, runner=counting(calls)
    )
    assert sum(calls) == RUNS - 32
    pd.testing.assert_frame_equal(outcomes(again.directory.path), outcomes(reference))
    manifest = json.loads((again.directory.manifest_json).read_text())
    assert manifest["status"] == "complete"
    assert manifest["runs_done"] == RUNS
    assert len(manifest["resumed_utc"]) == 1
    assert not again.directory.chunks.exists()


def test_running_a_complete_sweep_again_changes_nothing(tmp_path: Path) -> None:
    path = sweep(tmp_path, "s")
    before = {p.name: p.stat().st_mtime_ns for p in path.iterdir()}
    assert sweep(tmp_path, "s") == path
    assert {p.name: p.stat().st_mtime_ns for p in path.iterdir()} == before


def test_a_directory_holding_another_sweep_is_refused(tmp_path: Path) -> None:
    path = sweep(tmp_path, "s")
    with pytest.raises(InputError, match=r"holds a different sweep \(seed: 11 there, 12 in"):
        sweep(tmp_path, "s", text=SPEC.replace("seed: 11", "seed: 12"))
    with pytest.raises(InputError, match="was started with chunk_size"):
        sweep(tmp_path, "s", chunk_size=3)
    assert (path / "outcomes.parquet").is_file()


def test_a_directory_that_is_not_a_sweep_is_left_alone(tmp_path: Path) -> None:
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not a sweep directory"):
        sweep(tmp_path, "occupied")
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]


# --- the directory -------------------------------------------------------------------------------


def test_the_directory_describes_itself(tmp_path: Path) -> None:
    path = sweep(tmp_path, "s", text=SPEC + "outcomes: [summit_held, trust_final.PRK]\n")
    assert sorted(p.name for p in path.iterdir()) == [
        ".lock",  # the sweep's lock, inside its directory; free once the sweep is done
        "design.parquet",
        "manifest.json",
        "outcomes.parquet",
        "scenario.yaml",
        "sweep.yaml",
    ]
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert (manifest["runs_total"], manifest["runs_done"], manifest["runs_failed"]) == (
        RUNS,
        RUNS,
        0,
    )
    for key in (
        "format_version",
        "neasim_version",
        "git_commit",
        "python_version",
        "numpy_version",
        "mesa_version",
        "command",
        "started_utc",
        "finished_utc",
    ):
        assert key in manifest
    assert list(outcomes(path).columns) == [
        "run_id",
        "status",
        "error",
        "summit_held",
        "trust_final.PRK.USA",
        "trust_final.PRK.KOR",
        "trust_final.PRK.CHN",
        "trust_final.PRK.RUS",
        "trust_final.PRK.JPN",
    ]
    scenario = load_scenario(path / "scenario.yaml")
    assert scenario == load_scenario("baseline")


def test_trajectories_are_long_by_run_step_and_country(tmp_path: Path) -> None:
    path = sweep(tmp_path, "a", text=SPEC + "trajectories: true\n", chunk_size=50)
    other = sweep(tmp_path, "b", text=SPEC + "trajectories: true\n", chunk_size=9)
    frame = pd.read_parquet(path / "trajectories.parquet")
    assert len(frame) == RUNS * 9 * len(COUNTRIES)
    assert list(frame.columns[:4]) == ["run_id", "step", "month", "country"]
    first = frame[frame["run_id"] == 0]
    assert first["step"].tolist() == [s for s in range(9) for _ in COUNTRIES]
    assert first["month"].iloc[0] == "2025-06" and first["month"].iloc[-1] == "2026-02"
    assert first["country"].tolist()[: len(COUNTRIES)] == list(COUNTRIES)
    world = first.groupby("step")["tension"].nunique()
    assert (world == 1).all()
    assert (path / "trajectories.parquet").read_bytes() == (
        other / "trajectories.parquet"
    ).read_bytes()
    # the xarray view carries the design along its runs: select runs by a parameter's value
    from analysis import trajectories_dataset

    data = trajectories_dataset(path, ["tension"])
    design = pd.read_parquet(path / "design.parquet").set_index("run_id")
    trust = data["actors.PRK.trust.USA"]
    assert trust.dims == ("run",)
    np.testing.assert_array_equal(trust.values, design.loc[data["run"].values, str(trust.name)])
    np.testing.assert_array_equal(data["seed"].values, design.loc[data["run"].values, "seed"])
    low = data["tension"].where(trust < 0.2, drop=True)
    assert 0 < low.sizes["run"] < RUNS


def test_design_rows_are_read_across_row_groups(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sim.sweep.storage import SweepDirectory

    directory = SweepDirectory(tmp_path)
    table = pa.table({"run_id": np.arange(50), "seed": np.arange(50) * 3})
    pq.write_table(table, directory.design_parquet, row_group_size=7)
    assert directory.count_runs() == 50
    for start, stop in [(0, 50), (5, 20), (7, 14), (13, 14), (49, 50)]:
        rows = directory.read_design(start, stop, ["seed"])
        assert rows.column("seed").to_pylist() == list(range(start * 3, stop * 3, 3))
