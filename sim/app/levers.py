"""The levers a class argues about, as declared in the scenario schema.

Which parameters are shown is a choice made here; their bounds, defaults and meanings come from
the schema's declarations (:func:`sim.scenario.numeric_parameters`), never from a second list.
"""

from sim.scenario import ParameterInfo, Scenario, numeric_parameters

LEVER_KEYS: tuple[str, ...] = (
    "actors.RUS.flows_to_prk",
    "actors.RUS.military_cooperation",
    "actors.RUS.war_demand",
    "mechanisms.showmanship.window_boost",
    "actors.USA.upfront_relief",
    "actors.USA.delivery_propensity",
    "actors.JPN.rice_price",
    "actors.JPN.tariff",
    "actors.KOR.mediation",
    "mechanisms.korea.gesture_rate",
    "actors.CHN.reengagement",
)
"""Russian support and what Russia's war needs from North Korea, US appetite for a showcase
summit and its offer, rice prices and tariffs, South Korean mediation and gestures, China's
response — in the order the page shows them."""


def missing_levers(scenario: Scenario) -> list[str]:
    """The lever keys the scenario's schema no longer declares (empty when all are there)."""
    declared = numeric_parameters(scenario)
    return [key for key in LEVER_KEYS if key not in declared]


def levers(scenario: Scenario, extra: tuple[str, ...] = ()) -> list[ParameterInfo]:
    """The declared levers of :data:`LEVER_KEYS`, then ``extra`` ones, with the scenario's values.

    A key of :data:`LEVER_KEYS` the schema no longer declares is left out here (the page names it,
    and :func:`missing_levers` lets a test fail on it); an ``extra`` key must be declared.

    Raises
    ------
    KeyError
        If an ``extra`` key is not a declared numeric parameter.
    """
    declared = numeric_parameters(scenario)
    if unknown := [key for key in extra if key not in declared]:
        raise KeyError(f"the schema declares no parameter {', '.join(unknown)}")
    keys = [key for key in LEVER_KEYS if key in declared]
    return [declared[key] for key in (*keys, *(k for k in extra if k not in keys))]


def slider_step(info: ParameterInfo) -> float:
    """A step fine enough for a slider over the declared range (1 for integer parameters)."""
    return 1.0 if info.integer else (info.high - info.low) / 100.0
