"""YAML → a validated, frozen ``Scenario``: ``extends:``, ``--set`` overrides, clear errors.

A scenario file states what differs from its parent (``extends: baseline``); the result is
validated once and never changes. ``--set KEY=VALUE`` sets any key by its dotted path, the value
read as YAML (``--set actors.PRK.trust.USA=0.3``). Every error is one line naming the file or
the option, the key path and what is wrong (:class:`sim.errors.InputError`).

One module per job: :mod:`~sim.scenario.schema` (what a scenario is, its cross-parameter rules,
validation), :mod:`~sim.scenario.files` (finding and reading files, ``extends:``),
:mod:`~sim.scenario.overrides` (``--set``), :mod:`~sim.scenario.loading` (the three together)
and :mod:`~sim.scenario.writing` (the resolved scenario as YAML).
"""

from sim.scenario.files import (
    CONFIG_DIR,
    MAX_EXTENDS,
    bundled_scenarios,
    merge,
    read_raw,
    read_yaml,
    resolve_path,
)
from sim.scenario.loading import load_scenario, with_overrides
from sim.scenario.overrides import apply_overrides, parse_assignment, set_key
from sim.scenario.schema import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_MONTHS,
    RULES,
    ParameterInfo,
    Scenario,
    consistency_errors,
    describe,
    numeric_parameters,
    numeric_values,
    validate,
)
from sim.scenario.writing import to_yaml

__all__ = [
    "CONFIG_DIR",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_EXTENDS",
    "MAX_MONTHS",
    "RULES",
    "ParameterInfo",
    "Scenario",
    "apply_overrides",
    "bundled_scenarios",
    "consistency_errors",
    "describe",
    "load_scenario",
    "merge",
    "numeric_parameters",
    "numeric_values",
    "parse_assignment",
    "read_raw",
    "read_yaml",
    "resolve_path",
    "set_key",
    "to_yaml",
    "validate",
    "with_overrides",
]
