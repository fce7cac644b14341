"""Plain words for the parameters a class moves, keyed by the parameter's dotted path.

Each has a short label naming the country and one line of help.

The declarations (:mod:`sim.parameters.schema`, :mod:`sim.parameters.mechanisms`) say what a
parameter is for a modeller; these say it for a class. The classroom page shows them as its
levers, grouped by :attr:`PlainLabel.country`; ``neasim params`` prints them under the declared
meaning, the ``--set`` help of ``neasim run`` and ``neasim calibrate`` and the help of ``neasim
params`` quote them, and ``docs/ODD.md``'s parameter table has a column of them
(``tools/odd_table.py``). ``tests/test_app_session.py`` checks that every lever of the page has
one and that each names a declared parameter.

This module imports nothing heavy: ``neasim --help`` reads it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PlainLabel:
    """A parameter in a class's words.

    Attributes
    ----------
    country
        The ISO code of the country whose choice or situation it is.
    label
        A short label that names the country ("US: relief it offers up front").
    help
        One line on what moving it means in the model.
    """

    country: str
    label: str
    help: str


PLAIN_LABELS: dict[str, PlainLabel] = {
    "actors.USA.upfront_relief": PlainLabel(
        "USA",
        "US: how much sanctions relief it hands over up front",
        "Relief delivered at a summit before North Korea moves: 0 none, 1 all sanctions lifted.",
    ),
    "actors.USA.delivery_propensity": PlainLabel(
        "USA",
        "US: how reliably it delivers what a deal promised",
        "Monthly chance that the US hands over a reward a signed deal promised.",
    ),
    "mechanisms.showmanship.window_boost": PlainLabel(
        "USA",
        "US: how much a summit season (APEC) tempts it to propose",
        "How many times likelier a US proposal is when a summit window is near (1: no effect).",
    ),
    "actors.RUS.flows_to_prk": PlainLabel(
        "RUS",
        "Russia: money, food and workers' wages it sends North Korea",
        "Russia's lifeline at the start: 0 none, 1 as much as North Korea could use.",
    ),
    "actors.RUS.military_cooperation": PlainLabel(
        "RUS",
        "Russia: military cooperation with North Korea",
        "Arms deals, technology and troops exchanged: 0 none, 1 a full alliance.",
    ),
    "actors.RUS.war_demand": PlainLabel(
        "RUS",
        "Russia: how much its war needs North Korea",
        "What Russia's war asks of North Korea (shells, labour, soldiers); Russia pays for it.",
    ),
    "actors.CHN.reengagement": PlainLabel(
        "CHN",
        "China: compete with Russia for North Korea, or keep its distance",
        "0: China distances itself from a North Korea close to Moscow; 1: it courts Pyongyang.",
    ),
    "actors.KOR.mediation": PlainLabel(
        "KOR",
        "South Korea: how often it mediates between Washington and Pyongyang",
        "Monthly chance Seoul sends envoys to carry messages between the two.",
    ),
    "mechanisms.korea.gesture_rate": PlainLabel(
        "KOR",
        "South Korea: how readily it makes goodwill gestures to the North",
        "How fast Seoul makes its unilateral gestures (silencing loudspeakers, pausing drills).",
    ),
    "actors.JPN.tariff": PlainLabel(
        "JPN",
        "Japan: how hard US tariffs hit its exports",
        "0 no tariffs, 1 severe; hard-hit, Tokyo's government weakens and reaches out less.",
    ),
    "actors.JPN.rice_price": PlainLabel(
        "JPN",
        "Japan: how high rice prices are",
        "0 normal, 1 the worst on record; high prices erode support for the government.",
    ),
}
"""Plain labels by dotted parameter path."""


SET_EXAMPLE = "actors.USA.upfront_relief"
"""The key the ``--set`` help shows as its example (a labelled one)."""


def set_help(what: str = "override a scenario parameter by dotted key") -> str:
    """The help line of a ``--set KEY=VALUE`` option, its example quoted with its plain label.

    Parameters
    ----------
    what : str
        What the option does, the start of the line.

    Returns
    -------
    str
        The line, safe for argparse (no unescaped ``%``).
    """
    label = PLAIN_LABELS[SET_EXAMPLE].label
    line = (
        f"{what}, e.g. {SET_EXAMPLE}=0.5 ({label}); repeatable; "
        "`neasim params [PATTERN]` lists every key with its plain label, bounds and meaning"
    )
    return line.replace("%", "%%")


def labelled_parameters() -> str:
    """The parameters a class moves, one a line: the dotted key, then its plain label."""
    width = max(len(key) for key in PLAIN_LABELS)
    return "\n".join(f"  {key:<{width}}  {plain.label}" for key, plain in PLAIN_LABELS.items())
