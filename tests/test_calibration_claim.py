"""``neasim calibrate`` writes its posterior as runs write their directories.

The same provenance block as a run, the same claim (:mod:`sim.runs.claim`): a second calibration
of a posterior or a store in use is refused in one line, and a killed one leaves the old file
whole and nothing under the final name half-written.
"""

import json
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sim.calibration.posterior import Posterior, read_posterior, sample_digest, write_posterior
from sim.cli import main
from sim.errors import InputError
from sim.runs.claim import write_file
from sim.runs.provenance import provenance

THETA = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])


def posterior(seed: int) -> Posterior:
    return Posterior(("a.b", "c.d"), THETA * seed, np.array([0.2, 0.3, 0.5]), {"seed": seed})


def test_a_posterior_carries_the_provenance_block_of_a_run(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    write_posterior(path, posterior(7))
    about = read_posterior(path).provenance
    block = provenance("pyabc")
    assert set(block) <= set(about), set(block) - set(about)
    assert {key: about[key] for key in ("git_commit", "platform", "numpy_version")} == {
        key: block[key] for key in ("git_commit", "platform", "numpy_version")
    }
    assert about["kind"] == "calibration" and about["format_version"] == 1
    assert about["seed"] == 7 and about["command"][0] == "neasim" and about["finished_utc"]
    assert [p.name for p in tmp_path.iterdir()] == ["p.parquet"]  # no temporary left


def test_a_posterior_names_its_sample_and_an_edited_sample_is_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    write_posterior(first, posterior(7))
    write_posterior(second, posterior(7))
    a, b = read_posterior(first), read_posterior(second)
    assert a.provenance["sample_sha256"] == b.provenance["sample_sha256"]
    assert a.provenance["sample_sha256"] == sample_digest(
        ("a.b", "c.d"), THETA * 7, np.array([0.2, 0.3, 0.5])
    )
    other = tmp_path / "c.parquet"
    write_posterior(other, posterior(8))
    assert read_posterior(other).provenance["sample_sha256"] != a.provenance["sample_sha256"]
    # a weight changed under the file's own metadata: refused in one line naming the key
    table = pq.read_table(first)
    weights = table["weight"].to_numpy().copy()
    weights[0] += 0.1
    edited = table.set_column(table.column_names.index("weight"), "weight", pa.array(weights))
    pq.write_table(edited.replace_schema_metadata(table.schema.metadata), first)
    with pytest.raises(InputError, match=r"a\.parquet: sample_sha256: the particles and weights"):
        read_posterior(first)


def test_a_posterior_written_before_the_digest_gets_it_on_reading(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    write_posterior(path, posterior(3))
    table = pq.read_table(path)
    about = json.loads(table.schema.metadata[b"neasim.provenance"])
    expected = about.pop("sample_sha256")
    meta = {b"neasim.provenance": json.dumps(about).encode()}
    pq.write_table(table.replace_schema_metadata(meta), path)
    assert read_posterior(path).provenance["sample_sha256"] == expected


def hold_in_another_process(code: str) -> subprocess.Popen[str]:
    """A process that runs ``code`` (which takes a hold), says ``held``, then waits for stdin."""
    script = f"import sys\nfrom pathlib import Path\n{code}\n"
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


@pytest.mark.parametrize("held", ["posterior", "store"])
def test_a_second_calibration_is_refused_in_one_line(
    held: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, store = tmp_path / "p.parquet", tmp_path / "store"
    write_posterior(path, posterior(1))
    before = path.read_bytes()
    take = (
        f"from sim.runs.claim import claim_file\nwith claim_file(Path({str(path)!r})):\n"
        if held == "posterior"
        else f"from sim.runs.claim import hold\nstore = Path({str(store)!r})\n"
        "store.mkdir()\nwith hold(store, store / '.lock'):\n"
    )
    holder = hold_in_another_process(take + "    print('held', flush=True)\n    sys.stdin.read()")
    try:
        code = main(["calibrate", "--posterior", str(path), "--store", str(store), "--quiet"])
        err = capsys.readouterr().err.strip()
    finally:
        holder.communicate("")
    assert code == 2
    assert err.count("\n") == 0, err
    assert f"{path if held == 'posterior' else store}: in use by process {holder.pid}" in err
    assert path.read_bytes() == before  # the other's file, untouched


def test_a_destination_that_is_not_a_file_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dir").mkdir()
    argv = ["calibrate", "--posterior", str(tmp_path / "dir"), "--store", str(tmp_path / "s")]
    assert main([*argv, "--quiet"]) == 2
    assert "dir: exists and is not a file" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir"]  # no lock, no store


def test_a_killed_writer_leaves_the_old_posterior_whole(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    write_posterior(path, posterior(1))
    before = path.read_bytes()
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal\nfrom pathlib import Path\nfrom sim.runs.claim import write_file\n"
            "def half(temporary):\n"
            "    temporary.write_bytes(b'PAR1 half a file')\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n"
            f"write_file(Path({str(path)!r}), half)\n",
        ],
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    (left,) = tmp_path.glob(".p.parquet.partial-*")  # its temporary, never the final name
    assert left.read_bytes() == b"PAR1 half a file"
    write_posterior(path, posterior(2))  # the next writer removes what the killed one left
    assert read_posterior(path).provenance["seed"] == 2
    assert not list(tmp_path.glob(".p.parquet.partial-*"))


def test_a_failing_writer_leaves_nothing_and_the_old_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("old")

    def fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_file(path, fail)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]
