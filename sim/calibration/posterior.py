"""The posterior as data: ``data/posterior.parquet``, a weighted sample of parameter vectors.

One row per particle of the last ABC-SMC generation: one column per inferred parameter (dotted
key) and ``weight`` (normalised importance weights). The file's metadata (``neasim.provenance``,
JSON) says where it came from: the commit, the SHA-256 of the calibration rows of the record, the
problem's settings, the seed, the number of generations and simulations, the final tolerance and
the effective sample size, and the provenance block every saved result carries
(:func:`sim.runs.provenance.provenance`: commit, versions of neasim, Python, the libraries and
pyabc, the platform), with ``format_version``, ``kind: calibration``, the command and the time,
``sample_sha256``, the digest of the sample itself (:func:`sample_digest`), and ``blas``, the
BLAS kernels the sampler's arithmetic ran on (:mod:`sim.blas`): two calibrations with the same
seed and kernels write files that differ in when and how they ran, and in nothing the digest
covers. Runs drawing "from the posterior" resample rows by weight.

The file is written as a run's directory is (:mod:`sim.runs.claim`): under a temporary name
beside it, flushed, then renamed over it; ``neasim calibrate`` claims it for the whole
calibration (:func:`sim.runs.claim.claim_file`), so a second one is refused rather than lost.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray

from sim.blas import kernels
from sim.errors import InputError
from sim.resources import bundled_path
from sim.runs.claim import write_file
from sim.runs.provenance import command_line, provenance, utc_stamp

POSTERIOR = bundled_path("data", "posterior.parquet")
METADATA_KEY = b"neasim.provenance"


@dataclass(frozen=True)
class Posterior:
    """Parameter vectors (N, P) by key, their weights (N,), and the provenance."""

    keys: tuple[str, ...]
    theta: NDArray[np.float64]
    weights: NDArray[np.float64]
    provenance: dict[str, Any]

    def draw(self, rng: np.random.Generator, n: int) -> dict[str, NDArray[np.float64]]:
        """``n`` vectors resampled by weight, as per-run overrides (key → (n,) array)."""
        rows = rng.choice(len(self.weights), size=n, p=self.weights)
        return {key: self.theta[rows, k] for k, key in enumerate(self.keys)}

    def mean(self) -> dict[str, float]:
        """The weighted mean of each parameter."""
        return {
            key: float(np.average(self.theta[:, k], weights=self.weights))
            for k, key in enumerate(self.keys)
        }


def sample_digest(
    keys: Sequence[str], theta: NDArray[np.float64], weights: NDArray[np.float64]
) -> str:
    """SHA-256 of a posterior's sample: its keys, then its particles and weights as stored.

    The values are hashed as little-endian float64, so the digest names the numbers, not the
    file: the provenance (the time, the command, the commit) is outside it.

    >>> sample_digest(["a"], np.array([[0.5]]), np.array([1.0]))[:12]
    '6a33313f3e28'
    """
    digest = hashlib.sha256(json.dumps(list(keys)).encode())
    digest.update(np.ascontiguousarray(theta, dtype="<f8").tobytes())
    digest.update(np.ascontiguousarray(weights, dtype="<f8").tobytes())
    return digest.hexdigest()


FORMAT_VERSION = 1
"""The posterior file's format (the ``format_version`` policy of ``docs/design.md``)."""


def stamped(about: dict[str, Any], sample: str) -> dict[str, Any]:
    """The calibration's provenance, with its sample's digest and a saved result's block."""
    return {
        **about,
        "sample_sha256": sample,
        "blas": kernels(),
        "format_version": FORMAT_VERSION,
        "kind": "calibration",
        "command": command_line(),
        "finished_utc": utc_stamp(),
        **provenance("pyabc"),
    }


def write_posterior(path: Path, posterior: Posterior) -> None:
    """Write the Parquet file, its provenance stamped, under a temporary name, then rename it.

    Raises
    ------
    InputError
        If ``path`` exists and is not a file, or its parent is not a directory.
    """
    columns = {key: pa.array(posterior.theta[:, k]) for k, key in enumerate(posterior.keys)}
    columns["weight"] = pa.array(posterior.weights)
    table = pa.table(columns)
    sample = sample_digest(posterior.keys, posterior.theta, posterior.weights)
    about = stamped(posterior.provenance, sample)
    meta = {METADATA_KEY: json.dumps(about, sort_keys=True).encode()}
    table = table.replace_schema_metadata(meta)
    write_file(path, lambda temporary: pq.write_table(table, temporary))


def read_posterior(path: Path = POSTERIOR) -> Posterior:
    """Read a posterior file; a missing, unreadable or malformed one is an InputError.

    Its provenance's ``sample_sha256`` is the digest of the sample as read (a file written before
    the digest was recorded gets it here); a file whose sample does not match the digest it
    records (edited or damaged since it was written) is an InputError.
    """
    if not path.is_file():
        raise InputError(f"{path}: no posterior (run `neasim calibrate` to compute one)")
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as error:
        raise InputError(f"{path}: not a readable Parquet file: {error}") from None
    meta = table.schema.metadata or {}
    if METADATA_KEY not in meta or "weight" not in table.column_names:
        raise InputError(f"{path}: not a neasim posterior (no provenance or no weight column)")
    keys = tuple(name for name in table.column_names if name != "weight")
    theta = np.column_stack([table[key].to_numpy() for key in keys]).astype(float)
    weights = table["weight"].to_numpy().astype(float)
    if not (np.all(np.isfinite(theta)) and np.all(weights >= 0) and weights.sum() > 0):
        raise InputError(f"{path}: non-finite values or invalid weights")
    about = json.loads(meta[METADATA_KEY].decode())
    sample = sample_digest(keys, theta, weights)
    if about.setdefault("sample_sha256", sample) != sample:
        raise InputError(
            f"{path}: sample_sha256: the particles and weights are not those the file was written "
            "with (edited or damaged since)"
        )
    return Posterior(keys, theta, weights / weights.sum(), about)
