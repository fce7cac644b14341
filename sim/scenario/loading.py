"""Load a scenario: its file and ``extends:`` chain, the ``--set`` overrides, one validation."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sim.scenario.files import read_raw, resolve_path
from sim.scenario.overrides import apply_overrides
from sim.scenario.schema import Scenario, validate


def load_scenario(
    ref: str | Path = "baseline", overrides: Mapping[str, Any] | None = None
) -> Scenario:
    """Load a scenario by path or bundled name, apply ``--set`` overrides, validate.

    ``overrides`` maps dotted keys to values; strings are read as YAML scalars, as on the command
    line (``{"months": "36"}`` and ``{"months": 36}`` are the same). A bad value set this way is
    reported as ``--set KEY=VALUE: ...``, not as a problem of the file.
    """
    path = resolve_path(ref)
    data = read_raw(path)
    if not overrides:
        return validate(data, path)
    blame = apply_overrides(data, overrides, validate(data, path).model_dump(mode="python"))
    return validate(data, path, blame)


def with_overrides(scenario: Scenario, overrides: Mapping[str, Any], source: str = "") -> Scenario:
    """A copy of a loaded scenario with dotted-key overrides, validated again."""
    data = scenario.model_dump(mode="python")
    blame = apply_overrides(data, overrides, scenario.model_dump(mode="python"))
    return validate(data, source or scenario.name, blame)
