"""Legend labels that say what differs between compared results: scenario, seed, overrides."""

from collections.abc import Mapping, Sequence
from typing import Any

IGNORED_KEYS: frozenset[str] = frozenset({"name", "description", "seed"})
"""Config keys never shown as a difference (the scenario name and seed are shown on their own)."""

MAX_SHOWN = 3
"""At most this many differing keys are spelled out in a label; the rest are counted."""


def flatten(config: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested config as dotted keys: ``{"a": {"b": 1}}`` → ``{"a.b": 1}``.

    >>> flatten({"actors": {"PRK": {"trust": {"USA": 0.1}}}, "months": 24})
    {'actors.PRK.trust.USA': 0.1, 'months': 24}
    """
    flat: dict[str, Any] = {}
    for key, value in config.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{dotted}."))
        else:
            flat[dotted] = value
    return flat


def difference_labels(
    names: Sequence[str], seeds: Sequence[str | None], configs: Sequence[Mapping[str, Any]]
) -> list[str]:
    """One label per compared result: its scenario, then what sets it apart from the others.

    The seed is shown when seeds differ; among results of the same scenario, the config keys
    whose values differ are shown as ``key=value``. Labels that would still coincide are
    numbered, so identical results stay distinguishable.

    >>> difference_labels(["baseline", "baseline"], ["1", "1"],
    ...                   [{"months": 24}, {"months": 36}])
    ['baseline, months=24', 'baseline, months=36']
    >>> difference_labels(["a", "a"], ["1", "1"], [{}, {}])
    ['a (1)', 'a (2)']
    """
    flat = [flatten(config) for config in configs]
    show_seed = len(set(seeds)) > 1
    labels = []
    for k, (name, seed) in enumerate(zip(names, seeds, strict=True)):
        parts = [name]
        if show_seed and seed is not None:
            parts[0] += f" seed {seed}"
        same = [flat[i] for i, other in enumerate(names) if other == name]
        differing = [
            key
            for key in sorted(set().union(*same))
            if key not in IGNORED_KEYS and len({repr(c.get(key)) for c in same}) > 1
        ]
        parts += [f"{key}={flat[k].get(key)}" for key in differing[:MAX_SHOWN]]
        if len(differing) > MAX_SHOWN:
            parts.append(f"+{len(differing) - MAX_SHOWN} more differences")
        labels.append(", ".join(parts))
    counts = {label: labels.count(label) for label in labels}
    seen: dict[str, int] = {}
    numbered = []
    for label in labels:
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} ({seen[label]})"
        numbered.append(label)
    return numbered
