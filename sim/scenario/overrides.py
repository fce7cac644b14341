"""``--set KEY=VALUE``: setting a key of a raw scenario by its dotted path.

The value is read as YAML (``--set actors.PRK.trust.USA=0.3``), strictly and within bounds
(:data:`MAX_VALUE_CHARS`); a key must name a key of the resolved scenario, and a near miss gets a
"did you mean". A number in the path picks a list entry (``calendar.0.month``).
"""

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from sim.errors import InputError
from sim.parameters.yaml_input import parse_text

MAX_VALUE_CHARS = 1_000
"""The longest ``--set`` value, in characters."""

EXAMPLE = "actors.PRK.trust.USA=0.3"


def shown(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters for an error message."""
    line = " ".join(str(text).split())
    return line if len(line) <= width else line[: width - 3] + "..."


def parse_assignment(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` → (dotted key, value read as YAML); a one-line InputError if unusable."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InputError(f"--set {shown(text)}: expected KEY=VALUE, e.g. {EXAMPLE}")
    if len(key) > MAX_VALUE_CHARS:
        raise InputError(f"--set {shown(key)}: a key longer than {MAX_VALUE_CHARS} characters")
    return key, parse_value(key, value)


def parse_value(key: str, value: str) -> Any:
    """A ``--set`` value read as YAML; text that is not YAML stays text."""
    if len(value) > MAX_VALUE_CHARS:
        raise InputError(
            f"--set {key}={shown(value, 20)}: a value longer than {MAX_VALUE_CHARS} characters"
        )
    if not value.strip():
        return None
    try:
        return parse_text(value)
    except yaml.constructor.ConstructorError as error:
        raise InputError(f"--set {key}={shown(value, 20)}: {error.problem}") from None
    except yaml.YAMLError:
        return value
    except ValueError as error:
        raise InputError(f"--set {key}={shown(value, 20)}: {error}") from None


def dotted_keys(node: Any, prefix: str = "") -> Iterator[str]:
    """Every dotted key of a resolved scenario (list entries by their index)."""
    if isinstance(node, Mapping):
        items: Any = node.items()
    elif isinstance(node, list | tuple):
        items = enumerate(node)
    else:
        return
    for part, child in items:
        key = f"{prefix}{part}"
        yield key
        yield from dotted_keys(child, key + ".")


def set_key(data: dict[str, Any], key: str, value: Any, known: Mapping[str, Any]) -> None:
    """Set ``data`` at the dotted ``key``, which must name a key of the resolved scenario.

    A number in the path picks a list entry: ``calendar.0.month`` is the first calendar entry's
    month.
    """
    parts = key.split(".")
    node: Any = known
    for part in parts:
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list | tuple) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            hint = difflib.get_close_matches(key, list(dotted_keys(known)), n=1, cutoff=0.7)
            suggestion = f" (did you mean {hint[0]}?)" if hint else ""
            raise InputError(f"--set {shown(key)}: no such key in the scenario{suggestion}")
    target: Any = data
    for part in parts[:-1]:
        target = _child(target, part)
    if isinstance(target, list):
        target[int(parts[-1])] = value
    else:
        target[parts[-1]] = value


def _child(node: Any, part: str) -> Any:
    """The entry ``part`` of a mapping or list, made a modifiable dict or list in place."""
    if isinstance(node, list):
        index = int(part)
        node[index] = _modifiable(node[index])
        return node[index]
    node[part] = _modifiable(node.get(part, {}))
    return node[part]


def _modifiable(node: Any) -> Any:
    if isinstance(node, tuple):
        return list(node)
    if isinstance(node, Mapping):
        return dict(node)
    return node


def apply_overrides(
    data: dict[str, Any], overrides: Mapping[str, Any], known: Mapping[str, Any]
) -> dict[str, str]:
    """Set each dotted key of ``overrides`` in ``data``; strings are read as YAML.

    Returns
    -------
    dict
        Each key set, with how it was written (``--set KEY=VALUE``), for error messages.
    """
    options = {}
    for key, value in overrides.items():
        parsed = parse_value(key, value) if isinstance(value, str) else value
        set_key(data, key, parsed, known)
        options[key] = f"--set {key}={shown(str(value), 20)}"
    return options
