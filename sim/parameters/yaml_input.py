"""Reading a file a user wrote, strictly and within bounds: every problem is one line.

Scenarios, sweep specs and the files of saved directories come through :func:`read_mapping`
(YAML) and :func:`read_text`. Beyond what ``yaml.safe_load`` checks, they refuse what would
otherwise be read silently, hang or exhaust memory:

- a file larger than a cap (:data:`MAX_FILE_BYTES` for what a user writes), read no further than
  the cap even from a device or a pipe;
- bytes that are not UTF-8, and binary files;
- a key given twice in one mapping (YAML would keep the last);
- an alias that refers to the node it is part of (``&a [*a]``), and aliases that expand to more
  than :data:`MAX_NODES` values or :data:`MAX_CHARACTERS` characters (a "billion laughs"): the
  budget is counted on the parsed node graph before anything is expanded, so either is refused
  in milliseconds;
- nesting deeper than any scenario needs (which would exhaust Python's recursion limit);
- integers of more than :data:`MAX_DIGITS` digits, and the YAML types a scenario never holds
  (``!!set``, ``!!binary``, ``!!omap``, ``!!pairs``), which would otherwise end up as Python
  reprs in text fields. An unquoted date reads as the text it is written as.
"""

from pathlib import Path
from typing import Any

import yaml

from sim.errors import InputError

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists a file may have; scenarios need about five."""

MAX_FILE_BYTES = 1 << 20
"""The largest scenario or sweep spec read (1 MiB); the baseline is about 12 KB."""

MAX_NODES = 100_000
"""The most values (scalars, lists and mappings) a document may hold once aliases are expanded."""

MAX_CHARACTERS = 4 << 20
"""The most characters of scalar text a document may hold once aliases are expanded."""

MAX_DIGITS = 30
"""The longest integer read; parameters and seeds need at most 19 digits."""

REFUSED_TAGS = {
    "tag:yaml.org,2002:set": "a set",
    "tag:yaml.org,2002:binary": "binary data",
    "tag:yaml.org,2002:omap": "an ordered map",
    "tag:yaml.org,2002:pairs": "a list of pairs",
}
"""YAML types a scenario never holds: refused rather than stored as a Python repr."""


class StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses repeated keys, self-referring and explosive aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._open_anchors: set[str] = set()
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose a node; too deep a nesting, or an alias to a node being composed, is an error.

        The depth is checked as the nodes are composed, so a file of thousands of opening
        brackets is refused after reading :data:`MAX_DEPTH` of them.
        """
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
            if event.anchor in self._open_anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"alias *{event.anchor} refers to itself", event.start_mark
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:  # the document's own node is level 0
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_sequence_node(self, anchor: Any) -> Any:
        """Compose a list, its anchor open while its items are composed."""
        with self._opened(anchor):
            return super().compose_sequence_node(anchor)

    def compose_mapping_node(self, anchor: Any) -> Any:
        """Compose a mapping, its anchor open while its entries are composed."""
        with self._opened(anchor):
            return super().compose_mapping_node(anchor)

    def _opened(self, anchor: str | None) -> "_OpenAnchor":
        return _OpenAnchor(self._open_anchors, anchor)

    def get_single_node(self) -> yaml.Node | None:
        """The document's node graph, refused if aliases expand it beyond the budget."""
        node = super().get_single_node()
        if node is not None:
            check_budget(node)
        return node

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

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        """An integer of at most :data:`MAX_DIGITS` digits."""
        digits = sum(character.isdigit() for character in str(node.value))
        if digits > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"an integer of {digits} digits (at most {MAX_DIGITS})", node.start_mark
            )
        return super().construct_yaml_int(node)

    def construct_as_written(self, node: yaml.ScalarNode) -> str:
        """A date or time, read as the text it is written as."""
        return str(node.value)

    def refuse(self, node: yaml.Node) -> None:
        """A YAML type a scenario never holds: an error naming it."""
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{REFUSED_TAGS[node.tag]} (!!{node.tag.rpartition(':')[2]}) is not a value a"
            " scenario holds; write text, a number, a flag, a list or a mapping",
            node.start_mark,
        )


class _OpenAnchor:
    """The anchor of a node being composed, in the loader's set of open anchors meanwhile."""

    def __init__(self, anchors: set[str], anchor: str | None) -> None:
        self.anchors, self.anchor = anchors, anchor

    def __enter__(self) -> None:
        if self.anchor is not None:
            self.anchors.add(self.anchor)

    def __exit__(self, *exc: object) -> None:
        if self.anchor is not None:
            self.anchors.discard(self.anchor)


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_bounded_int)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_as_written)
for _tag in REFUSED_TAGS:
    StrictLoader.add_constructor(_tag, StrictLoader.refuse)


def check_budget(root: yaml.Node) -> None:
    """Raise ``ValueError`` if ``root``, aliases expanded, is too deep, large or long.

    Each distinct node is visited once (a node an alias repeats is counted as often as it is
    repeated, from the memo), so a billion laughs costs a few hundred steps.
    """
    memo: dict[int, tuple[int, int, int]] = {}  # id -> (depth, nodes, characters)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if id(node) in memo:
            continue
        children = _children(node)
        if not expanded and children:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in memo)
            continue
        found = [memo[id(child)] for child in children]
        container = isinstance(node, yaml.SequenceNode | yaml.MappingNode)
        depth = 1 + max((d for d, _, _ in found), default=0) if container else 0
        nodes = 1 + sum(n for _, n, _ in found)
        characters = sum(c for _, _, c in found) + (
            len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        )
        if depth > MAX_DEPTH:
            raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
        if nodes > MAX_NODES or characters > MAX_CHARACTERS:
            raise ValueError(
                f"aliases expand to more than {MAX_NODES:,} values or {MAX_CHARACTERS:,}"
                " characters; write the values out, or use fewer aliases"
            )
        memo[id(node)] = (depth, nodes, characters)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def parse_text(text: str) -> Any:
    """Parse YAML strictly; raise ``yaml.YAMLError`` or :class:`ValueError` (too deep or large)."""
    try:
        return yaml.load(text, Loader=StrictLoader)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None


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


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, at most ``limit`` of them, or a one-line :class:`InputError`.

    Reads no more than ``limit + 1`` bytes, so an endless device or a huge file costs nothing.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(raw) > limit:
        raise InputError(f"{path}: larger than {_size(limit)}; not a file neasim reads")
    return raw


def read_text(path: Path, limit: int = MAX_FILE_BYTES, what: str = "YAML") -> str:
    """A text file's contents.

    A one-line :class:`InputError` if unreadable, too large, binary or not UTF-8.
    """
    raw = read_bytes(path, limit)
    if b"\x00" in raw:
        raise InputError(f"{path}: a binary file, not {what} text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start})"
        ) from None


def read_mapping(path: Path, limit: int = MAX_FILE_BYTES) -> dict[str, Any]:
    """A YAML file's top-level mapping, read strictly (see the module's docstring).

    Raises
    ------
    InputError
        ``<file>: line N: <what is wrong>`` for anything that is not a mapping of unique keys.
    """
    text = read_text(path, limit)
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
            raise InputError(f"{path}: {_shown(key)}: keys must be text")
    return data


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"
