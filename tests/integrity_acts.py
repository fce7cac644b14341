"""What the integrity catalogue's cases do and check: runs, sweeps and saved runs, each damaged or
disturbed in one way (see ``test_integrity_catalogue.py``)."""

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from integrity_cases import (
    BASELINE,
    NEASIM,
    SPEC,
    alive,
    interrupted_sweep,
    sweep_with_workers,
    wait_for,
    write,
)

import sim.runs.single
from sim.calendar import month_label
from sim.cli import main
from sim.model import DiplomacyModel
from sim.runs.batch import BatchResult, run_batch
from sim.sweep.chunk import ChunkTask, run_chunk

Act = Callable[[Path, pytest.MonkeyPatch], int]
Check = Callable[[Path], None]


def neasim(*argv: str) -> Act:
    """Run ``neasim argv`` in-process (a usage error exits, as from the console script)."""

    def act(tmp: Path, mp: pytest.MonkeyPatch) -> int:
        try:
            return main(list(argv))
        except SystemExit as done:
            return int(done.code or 0)

    return act


def after(prepare: Callable[[Path, pytest.MonkeyPatch], object], act: Act) -> Act:
    """Prepare something (files, a patch), then act."""

    def both(tmp: Path, mp: pytest.MonkeyPatch) -> int:
        prepare(tmp, mp)
        return act(tmp, mp)

    return both


