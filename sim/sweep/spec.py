"""Sweep specs: the YAML file a user writes, read into a frozen, validated :class:`SweepSpec`.

This module checks a spec on its own: keys, types, and how they fit together (a Sobol' design
needs a power-of-two ``n``, a grid needs ``values`` or ``levels`` for every parameter, ...).
Whether its parameters exist in the base scenario, and within which bounds, is checked against
the scenario by :mod:`sim.sweep.plan`. Every problem is one :class:`~sim.errors.InputError` line,
``<file>: <key.path>: <what is wrong>``.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sim.errors import InputError
from sim.parameters.yaml_input import read_mapping
from sim.scenario import MAX_MONTHS

DesignKind = Literal["grid", "random", "lhs", "sobol", "morris", "posterior"]
DESIGNS: tuple[str, ...] = ("grid", "random", "lhs", "sobol", "morris", "posterior")
Background = Literal["declared", "posterior"]


class _Strict(BaseModel):
    """Immutable, unknown keys are errors, and no silent conversion ("1" is not a number)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class ParameterRange(_Strict):
    """What one varied parameter may take: a list of ``values``, or ``low`` to ``high``."""

    values: list[float] | None = None
    low: float | None = None
    high: float | None = None
    levels: int | None = Field(None, ge=2)


class SweepSpec(_Strict):
    """A parameter sweep: a base scenario, the parameters to vary, a design and what to keep."""

    base: str = Field(min_length=1)
    name: str | None = Field(None, min_length=1)
    description: str = ""
    design: DesignKind = "grid"
    n: int | None = Field(None, ge=1)
    replicates: int = Field(1, ge=1)
    seed: int = Field(ge=0, lt=2**63)
    parameters: dict[str, ParameterRange] = Field(default_factory=dict)
    outcomes: list[str] | None = None
    trajectories: bool = False
    months: int | None = Field(None, ge=1, le=MAX_MONTHS)
    chunk_size: int | None = Field(None, ge=1)
    second_order: bool | None = None
    morris_levels: int | None = Field(None, ge=2)
    background: Background = "declared"
    """The parameters the design does not vary: the base scenario's values (``declared``), or
    each run's values of the calibrated parameters drawn from the posterior (``posterior``)."""


SPEC_KEYS = tuple(SweepSpec.model_fields)
RANGE_KEYS = tuple(ParameterRange.model_fields)


def load_spec(path: str | Path) -> SweepSpec:
    """Read and check a sweep spec file.

    Parameters
    ----------
    path
        The YAML file.

    Returns
    -------
    SweepSpec
        The spec, checked on its own (not yet against its base scenario).

    Raises
    ------
    InputError
        If the file cannot be read or parsed, or a key is unknown, missing or wrong.
    """
    data = read_mapping(Path(path))
    return spec_from_mapping(data, str(path))


def spec_from_mapping(data: dict[str, Any], file: str) -> SweepSpec:
    """Validate a parsed spec; ``file`` names it in error messages."""
    try:
        spec = SweepSpec.model_validate(data)
    except ValidationError as error:
        raise InputError(_describe(error, file)) from None
    check_consistency(spec, file)
    return spec


def _describe(error: ValidationError, file: str) -> str:
    """One line for the first problem pydantic found."""
    problems = error.errors()
    first = problems[0]
    location = [str(part) for part in first["loc"]]
    where = ".".join(location) or "(top level)"
    kind = first["type"]
    in_range = len(location) == 3 and location[0] == "parameters"
    if kind == "extra_forbidden":
        known = RANGE_KEYS if in_range else SPEC_KEYS
        what = f"unknown key (known keys: {', '.join(known)})"
    elif kind == "missing":
        what = "missing (required)"
    elif kind in ("model_type", "dict_type"):
        what = "should be a mapping"
    else:
        what = f"{first['msg'][0].lower()}{first['msg'][1:]} (got {first['input']!r})"
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return f"{file}: {where}: {what}{more}"


def check_consistency(spec: SweepSpec, file: str) -> None:
    """Check how the keys of a spec fit together; raise :class:`InputError` at the first misfit."""

    def fail(where: str, what: str) -> InputError:
        return InputError(f"{file}: {where}: {what}")

    _check_design(spec, fail)
    _check_outcomes(spec, fail)
    for key, prange in spec.parameters.items():
        _check_range(key, prange, spec.design, fail)


def _check_design(spec: SweepSpec, fail: Callable[[str, str], InputError]) -> None:
    if spec.design == "posterior" and spec.parameters:
        raise fail("parameters", "a posterior design takes its parameters from the posterior")
    if spec.design == "posterior" and spec.background == "posterior":
        raise fail("background", "a posterior design already draws every calibrated parameter")
    if spec.design != "grid" and spec.n is None:
        raise fail("n", f"missing (a {spec.design} design needs its size n)")
    if spec.design == "sobol" and spec.n is not None and spec.n & (spec.n - 1):
        raise fail(
            "n", f"{spec.n} is not a power of 2 (Saltelli sampling keeps its balance only then)"
        )
    if spec.design == "morris" and spec.n is not None and spec.n < 2:
        raise fail("n", "a Morris design needs at least 2 trajectories")
    if spec.design in ("sobol", "morris") and not spec.parameters:
        raise fail("parameters", f"a {spec.design} design needs at least one parameter")
    if spec.second_order is not None and spec.design != "sobol":
        raise fail("second_order", "only applies to a sobol design")
    if spec.morris_levels is not None:
        if spec.design != "morris":
            raise fail("morris_levels", "only applies to a morris design")
        if spec.morris_levels % 2:
            raise fail("morris_levels", f"{spec.morris_levels} is odd (Morris levels are even)")


def _check_outcomes(spec: SweepSpec, fail: Callable[[str, str], InputError]) -> None:
    if spec.outcomes is not None:
        if not spec.outcomes:
            raise fail("outcomes", "empty (leave it out to keep every outcome)")
        for i, name in enumerate(spec.outcomes):
            if name in spec.outcomes[:i]:
                raise fail(f"outcomes.{i}", f"{name!r} is listed twice")


def _check_range(
    key: str, prange: ParameterRange, design: str, fail: Callable[[str, str], InputError]
) -> None:
    where = f"parameters.{key}"
    bounded = prange.low is not None or prange.high is not None
    if prange.values is not None:
        if bounded or prange.levels is not None:
            raise fail(where, "give either values or low and high (with levels), not both")
        if not prange.values:
            raise fail(f"{where}.values", "empty (give at least one value)")
        for i, value in enumerate(prange.values):
            if value in prange.values[:i]:
                raise fail(f"{where}.values.{i}", f"{value} is listed twice")
        return
    if prange.low is None or prange.high is None:
        missing = "low" if prange.low is None else "high"
        raise fail(where, f"missing {missing} (give values, or low and high)")
    if not prange.low < prange.high:
        raise fail(f"{where}.low", f"{prange.low} is not below high ({prange.high})")
    if design == "grid" and prange.levels is None:
        raise fail(where, "a grid needs values, or levels (how many from low to high)")
    if design != "grid" and prange.levels is not None:
        raise fail(f"{where}.levels", f"only applies to a grid design, not {design}")
