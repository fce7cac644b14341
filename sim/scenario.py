"""YAML → a validated, frozen ``Scenario``: ``extends:``, ``--set`` overrides, clear errors.

A scenario file states what differs from its parent (``extends: baseline``); the result is
validated once and never changes. ``--set KEY=VALUE`` sets any key by its dotted path, the value
read as a YAML scalar (``--set actors.PRK.trust.USA=0.3``). Every error is one line naming the
file, the key path and what is wrong (:class:`sim.errors.InputError`).
"""

import difflib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import numpy as np
import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from sim.errors import InputError
from sim.parameters.mechanisms import Mechanisms
from sim.parameters.priors import PRIORS, Prior, default_prior
from sim.parameters.schema import Actors, CalendarEvent, Frozen, Month, Shock, World
from sim.parameters.yaml_input import read_mapping
from sim.resources import bundled_path

CONFIG_DIR = bundled_path("configs")
"""Where the bundled scenarios live (``configs/*.yaml``, package data of :mod:`sim`)."""


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a scenario may start in (plots and month labels need a real calendar year)."""

MAX_MONTHS = 600
"""The longest run or sweep, in months (fifty years)."""


class Scenario(Frozen):
    """A complete, validated description of a situation: everything a run depends on."""

    name: str = Field(..., min_length=1)
    description: str = ""
    start: Month
    months: int = Field(..., ge=1, le=MAX_MONTHS, description="months to simulate")
    seed: int = Field(..., ge=0, lt=2**63, description="seed of the run's random numbers")
    actors: Actors
    world: World
    mechanisms: Mechanisms = Mechanisms()
    calendar: tuple[CalendarEvent, ...] = ()
    shocks: tuple[Shock, ...] = ()

    @model_validator(mode="after")
    def _start_in_range(self) -> "Scenario":
        year = int(self.start[:4])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                f"start: {self.start} is outside the years the model can date"
                f" ({FIRST_YEAR}-{LAST_YEAR})"
            )
        return self

    @model_validator(mode="after")
    def _dated_after_the_start(self) -> "Scenario":
        for section in ("calendar", "shocks"):
            for n, item in enumerate(getattr(self, section)):
                if item.month <= self.start:
                    raise ValueError(
                        f"{section}.{n}.month: {item.month} is not after the start month "
                        f"{self.start}; the initial state holds what happened by then"
                    )
        return self

    @model_validator(mode="after")
    def _consistent(self) -> "Scenario":
        values = {key: np.array([value]) for key, value in numeric_values(self).items()}
        for message in consistency_errors(values):
            if message is not None:
                raise ValueError(message)
        return self


# --- cross-parameter rules ------------------------------------------------------------------------

Rule = tuple[str, Callable[[Mapping[str, np.ndarray]], np.ndarray]]
RULES: tuple[Rule, ...] = (
    (
        "mechanisms.trust.defection_ratio × mechanisms.trust.costly_signal_ratio must stay below"
        " 1: trust falls faster than it rises",
        lambda v: (
            v["mechanisms.trust.defection_ratio"] * v["mechanisms.trust.costly_signal_ratio"] < 1.0
        ),
    ),
    (
        "mechanisms.japan.new_leader_support must exceed mechanisms.japan.leadership_threshold",
        lambda v: (
            v["mechanisms.japan.new_leader_support"] > v["mechanisms.japan.leadership_threshold"]
        ),
    ),
)


def consistency_errors(values: Mapping[str, np.ndarray]) -> list[str | None]:
    """Per run, the first cross-parameter rule it breaks, or None (values: key → (R,) array)."""
    n_runs = len(next(iter(values.values())))
    errors: list[str | None] = [None] * n_runs
    for message, holds in RULES:
        for r in np.flatnonzero(~holds(values)):
            errors[r] = errors[r] or message
    return errors


# --- numeric parameters by dotted key -------------------------------------------------------------


@dataclass(frozen=True)
class ParameterInfo:
    """A numeric parameter as declared in the schema."""

    key: str
    low: float
    high: float
    default: float
    meaning: str
    integer: bool
    source: str
    prior: Prior


def _bounds(model: type[BaseModel], name: str) -> tuple[float, float]:
    low = high = None
    for item in model.model_fields[name].metadata:
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    if low is None or high is None:
        raise TypeError(f"{model.__name__}.{name} is declared without bounds")
    return float(low), float(high)


def _walk(node: BaseModel, prefix: str) -> Iterator[ParameterInfo]:
    for name, field in type(node).model_fields.items():
        value = getattr(node, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            yield from _walk(value, key + ".")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            low, high = _bounds(type(node), name)
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            integer = int in get_args(field.annotation) or field.annotation is int
            yield ParameterInfo(
                key=key,
                low=low,
                high=high,
                default=float(value),
                meaning=field.description or "",
                integer=integer,
                source=str(extra.get("source", "")),
                prior=declared
                if isinstance(declared := extra.get("prior"), PRIORS)
                else default_prior(key, low, high, integer, str(extra.get("source", ""))),
            )


def numeric_parameters(scenario: "Scenario") -> dict[str, ParameterInfo]:
    """Every numeric parameter a sweep or ``--set`` may vary, by dotted key, with its bounds."""
    found: dict[str, ParameterInfo] = {}
    for section in ("actors", "world", "mechanisms"):
        for info in _walk(getattr(scenario, section), section + "."):
            found[info.key] = info
    return found


def numeric_values(scenario: "Scenario") -> dict[str, float]:
    """The value of every numeric parameter, by dotted key."""
    return {key: info.default for key, info in numeric_parameters(scenario).items()}


# --- reading files --------------------------------------------------------------------------------


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
        if path.is_file():
            return path
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
    data = read_yaml(path)
    data.setdefault("name", path.stem)
    parent_ref = data.pop("extends", None)
    if parent_ref is None:
        return data
    if not isinstance(parent_ref, str):
        raise InputError(f"{path}: extends: must be a scenario name or path, not {parent_ref!r}")
    try:
        parent_path = resolve_path(parent_ref, relative_to=path.parent)
    except InputError as error:
        raise InputError(f"{path}: extends: {error}") from None
    parent = read_raw(parent_path, (*seen, path.resolve()))
    parent.pop("description", None)
    return merge(parent, data)


# --- overrides ------------------------------------------------------------------------------------


def parse_assignment(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` → (dotted key, YAML scalar value)."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise InputError(f"--set {text}: expected KEY=VALUE, e.g. actors.PRK.trust.USA=0.3")
    try:
        parsed = yaml.safe_load(value) if value.strip() else None
    except yaml.YAMLError:
        parsed = value
    return key.strip(), parsed


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
            raise InputError(f"--set {key}: no such key in the scenario")
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


# --- validation -----------------------------------------------------------------------------------


def describe(error: ValidationError) -> str:
    """The first problem of a validation error as ``key.path: what is wrong``."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{where}: unknown key"
    if first["type"] == "missing":
        return f"{where}: missing"
    message = first["msg"].removeprefix("Value error, ")
    got = first.get("input")
    shown = f" (got {got!r})" if isinstance(got, int | float | str) and len(repr(got)) < 40 else ""
    return f"{where}: {message}{shown}" if where else f"{message}{shown}"


