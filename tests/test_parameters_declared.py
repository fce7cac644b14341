"""Every number the model's behaviour depends on is a declared parameter with a source.

The agents, the resolution, the model's schedule and the exogenous inputs may use no numeric
literal but 0, 1 and −1 (identities, bounds and "never") and 2 (the mean of two terms): any other
number belongs in the parameter table (``sim/parameters/mechanisms.py`` or the schema), where it has
bounds, a meaning and a source, and where a sweep, ``--set`` or the ablation can reach it.
"""

import ast
from pathlib import Path

from sim.parameters.declare import declared_units
from sim.scenario import load_scenario, numeric_parameters

SIM = Path(__file__).resolve().parent.parent / "sim"
SCANNED = [
    *sorted((SIM / "agents").glob("*.py")),
    *sorted((SIM / "resolution").glob("*.py")),
    SIM / "model.py",
    SIM / "kernel.py",
    SIM / "exogenous.py",
    SIM / "month.py",
    SIM / "intentions.py",
]
ALLOWED = {0, 1, -1, 2}


def stray_literals(path: Path) -> list[str]:
    """``file:line: value`` for each numeric literal outside :data:`ALLOWED`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
            and node.value not in ALLOWED
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value}")
    return found


def test_the_model_has_no_stray_constants() -> None:
    stray = [line for path in SCANNED for line in stray_literals(path)]
    assert not stray, "numbers that should be declared parameters:\n" + "\n".join(stray)


def test_the_scan_finds_a_stray_constant(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""A docstring: 0.7."""\nx = 0.5 * y + 1.0 - 2 * z\n', encoding="utf-8")
    assert stray_literals(sample) == ["sample.py:2: 0.5"]


def test_every_mechanism_parameter_has_a_meaning_and_a_source() -> None:
    for key, info in numeric_parameters(load_scenario("baseline")).items():
        if key.startswith("mechanisms."):
            assert info.meaning, f"{key} has no meaning"
            assert info.source, f"{key} has no source"


def test_every_numeric_parameter_has_units() -> None:
    scenario = load_scenario("baseline")
    units = {
        key: found
        for section in ("actors", "world", "mechanisms")
        for key, found in declared_units(getattr(scenario, section), f"{section}.").items()
    }
    assert set(units) == set(numeric_parameters(scenario))
    assert all(units.values()), [key for key, found in units.items() if not found]
    assert units["mechanisms.provocation.base"] == "log-odds"
    assert units["mechanisms.showmanship.cooldown_months"] == "months"
    assert units["actors.PRK.trust.USA"] == "probability"
    assert {key: info.units for key, info in numeric_parameters(scenario).items()} == units
