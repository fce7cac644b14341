"""The schema of a scenario and its rules: what a valid ``Scenario`` is, and how it is checked.

:func:`validate` turns a raw mapping into a frozen :class:`Scenario` or one line naming the
source, the key path and what is wrong; :func:`numeric_parameters` lists every numeric
parameter by dotted key with its declared bounds (what ``--set`` and sweeps may vary).
"""

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import numpy as np
from pydantic import BaseModel, Field, ValidationError, model_validator

from sim.countries import blocks
from sim.errors import InputError
from sim.parameters.mechanisms import Mechanisms
from sim.parameters.priors import PRIORS, Prior, default_prior
from sim.parameters.schema import Actors, CalendarEvent, Frozen, Month, Shock, World
from sim.scenario.files import merge

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a scenario may start in (plots and month labels need a real calendar year)."""

MAX_MONTHS = 600
"""The longest run or sweep, in months (fifty years)."""

MAX_NAME = 200
"""The longest scenario name, in characters (its directory name is a shorter slug of it)."""

MAX_DESCRIPTION = 20_000
"""The longest description, in characters."""


class Scenario(Frozen):
    """A complete, validated description of a situation: everything a run depends on."""

    name: str = Field(..., min_length=1, max_length=MAX_NAME)
    description: str = Field("", max_length=MAX_DESCRIPTION)
    start: Month
    months: int = Field(..., ge=1, le=MAX_MONTHS, description="months to simulate")
    seed: int = Field(..., ge=0, lt=2**63, description="seed of the run's random numbers")
    actors: Actors
    world: World
    mechanisms: Mechanisms = Mechanisms()
    calendar: tuple[CalendarEvent, ...] = ()
    shocks: tuple[Shock, ...] = ()

    @model_validator(mode="after")
    def _printable_name(self) -> "Scenario":
        if not self.name.isprintable():
            raise ValueError(
                "name: holds a control character (a newline, a tab, an escape); names are printed"
                " and become directory names"
            )
        return self

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
    units: str = ""


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
                units=str(extra.get("units", "")),
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


# --- validation -----------------------------------------------------------------------------------

PLAIN_DEPTH = 64
"""Deepest nesting a raw scenario mapping may have (files are refused far earlier)."""

MAX_INTEGER = 2**64
"""Integers beyond this size are refused before validation (a seed is below 2**63)."""


def describe(error: ValidationError) -> str:
    """The first problem of a validation error as ``key.path: what is wrong``."""
    where, message = located(error)
    return f"{where}: {message}" if where else message


def located(error: ValidationError) -> tuple[str, str]:
    """The first problem of a validation error: its dotted key path and what is wrong."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return where, "unknown key"
    if first["type"] == "missing":
        return where, "missing"
    message = first["msg"].removeprefix("Value error, ")
    got = first.get("input")
    shown = f" (got {got!r})" if isinstance(got, int | float | str) and len(repr(got)) < 40 else ""
    return where, f"{message}{shown}"


def validate(
    data: Mapping[str, Any], source: Path | str, blame: Mapping[str, str] | None = None
) -> Scenario:
    """A raw mapping → a Scenario, or a one-line InputError naming ``source``.

    Validation is strict, as for sweep specs: a number must be written as a number (``'0.3'`` and
    ``true`` are errors, not 0.3 and 1.0), a flag as ``true``/``false``, text as text; anything
    else (a set, bytes, a date object) is refused, never turned into its Python repr.

    ``blame`` maps the keys a user set on the command line to how they were written there
    (``{"months": "--set months=abc"}``): a problem at one of those keys names the option
    instead of ``source``.
    """
    try:
        check_plain(data)
        text = json.dumps(merge(blocks(), data))
    except ValueError as error:
        raise InputError(f"{_culprit(str(error), source, blame)}: {error}") from None
    try:
        return Scenario.model_validate_json(text, strict=True)
    except ValidationError as error:
        where, message = located(error)
        text = f"{where}: {message}" if where else message
        raise InputError(f"{_culprit(text, source, blame)}: {text}") from None


def _culprit(problem: str, source: Path | str, blame: Mapping[str, str] | None) -> str:
    """What to name as the source of ``problem``: the option that set its key, else ``source``."""
    where = problem.partition(": ")[0]
    for key, option in (blame or {}).items():
        if where == key or where.startswith(key + ".") or key.startswith(where + "."):
            return option
        if not where and key in problem:
            return option
    return str(source)


def check_plain(data: Any) -> None:
    """Raise ``ValueError`` (``key.path: what is wrong``) unless ``data`` holds plain values only.

    Plain: mappings with text keys, lists, text, integers below :data:`MAX_INTEGER`, numbers,
    flags and null.
    """
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        where, value, level = stack.pop()
        if level > PLAIN_DEPTH:
            raise ValueError(f"{where}: nested more than {PLAIN_DEPTH} levels deep")
        if isinstance(value, Mapping):
            for key, child in value.items():
                if not isinstance(key, str):
                    raise ValueError(f"{where or '(top level)'}: keys must be text")
                stack.append((f"{where}.{key}" if where else key, child, level + 1))
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}.{n}", child, level + 1) for n, child in enumerate(value))
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                raise ValueError(
                    f"{where}: text with a character that is not Unicode text"
                    f" ({value[error.start]!r} at position {error.start}, a lone surrogate)"
                ) from None
        elif isinstance(value, int) and not isinstance(value, bool):
            if abs(value) >= MAX_INTEGER:
                raise ValueError(f"{where}: an integer too large to be a parameter or a seed")
        elif not isinstance(value, float | bool) and value is not None:
            raise ValueError(
                f"{where}: {type(value).__name__} is not a scenario value; write text, a number,"
                " a flag, a list or a mapping"
            )
