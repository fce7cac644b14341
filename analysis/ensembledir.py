"""Load a saved ensemble directory (``neasim run SCENARIO --replicates N``).

It holds ``config.yaml``, ``manifest.json`` (``kind: ensemble``), ``outcomes.parquet`` (one row
per run), ``trajectories.parquet`` (the long format of a sweep's) and ``median/``, the run
directory of its median run.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.rundir import read_json, read_yaml_mapping
from analysis.sweepdir import read_parquet
from sim.errors import InputError
from sim.runs.claim import PARTIAL


@dataclass(frozen=True, eq=False)
class Ensemble:
    """One saved ensemble: N seeds of one scenario.

    Attributes
    ----------
    path : Path
        The ensemble directory.
    config : dict
        The resolved scenario (its seed is the ensemble's first).
    manifest : dict
        Provenance, ``replicates``, ``seeds`` (first and last) and ``median_seed``.
    outcomes : pandas.DataFrame
        ``run_id``, ``seed``, ``status``, ``error`` and every outcome.
    """

    path: Path
    config: dict[str, Any]
    manifest: dict[str, Any]
    outcomes: pd.DataFrame

    @property
    def scenario(self) -> str:
        """The scenario's name."""
        return str(self.config.get("name", self.path.name))

    @property
    def label(self) -> str:
        """``"<scenario> (N seeds)"``."""
        return f"{self.scenario} ({len(self.outcomes)} seeds)"

    @property
    def median(self) -> Path:
        """The run directory of the median run."""
        return self.path / "median"


def is_ensemble_dir(path: str | Path) -> bool:
    """Whether ``path`` looks like an ensemble directory (a ``median/`` run and trajectories)."""
    p = Path(path)
    return (p / "trajectories.parquet").is_file() and (p / "median").is_dir()


def load_ensemble(path: str | Path) -> Ensemble:
    """Read an ensemble directory.

    Raises
    ------
    sim.errors.InputError
        ``<file>: <what is wrong>`` when a file is missing or unreadable, or the manifest is
        not that of a complete ensemble.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError(f"{root}: no such ensemble directory")
    manifest = read_json(root / "manifest.json")
    if manifest.get("kind") != "ensemble" or manifest.get("status") not in _statuses(root):
        raise InputError(f"{root / 'manifest.json'}: not a complete ensemble")
    config = read_yaml_mapping(root / "config.yaml")
    outcomes = read_parquet(root / "outcomes.parquet")
    if "seed" not in outcomes.columns or "status" not in outcomes.columns:
        raise InputError(f"{root / 'outcomes.parquet'}: missing column seed or status")
    return Ensemble(root, config, manifest, outcomes)


def _statuses(root: Path) -> tuple[str, ...]:
    """``complete``; and ``writing`` for this process's own unfinished ensemble (its plots)."""
    match = PARTIAL.match(root.name)
    if match is not None and int(match.group("pid")) == os.getpid():
        return ("complete", "writing")
    return ("complete",)
