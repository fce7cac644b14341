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
from integrity_attacks import (
    RECURSIVE,
    ascii_story,
    broken_sweep_yaml,
    cell,
    damaged_ensemble,
    deep_manifest,
    eight_analyses_saved,
    eight_ensembles_saved,
    eight_parallel_analyses,
    eight_parallel_ensembles,
    empty_claim,
    empty_summary,
    ensemble_complete,
    ensemble_manifest_writing_until_renamed,
    event_row,
    extends_chain,
    finished_sweep_again,
    in_subprocess,
    infinite_outcome,
    killed_while_assembling,
    killed_while_creating,
    laughs,
    no_lock_outside,
    no_temporaries,
    nothing_left,
    only_inside_runs,
    pool_broken,
    recursive_config,
    saved_ensemble,
    saved_sweep,
    terminated_run,
    truncated_outcomes,
    with_stdin_closed,
    worker_killed,
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

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py


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


def taken_then_never_simulate(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """The output directory ``taken`` made; simulating is then an error."""
    (tmp / "taken").mkdir()
    never_simulate(tmp, mp)


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
            taken_then_never_simulate,
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

# attacks: hostile files, names, options, signals, damaged directories ---------------------------
ENSEMBLE = ("run", "--replicates", "2", "--months", "2", "--no-plots", "--quiet")
ATTACKS = [
    Case(
        "recursive-alias",
        neasim("validate", "r.yaml"),
        2,
        "r.yaml: line 2: malformed YAML: alias *a refers to itself",
        files={"r.yaml": RECURSIVE},
    ),
    Case(
        "recursive-alias-run",
        neasim("run", "r.yaml", "--no-plots"),
        2,
        "alias *a refers to itself",
        no_directory("runs"),
        files={"r.yaml": RECURSIVE},
    ),
    Case(
        "recursive-alias-sweep-spec",
        neasim("sweep", "s.yaml"),
        2,
        "s.yaml: line 1: malformed YAML: alias *a refers to itself",
        no_directory("runs"),
        files={"s.yaml": "description: &a [*a]\n" + SPEC},
    ),
    Case(
        "recursive-alias-sweep-base",
        neasim("sweep", "s.yaml"),
        2,
        "r.yaml: line 2: malformed YAML: alias *a refers to itself",
        no_directory("runs"),
        files={"s.yaml": SPEC.replace("base: baseline", "base: r.yaml"), "r.yaml": RECURSIVE},
    ),
    Case(
        "alias-bomb",
        neasim("validate", "lol.yaml"),
        2,
        "lol.yaml: aliases expand to more than 100,000 values",
        files={"lol.yaml": laughs()},
    ),
    Case(
        "aliases-within-budget",
        neasim("validate", "ok.yaml"),
        0,
        files={"ok.yaml": "extends: baseline\nname: &n aliased\ndescription: *n\n"},
    ),
    Case(
        "scenario-too-large",
        neasim("validate", "big.yaml"),
        2,
        "big.yaml: larger than 1 MiB; not a file neasim reads",
        files={"big.yaml": "extends: baseline\ndescription: " + "x" * (2 << 20) + "\n"},
    ),
    Case(
        "extends-chain-too-long",
        after(extends_chain, neasim("validate", "c0.yaml")),
        2,
        "c0.yaml: extends: a chain of more than 16 files; shorten it",
    ),
    Case(
        "huge-integer-in-file",
        neasim("validate", "i.yaml"),
        2,
        "i.yaml: line 2: malformed YAML: an integer of 5000 digits (at most 30)",
        files={"i.yaml": "extends: baseline\nseed: " + "9" * 5000 + "\n"},
    ),
    Case(
        "set-huge-integer",
        neasim("run", "--set", "seed=" + "9" * 5000),
        2,
        "--set seed=99999999999999999...: a value longer than 1000 characters",
        no_directory("runs"),
    ),
    Case(
        "set-deep-list",
        neasim("run", "--set", "months=" + "[" * 3000),
        2,
        "a value longer than 1000 characters",
        no_directory("runs"),
    ),
    Case(
        "set-unknown-key",
        neasim("run", "--set", "mnths=3"),
        2,
        "--set mnths: no such key in the scenario (did you mean months?)",
    ),
    Case(
        "option-value-named",
        neasim("run", "--set", "months=abc"),
        2,
        "--set months=abc: months: Input should be a valid integer",
    ),
    Case("months-option-named", neasim("run", "--months", "0"), 2, "argument --months: 0: must be"),
    Case("seed-option-named", neasim("run", "--seed", "-5"), 2, "argument --seed: -5: must be"),
    Case(
        "yaml-set-in-text",
        neasim("validate", "set.yaml"),
        2,
        "line 2: malformed YAML: a set (!!set) is not a value a scenario holds",
        files={"set.yaml": "extends: baseline\ndescription: !!set {a: null}\n"},
    ),
    Case(
        "yaml-binary-in-text",
        neasim("validate", "bin.yaml"),
        2,
        "binary data (!!binary) is not a value a scenario holds",
        files={"bin.yaml": "extends: baseline\ndescription: !!binary aGVsbG8=\n"},
    ),
    Case(
        "lone-surrogate",
        neasim("validate", "u.yaml"),
        2,
        "u.yaml: description: text with a character that is not Unicode text",
        files={"u.yaml": 'extends: baseline\ndescription: "\\ud800"\n'},
    ),
    Case(
        "control-character-in-name",
        neasim("run", "--set", "name=a\x1b[31mb"),
        2,
        "name: holds a control character",
        no_directory("runs"),
    ),
    Case(
        "ensemble-name-escapes",
        neasim(*ENSEMBLE, "--set", "name=../../../x"),
        0,
        check=only_inside_runs("x-"),
    ),
    Case(
        "ensemble-absolute-name",
        neasim(*ENSEMBLE, "--set", "name=/tmp/neasim-escape/x"),
        0,
        check=only_inside_runs("tmp-neasim-escape-x-"),
    ),
    Case(
        "ensemble-nested-name",
        neasim(*ENSEMBLE, "--set", "name=a/b/c"),
        0,
        check=only_inside_runs("a-b-c-"),
    ),
    Case(
        "korean-name-readable",
        neasim("run", "--months", "2", "--no-plots", "--quiet", "--set", "name=한반도 평화"),
        0,
        check=only_inside_runs("한반도-평화-"),
    ),
    Case("eight-parallel-ensembles", eight_parallel_ensembles, 0, check=eight_ensembles_saved),
    Case("eight-parallel-analyses", eight_parallel_analyses, 0, check=eight_analyses_saved),
    Case(
        "ensemble-temporary-never-complete",
        after(ensemble_manifest_writing_until_renamed, neasim(*ENSEMBLE)),
        0,
        check=ensemble_complete,
    ),
    Case(
        "sweep-out-dev-null",
        neasim("sweep", "s.yaml", "--out", "/dev/null"),
        2,
        "/dev/null: exists and is not a directory",
        no_lock_outside,
        files={"s.yaml": SPEC},
    ),
    Case(
        "sweep-out-root",
        neasim("sweep", "s.yaml", "--out", "/"),
        2,
        "/: exists and is not a sweep directory",
        no_lock_outside,
        files={"s.yaml": SPEC},
    ),
    Case(
        "sweep-killed-assembling",
        after(killed_while_assembling, neasim("sweep", "s.yaml", "--out", "s", "--no-progress")),
        0,
        check=no_temporaries,
    ),
    Case(
        "sweep-killed-creating",
        after(killed_while_creating, neasim("sweep", "s.yaml", "--out", "s", "--no-progress")),
        0,
        check=no_temporaries,
    ),
    Case(
        "sweep-finished-says-so",
        finished_sweep_again,
        0,
        "s: this sweep is already complete (8 runs); nothing to run",
    ),
    Case(
        "workers-capped",
        neasim("sweep", "s.yaml", "--out", "s", "--workers", "64", "--no-progress"),
        0,
        f"--workers 64: more than the {len(os.sched_getaffinity(0))} CPUs; using",
        files={"s.yaml": SPEC},
    ),
    Case("worker-killed", worker_killed, 1, "a worker process died"),
    Case(
        "pool-broken",
        after(pool_broken, neasim("sweep", "s.yaml", "--no-progress", "--workers", "1")),
        1,
        "a worker process died (killed by the system, perhaps for lack of memory)",
        files={"s.yaml": SPEC},
    ),
    Case("sigterm-like-ctrl-c", terminated_run, 143, "neasim: terminated", nothing_left),
    Case(
        "ascii-terminal",
        in_subprocess("run", "--months", "6", "--no-plots", env={"PYTHONIOENCODING": "ascii"}),
        0,
        check=ascii_story,
    ),
    Case("app-port-too-large", neasim("app", "--port", "99999"), 2, "argument --port: 99999"),
    Case("app-port-negative", neasim("app", "--port", "-1"), 2, "argument --port: -1"),
    Case(
        "play-end-of-input",
        with_stdin_closed(neasim("play", "--as", "KOR", "--months", "3")),
        0,
        "",
    ),
    Case(
        "compare-out-is-a-file",
        after(saved_run(lambda run: None), neasim("compare", "r", "--out", "afile")),
        2,
        "afile: exists and is not a directory; choose another --out",
        files={"afile": "x"},
    ),
    Case(
        "plot-ensemble-network",
        after(lambda tmp, mp: saved_ensemble(tmp), neasim("plot", "e", "--network")),
        2,
        "--network: applies to a run directory; e is a ensemble",
    ),
    Case(
        "plot-run-outcome",
        after(saved_run(lambda run: None), neasim("plot", "r", "--outcome", "provocations")),
        2,
        "--outcome: applies to a sweep directory; r is a run",
    ),
    Case(
        "compare-killed-run-claim",
        after(empty_claim, neasim("compare", "runs/killed")),
        2,
        "runs/killed: empty: the name a run claimed",
    ),
    Case(
        "plot-bad-csv-cell",
        after(saved_run(cell("states.csv", "trust_USA", "abc")), neasim("plot", "r")),
        2,
        "states.csv: row 2: trust_USA 'abc' is not a finite number",
    ),
    Case(
        "plot-nan-cell",
        after(saved_run(cell("world.csv", "tension", "nan")), neasim("plot", "r")),
        2,
        "world.csv: row 2: tension",
    ),
    Case(
        "plot-trust-out-of-range",
        after(saved_run(cell("states.csv", "trust_PRK", "1.5")), neasim("plot", "r")),
        2,
        "states.csv: row 2: trust_PRK 1.5 is outside [0.0, 1.0]",
    ),
    Case(
        "plot-unknown-country",
        after(saved_run(cell("states.csv", "country", "XXX")), neasim("plot", "r")),
        2,
        "states.csv: row 2: unknown country 'XXX'",
    ),
    Case(
        "plot-unknown-event-type",
        after(saved_run(event_row), neasim("plot", "r")),
        2,
        "events.csv: row",
    ),
    Case(
        "plot-empty-summary",
        after(saved_run(empty_summary), neasim("plot", "r")),
        2,
        "summary.json: missing key 'summit_held'",
    ),
    Case(
        "compare-deep-manifest",
        after(saved_run(deep_manifest), neasim("compare", "ok", "r")),
        2,
        "manifest.json: nested too deeply",
    ),
    Case(
        "plot-truncated-ensemble",
        after(damaged_ensemble(truncated_outcomes), neasim("plot", "e")),
        2,
        "outcomes.parquet: cannot read Parquet",
    ),
    Case(
        "compare-infinite-ensemble",
        after(damaged_ensemble(infinite_outcome), neasim("compare", "e")),
        2,
        "outcomes.parquet: mean_tension: holds NaN or infinity",
    ),
    Case(
        "plot-recursive-config",
        after(saved_run(recursive_config), neasim("plot", "r")),
        2,
        "config.yaml: line 2: malformed YAML: alias *a refers to itself",
    ),
    Case(
        "analyze-broken-sweep-yaml",
        after(saved_sweep(broken_sweep_yaml), neasim("analyze", "s")),
        2,
        "sweep.yaml: line 2: malformed YAML: alias *a refers to itself",
    ),
    Case(
        "plot-broken-sweep-yaml",
        after(saved_sweep(broken_sweep_yaml), neasim("plot", "s")),
        2,
        "sweep.yaml: line 2: malformed YAML: alias *a refers to itself",
    ),
]
CASES += ATTACKS


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
