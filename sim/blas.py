"""One BLAS kernel on every machine, so that a calibration's posterior is one file everywhere.

The calibration's sampler (pyabc's multivariate normal transition: a weighted covariance, its
factorisation, the densities of every particle) runs through OpenBLAS, which numpy and scipy
ship and which picks its kernels for the CPU it finds. Kernels sum in different orders: the same
calibration, same seed and same simulations, gave particles differing by up to 2·10⁻¹⁴ under the
SkylakeX, Haswell and Sandybridge kernels of one machine (``docs/calibration.md``). The model
uses no BLAS: its runs are the same bytes under every kernel.

So neasim asks OpenBLAS for its Haswell kernels (AVX2 and FMA, present on x86-64 CPUs since 2013
and 2015) through ``OPENBLAS_CORETYPE``, which OpenBLAS reads once, when numpy is first imported:
``import sim`` sets it before, unless it is set already (the user's choice stands) or the CPU
cannot run those kernels (then OpenBLAS chooses, and the posterior's provenance says which).
"""

import os
from collections.abc import MutableMapping
from pathlib import Path

KERNEL = "Haswell"
"""The OpenBLAS kernels neasim asks for."""

NEEDS = frozenset({"avx2", "fma"})
"""The CPU flags those kernels use."""

CPUINFO = Path("/proc/cpuinfo")


def cpu_flags(cpuinfo: Path = CPUINFO) -> frozenset[str]:
    """The flags of the first CPU listed in ``cpuinfo`` (none where the file is missing)."""
    try:
        with cpuinfo.open(encoding="ascii", errors="replace") as lines:
            for line in lines:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def pin_kernel(
    environ: MutableMapping[str, str], machine: str, flags: frozenset[str]
) -> str | None:
    """Set ``OPENBLAS_CORETYPE`` in ``environ`` to :data:`KERNEL` where it is unset and can run.

    Returns the kernel set, or None where nothing was set.

    >>> env = {}
    >>> pin_kernel(env, "x86_64", frozenset({"avx2", "fma", "sse2"})), env
    ('Haswell', {'OPENBLAS_CORETYPE': 'Haswell'})
    >>> pin_kernel({"OPENBLAS_CORETYPE": "Zen"}, "x86_64", frozenset({"avx2", "fma"}))
    >>> pin_kernel({}, "x86_64", frozenset({"avx", "sse2"})), pin_kernel({}, "aarch64", NEEDS)
    (None, None)
    """
    if (
        "OPENBLAS_CORETYPE" in environ
        or machine not in ("x86_64", "AMD64")
        or not flags.issuperset(NEEDS)
    ):
        return None
    environ["OPENBLAS_CORETYPE"] = KERNEL
    return KERNEL


def pin() -> None:
    """Pin this process's (and its children's) OpenBLAS kernels, before numpy loads them."""
    machine = os.uname().machine if hasattr(os, "uname") else ""  # none on Windows
    pin_kernel(os.environ, machine, cpu_flags())


def kernels() -> list[dict[str, str]]:
    """The BLAS libraries loaded in this process: their name, version and kernels.

    Empty where ``threadpoolctl`` (installed with the ``calibrate`` extra) is missing.
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return []
    return [
        {
            "library": str(pool.get("internal_api")),
            "version": str(pool.get("version")),
            "architecture": str(pool.get("architecture")),
            "file": Path(str(pool.get("filepath"))).name,
        }
        for pool in threadpool_info()
        if pool.get("user_api") == "blas"
    ]
