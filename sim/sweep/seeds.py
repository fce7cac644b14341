"""Run seeds: one integer per run, from the root seed and the run's id only.

Run ``r`` of a sweep with root seed ``S`` gets the ``r``-th child of ``SeedSequence(S)``, the
same child ``SeedSequence(S).spawn(n_runs)[r]`` would give whatever ``n_runs``, turned into a
53-bit integer so that ``neasim run <base> --seed <that integer>`` reproduces the run. 53 bits
survive a round trip through a float (a pandas row of mixed columns, JSON read by JavaScript,
a spreadsheet), and two runs of a million-run sweep share a seed with probability below 1e-4.

The design's own random draws (random, Latin hypercube, scrambled Sobol', Morris trajectories)
come from the root ``SeedSequence`` itself, whose stream is independent of its children's.
"""

from collections.abc import Iterable

import numpy as np

SEED_BITS = 53
"""Run seeds are below 2**53: exact as ``int64`` and as ``float64``."""


def run_seed(root_seed: int, run_id: int) -> int:
    """The seed of one run: child ``run_id`` of ``SeedSequence(root_seed)``, as an integer."""
    child = np.random.SeedSequence(root_seed, spawn_key=(run_id,))
    return int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(64 - SEED_BITS))


def run_seeds(root_seed: int, run_ids: Iterable[int]) -> np.ndarray:
    """The seeds of several runs (``int64``), each as :func:`run_seed` gives it."""
    return np.array([run_seed(root_seed, int(r)) for r in run_ids], dtype=np.int64)


def design_rng(root_seed: int) -> np.random.Generator:
    """The generator the design draws from: the root ``SeedSequence``, not one of its children."""
    return np.random.default_rng(np.random.SeedSequence(root_seed))


BACKGROUND_STREAM = (0x9A7A, 1)
"""Spawn key of the generator of a sweep's background draws: two numbers long, so it is never a
run's child (one number) nor the design's root."""


def background_rng(root_seed: int) -> np.random.Generator:
    """The generator that draws each run's background parameters (``background: posterior``)."""
    return np.random.default_rng(np.random.SeedSequence(root_seed, spawn_key=BACKGROUND_STREAM))
