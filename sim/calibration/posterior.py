"""The posterior as data: ``data/posterior.parquet``, a weighted sample of parameter vectors.

One row per particle of the last ABC-SMC generation: one column per inferred parameter (dotted
key) and ``weight`` (normalised importance weights). The file's metadata (``neasim.provenance``,
JSON) says where it came from: the commit, the SHA-256 of the calibration rows of the record, the
problem's settings, the seed, the number of generations and simulations, the final tolerance and
the effective sample size. Runs drawing "from the posterior" resample rows by weight.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray

from sim.errors import InputError
from sim.resources import bundled_path
from sim.sweep.atomic import atomic_path

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


def write_posterior(path: Path, posterior: Posterior) -> None:
    """Write the Parquet file atomically (a temporary name, then renamed)."""
    columns = {key: pa.array(posterior.theta[:, k]) for k, key in enumerate(posterior.keys)}
    columns["weight"] = pa.array(posterior.weights)
    table = pa.table(columns)
    meta = {METADATA_KEY: json.dumps(posterior.provenance, sort_keys=True).encode()}
    table = table.replace_schema_metadata(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as temporary:
        pq.write_table(table, temporary)


def read_posterior(path: Path = POSTERIOR) -> Posterior:
    """Read a posterior file; a missing, unreadable or malformed one is an InputError."""
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
    return Posterior(keys, theta, weights / weights.sum(), json.loads(meta[METADATA_KEY].decode()))
