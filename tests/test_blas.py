"""One BLAS kernel everywhere (sim/blas.py): why the calibration needs it, and that it is set.

The calibration's sampler computes through OpenBLAS, whose kernels differ by CPU; the same tiny
calibration under two kernels gives two samples, under the kernel ``import sim`` pins the one a
machine of any other CPU gets. The model's runs do not depend on the kernel at all.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.blas import KERNEL, NEEDS, cpu_flags, pin_kernel

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

ROOT = Path(__file__).resolve().parents[1]


def test_the_kernel_is_pinned_only_where_unset_and_the_cpu_can_run_it() -> None:
    env: dict[str, str] = {}
    assert pin_kernel(env, "x86_64", frozenset({"avx2", "fma", "sse2"})) == KERNEL
    assert env == {"OPENBLAS_CORETYPE": KERNEL}
    chosen = {"OPENBLAS_CORETYPE": "Zen"}
    assert pin_kernel(chosen, "x86_64", NEEDS) is None and chosen == {"OPENBLAS_CORETYPE": "Zen"}
    for machine, flags in (("x86_64", frozenset({"avx", "fma"})), ("aarch64", NEEDS)):
        env = {}
        assert pin_kernel(env, machine, flags) is None and env == {}


def test_cpu_flags_are_read_from_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\n\nflags\t: other\n")
    assert cpu_flags(cpuinfo) == {"fpu", "sse2", "avx2", "fma"}
    assert cpu_flags(tmp_path / "none") == frozenset()


pinnable = pytest.mark.skipif(
    pin_kernel({}, os.uname().machine, cpu_flags()) is None or "avx" not in cpu_flags(),
    reason="this CPU cannot run OpenBLAS's Haswell and Sandybridge kernels",
)


def python(code: str, kernel: str | None) -> str:
    """Run ``code`` in a new Python, ``OPENBLAS_CORETYPE`` set to ``kernel`` or unset."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    if kernel is not None:
        env["OPENBLAS_CORETYPE"] = kernel
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


TINY_CALIBRATION = """
import json, sys, tempfile
from pathlib import Path
import sim, dataclasses
from sim.calibration.infer import calibrate
from sim.calibration.posterior import read_posterior
from sim.calibration.problem import load_problem
problem = load_problem()
smc = problem.spec.abc_smc.model_copy(update={"population": 60, "generations": 1, "batch": 200})
problem = dataclasses.replace(problem, spec=problem.spec.model_copy(update={"abc_smc": smc}))
with tempfile.TemporaryDirectory() as tmp:
    calibrate(problem, Path(tmp) / "s", Path(tmp) / "p.parquet", progress=False)
    about = read_posterior(Path(tmp) / "p.parquet").provenance
print(json.dumps([about["sample_sha256"], about["simulations"], about["blas"]]))
"""


@pinnable
def test_import_sim_pins_the_kernel_and_the_posterior_records_it() -> None:
    pytest.importorskip("pyabc", reason="the `calibrate` extra (pyabc) is not installed")
    pinned_sample, pinned_sims, blas = json.loads(python(TINY_CALIBRATION, None))
    assert blas and {k["architecture"] for k in blas} == {KERNEL}  # numpy's and scipy's
    # another kernel: the same simulations, a different sample (its last bits)
    other_sample, other_sims, other = json.loads(python(TINY_CALIBRATION, "Sandybridge"))
    assert {k["architecture"] for k in other} == {"Sandybridge"}
    assert other_sims == pinned_sims and other_sample != pinned_sample


ENSEMBLE = """
import sys
from sim.cli import main
sys.exit(main(["run", "baseline", "--replicates", "20", "--months", "12", "--no-plots",
               "--quiet", "--out", {out!r}]))
"""


@pinnable
def test_the_models_runs_do_not_depend_on_the_kernel(tmp_path: Path) -> None:
    files = []
    for kernel in (None, "Sandybridge"):
        out = tmp_path / str(kernel)
        python(ENSEMBLE.format(out=str(out)), kernel)
        files.append(
            [(out / name).read_bytes() for name in ("outcomes.parquet", "trajectories.parquet")]
        )
    pinned, other = files
    assert pinned == other