def never_simulate(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """Fail the case if a model is built: the problem must be found before simulating."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated before finding the problem")

    mp.setattr(sim.runs.single, "DiplomacyModel", refuse)


def raising(error: BaseException, where: str, attribute: str) -> Callable[..., object]:
    """A preparation that makes ``where.attribute`` raise ``error``."""

    def prepare(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        def fail(*args: object, **kwargs: object) -> None:
            raise error

        mp.setattr(f"{where}.{attribute}", fail)

    return prepare


def nothing_saved(tmp: Path) -> None:
    """No run directory, no claim and no temporary directory anywhere below ``tmp``."""
    saved = [p for p in tmp.rglob("*") if p.is_dir() and p.name not in ("runs",)]
    assert not [p for p in saved if p.parent.name == "runs" or p.name.startswith(".")], saved


def run_dirs(tmp: Path) -> list[Path]:
    return sorted(p for p in (tmp / "runs").iterdir() if p.is_dir())


def standard_json(path: Path) -> object:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} in {path}")

    return json.loads(path.read_text(), parse_constant=refuse)


# --- runs --------------------------------------------------------------------------------------


def poisoned_model(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """A model whose trust turns NaN after two months, as a broken mechanism would make it."""

    class Poisoned(DiplomacyModel):
        def step(self) -> None:
            with np.errstate(invalid="ignore"):  # arithmetic on the NaN it was given is expected
                super().step()
            if self.t == 2:
                self.state.trust[:] = np.nan

    mp.setattr(sim.runs.single, "DiplomacyModel", Poisoned)


def at_bound_is_clean(tmp: Path) -> None:
    (run,) = run_dirs(tmp)
    standard_json(run / "summary.json")
    assert "nan" not in (run / "states.csv").read_text().lower()


def twenty_parallel_runs(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """Twenty runs started in the same second, each wanting the same default name."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    mp.setattr(sim.runs.single, "utc_now", lambda: moment)
    codes: list[int] = []

    def one() -> None:
        codes.append(main(["run", "--months", "2", "--no-plots", "--quiet"]))

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(codes) if len(codes) == 20 else -1


def twenty_saved(tmp: Path) -> None:
    runs = run_dirs(tmp)
    assert len(runs) == 20
    for run in runs:
        assert json.loads((run / "manifest.json").read_text())["status"] == "complete"


def inside_runs(tmp: Path) -> None:
    (run,) = run_dirs(tmp)
    assert run.name.startswith("x-"), run
    assert not Path("/tmp/neasim-escape").exists()


NEW_MONTH = next(
    month_label(BASELINE.start, k)
    for k in (1, 2)
    if month_label(BASELINE.start, k) != BASELINE.calendar[0].month
)
"""A month the baseline's first calendar entry is not in."""


def calendar_set(tmp: Path) -> None:
    (run,) = run_dirs(tmp)
    config = yaml.safe_load((run / "config.yaml").read_text())
    assert config["calendar"][0]["month"] == NEW_MONTH


def nested_yaml(key: str, value: str) -> str:
    """``a.b.c`` and ``v`` as nested YAML mappings."""
    parts = key.split(".")
    lines = [f"{'  ' * i}{part}:" for i, part in enumerate(parts)]
    return "\n".join(lines) + f" {value}\n"


def not_escaped(tmp: Path) -> None:
    assert not Path("/tmp/neasim-escape").exists()
    assert len(run_dirs(tmp)) == 1


def leftovers(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    process = subprocess.Popen(["true"])
    process.wait()
    write(tmp / "runs" / f".old.partial-{process.pid}" / "manifest.json", '{"status": "complete"}')
    (tmp / "runs" / "old").mkdir()


def leftovers_gone(tmp: Path) -> None:
    names = [p.name for p in (tmp / "runs").iterdir()]
    assert "old" not in names and not [n for n in names if n.startswith(".")], names
    assert len(names) == 1


def file_size_limit(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """``ulimit -f`` small enough that the run's files cannot be written."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    done = subprocess.run(
        [*NEASIM, "run", "--no-plots", "--quiet", "--out", "r"],
        cwd=tmp,
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(done.stderr, end="", file=sys.stderr)
    return done.returncode


def refuse_mkdir(code: int) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Creating directories under ``runs`` fails with ``code`` (root ignores permissions)."""

    def prepare(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        real = os.mkdir

        def mkdir(
            path: str | os.PathLike[str], mode: int = 0o777, *, dir_fd: int | None = None
        ) -> None:
            if "runs" in str(path):
                raise OSError(code, os.strerror(code), str(path))
            real(path, mode, dir_fd=dir_fd)

        mp.setattr(os, "mkdir", mkdir)
        never_simulate(tmp, mp)

    return prepare


# --- sweeps -------------------------------------------------------------------------------------


def reference_outcomes(tmp: Path) -> pd.DataFrame:
    main(["sweep", str(write(tmp / "ref.yaml", SPEC)), "--out", "ref", "--no-progress"])
    return pd.read_parquet(tmp / "ref" / "outcomes.parquet")


def resumed_equal(name: str) -> Check:
    """The resumed sweep ``name`` has exactly the outcomes of an uninterrupted one."""

    def check(tmp: Path) -> None:
        got = pd.read_parquet(tmp / name / "outcomes.parquet")
        pd.testing.assert_frame_equal(got, reference_outcomes(tmp), check_exact=True)

    return check


def damaged_chunk(damage: Callable[[Path], object]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def prepare(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        interrupted_sweep(tmp, "s", chunks=2)
        damage(tmp / "s" / "chunks" / "outcomes-00000.parquet")

    return prepare


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x10
    path.write_bytes(bytes(data))


def foreign_chunk(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """Chunk 0 of another sweep (another root seed, the same number of rows) copied in."""
    interrupted_sweep(tmp, "s", chunks=2)
    other = interrupted_sweep(tmp, "other", SPEC.replace("seed: 5", "seed: 6"), chunks=1)
    name = "chunks/outcomes-00000.parquet"
    shutil.copy(other / name, tmp / "s" / name)


def code_changed(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    interrupted_sweep(tmp, "s", chunks=2)
    mp.setattr("sim.sweep.fingerprint.code_hash", lambda: "the model as changed since")


def hold_lock(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """Another process holds the sweep's lock (and says who it is)."""
    holder = subprocess.Popen(
        [
            NEASIM[0],
            "-c",
            "import sys; from pathlib import Path; from sim.sweep.lock import sweep_lock\n"
            "with sweep_lock(Path('s')):\n    print('held', flush=True); sys.stdin.read()",
        ],
        cwd=tmp,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    mp.setattr("integrity_cases.HOLDER", holder, raising=False)


def release_lock(tmp: Path) -> None:
    import integrity_cases

    holder = integrity_cases.HOLDER
    assert holder is not None
    holder.communicate("")
    assert sorted(p.name for p in (tmp / "s").iterdir()) == [".lock"]  # no sweep, only its lock


def no_directory(name: str) -> Check:
    def check(tmp: Path) -> None:
        assert not (tmp / name).exists()

    return check


def sweep_killed(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """SIGKILL the sweep's parent while its worker is mid-chunk: the workers exit too."""
    with sweep_with_workers(tmp) as (process, workers):
        os.kill(process.pid, signal.SIGKILL)
        wait_for(lambda: not alive(workers), "the workers to exit with their parent")
        return 0


def sweep_interrupted(starting: bool) -> Act:
    """Ctrl-C (SIGINT to the whole process group) while the workers run, or while they start."""

    def act(tmp: Path, mp: pytest.MonkeyPatch) -> int:
        with sweep_with_workers(tmp, starting=starting) as (process, workers):
            os.killpg(process.pid, signal.SIGINT)
            _, stderr = process.communicate(timeout=120)
            print(stderr, end="", file=sys.stderr)
            wait_for(lambda: not alive(workers), "the workers to stop")
            return process.returncode

    return act


# --- saved runs read by plot and compare --------------------------------------------------------


def saved_run(damage: Callable[[Path], None]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def prepare(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        assert main(["run", "--months", "8", "--no-plots", "--quiet", "--out", "r"]) == 0
        shutil.copytree(tmp / "r", tmp / "ok")
        damage(tmp / "r")

    return prepare


def cut_mid_row(run: Path) -> None:
    truncate(run / "states.csv")


def cut_to_months(run: Path) -> None:
    lines = (run / "states.csv").read_text().splitlines(keepends=True)
    (run / "states.csv").write_text("".join(lines[:25]))


def header_only(run: Path) -> None:
    lines = (run / "world.csv").read_text().splitlines(keepends=True)
    (run / "world.csv").write_text(lines[0])


def unfinished(run: Path) -> None:
    manifest = json.loads((run / "manifest.json").read_text())
    (run / "manifest.json").write_text(json.dumps({**manifest, "status": "writing"}))


def as_partial(run: Path) -> None:
    run.rename(run.parent / f".r.partial-{os.getpid()}")


def nan_summary(run: Path) -> None:
    (run / "summary.json").write_text('{"mean_tension": NaN}')


def nan_chunk_is_quiet(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """A chunk whose runs divide by zero on the way: failed rows, and no numpy warning printed."""

    def dividing(scenario: Any, seeds: np.ndarray, **options: Any) -> BatchResult:
        np.ones(len(seeds)) / np.zeros(len(seeds))  # what a broken mechanism would do
        return run_batch(scenario, seeds, **options)

    task = ChunkTask(
        index=0,
        scenario=BASELINE,
        run_ids=np.arange(2),
        seeds=np.arange(2),
        overrides={},
        months=2,
        keep=None,
        trajectories=False,
        runner=dividing,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run_chunk(task)
    assert result.outcomes.num_rows == 2
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)], caught
    return 0


def resume_after(prepare: Callable[[Path, pytest.MonkeyPatch], object]) -> Act:
    """Prepare a damaged or disturbed sweep ``s``, then run ``neasim sweep s.yaml --out s``."""
    return after(prepare, neasim("sweep", "s.yaml", "--out", "s", "--no-progress"))


def sweep_without(name: str) -> Act:
    """Resume an interrupted sweep ``s`` one of whose files is gone."""
    return resume_after(damaged_chunk(lambda chunk: (chunk.parent.parent / name).unlink()))
