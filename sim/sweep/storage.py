"""The sweep directory on disk: its files, chunk files written as they finish, final assembly.

::

    <dir>/sweep.yaml             the resolved spec
    <dir>/scenario.yaml          the resolved base scenario
    <dir>/manifest.json          versions, command, times, status, progress
    <dir>/design.parquet         run_id, seed, design_point, replicate, one column per parameter
    <dir>/chunks/outcomes-00012.parquet       written as chunk 12 finishes
    <dir>/chunks/trajectories-00012.parquet   (only with ``trajectories: true``)
    <dir>/outcomes.parquet       assembled once every chunk is done
    <dir>/trajectories.parquet   (only with ``trajectories: true``)

Every file is written under a temporary name, flushed and renamed (:mod:`sim.sweep.atomic`).
A new sweep writes ``sweep.yaml`` last: a directory without it holds no sweep yet, only what a
killed creation left, which the next creation clears (:meth:`SweepDirectory.is_unfinished`).
A chunk is done when its outcomes file exists: its trajectories file, if any, is renamed into
place first.
The final files are streamed from the chunk files one chunk at a time into fixed-size row groups,
so memory stays flat in the number of runs and the bytes do not depend on the chunk size.
"""

import hashlib
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sim.sweep.atomic import (
    TEMP_SUFFIX,
    atomic_path,
    remove_temporaries,
    write_json,
    write_text,
)
from sim.sweep.fingerprint import METADATA_KEY
from sim.sweep.manifest import Manifest, from_dict

OUTCOMES = "outcomes"
TRAJECTORIES = "trajectories"
ROW_GROUP_ROWS = 16_384
"""Rows per row group of the assembled files, whatever the chunk size; assembling holds one."""

_CHUNK_NAME = re.compile(r"^(outcomes|trajectories)-(\d+)\.parquet$")


