"""How a parameter is declared: a frozen schema model, and a numeric field with its bounds,
meaning, source and units."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def param(default: Any, low: float, high: float, meaning: str, source: str = "") -> Any:
    """Declare a numeric parameter: default (``...`` if required), inclusive bounds, meaning."""
    return Field(
        default, ge=low, le=high, description=meaning, json_schema_extra={"source": source}
    )


class Frozen(BaseModel):
    """Base of every schema model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")
