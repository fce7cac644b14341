"""Scenario files: finding them, reading them strictly, and merging their ``extends:`` chains.

A scenario file states what differs from its parent (``extends: baseline``); :func:`read_raw`
merges the chain into one raw mapping, not yet validated. Files are read through
:func:`sim.parameters.yaml_input.read_mapping` (size cap, aliases budgeted, strict types).
"""

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sim.errors import InputError
from sim.parameters.yaml_input import read_mapping
from sim.resources import bundled_path

CONFIG_DIR = bundled_path("configs")
"""Where the bundled scenarios live (``configs/*.yaml``, package data of :mod:`sim`)."""

MAX_EXTENDS = 16
"""The longest ``extends:`` chain: a scenario, its parent, ... (the bundled ones use two)."""


def bundled_scenarios() -> dict[str, Path]:
    """The scenarios shipped in ``configs/``, by name."""
    return {path.stem: path for path in sorted(CONFIG_DIR.glob("*.yaml"))}


def resolve_path(ref: str | Path, relative_to: Path | None = None) -> Path:
    """A scenario reference (a path, or the name of a bundled scenario) → an existing file."""
    candidates = [Path(ref)]
    if relative_to is not None:
        candidates.insert(0, relative_to / ref)
        candidates.insert(1, relative_to / f"{ref}.yaml")
    for path in candidates:
        try:
            if path.is_file():
                return path
        except (OSError, ValueError):  # a name too long, or with a NUL byte
            continue
    bundled = bundled_scenarios()
    if str(ref) in bundled:
        return bundled[str(ref)]
    hint = difflib.get_close_matches(str(ref), list(bundled), n=1)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    raise InputError(
        f"{ref}: no such scenario file or bundled scenario{suggestion};"
        f" bundled: {', '.join(bundled)}"
    )


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML file's top-level mapping, read strictly, or a one-line InputError."""
    return read_mapping(path)


def merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge mappings; the child's values win, lists are replaced whole."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_raw(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A scenario file with its ``extends:`` chain merged in, not yet validated."""
    if path.resolve() in seen:
        chain = " -> ".join(str(p) for p in (*seen, path.resolve()))
        raise InputError(f"{path}: extends: circular chain {chain}")
    if len(seen) >= MAX_EXTENDS:
        raise InputError(
            f"{seen[0]}: extends: a chain of more than {MAX_EXTENDS} files; shorten it"
        )
    data = read_yaml(path)
    data.setdefault("name", path.stem)
    parent_ref = data.pop("extends", None)
    if parent_ref is None:
        return data
    if not isinstance(parent_ref, str):
        raise InputError(
            f"{path}: extends: must be a scenario name or path, not a {type(parent_ref).__name__}"
        )
    try:
        parent_path = resolve_path(parent_ref, relative_to=path.parent)
    except InputError as error:
        raise InputError(f"{path}: extends: {error}") from None
    parent = read_raw(parent_path, (*seen, path.resolve()))
    parent.pop("description", None)
    return merge(parent, data)
