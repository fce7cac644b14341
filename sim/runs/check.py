"""Refuse to save a run whose state went invalid, and say where and why in one line.

The model marks a run invalid when a state turns NaN or a bounded state leaves [0, 1]
(``DiplomacyModel.errors``). Such a run is never saved: :func:`check_run` raises
:class:`~sim.errors.InvalidRunError` naming the first month the state went invalid, what went
invalid and the parameter most likely responsible.
"""

from collections.abc import Iterable, Sequence
from dataclasses import fields

import numpy as np

from sim.calendar import month_label
from sim.errors import InvalidRunError
from sim.scenario import Scenario, numeric_parameters
from sim.state import WorldState


def check_run(
    scenario: Scenario,
    error: str | None,
    history: Sequence[WorldState],
    suspects: Iterable[str] = (),
) -> None:
    """Raise :class:`InvalidRunError` if the run failed (``error`` is the model's message).

    Parameters
    ----------
    scenario
        The scenario run.
    error
        The model's error for the run, or None if it ran cleanly.
    history
        The recorded states, month 0 first (may be empty if not recorded).
    suspects
        Keys the user set explicitly (``--set``), looked at first for the likely parameter.
    """
    if error is None:
        return
    step, what = first_invalid(history)
    where = f"in {month_label(scenario.start, step)} ({what})" if step is not None else f"({error})"
    raise InvalidRunError(
        f"{scenario.name}: the state went invalid {where}; likely parameter:"
        f" {likely_parameter(scenario, suspects)}; nothing was saved"
    )


def first_invalid(history: Sequence[WorldState]) -> tuple[int | None, str]:
    """The first recorded step with a NaN or a value outside [0, 1], and the states concerned."""
    for step, state in enumerate(history):
        if not state.invalid_runs()[0]:
            continue
        nan = [
            f.name
            for f in fields(state)
            if getattr(state, f.name).dtype.kind == "f"
            and not np.isfinite(getattr(state, f.name)[0]).all()
        ]
        return step, (f"NaN in {', '.join(nan)}" if nan else "a bounded state outside [0, 1]")
    return None, ""


def likely_parameter(scenario: Scenario, suspects: Iterable[str] = ()) -> str:
    """The parameter most likely behind an invalid run, with its value.

    Values at a bound of their declared range are the usual cause (a division by ``1 - x`` at
    ``x = 1``); among them, the ones the user set come first, then the mechanisms' parameters.
    """
    declared = numeric_parameters(scenario)
    set_keys = [key for key in suspects if key in declared]
    at_bound = [key for key, info in declared.items() if info.default in (info.low, info.high)]
    ranked = (
        [key for key in set_keys if key in at_bound]
        + set_keys
        + [key for key in at_bound if key.startswith("mechanisms.")]
    )
    if not ranked:
        return "unknown (no parameter was set or sits at a bound)"
    info = declared[ranked[0]]
    bound = " (at its bound)" if ranked[0] in at_bound else ""
    return f"{info.key}={info.default:g}{bound}"
