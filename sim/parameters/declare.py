"""How a parameter is declared.

A frozen schema model, and a numeric field with its bounds, meaning, source and units.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sim.parameters.priors import Prior


def param(
    default: Any,
    low: float,
    high: float,
    meaning: str,
    source: str = "",
    *,
    units: str,
    prior: Prior | None = None,
) -> Any:
    """Declare a numeric parameter.

    Parameters
    ----------
    default
        Its value when a scenario does not give one (``...``: a scenario must give it).
    low, high
        Its inclusive bounds.
    meaning
        What it is, in one line.
    source
        Where its value comes from (an article, a paper, a calibration, an assumption).
    units
        What it is measured in ("probability per month", "log-odds", "months", "index 0–1").
    prior
        What is believed about it before calibration (:mod:`sim.parameters.priors`); when None,
        :func:`sim.parameters.priors.default_prior` gives it one from its source.
    """
    extra: dict[str, Any] = {"source": source, "units": units, "prior": prior}
    return Field(default, ge=low, le=high, description=meaning, json_schema_extra=extra)


def units_of(model: type[BaseModel], name: str) -> str:
    """The units a field of a schema model was declared with ("" if it has none)."""
    extra = model.model_fields[name].json_schema_extra
    return str(extra.get("units", "")) if isinstance(extra, dict) else ""


class Frozen(BaseModel):
    """Base of every schema model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def declared_units(node: BaseModel, prefix: str = "") -> dict[str, str]:
    """The units of every numeric value below a schema model's instance, by dotted key."""
    found: dict[str, str] = {}
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            found.update(declared_units(value, f"{prefix}{name}."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found[f"{prefix}{name}"] = units_of(type(node), name)
    return found
