"""Load a saved sweep directory: ``sweep.yaml``, ``design.parquet`` and ``outcomes.parquet``."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.rundir import error_summary
from sim.errors import InputError

ID_COLUMNS: frozenset[str] = frozenset(
    {"run_id", "seed", "status", "error", "design_point", "replicate"}
)
"""Columns of the design and outcome tables that are bookkeeping, not parameters or outcomes."""


@dataclass(frozen=True, eq=False)
class Sweep:
    """One saved sweep, read back from its directory.

    Attributes
    ----------
    path : Path
        The sweep directory.
    spec : dict
        The resolved sweep specification (``sweep.yaml``).
    design : pandas.DataFrame
        ``run_id``, ``seed`` and one column per varied parameter.
    outcomes : pandas.DataFrame
        ``run_id``, ``status`` and the flattened summary outcomes.
    """

    path: Path
    spec: dict[str, Any]
    design: pd.DataFrame
    outcomes: pd.DataFrame

    @property
    def parameters(self) -> list[str]:
        """The varied parameters: the design columns named in the spec's ``parameters``.

        Without a ``parameters`` mapping in the spec, every design column except the
        bookkeeping ones (run id, seed, design point, replicate).
        """
        declared = self.spec.get("parameters")
        if isinstance(declared, dict):
            return [c for c in self.design.columns if c in declared]
        return [c for c in self.design.columns if c not in ID_COLUMNS]

    @property
    def name(self) -> str:
        """The sweep's name from its spec (the directory name when it has none)."""
        return str(self.spec.get("name", self.path.name))


def is_sweep_dir(path: str | Path) -> bool:
    """Return whether ``path`` looks like a sweep directory (it has ``outcomes.parquet``)."""
    return (Path(path) / "outcomes.parquet").is_file()


def load_sweep(path: str | Path) -> Sweep:
    """Read a sweep directory.

    Raises
    ------
    sim.errors.InputError
        ``<file>: <what is wrong>`` when a file is missing or unreadable, or a table has no
        ``run_id`` column.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError(f"{root}: no such sweep directory")
    spec_file = root / "sweep.yaml"
    if not spec_file.is_file():
        raise InputError(f"{spec_file}: missing (not a sweep directory)")
    try:
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise InputError(f"{spec_file}: cannot read ({error_summary(err)})") from err
    if not isinstance(spec, dict):
        raise InputError(f"{spec_file}: expected a YAML mapping")
    design = read_parquet(root / "design.parquet")
    outcomes = read_parquet(root / "outcomes.parquet")
    return Sweep(root, spec, design, outcomes)


def read_parquet(file: Path) -> pd.DataFrame:
    """A Parquet table with a ``run_id`` column, or an InputError naming the file."""
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete sweep directory)")
    try:
        frame = pd.read_parquet(file)
    except (OSError, ValueError) as err:
        raise InputError(f"{file}: cannot read Parquet ({error_summary(err)})") from err
    if "run_id" not in frame.columns:
        raise InputError(f"{file}: missing column run_id")
    return frame
