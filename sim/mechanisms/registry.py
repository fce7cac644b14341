"""The registry of the thirteen mechanisms: every list of mechanisms in neasim derives from it.

Each mechanism of docs/specification.md has a number, a name, the module of its pure functions,
a parameter group (``mechanisms.<key>`` of the scenario schema, :mod:`sim.parameters.mechanisms`),
a switch (``mechanisms.<key>.enabled``) and the run outcome it is expected to move
(:data:`sim.measures.OUTCOMES`): switching it off moves that outcome (pattern P11). The ablation
(``tools/ablation.py``), the parameter table of ``docs/ODD.md`` (``tools/odd_table.py``) and the
tests read it.

How a switch acts. A switch is read once per run into ``params.on.<key>``
(:class:`sim.parameters.table.Switches`) and then checked in one place per mechanism, in one of
two ways:

1. **Values when off.** Most of what "off" means is a parameter taking a neutral value — a weight
   or a rate of 0, a chance of 1. Each mechanism declares these here (:attr:`Mechanism.off`, by
   the parameter's dotted key, which may lie in another mechanism's group when only this one's
   effect reads it there), and the parameter table applies them run by run
   (:class:`sim.parameters.table.ParamTable`): where the mechanism is off the model reads the
   neutral value, where it is on the declared one, and no agent asks the switch. A parameter two
   mechanisms read is neutralised only where switching either off should silence that reading
   (``provocation.patron_restraint``: China's call for restraint, off with China's unease or with
   provocations); a parameter another mechanism also reads for its own purpose is never
   neutralised (``trust.defection_ratio``, read by Japan's trade talks too).
2. **The gate.** What no parameter can say — a state held where it is, an act forced, a quantity
   one agent reads taken as nothing — goes through the mechanism's one function in
   :mod:`sim.switches` (``switches.china(on, act, DISTANCE)``), the only code that reads its
   switch. A mechanism whose "off" is all parameter values (cash first, regime security,
   provocations) has no gate.

``tests/test_switches.py`` holds both: each switch is read in one place in ``sim/``, and each value
when off is a declared parameter that the table applies only where its mechanism is off.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from sim.parameters.mechanisms import Mechanisms


@dataclass(frozen=True)
class Mechanism:
    """One mechanism of the model."""

    number: int
    key: str
    """Its parameter group and switch: ``mechanisms.<key>``, ``mechanisms.<key>.enabled``."""
    name: str
    module: str
    """The module of its pure functions."""
    moves: str
    """The run outcome (a measure's name) switching it off is expected to move."""
    off: tuple[tuple[str, float], ...] = ()
    """Parameters' values where it is switched off, by dotted key (``mechanisms.<group>.<name>``);
    the parameter table applies them (see the module's docstring)."""

    @property
    def switch(self) -> str:
        """The dotted key of its switch."""
        return f"mechanisms.{self.key}.enabled"

    @property
    def group(self) -> type[BaseModel]:
        """Its parameter group's schema class."""
        annotation = Mechanisms.model_fields[self.key].annotation
        assert isinstance(annotation, type) and issubclass(annotation, BaseModel)
        return annotation

    @property
    def label(self) -> str:
        """Its number and name: "1 US showmanship"."""
        return f"{self.number} {self.name}"


def _mechanism(
    number: int, key: str, name: str, module: str, moves: str, off: Mapping[str, float]
) -> Mechanism:
    values = tuple((f"mechanisms.{parameter}", value) for parameter, value in off.items())
    return Mechanism(number, key, name, f"sim.mechanisms.{module}", moves, values)


REGISTRY: tuple[Mechanism, ...] = (
    _mechanism(
        1,
        "showmanship",
        "US showmanship",
        "showmanship",
        "summit_held",
        # proposals at the base rate: no pressure for a win, no summit window in the chance
        {"showmanship.pressure_gain": 0.0, "showmanship.window_boost": 0.0},
    ),
    _mechanism(
        2,
        "cash_first",
        "cash first",
        "cash_first",
        "summit_held",
        # North Korea's price does not rise with its distrust
        {"cash_first.distrust_slope": 0.0},
    ),
    _mechanism(
        3,
        "trust",
        "hollow summits cost trust",
        "trust",
        "trust_final.PRK.USA",
        # the talks survive every hollow deal; beliefs do not drift back to their base rates
        {"trust.forgiveness": 1.0, "trust.reversion_rate": 0.0},
    ),
    _mechanism(
        4,
        "lifeline",
        "the Russian lifeline",
        "lifeline",
        "prk_relief_need_final",
        # Russian flows offset no sanctions
        {"lifeline.offset": 0.0},
    ),
    _mechanism(
        5,
        "sanctions",
        "sanctions bite where enforced",
        "sanctions",
        "prk_relief_need_final",
        # vetoes read no alignments: each holder blocks at its block_tightening
        {"sanctions.alignment_weight": 0.0},
    ),
    _mechanism(
        6,
        "china",
        "China's unease",
        "china",
        "china_acts",
        {
            # China's concern and support stay where they start
            "china.concern_gain": 0.0,
            "china.concern_decay": 0.0,
            "china.support_rate": 0.0,
            # Russia's military cooperation is not held back by China's concern
            "lifeline.china_restraint": 0.0,
            # China's call for restraint does not weigh on North Korea's tests
            "provocation.patron_restraint": 0.0,
        },
    ),
    _mechanism(
        7,
        "japan",
        "Japan squeezed",
        "japan",
        "government_fell",
        # no fall on low support; normalisation with Japan is worth nothing to North Korea
        {"japan.low_support_hazard": 0.0, "japan.normalisation_value": 0.0},
    ),
    _mechanism(
        8,
        "korea",
        "South Korea moves first",
        "korea",
        "tension_sum",
        # no initiatives, no gestures
        {"korea.initiative_rate": 0.0, "korea.gesture_rate": 0.0},
    ),
    _mechanism(
        9,
        "mediation",
        "South Korea mediates",
        "korea",
        "tension_sum",
        # no invitation from Pyongyang through Seoul
        {"regime_security.engage_rate": 0.0},
    ),
    _mechanism(
        10,
        "winsets",
        "freeze versus denuclearization",
        "winsets",
        "freeze_or_better",
        # positions do not converge, relief is not answered in kind, no freeze-first drift,
        # no alliance consultation
        {
            "winsets.position_damping": 0.0,
            "winsets.action_for_action": 0.0,
            "winsets.freeze_drift": 0.0,
            "winsets.consultation": 0.0,
        },
    ),
    _mechanism(
        11,
        "cooperation",
        "cooperation follows dialogue",
        "cooperation",
        "trust_final.PRK.USA",
        # no FTA movement, no dividend of cooperation in North Korea's calculus
        {"cooperation.fta_rate": 0.0, "cooperation.rivalry_drag": 0.0, "cooperation.dividend": 0.0},
    ),
    _mechanism(
        12,
        "regime_security",
        "regime security decides",
        "regime_security",
        "trust_final.PRK.USA",
        # security neither discounts the price nor is a reason to test; no invitations
        {
            "cash_first.security_discount": 0.0,
            "provocation.insecurity_weight": 0.0,
            "regime_security.engage_rate": 0.0,
        },
    ),
    _mechanism(
        13,
        "provocation",
        "provocations",
        "provocation",
        "provocations",
        # tests at the base rate: no reasons, no restraint, no call for restraint from China
        {
            "provocation.milestone_weight": 0.0,
            "provocation.exercise_weight": 0.0,
            "provocation.breakdown_weight": 0.0,
            "provocation.tightening_weight": 0.0,
            "provocation.insecurity_weight": 0.0,
            "provocation.restraint": 0.0,
            "provocation.patron_restraint": 0.0,
        },
    ),
)
"""The mechanisms of docs/specification.md, in their order."""

BY_KEY: dict[str, Mechanism] = {m.key: m for m in REGISTRY}
