"""The integrity catalogue: every way input, a kill, a crash or a second process could lose,
mix or misplace results, and what neasim does instead. One row per case; the README's
troubleshooting section lists the same cases by name.

Each case acts (usually ``neasim ...`` in-process, in a fresh directory) and states the exit
status, the one line said on stderr, and what must or must not be on disk afterwards.
"""

import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from integrity_cases import (
    BASELINE,
    NEASIM,
    NUMBER,
    PARAMETERS,
    SPEC,
    alive,
    interrupted_sweep,
    sweep_with_workers,
    wait_for,
    write,
)

import sim.single_run
from sim.calendar import month_label
from sim.cli import main
from sim.model import DiplomacyModel

Act = Callable[[Path, pytest.MonkeyPatch], int]
Check = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One case: what is done, the exit status, a phrase of the one line on stderr, the aftermath.

    ``says`` is looked for in stderr; with exit status 2, 1 or 130, stderr is exactly one line.
    """

    name: str
    act: Act
    code: int
    says: str = ""
    check: Check | None = None
    leaves_partials: bool = False
    files: dict[str, str | bytes] = field(default_factory=dict)


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

    mp.setattr(sim.single_run, "DiplomacyModel", refuse)


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
            super().step()
            if self.t == 2:
                self.state.trust[:] = np.nan

    mp.setattr(sim.single_run, "DiplomacyModel", Poisoned)


def at_bound_is_clean(tmp: Path) -> None:
    (run,) = run_dirs(tmp)
    standard_json(run / "summary.json")
    assert "nan" not in (run / "states.csv").read_text().lower()


def twenty_parallel_runs(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """Twenty runs started in the same second, each wanting the same default name."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    mp.setattr(sim.single_run, "utc_now", lambda: moment)
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

        def mkdir(path: object, *args: object, **kwargs: object) -> None:
            if "runs" in str(path):
                raise OSError(code, os.strerror(code), str(path))
            real(path, *args, **kwargs)  # type: ignore[arg-type]

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


def damaged_chunk(damage: Callable[[Path], None]) -> Callable[[Path, pytest.MonkeyPatch], None]:
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

    holder = integrity_cases.HOLDER  # type: ignore[attr-defined]
    holder.communicate("")
    assert not (tmp / "s").exists()


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


