"""Parameter values as arrays over runs: one scenario, optionally varied run by run.

A sweep steps runs with different parameter values in lockstep, so the model reads every numeric
parameter as an ``(R,)`` array. The table mirrors the declared tree: the same schema classes,
with each numeric value replaced by its array over runs
(``params.mechanisms.regime_security.deterrent_weight``). The declared types are the per-run
value's (``float``, ``int``); mechanism functions take array-likes, so both read alike.
Overrides come by dotted key (the sweep specs and ``--set`` name parameters so) and are checked
against the declared bounds.

Where a run switches a mechanism off, the tree holds the parameter values the mechanism declares
for "off" (:attr:`sim.mechanisms.registry.Mechanism.off`) instead of the declared ones, so the
model reads them without asking the switch; :meth:`ParamTable.value` still gives the values the
run was given.
"""

import weakref
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel

from sim.errors import InputError
from sim.mechanisms.registry import REGISTRY
from sim.parameters.actors import Negotiator
from sim.parameters.mechanisms import Mechanisms
from sim.parameters.schema import Actor, Actors, World
from sim.scenario import ParameterInfo, Scenario, consistency_errors, numeric_parameters


class Switches:
    """Where each mechanism is switched on, per run (``mechanisms.<key>.enabled``), read once.

    The attribute ``winsets`` for the mechanism whose parameter group is ``mechanisms.winsets``.
    Only the mechanisms' gates (:mod:`sim.switches`) read them: elsewhere a switch acts through
    the values when off the table applies (:mod:`sim.mechanisms.registry`).
    """

    def __init__(self, mechanisms: Mechanisms) -> None:
        for name in type(mechanisms).model_fields:
            group = getattr(mechanisms, name)
            if "enabled" in type(group).model_fields:
                setattr(self, name, np.asarray(group.enabled) > 0)

    def __getattr__(self, name: str) -> NDArray[np.bool_]:
        """No other mechanism: an unknown name is an error (and typed for the checker)."""
        raise AttributeError(f"no mechanism named {name!r}")


class ParamTable:
    """Every parameter of a scenario, numeric ones as (R,) arrays, with per-run overrides.

    Attributes
    ----------
    actors, world, mechanisms
        The scenario's tree, each numeric value an (R,) array: the run's value, or where a
        mechanism is switched off, the value it declares for "off".
    on
        Where each mechanism is switched on, per run (:class:`Switches`).
    """

    actors: Actors
    world: World
    mechanisms: Mechanisms

    def __init__(
        self, scenario: Scenario, n_runs: int, overrides: Mapping[str, ArrayLike] | None = None
    ) -> None:
        infos = _declared(scenario)
        self.n_runs = n_runs
        arrays: dict[str, NDArray[np.float64]] = {
            key: np.full(n_runs, info.default) for key, info in infos.items()
        }
        for key, given in (overrides or {}).items():
            if key not in infos:
                raise InputError(f"{scenario.name}: {key}: not a numeric parameter of the scenario")
            values = np.asarray(given, dtype=float)
            if values.shape != (n_runs,):
                raise InputError(f"{key}: expected {n_runs} values, got shape {values.shape}")
            info = infos[key]
            outside = (values < info.low) | (values > info.high) | ~np.isfinite(values)
            if outside.any():
                bad = values[np.flatnonzero(outside)[0]]
                raise InputError(f"{key}: {bad} is outside [{info.low:g}, {info.high:g}]")
            if info.integer and np.any(values != np.round(values)):
                raise InputError(f"{key}: must be a whole number")
            arrays[key] = values
        self._arrays = arrays
        read = _switched_off(arrays)
        self.actors = _arrayed(scenario.actors, "actors.", read)
        self.world = _arrayed(scenario.world, "world.", read)
        self.mechanisms = _arrayed(scenario.mechanisms, "mechanisms.", read)
        self.on = Switches(self.mechanisms)

    def actor(self, index: int) -> Actor:
        """The parameters of the country at ``index`` on the country axis."""
        actor: Actor = getattr(self.actors, list(type(self.actors).model_fields)[index])
        return actor

    def negotiator(self, index: int) -> Negotiator:
        """The parameters of a side of the talks (its win-set), by its index."""
        actor = self.actor(index)
        if not isinstance(actor, Negotiator):
            raise TypeError(f"country {index} is not a side of the talks")
        return actor

    def value(self, key: str) -> NDArray[np.float64]:
        """A numeric parameter by its dotted key, as an (R,) array (for sweeps and reports)."""
        return self._arrays[key]

    def errors(self) -> list[str | None]:
        """Per run, the cross-parameter rule its values break, or None."""
        return consistency_errors(self._arrays)


_DECLARED: dict[int, tuple["weakref.ref[Scenario]", dict[str, ParameterInfo]]] = {}
"""The numeric parameters of the scenarios in use, by the identity of the (frozen) scenario."""


def _declared(scenario: Scenario) -> dict[str, ParameterInfo]:
    """:func:`numeric_parameters` of a scenario, read from its schema once per scenario object.

    A scenario is frozen, so what it declares cannot change while it lives; the table only reads
    the result. An entry leaves the cache when its scenario dies (the weak reference's callback,
    which runs before the identity can be reused); every step is one dictionary operation, so
    threads building tables at once (a Dask worker's) never see a half-done eviction.
    """
    key = id(scenario)
    known = _DECLARED.get(key)
    if known is not None and known[0]() is scenario:
        return known[1]
    infos = numeric_parameters(scenario)

    def forget(_: "weakref.ref[Scenario]") -> None:
        _DECLARED.pop(key, None)

    _DECLARED[key] = (weakref.ref(scenario, forget), infos)
    return infos


def per_run(value: float | None) -> NDArray[np.float64]:
    """A copy of a parameter of the table as the (R,) array it is (declared ``float``)."""
    if value is None:
        raise ValueError("not a numeric parameter")
    return np.array(value, dtype=np.float64)


def _switched_off(arrays: Mapping[str, NDArray[np.float64]]) -> dict[str, NDArray[np.float64]]:
    """The values the model reads: each mechanism's values when off where a run switches it off.

    A parameter two mechanisms neutralise takes its value when off where either is off.
    """
    read = dict(arrays)
    for mechanism in REGISTRY:
        enabled = arrays[mechanism.switch] > 0
        for key, value in mechanism.off:
            read[key] = np.where(enabled, read[key], value)
    return read


def _arrayed[M: BaseModel](node: M, prefix: str, arrays: Mapping[str, NDArray[np.float64]]) -> M:
    """A copy of ``node`` with each numeric value replaced by its array over runs."""
    values: dict[str, Any] = {}
    for name in type(node).model_fields:
        value = getattr(node, name)
        key = prefix + name
        if isinstance(value, BaseModel):
            values[name] = _arrayed(value, key + ".", arrays)
        else:
            values[name] = arrays.get(key, value)
    return type(node).model_construct(**values)
