"""Helpers of the integrity catalogue: small sweeps, interrupted sweeps, saved runs, processes.

Parameter keys come from the schema (:func:`sim.scenario.numeric_parameters`), never from a list
written here, so the catalogue keeps working as the model's parameters change.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from test_sweep_run import inline

from sim.scenario import load_scenario, numeric_parameters
from sim.sweep.plan import plan_sweep
from sim.sweep.resume import open_sweep
from sim.sweep.runner import execute

BASELINE = load_scenario("baseline")
PARAMETERS = numeric_parameters(BASELINE)
SWEPT = next(k for k, i in PARAMETERS.items() if k.startswith("mechanisms.") and not i.integer)
"""A real-valued parameter of the model, for small sweeps."""
LOW, HIGH = PARAMETERS[SWEPT].low, PARAMETERS[SWEPT].high
NUMBER = next(k for k, i in PARAMETERS.items() if k.startswith("actors.") and not i.integer)
"""A real-valued parameter of a country, for bad values."""

SPEC = f"""\
name: small
base: baseline
design: grid
replicates: 4
seed: 5
months: 3
chunk_size: 2
parameters:
  {SWEPT}: {{values: [{LOW}, {(LOW + HIGH) / 2}]}}
"""
"""A sweep of 8 runs in 4 chunks."""

NEASIM = [sys.executable, "-m", "sim.cli"]
HOLDER: "subprocess.Popen[str] | None" = None
"""The process holding a sweep's lock in the case that needs one (set and reset by the case)."""


def write(path: Path, content: str | bytes) -> Path:
    """Write a file (text or bytes), creating its directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def interrupted_sweep(tmp: Path, name: str, spec: str = SPEC, chunks: int = 1) -> Path:
    """A sweep directory whose run stopped after ``chunks`` chunks were written."""
    plan = plan_sweep(write(tmp / f"{name}.yaml", spec))
    opened = open_sweep(plan, tmp / name, parallelism=1)
    with contextlib.suppress(RuntimeError):
        execute(plan, opened.directory, 2, inline(crash_after=chunks + 1), progress=False)
    return tmp / name


def descendants(pid: int) -> set[int]:
    """The live processes below ``pid`` (Linux ``/proc``); zombies count as gone."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def fork_server(pid: int) -> int | None:
    """The fork server below process ``pid``, if it has started."""
    for child in descendants(pid):
        with contextlib.suppress(OSError):
            if b"forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
    return None


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (not zombies)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if state[state.rindex(")") + 2] != "Z":
            running.add(pid)
    return running


def wait_for(condition: Callable[[], object], what: str, limit: float = 60.0) -> None:
    """Poll ``condition()`` until true; fail after ``limit`` seconds (a hang, not a timing)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


def heeding_ctrl_c() -> None:
    """Start the child as a terminal would: with Ctrl-C heeded, not ignored.

    A job started in the background by a non-interactive shell (``cmd &``, ``nohup``) ignores
    SIGINT, and an ignored signal stays ignored across ``exec``: a test suite run that way would
    otherwise hand the sweep a Ctrl-C it can never see.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def sweep_with_workers(
    tmp: Path, workers: int = 1, starting: bool = False
) -> Iterator[tuple[subprocess.Popen[str], set[int]]]:
    """A ``neasim sweep`` process busy with long chunks, and its worker processes.

    With ``starting``, as soon as its fork server exists (still importing the model), instead.
    """
    spec = SPEC.replace("months: 3", "months: 600").replace("replicates: 4", "replicates: 400")
    spec = spec.replace("chunk_size: 2", "chunk_size: 400")
    write(tmp / "long.yaml", spec)
    process = subprocess.Popen(
        [*NEASIM, "sweep", "long.yaml", "--workers", str(workers), "--no-progress"],
        cwd=tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=heeding_ctrl_c,
    )
    try:
        if starting:
            wait_for(lambda: fork_server(process.pid) is not None, "the fork server to start")
        else:
            wait_for(lambda: len(descendants(process.pid)) >= 2 + workers, "the workers to start")
        yield process, descendants(process.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
