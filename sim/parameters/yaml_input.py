"""Reading a YAML file a user wrote, strictly: every problem is one line naming the file.

Scenarios and sweep specs both come through :func:`read_mapping`. Beyond what ``yaml.safe_load``
checks, it refuses what would otherwise be read silently or crash later: a key given twice in one
mapping (YAML would keep the last), bytes that are not UTF-8, binary files, and nesting deeper than
any scenario needs (which would exhaust Python's recursion limit).
"""

from pathlib import Path
from typing import Any

import yaml

from sim.errors import InputError

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists a file may have; scenarios need about five."""


class StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping; raise ``yaml.constructor.ConstructorError`` on a repeated key."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
            except TypeError:  # an unhashable key: safe_load refuses it below
                continue
            if repeated:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_text(text: str) -> Any:
    """Parse YAML strictly; raise ``yaml.YAMLError`` or :class:`ValueError` (too deep)."""
    try:
        data = yaml.load(text, Loader=StrictLoader)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None
    if depth(data) > MAX_DEPTH:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    return data


def depth(data: Any) -> int:
    """How deeply mappings and lists nest in ``data`` (a scalar is 0)."""
    level, frontier = 0, [data]
    while frontier:
        containers = [item for item in frontier if isinstance(item, dict | list)]
        if not containers:
            return level
        level += 1
        frontier = [
            child
            for item in containers
            for child in (item.values() if isinstance(item, dict) else item)
        ]
    return level


def read_text(path: Path) -> str:
    """A text file's contents; a one-line :class:`InputError` if unreadable, binary or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if b"\x00" in raw:
        raise InputError(f"{path}: a binary file, not YAML text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start})"
        ) from None


def read_mapping(path: Path) -> dict[str, Any]:
    """A YAML file's top-level mapping, read strictly (see the module's docstring).

    Raises
    ------
    InputError
        ``<file>: line N: <what is wrong>`` for anything that is not a mapping of unique keys.
    """
    text = read_text(path)
    try:
        data = parse_text(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = error.problem or str(error)
        raise InputError(f"{path}: {where}malformed YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: malformed YAML: {error}") from None
    except ValueError as error:
        raise InputError(f"{path}: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: (top level): must be a mapping of keys to values")
    for key in data:
        if not isinstance(key, str):
            raise InputError(f"{path}: {key!r}: keys must be text")
    return data
