"""The levers a class argues about, as declared in the scenario schema.

Which parameters are shown is a choice made here; their bounds, defaults and meanings come from
the schema's declarations (:func:`sim.scenario.numeric_parameters`), never from a second list, and
their plain labels from :mod:`sim.parameters.labels`.
"""

from itertools import groupby

from sim.countries import DISPLAY_NAMES
from sim.parameters.labels import PLAIN_LABELS, PlainLabel
from sim.scenario import ParameterInfo, Scenario, numeric_parameters

LEVER_KEYS: tuple[str, ...] = (
    "actors.USA.upfront_relief",
    "actors.USA.delivery_propensity",
    "mechanisms.showmanship.window_boost",
    "actors.KOR.mediation",
    "mechanisms.korea.gesture_rate",
    "actors.CHN.reengagement",
    "actors.RUS.flows_to_prk",
    "actors.RUS.military_cooperation",
    "actors.RUS.war_demand",
    "actors.JPN.tariff",
)
"""The US's offer and appetite for a showcase summit, South Korean mediation and gestures, China's
response, Russian support and what Russia's war needs, tariffs on Japan — grouped by country, in
the order the page shows them. Japan's rice price is not among them: over the baseline's futures
it moves nothing the page shows (``tests/test_app_session.py`` checks every lever does)."""


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


def plain_label(info: ParameterInfo) -> PlainLabel:
    """The lever's plain label; a parameter added by hand gets its declared meaning."""
    if info.key in PLAIN_LABELS:
        return PLAIN_LABELS[info.key]
    country = info.key.split(".")[1] if info.key.startswith("actors.") else ""
    meaning = info.meaning[:1].upper() + info.meaning[1:]
    prefix = f"{DISPLAY_NAMES[country]}: " if country in DISPLAY_NAMES else ""
    return PlainLabel(country, prefix + meaning, info.key)


def by_country(levers: list[ParameterInfo]) -> list[tuple[str, list[ParameterInfo]]]:
    """Levers grouped by the country their label names, in the order given (others last)."""
    order = {code: i for i, code in enumerate(DISPLAY_NAMES)}
    ranked = sorted(levers, key=lambda i: order.get(plain_label(i).country, len(order)))
    return [
        (DISPLAY_NAMES.get(code, "Other settings"), list(group))
        for code, group in groupby(ranked, key=lambda i: plain_label(i).country)
    ]


def slider_step(info: ParameterInfo) -> float:
    """A step fine enough for a slider over the declared range (1 for integer parameters)."""
    return 1.0 if info.integer else (info.high - info.low) / 100.0
