"""Load a saved sweep directory: ``sweep.yaml``, ``design.parquet`` and ``outcomes.parquet``.

Tables are read through :func:`read_parquet`, which validates them (a ``run_id`` of integers,
``status`` ``ok`` or ``failed``, no NaN or infinity among the numbers); anything else is one
line naming the file and the problem.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.rundir import MAX_SAVED_BYTES, error_summary
from sim.errors import InputError
from sim.parameters.yaml_input import read_mapping

STATUSES = frozenset({"ok", "failed"})
"""The values of a ``status`` column."""

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
    spec = read_mapping(spec_file, MAX_SAVED_BYTES)
    if not isinstance(spec.get("parameters", {}), dict):
        raise InputError(f"{spec_file}: parameters: expected a mapping")
    design = read_parquet(root / "design.parquet")
    outcomes = read_parquet(root / "outcomes.parquet")
    return Sweep(root, spec, design, outcomes)


def read_parquet(file: Path) -> pd.DataFrame:
    """A validated Parquet table with a ``run_id`` column, or an InputError naming the file.

    ``run_id`` (and ``seed``, if present) are integers, ``status`` (if present) is ``ok`` or
    ``failed``, and no number is NaN or infinite (a missing value is stored as null, not NaN).
    """
    if not file.is_file():
        raise InputError(f"{file}: missing (not a complete sweep directory)")
    try:
        table = pq.read_table(file)
    except (OSError, ValueError, pa.ArrowException) as err:
        raise InputError(f"{file}: cannot read Parquet ({error_summary(err)})") from None
    check_table(file, table)
    try:
        frame: pd.DataFrame = table.to_pandas()
        return frame
    except (ValueError, pa.ArrowException) as err:
        raise InputError(f"{file}: cannot read Parquet ({error_summary(err)})") from None


def check_table(file: Path, table: pa.Table) -> None:
    """Raise an InputError naming ``file`` unless ``table`` holds what a saved table holds."""
    if "run_id" not in table.column_names:
        raise InputError(f"{file}: missing column run_id")
    for name in ("run_id", "seed"):
        if name in table.column_names and not pa.types.is_integer(table.schema.field(name).type):
            raise InputError(f"{file}: {name}: not integers ({table.schema.field(name).type})")
    if "status" in table.column_names:
        statuses = set(pc.unique(table.column("status").cast(pa.string())).to_pylist())
        unknown = statuses - STATUSES - {None}
        if unknown:
            raise InputError(f"{file}: status: unknown value {sorted(unknown)[0]!r}")
    for field in table.schema:
        if pa.types.is_floating(field.type):
            column = table.column(field.name)
            if pc.any(pc.or_(pc.is_nan(column), pc.is_inf(column))).as_py():
                raise InputError(f"{file}: {field.name}: holds NaN or infinity")
