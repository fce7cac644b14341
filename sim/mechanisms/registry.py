"""The registry of the thirteen mechanisms: every list of mechanisms in neasim derives from it.

Each mechanism of docs/specification.md has a number, a name, the module of its pure functions,
a parameter group (``mechanisms.<key>`` of the scenario schema, :mod:`sim.parameters.mechanisms`),
a switch (``mechanisms.<key>.enabled``) and the run outcome it is expected to move
(:data:`sim.measures.OUTCOMES`): switching it off moves that outcome (pattern P11). The ablation
(``tools/ablation.py``), the parameter table of ``docs/ODD.md`` (``tools/odd_table.py``) and the
tests read it.
"""

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


def _mechanism(number: int, key: str, name: str, module: str, moves: str) -> Mechanism:
    return Mechanism(number, key, name, f"sim.mechanisms.{module}", moves)


REGISTRY: tuple[Mechanism, ...] = (
    _mechanism(1, "showmanship", "US showmanship", "showmanship", "summit_held"),
    _mechanism(2, "cash_first", "cash first", "cash_first", "summit_held"),
    _mechanism(3, "trust", "hollow summits cost trust", "trust", "trust_final.PRK.USA"),
    _mechanism(4, "lifeline", "the Russian lifeline", "lifeline", "prk_relief_need_final"),
    _mechanism(
        5, "sanctions", "sanctions bite where enforced", "sanctions", "prk_relief_need_final"
    ),
    _mechanism(6, "china", "China's unease", "china", "china_acts"),
    _mechanism(7, "japan", "Japan squeezed", "japan", "government_fell"),
    _mechanism(8, "korea", "South Korea moves first", "korea", "tension_sum"),
    _mechanism(9, "mediation", "South Korea mediates", "korea", "tension_sum"),
    _mechanism(10, "winsets", "freeze versus denuclearization", "winsets", "freeze_or_better"),
    _mechanism(
        11, "cooperation", "cooperation follows dialogue", "cooperation", "trust_final.PRK.USA"
    ),
    _mechanism(
        12, "regime_security", "regime security decides", "regime_security", "trust_final.PRK.USA"
    ),
    _mechanism(13, "provocation", "provocations", "provocation", "provocations"),
)
"""The mechanisms of docs/specification.md, in their order."""

BY_KEY: dict[str, Mechanism] = {m.key: m for m in REGISTRY}
