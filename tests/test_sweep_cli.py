"""``neasim sweep`` on the command line: output, bad input, a sweep killed and resumed."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main
from sim.sweep import run_sweep

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

REPO = Path(__file__).resolve().parent.parent

SPEC = """\
base: baseline
design: random
n: 150
replicates: 4
seed: 5
months: 12
parameters:
  actors.USA.upfront_relief: {low: 0.0, high: 0.5}
  mechanisms.provocation.development_rate: {values: [0.1, 0.25, 0.4]}
"""
RUNS = 600
CHUNK = 20


def write_spec(tmp_path: Path, text: str = SPEC) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def neasim(*args: str | Path | int) -> list[str]:
    return [sys.executable, "-m", "sim.cli", *(str(a) for a in args)]


def test_the_command_prints_the_directory_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, SPEC.replace("n: 150", "n: 5"))
    status = main(
        ["sweep", str(spec), "--out", str(tmp_path / "out"), "--workers", "2", "--no-progress"]
    )
    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.strip().splitlines()[-1] == str(tmp_path / "out")
    assert "20 runs" in captured.err
    assert len(pd.read_parquet(tmp_path / "out" / "outcomes.parquet")) == 20


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (SPEC.replace("n: 150", "n: many"), "n: "),
        (
            SPEC.replace("upfront_relief", "upfront_releif"),
            "parameters.actors.USA.upfront_releif: ",
        ),
        (SPEC.replace("high: 0.5", "high: 2.0"), "parameters.actors.USA.upfront_relief.high: "),
        (SPEC.replace("base: baseline", "base: atlantis"), "base: "),
    ],
)
def test_a_bad_spec_exits_2_with_one_line_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str
) -> None:
    spec = write_spec(tmp_path, text)
    status = main(["sweep", str(spec), "--out", str(tmp_path / "out"), "--no-progress"])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert f"{spec}: {where}" in lines[0]
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


def test_bad_options_exit_2_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path)
    out = str(tmp_path / "out")
    assert main(["sweep", str(spec), "--out", out, "--workers", "0"]) == 2
    assert main(["sweep", str(spec), "--out", out, "--scheduler", "tcp://x:8786"]) == 2
    assert main(["sweep", str(spec), "--out", out, "--chunk-size", "-3"]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert [line.split(": ")[2] for line in errors] == ["--workers", "--scheduler", "--chunk-size"]
    assert not (tmp_path / "out").exists()


def test_the_real_command_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC.replace("seed: 5", "seed: five"))
    done = subprocess.run(
        neasim("sweep", spec, "--out", tmp_path / "out"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"neasim: error: {spec}: seed: input should be a valid integer (got 'five')"
    ]
    assert not (tmp_path / "out").exists()


def test_a_sweep_killed_mid_way_resumes_to_the_same_outcomes(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    out = tmp_path / "killed"
    chunks = out / "chunks"
    process = subprocess.Popen(
        neasim(
            "sweep", spec, "--out", out, "--workers", "1", "--chunk-size", CHUNK, "--no-progress"
        ),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert process.stderr is not None
    try:
        for _ in range(6000):  # at most a couple of minutes
            if chunks.is_dir() and any(chunks.glob("outcomes-*.parquet")):
                break
            try:
                process.wait(timeout=0.02)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the sweep ended before a chunk was seen: {process.stderr.read()!r}")
        else:
            pytest.fail("no chunk file appeared")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.stderr is not None
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert not (out / "outcomes.parquet").exists()
    finished = list(chunks.glob("outcomes-*.parquet"))
    assert 1 <= len(finished) < RUNS // CHUNK

    resumed = subprocess.run(
        neasim("sweep", spec, "--out", out, "--workers", "2", "--no-progress"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.strip().splitlines()[-1] == str(out)

    whole = run_sweep(spec, out_dir=tmp_path / "whole", workers=2, chunk_size=128, progress=False)
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "outcomes.parquet"),
        pd.read_parquet(whole / "outcomes.parquet"),
        check_exact=True,
    )
    assert (out / "outcomes.parquet").read_bytes() == (whole / "outcomes.parquet").read_bytes()
    assert len(pd.read_parquet(out / "outcomes.parquet")) == RUNS


def test_progress_off_a_terminal_is_a_plain_line_per_tenth(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sim.sweep.progress import PlainProgress, progress_bar

    with progress_bar(40, 8, "s", enabled=True) as bar:  # stderr is captured: not a terminal
        assert isinstance(bar, PlainProgress)
        for _ in range(8):
            bar.update(4)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"s: {done}/40 runs ({done * 100 // 40}%)" for done in range(12, 41, 4)]
    with progress_bar(40, 0, "s", enabled=False) as bar:
        bar.update(40)
    assert capsys.readouterr().err == ""


def test_workers_beyond_the_cpus_are_capped_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    from sim.sweep import executors

    monkeypatch.setattr(executors, "default_workers", lambda: 2)
    assert executors.capped_workers(None, False) == (None, None)
    assert executors.capped_workers(2, False) == (2, None)
    workers, notice = executors.capped_workers(24, False)
    assert workers == 2 and notice is not None and "--workers 24: more than the 2 CPUs" in notice
    assert executors.capped_workers(24, True) == (24, None)


def test_options_a_sweep_would_ignore_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path)
    out = str(tmp_path / "out")
    assert main(["sweep", str(spec), "--out", out, "--force-workers"]) == 2
    assert (
        main(
            [
                "sweep",
                str(spec),
                "--out",
                out,
                "--executor",
                "dask",
                "--workers",
                "2",
                "--scheduler",
                "tcp://127.0.0.1:9",
            ]
        )
        == 2
    )
    errors = capsys.readouterr().err.strip().splitlines()
    assert "--force-workers: applies only with --workers N" in errors[0]
    assert "--workers: does not apply with --scheduler" in errors[1]
    assert not (tmp_path / "out").exists()
