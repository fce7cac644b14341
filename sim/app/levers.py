"""The levers a class argues about, as declared in the scenario schema.

Which parameters are shown is a choice made here; their bounds, defaults and meanings come from
the schema's declarations (:func:`sim.scenario.numeric_parameters`), never from a second list.
"""

from sim.scenario import ParameterInfo, Scenario, numeric_parameters

LEVER_KEYS: tuple[str, ...] = (
    "actors.RUS.flows_to_prk",
    "actors.RUS.military_cooperation",
    "mechanisms.showmanship.window_boost",
    "actors.USA.upfront_relief",
    "actors.USA.delivery_propensity",
    "actors.JPN.rice_price",
    "actors.JPN.tariff",
    "actors.KOR.mediation",
    "actors.CHN.reengagement",
)
"""Russian support, US appetite for a showcase summit and its offer, rice prices and tariffs,
South Korean mediation, China's response — in the order the page shows them."""


def missing_levers(scenario: Scenario) -> list[str]:
    """The lever keys the scenario's schema no longer declares (empty when all are there)."""
    declared = numeric_parameters(scenario)
    return [key for key in LEVER_KEYS if key not in declared]


def levers(scenario: Scenario) -> list[ParameterInfo]:
    """The declared levers with the scenario's values as defaults.

    Raises
    ------
    KeyError
        If the schema no longer declares one of :data:`LEVER_KEYS` (naming it).
    """
    declared = numeric_parameters(scenario)
    if missing := missing_levers(scenario):
        raise KeyError(f"the schema declares no parameter {', '.join(missing)}")
    return [declared[key] for key in LEVER_KEYS]


def slider_step(info: ParameterInfo) -> float:
    """A step fine enough for a slider over the declared range (1 for integer parameters)."""
    return 1.0 if info.integer else (info.high - info.low) / 100.0
