"""What the catalogue's attack cases do and check: hostile files, names, options, signals and
damaged saved directories (see ``test_integrity_catalogue.py``)."""

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from integrity_acts import Act, run_dirs
from integrity_cases import (
    NEASIM,
    SPEC,
    descendants,
    interrupted_sweep,
    sweep_with_workers,
    wait_for,
)

import sim.runs.claim
import sim.runs.ensemble
import sim.runs.single
from sim.cli import main

RECURSIVE = "extends: baseline\ndescription: &a [*a]\n"
"""A scenario whose description is a list holding itself."""


def laughs(levels: int = 9, fan: int = 10) -> str:
    """A "billion laughs": each level a list of ``fan`` aliases of the level below (fan**levels)."""
    lines = ["extends: baseline", 'l0: &l0 "lol"']
    for level in range(1, levels + 1):
        items = ", ".join([f"*l{level - 1}"] * fan)
        lines.append(f"l{level}: &l{level} [{items}]")
    lines.append(f"description: *l{levels}")
    return "\n".join(lines) + "\n"


def extends_chain(tmp: Path, mp: pytest.MonkeyPatch, length: int = 20) -> None:
    """``c0.yaml`` extends ``c1.yaml`` ... extends the baseline: ``length`` files."""
    for n in range(length):
        parent = f"c{n + 1}.yaml" if n + 1 < length else "baseline"
        (tmp / f"c{n}.yaml").write_text(f"extends: {parent}\n")


def saved_ensemble(tmp: Path, name: str = "e") -> Path:
    """A small saved ensemble ``name`` (3 seeds, 2 months, no plots)."""
    argv = ["run", "--replicates", "3", "--months", "2", "--no-plots", "--quiet", "--out", name]
    assert main(argv) == 0
    return tmp / name


