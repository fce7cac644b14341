"""The integrity catalogue: every way input, a kill, a crash or a second process could lose,
mix or misplace results, and what neasim does instead. One row per case; the README's
troubleshooting section lists the same cases by name.

Each case acts (usually ``neasim ...`` in-process, in a fresh directory) and states the exit
status, the one line said on stderr, and what must or must not be on disk afterwards.
"""

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from integrity_acts import (
    NEW_MONTH,
    Act,
    Check,
    after,
    as_partial,
    at_bound_is_clean,
    calendar_set,
    code_changed,
    cut_mid_row,
    cut_to_months,
    damaged_chunk,
    file_size_limit,
    flip_bit,
    foreign_chunk,
    header_only,
    hold_lock,
    inside_runs,
    leftovers,
    leftovers_gone,
    nan_chunk_is_quiet,
    nan_summary,
    neasim,
    nested_yaml,
    never_simulate,
    no_directory,
    not_escaped,
    nothing_saved,
    poisoned_model,
    raising,
    refuse_mkdir,
    release_lock,
    resume_after,
    resumed_equal,
    saved_run,
    sweep_interrupted,
    sweep_killed,
    sweep_without,
    truncate,
    twenty_parallel_runs,
    twenty_saved,
    unfinished,
)
from integrity_cases import (
    BASELINE,
    NUMBER,
    PARAMETERS,
    SPEC,
    interrupted_sweep,
    write,
)

from sim.calendar import month_label


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
            raising(
                OSError(errno.ENOSPC, "No space left on device"), "sim.runs.directory", "write_csv"
            ),
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
            raising(KeyboardInterrupt(), "sim.runs.single.DiplomacyModel", "run"),
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
        resume_after(
            lambda tmp, mp: (
                interrupted_sweep(tmp, "s"),
                write(tmp / "s.yaml", SPEC.replace("name: small", "name: renamed")),
            )
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
        resume_after(code_changed),
        0,
        "running 2 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "chunk-of-another-sweep",
        resume_after(foreign_chunk),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "truncated-chunk",
        resume_after(damaged_chunk(truncate)),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "empty-chunk",
        resume_after(damaged_chunk(lambda p: p.write_bytes(b""))),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "bit-flipped-chunk",
        resume_after(damaged_chunk(flip_bit)),
        0,
        "running 1 finished chunk(s) again",
        resumed_equal("s"),
    ),
    Case(
        "garbage-manifest",
        resume_after(damaged_chunk(lambda p: write(p.parent.parent / "manifest.json", "{garbage"))),
        0,
        "manifest.json: unreadable; rebuilt from the chunk files",
        resumed_equal("s"),
    ),
    Case(
        "scenario-yaml-missing",
        sweep_without("scenario.yaml"),
        2,
        "scenario.yaml: cannot be read (No such file or directory); the sweep cannot resume",
    ),
    Case(
        "design-missing",
        sweep_without("design.parquet"),
        2,
        "design.parquet: cannot be read",
    ),
    Case("nan-sweep-quiet", nan_chunk_is_quiet, 0),
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