class SweepDirectory:
    """The files of one sweep directory."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def sweep_yaml(self) -> Path:
        """The resolved spec."""
        return self.path / "sweep.yaml"

    @property
    def scenario_yaml(self) -> Path:
        """The resolved base scenario."""
        return self.path / "scenario.yaml"

    @property
    def manifest_json(self) -> Path:
        """Versions, command line, times, status and progress."""
        return self.path / "manifest.json"

    @property
    def design_parquet(self) -> Path:
        """One row per run: its id, seed, design point, replicate and parameter values."""
        return self.path / "design.parquet"

    @property
    def chunks(self) -> Path:
        """The chunk files, written as chunks finish."""
        return self.path / "chunks"

    def final_file(self, kind: str) -> Path:
        """``outcomes.parquet`` or ``trajectories.parquet``."""
        return self.path / f"{kind}.parquet"

    def chunk_file(self, kind: str, index: int) -> Path:
        """The file of one chunk, e.g. ``chunks/outcomes-00012.parquet``."""
        return self.chunks / f"{kind}-{index:05d}.parquet"

    def is_sweep(self) -> bool:
        """Whether the directory holds a sweep (its spec, written last, is there)."""
        return self.sweep_yaml.is_file()

    def is_unfinished(self) -> bool:
        """Whether the directory holds nothing but what creating a sweep writes before its spec.

        An empty directory counts; so do the lock, temporary files, and the scenario, design
        and manifest of a creation that was killed before it wrote ``sweep.yaml``.
        """
        created = {
            self.scenario_yaml.name,
            self.design_parquet.name,
            self.manifest_json.name,
            ".lock",
            ".lock.holder",
        }
        try:
            names = [entry.name for entry in self.path.iterdir()]
        except OSError:
            return False
        others = [n for n in names if n not in created and not n.endswith(TEMP_SUFFIX)]
        mine = [n for n in names if not n.startswith(".")]
        return not others and (not mine or ".lock" in names)

    def clear_unfinished(self) -> None:
        """Delete what a killed creation left (see :meth:`is_unfinished`), keeping the lock."""
        remove_temporaries(self.path)
        for path in (self.scenario_yaml, self.design_parquet, self.manifest_json):
            path.unlink(missing_ok=True)

    # --- the manifest ---------------------------------------------------------------------------

    def read_manifest(self) -> Manifest:
        """The manifest as last written."""
        return from_dict(json.loads(self.manifest_json.read_text(encoding="utf-8")))

    def read_manifest_or_none(self) -> Manifest | None:
        """The manifest, or None if it is missing or cannot be read."""
        try:
            return self.read_manifest()
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return None

    def write_manifest(self, manifest: Manifest) -> None:
        """Replace the manifest atomically."""
        write_json(self.manifest_json, manifest.to_dict())

    # --- chunks ---------------------------------------------------------------------------------

    def read_design(self, start: int, stop: int, columns: Sequence[str]) -> pa.Table:
        """Rows ``start`` to ``stop`` of ``design.parquet`` (only the row groups they lie in)."""
        design = pq.ParquetFile(self.design_parquet)
        offsets = np.cumsum(
            [0] + [design.metadata.row_group(i).num_rows for i in range(design.num_row_groups)]
        )
        first = int(np.searchsorted(offsets, start, side="right")) - 1
        last = int(np.searchsorted(offsets, stop, side="left"))
        table = design.read_row_groups(range(first, last), columns=list(columns))
        return table.slice(start - int(offsets[first]), stop - start)

    def count_runs(self) -> int:
        """The number of runs of the sweep (rows of ``design.parquet``)."""
        return int(pq.read_metadata(self.design_parquet).num_rows)

    def finished_chunks(
        self, sizes: Sequence[int], trajectories: bool, fingerprint: str
    ) -> tuple[list[int], list[int]]:
        """The chunks already written whole by this very sweep, and the ones to run again.

        ``sizes[i]`` is chunk i's number of runs. A chunk counts as done when its files read
        back, hold the chunk's runs and carry ``fingerprint`` (:mod:`sim.sweep.fingerprint`).
        The files of any other chunk — unreadable, truncated, of another chunk size, made by
        other code, another spec or other library versions — are deleted, and the chunk is
        returned as stale. Leftover temporary files of a killed writer are deleted too.
        """
        if not self.chunks.is_dir():
            return [], []
        remove_temporaries(self.chunks)
        done, stale = [], []
        for path in sorted(self.chunks.iterdir()):
            match = _CHUNK_NAME.match(path.name)
            if match is None or match.group(1) != OUTCOMES:
                continue
            index = int(match.group(2))
            if index < len(sizes) and self._holds_chunk(index, sizes, trajectories, fingerprint):
                done.append(index)
                continue
            stale.append(index)
            for kind in (OUTCOMES, TRAJECTORIES):
                self.chunk_file(kind, index).unlink(missing_ok=True)
                digest_path(self.chunk_file(kind, index)).unlink(missing_ok=True)
        return done, stale

    def _holds_chunk(
        self, index: int, sizes: Sequence[int], trajectories: bool, fingerprint: str
    ) -> bool:
        """Whether chunk ``index``'s files read back whole and were made by this sweep."""
        first = sum(sizes[:index])
        expected = np.arange(first, first + sizes[index], dtype=np.int64)
        kinds = (OUTCOMES, TRAJECTORIES) if trajectories else (OUTCOMES,)
        try:
            for kind in kinds:
                path = self.chunk_file(kind, index)
                if digest_path(path).read_text(encoding="ascii") != file_digest(path):
                    return False
                table = pq.read_table(path)
                if (table.schema.metadata or {}).get(METADATA_KEY) != fingerprint.encode():
                    return False
                if kind == OUTCOMES and not np.array_equal(table["run_id"].to_numpy(), expected):
                    return False
        except (OSError, KeyError, ValueError, pa.ArrowException):
            return False
        return True

    def count_failed(self, indices: Sequence[int]) -> int:
        """How many runs of these finished chunks failed."""
        failed = 0
        for index in indices:
            status = pq.read_table(self.chunk_file(OUTCOMES, index), columns=["status"])
            failed += int(pc.sum(pc.equal(status.column("status"), "failed")).as_py() or 0)
        return failed

    def write_chunk(
        self,
        index: int,
        outcomes: pa.Table,
        trajectories: pa.Table | None,
        fingerprint: str,
    ) -> None:
        """Write one finished chunk: its trajectories first, then its outcomes (the marker).

        Both files carry ``fingerprint`` in their schema metadata.
        """
        self.chunks.mkdir(exist_ok=True)
        stamp = {METADATA_KEY: fingerprint.encode()}
        if trajectories is not None:
            _write_chunk_file(
                trajectories.replace_schema_metadata(stamp), self.chunk_file(TRAJECTORIES, index)
            )
        _write_chunk_file(outcomes.replace_schema_metadata(stamp), self.chunk_file(OUTCOMES, index))

    def assemble(self, kind: str, n_chunks: int) -> None:
        """Stream the chunk files of ``kind``, in order, into the final file, atomically."""
        files = [self.chunk_file(kind, index) for index in range(n_chunks)]
        schema = unified_schema([pq.read_schema(path) for path in files])
        pool = pa.system_memory_pool()
        with atomic_path(self.final_file(kind)) as temp, pq.ParquetWriter(temp, schema) as writer:
            pending = schema.empty_table()
            for path in files:
                table = conform(pq.read_table(path, use_threads=False), schema)
                pending = pa.concat_tables([pending, table], memory_pool=pool)
                while pending.num_rows >= ROW_GROUP_ROWS:
                    writer.write_table(pending.slice(0, ROW_GROUP_ROWS).combine_chunks(pool))
                    pending = pending.slice(ROW_GROUP_ROWS)
            if pending.num_rows:
                writer.write_table(pending.combine_chunks(pool))

    def remove_chunks(self) -> None:
        """Delete the chunk files once the final files are written."""
        shutil.rmtree(self.chunks, ignore_errors=True)


def digest_path(path: Path) -> Path:
    """The file holding the SHA-256 of a chunk file, written before the chunk file appears."""
    return path.with_name(path.name + ".sha256")


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_chunk_file(table: pa.Table, final: Path) -> None:
    """Write a chunk file and, first, its digest: a bit flipped later is found on resume."""
    with atomic_path(final) as temp:
        pq.write_table(table, temp, row_group_size=ROW_GROUP_ROWS)
        write_text(digest_path(final), file_digest(temp))


def unified_schema(schemas: Sequence[pa.Schema]) -> pa.Schema:
    """One schema for all chunks: columns in order of first appearance, null columns promoted.

    A column that is null throughout a chunk (no run of it held a summit, say) has Arrow's null
    type there and takes its type from the other chunks.
    """
    return pa.unify_schemas(list(schemas), promote_options="permissive")


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with the columns of ``schema``, in its order and types; missing ones null."""
    columns = [
        table.column(field.name).cast(field.type)
        if field.name in table.column_names
        else pa.nulls(table.num_rows, field.type)
        for field in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)