def validate(data: Mapping[str, Any], source: Path | str) -> Scenario:
    """A raw mapping → a Scenario, or a one-line InputError naming ``source``.

    Validation is strict, as for sweep specs: a number must be written as a number (``'0.3'`` and
    ``true`` are errors, not 0.3 and 1.0), a flag as ``true``/``false``, text as text.
    """
    try:
        text = json.dumps(dict(data), default=_not_plain)
    except (TypeError, ValueError) as error:
        raise InputError(f"{source}: {error}") from None
    try:
        return Scenario.model_validate_json(text, strict=True)
    except ValidationError as error:
        raise InputError(f"{source}: {describe(error)}") from None


def _not_plain(value: Any) -> Any:
    """Dates and other YAML types a scenario never holds read as text, and are refused as such."""
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def apply_overrides(
    data: dict[str, Any], overrides: Mapping[str, Any], known: Mapping[str, Any], source: Path | str
) -> None:
    """Set each dotted key of ``overrides`` in ``data``; strings are read as YAML scalars."""
    for key, value in overrides.items():
        parsed = parse_assignment(f"{key}={value}")[1] if isinstance(value, str) else value
        try:
            set_key(data, key, parsed, known)
        except InputError as error:
            raise InputError(f"{source}: {error}") from None


def load_scenario(
    ref: str | Path = "baseline", overrides: Mapping[str, Any] | None = None
) -> Scenario:
    """Load a scenario by path or bundled name, apply ``--set`` overrides, validate.

    ``overrides`` maps dotted keys to values; strings are read as YAML scalars, as on the command
    line (``{"months": "36"}`` and ``{"months": 36}`` are the same).
    """
    path = resolve_path(ref)
    data = read_raw(path)
    if overrides:
        apply_overrides(data, overrides, validate(data, path).model_dump(mode="python"), path)
    return validate(data, path)


def with_overrides(scenario: Scenario, overrides: Mapping[str, Any], source: str = "") -> Scenario:
    """A copy of a loaded scenario with dotted-key overrides, validated again."""
    data = scenario.model_dump(mode="python")
    apply_overrides(data, overrides, scenario.model_dump(mode="python"), source or scenario.name)
    return validate(data, source or scenario.name)


def to_yaml(scenario: Scenario) -> str:
    """The fully resolved scenario as YAML: running it again reproduces the run."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