def damaged_ensemble(damage: Callable[[Path], None]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def prepare(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        damage(saved_ensemble(tmp))

    return prepare


def infinite_outcome(ensemble: Path) -> None:
    table = pq.read_table(ensemble / "outcomes.parquet")
    index = table.column_names.index("mean_tension")
    values = pa.array([float("inf")] * table.num_rows, type=pa.float64())
    pq.write_table(table.set_column(index, "mean_tension", values), ensemble / "outcomes.parquet")


def truncated_outcomes(ensemble: Path) -> None:
    path = ensemble / "outcomes.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def saved_sweep(damage: Callable[[Path], None]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """A finished sweep ``s`` (8 runs), then damaged."""

    def prepare(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        (tmp / "s.yaml").write_text(SPEC)
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            assert main(["sweep", "s.yaml", "--out", "s", "--workers", "1", "--no-progress"]) == 0
        damage(tmp / "s")

    return prepare


def cell(name: str, column: str, value: str) -> Callable[[Path], None]:
    """Replace the ``column`` cell of the first data row of a run's CSV file ``name``."""

    def damage(run: Path) -> None:
        lines = (run / name).read_text().splitlines()
        header = lines[0].split(",")
        row = lines[1].split(",")
        row[header.index(column)] = value
        lines[1] = ",".join(row)
        (run / name).write_text("\n".join(lines) + "\n")

    return damage


def event_row(run: Path) -> None:
    with (run / "events.csv").open("a") as handle:
        handle.write("1,2025-07,bogus_event,USA,PRK,\n")


def empty_summary(run: Path) -> None:
    (run / "summary.json").write_text("{}\n")


def deep_manifest(run: Path) -> None:
    (run / "manifest.json").write_text("[" * 100_000 + "]" * 100_000)


def empty_claim(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """What a run killed while simulating leaves: its claimed, empty directory."""
    (tmp / "runs" / "killed").mkdir(parents=True)


def parallel(count: int, argv: Callable[[int], list[str]]) -> int:
    """Run ``neasim`` ``count`` times at once (threads); the worst exit status."""
    codes: list[int] = []

    def one(n: int) -> None:
        codes.append(main(argv(n)))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(codes) if len(codes) == count else -1


def eight_parallel_ensembles(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """Eight ensembles started in the same second, each wanting the same default name."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    mp.setattr(sim.runs.ensemble, "utc_now", lambda: moment)
    argv = ["run", "--replicates", "4", "--months", "2", "--no-plots", "--quiet"]
    return parallel(8, lambda n: argv)


def eight_ensembles_saved(tmp: Path) -> None:
    ensembles = run_dirs(tmp)
    assert len(ensembles) == 8, ensembles
    for ensemble in ensembles:
        manifest = json.loads((ensemble / "manifest.json").read_text())
        assert (manifest["kind"], manifest["status"]) == ("ensemble", "complete")
        assert pq.read_metadata(ensemble / "outcomes.parquet").num_rows == 4


def eight_parallel_analyses(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """Eight comparisons of one run started at once, each wanting the same default directory."""
    import analysis.compare  # noqa: F401 - the module whose default name is fixed below

    assert main(["run", "--months", "3", "--no-plots", "--quiet", "--out", "r"]) == 0
    mp.setattr(sys.modules["analysis.compare"], "default_compare_dir", lambda first: tmp / "now")
    return parallel(8, lambda n: ["compare", "r"])


def eight_analyses_saved(tmp: Path) -> None:
    folders = sorted(p for p in tmp.iterdir() if p.name.startswith("now"))
    assert len(folders) == 8, folders
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == ["compare.png", "compare_outcomes.png"]


def ensemble_manifest_writing_until_renamed(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """Check, at the rename, that the temporary ensemble's manifest does not say complete."""
    real = sim.runs.claim.commit

    def commit(out: Path) -> Path:
        partial = sim.runs.claim.partial_path(out)
        status = json.loads((partial / "manifest.json").read_text())["status"]
        assert status == "writing", status
        return real(out)

    mp.setattr(sim.runs.ensemble, "commit", commit)


def ensemble_complete(tmp: Path) -> None:
    (ensemble,) = run_dirs(tmp)
    assert json.loads((ensemble / "manifest.json").read_text())["status"] == "complete"


def only_inside_runs(prefix: str) -> Callable[[Path], None]:
    """One directory inside ``runs/``, named from the slug ``prefix``; nothing outside it."""

    def check(tmp: Path) -> None:
        (only,) = run_dirs(tmp)
        assert only.parent == tmp / "runs" and only.name.startswith(prefix), only
        assert sorted(p.name for p in tmp.iterdir()) == ["runs"]
        assert not Path("/tmp/neasim-escape").exists()

    return check


def no_lock_outside(tmp: Path) -> None:
    for lock in (Path("/dev/.null.lock"), Path("/..lock"), Path("/.lock")):
        assert not lock.exists(), lock


def worker_killed(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """SIGKILL a sweep's worker mid-chunk (as the out-of-memory killer would)."""
    with sweep_with_workers(tmp) as (process, _):

        def kill_workers() -> bool:
            """Kill what the fork server forked; true once the sweep has ended."""
            forked = {pid for pid in descendants(process.pid) if "forkserver" in _cmdline(pid)}
            for pid in forked:
                if _parent(pid) != process.pid:  # a worker, not the fork server itself
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
            return process.poll() is not None

        wait_for(kill_workers, "the sweep to end once its workers are killed", limit=120)
        _, stderr = process.communicate(timeout=120)
        print(stderr, end="", file=sys.stderr)
        return process.returncode


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def pool_broken(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    mp.setattr("sim.sweep.runner._completed", broken)


def terminated_run(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    """SIGTERM a run while it simulates: it stops as on Ctrl-C and releases its claim."""
    process = subprocess.Popen(
        [*NEASIM, "run", "--months", "600", "--no-plots", "--quiet"],
        cwd=tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: (tmp / "runs").is_dir() and any((tmp / "runs").iterdir()), "the claim")
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    print(stderr, end="", file=sys.stderr)
    return process.returncode


def nothing_left(tmp: Path) -> None:
    assert not list((tmp / "runs").iterdir())


def in_subprocess(*argv: str, env: dict[str, str] | None = None, stdin: str = "") -> Act:
    """Run the real ``neasim`` (a console, not pytest's streams); echo its stderr."""

    def act(tmp: Path, mp: pytest.MonkeyPatch) -> int:
        done = subprocess.run(
            [*NEASIM, *argv],
            cwd=tmp,
            input=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            timeout=300,
        )
        print(done.stderr, end="", file=sys.stderr)
        (tmp / "stdout.txt").write_text(done.stdout)
        return done.returncode

    return act


def ascii_story(tmp: Path) -> None:
    story = (tmp / "stdout.txt").read_text()
    assert "?" in story and "Outcome:" in story  # the dashes of the story, replaced


def finished_sweep_again(tmp: Path, mp: pytest.MonkeyPatch) -> int:
    (tmp / "s.yaml").write_text(SPEC)
    argv = ["sweep", "s.yaml", "--out", "s", "--workers", "1", "--no-progress"]
    assert main(argv) == 0
    return main(argv)


def with_stdin_closed(act: Act) -> Act:
    """Act with an empty standard input (end of input at the first question)."""

    def closed(tmp: Path, mp: pytest.MonkeyPatch) -> int:
        mp.setattr("sys.stdin", io.StringIO(""))
        return act(tmp, mp)

    return closed


def broken_sweep_yaml(sweep: Path) -> None:
    (sweep / "sweep.yaml").write_text("name: s\nparameters: &a {x: *a}\n")


def killed_while_assembling(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """An interrupted sweep ``s`` with the big temporary file of a killed assembly in it."""
    (tmp / "s.yaml").write_text(SPEC)
    interrupted_sweep(tmp, "s")
    (tmp / "s" / ".outcomes.parquet.999999.tmp").write_bytes(b"\0" * (1 << 20))


def killed_while_creating(tmp: Path, mp: pytest.MonkeyPatch) -> None:
    """What a sweep killed while creating ``s`` leaves: its lock, some files, no ``sweep.yaml``."""
    (tmp / "s.yaml").write_text(SPEC)
    (tmp / "s").mkdir()
    for name in (".lock", "scenario.yaml", ".design.parquet.999999.tmp"):
        (tmp / "s" / name).write_text("left by a killed sweep")


def no_temporaries(tmp: Path) -> None:
    left = [p.name for p in (tmp / "s").iterdir() if p.name.endswith(".tmp")]
    assert not left, left
    assert json.loads((tmp / "s" / "manifest.json").read_text())["status"] == "complete"


def recursive_config(run: Path) -> None:
    (run / "config.yaml").write_text("name: r\nactors: &a {PRK: *a}\n")