START = BASELINE.start
CASES = [
    # runs
    Case(
        "value-at-bound-runs-clean",
        neasim(
            "run",
            "--months",
            "36",
            "--no-plots",
            "--quiet",
            "--set",
            "mechanisms.mediation.trust_threshold=1.0"
            if "mechanisms.mediation.trust_threshold" in PARAMETERS
            else f"{NUMBER}={PARAMETERS[NUMBER].high}",
        ),
        0,
        check=at_bound_is_clean,
    ),
    Case(
        "invalid-state-not-saved",
        after(poisoned_model, neasim("run", "--months", "6", "--no-plots", "--quiet")),
        1,
        f"went invalid in {month_label(START, 3)}",
        nothing_saved,
    ),
    Case("twenty-parallel-runs", twenty_parallel_runs, 0, check=twenty_saved),
    Case(
        "out-taken-before-simulating",
        after(
            lambda tmp, mp: ((tmp / "taken").mkdir(), never_simulate(tmp, mp)),
            neasim("run", "--out", "taken"),
        ),
        2,
        "taken: already exists",
    ),
    Case(
        "name-escapes-runs",
        neasim("run", "--months", "2", "--no-plots", "--quiet", "--set", "name=../../../x"),
        0,
        check=inside_runs,
    ),
    Case(
        "absolute-name",
        neasim(
            "run", "--months", "2", "--no-plots", "--quiet", "--set", "name=/tmp/neasim-escape/x"
        ),
        0,
        check=not_escaped,
    ),
    Case(
        "leftovers-cleaned",
        after(leftovers, neasim("run", "--months", "2", "--no-plots", "--quiet")),
        0,
        check=leftovers_gone,
    ),
    Case(
        "set-list-entry",
        neasim(
            "run",
            "--months",
            "2",
            "--no-plots",
            "--quiet",
            "--set",
            f"calendar.0.month={NEW_MONTH}",
        ),
        0,
        check=calendar_set,
    ),
    # strict scenario input
    Case(
        "duplicate-key",
        neasim("validate", "dup.yaml"),
        2,
        "dup.yaml: line 3: malformed YAML: key 'months' is given twice",
        files={"dup.yaml": "extends: baseline\nmonths: 3\nmonths: 4\n"},
    ),
    Case("bool-for-integer", neasim("run", "--set", "months=yes"), 2, "months: Input should be"),
    Case(
        "bool-for-number",
        neasim("validate", "b.yaml"),
        2,
        f"{NUMBER.removeprefix('actors.')}: Input should be a valid number",
        files={"b.yaml": "extends: baseline\n" + nested_yaml(NUMBER, "true")},
    ),
    Case(
        "string-for-number",
        neasim("run", "--set", f"{NUMBER}='0.3'"),
        2,
        "Input should be a valid number (got '0.3')",
    ),
    Case("start-year-0", neasim("run", "--set", "start=0000-01"), 2, "outside the years"),
    Case(
        "not-utf8",
        neasim("validate", "latin1.yaml"),
        2,
        "latin1.yaml: not UTF-8",
        files={"latin1.yaml": "description: caf\xe9\n".encode("latin-1")},
    ),
    Case(
        "binary-file",
        neasim("run", "bin.yaml"),
        2,
        "bin.yaml: a binary file",
        files={"bin.yaml": bytes(range(256))},
    ),
    Case(
        "deep-nesting",
        neasim("sweep", "deep.yaml"),
        2,
        "deep.yaml: nested more than",
        files={"deep.yaml": "base: " + "[" * 5000 + "]" * 5000 + "\n"},
    ),
    Case("usage-error", neasim("run", "--bogus"), 2, "unrecognized arguments: --bogus"),
    # the environment
    Case(
        "parent-is-a-file",
        after(never_simulate, neasim("run", "--out", "afile/run")),
        2,
        "afile: not a directory",
        files={"afile": "x"},
    ),
    Case(
        "permission-denied",
        after(refuse_mkdir(errno.EACCES), neasim("run")),
        1,
        "permission denied",
        nothing_saved,
    ),
    Case(
        "read-only-file-system",
        after(refuse_mkdir(errno.EROFS), neasim("run")),
        1,
        "read-only file system",
        nothing_saved,
    ),
    Case(
        "disk-full",
        after(
            raising(OSError(errno.ENOSPC, "No space left on device"), "sim.rundir", "write_csv"),
            neasim("run", "--months", "2", "--no-plots"),
        ),
        1,
        "no space left on the device",
        nothing_saved,
    ),
    Case("file-size-limit", file_size_limit, 1, "file size limit", nothing_saved),
    Case(
        "out-of-memory",
        after(raising(MemoryError(), "sim.sweep.runner", "plan_sweep"), neasim("sweep", "x.yaml")),
        1,
        "out of memory",
    ),
    Case(
        "ctrl-c-while-loading",
        after(
            raising(KeyboardInterrupt(), "sim.scenario", "load_scenario"),
            neasim("run", "--no-plots"),
        ),
        130,
        "interrupted",
        nothing_saved,
    ),
    Case(
        "ctrl-c-while-simulating",
        after(
            raising(KeyboardInterrupt(), "sim.single_run.DiplomacyModel", "run"),
            neasim("run", "--no-plots"),
        ),
        130,
        "interrupted",
        nothing_saved,
    ),
    # sweeps
    Case(
        "sweep-months-bound",
        neasim("sweep", "long.yaml"),
        2,
        "months: input should be less than or equal to 600",
        files={"long.yaml": SPEC.replace("months: 3", "months: 1000000")},
    ),
    Case(
        "sweep-renamed-resumes",
        after(
            lambda tmp, mp: (
                interrupted_sweep(tmp, "s"),
                write(tmp / "s.yaml", SPEC.replace("name: small", "name: renamed")),
            ),
            neasim("sweep", "s.yaml", "--out", "s", "--no-progress"),
        ),
        0,
        check=resumed_equal("s"),
    ),
    Case(
        "sweep-lock-held",
        after(hold_lock, neasim("sweep", "s.yaml", "--out", "s")),
        2,
        "s: in use by process",
        release_lock,
        files={"s.yaml": SPEC},
    ),
    Case(
        "scheduler-unreachable",
        neasim("sweep", "s.yaml", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"),
        2,
        "--scheduler tcp://127.0.0.1:9: cannot connect",
        no_directory("runs"),
        files={"s.yaml": SPEC},
    ),
    Case(
        "resume-after-code-change",
        after(code_changed, neasim("sweep", "s.yaml", "--out", "s", "--no-progress")),
        0,
        "running 2 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "chunk-of-another-sweep",
        after(foreign_chunk, neasim("sweep", "s.yaml", "--out", "s", "--no-progress")),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "truncated-chunk",
        after(damaged_chunk(truncate), neasim("sweep", "s.yaml", "--out", "s", "--no-progress")),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "empty-chunk",
        after(
            damaged_chunk(lambda p: p.write_bytes(b"")),
            neasim("sweep", "s.yaml", "--out", "s", "--no-progress"),
        ),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "bit-flipped-chunk",
        after(damaged_chunk(flip_bit), neasim("sweep", "s.yaml", "--out", "s", "--no-progress")),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "garbage-manifest",
        after(
            damaged_chunk(lambda p: write(p.parent.parent / "manifest.json", "{garbage")),
            neasim("sweep", "s.yaml", "--out", "s", "--no-progress"),
        ),
        0,
        "manifest.json: unreadable; rebuilt from the chunk files",
        resumed_equal("s"),
    ),
    Case(
        "scenario-yaml-missing",
        after(
            damaged_chunk(lambda p: (p.parent.parent / "scenario.yaml").unlink()),
            neasim("sweep", "s.yaml", "--out", "s"),
        ),
        2,
        "scenario.yaml: cannot be read (No such file or directory); the sweep cannot resume",
    ),
    Case(
        "design-missing",
        after(
            damaged_chunk(lambda p: (p.parent.parent / "design.parquet").unlink()),
            neasim("sweep", "s.yaml", "--out", "s"),
        ),
        2,
        "design.parquet: cannot be read",
    ),
    Case("workers-die-with-parent", sweep_killed, 0),
    Case("ctrl-c-during-sweep", sweep_interrupted(starting=False), 130, "interrupted"),
    Case("ctrl-c-while-workers-start", sweep_interrupted(starting=True), 130, "interrupted"),
    # saved runs read by plot and compare
    Case(
        "plot-states-cut-mid-row",
        after(saved_run(cut_mid_row), neasim("plot", "r")),
        2,
        "states.csv: cut off",
    ),
    Case(
        "plot-states-cut-to-months",
        after(saved_run(cut_to_months), neasim("plot", "r")),
        2,
        "states.csv: 24 rows, not",
    ),
    Case(
        "compare-header-only",
        after(saved_run(header_only), neasim("compare", "ok", "r", "--out", "c.png")),
        2,
        "world.csv: 0 rows, not 9",
        no_directory("c.png"),
    ),
    Case(
        "plot-unfinished-manifest",
        after(saved_run(unfinished), neasim("plot", "r")),
        2,
        "status: 'writing', not 'complete'",
    ),
    Case(
        "plot-temporary-directory",
        after(saved_run(as_partial), neasim("plot", f".r.partial-{os.getpid()}")),
        2,
        "an unfinished run's temporary directory",
        leaves_partials=True,
    ),
    Case(
        "plot-nan-in-json",
        after(saved_run(nan_summary), neasim("plot", "r")),
        2,
        "summary.json: not standard JSON",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, content in case.files.items():
        write(tmp_path / name, content)
    code = case.act(tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert code == case.code, err
    assert "Traceback" not in err
    if case.code:
        assert len(err.strip().splitlines()) == 1, err
    assert case.says in err
    if case.check is not None:
        case.check(tmp_path)
    if not case.leaves_partials:
        assert not list(tmp_path.rglob("*.partial-*")), "a temporary directory was left behind"


def test_the_readme_lists_every_case() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme[readme.index("## Troubleshooting") :]
    missing = [case.name for case in CASES if f"`{case.name}`" not in section]
    assert not missing, missing
