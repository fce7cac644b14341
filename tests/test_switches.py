"""A switch is checked in one place per mechanism (sim/mechanisms/registry.py).

Its values when off are applied by the parameter table; what no parameter can say goes through the
mechanism's gate in sim/switches.py, the only code that reads the switch.
"""

import ast
from pathlib import Path

import numpy as np
import pytest

from sim import switches
from sim.mechanisms.registry import BY_KEY, REGISTRY
from sim.parameters.table import ParamTable, Switches
from sim.scenario import load_scenario, numeric_parameters

SIM = Path(__file__).resolve().parent.parent / "sim"
KEYS = frozenset(BY_KEY)


def switch_reads(source: str, where: str) -> dict[str, list[str]]:
    """The places (``file:function``) that read each mechanism's switch: ``….on.<key>``."""

    class Reads(ast.NodeVisitor):
        def __init__(self) -> None:
            self.scope: list[str] = []
            self.found: dict[str, list[str]] = {}

        def _enter(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
            self.scope.append(node.name)
            self.generic_visit(node)
            self.scope.pop()

        visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _enter

        def visit_Attribute(self, node: ast.Attribute) -> None:
            owner = node.value
            named_on = (isinstance(owner, ast.Name) and owner.id == "on") or (
                isinstance(owner, ast.Attribute) and owner.attr == "on"
            )
            if named_on and node.attr in KEYS:
                place = f"{where}:{'.'.join(self.scope) or '<module>'}"
                places = self.found.setdefault(node.attr, [])
                if place not in places:
                    places.append(place)
            self.generic_visit(node)

    reads = Reads()
    reads.visit(ast.parse(source))
    return reads.found


def reads_in_sim() -> dict[str, list[str]]:
    """Every place in sim/ that reads a switch, by mechanism."""
    found: dict[str, list[str]] = {}
    for path in sorted(SIM.rglob("*.py")):
        where = path.relative_to(SIM.parent).as_posix()
        for key, places in switch_reads(path.read_text(encoding="utf-8"), where).items():
            found.setdefault(key, []).extend(places)
    return found


def test_each_switch_is_read_in_one_place_its_gate() -> None:
    found = reads_in_sim()
    twice = {key: places for key, places in found.items() if len(places) > 1}
    assert not twice, (
        "switches read in more than one place (use the gate in sim/switches.py, or a value when"
        f" off in the registry): {twice}"
    )
    for key, places in found.items():
        assert places == [f"sim/switches.py:{key}"], f"{key} is read outside its gate: {places}"


def test_every_gate_is_a_mechanism_and_reads_only_its_own_switch() -> None:
    source = Path(switches.__file__).read_text(encoding="utf-8")
    gates = [
        node.name
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]
    assert gates and set(gates) <= KEYS
    assert {k: [p.split(":")[1] for p in v] for k, v in switch_reads(source, "s").items()} == {
        gate: [gate] for gate in gates
    }


def test_the_scan_finds_a_check_added_back() -> None:
    """The test above fails if an agent checks a switch itself again."""
    path = SIM / "agents" / "chn.py"
    source = path.read_text(encoding="utf-8")
    added = source.replace(
        "        s.pressure[:, CHN] = self.derived_pressure(s)\n",
        "        s.pressure[:, CHN] = np.where(self.on.china, self.derived_pressure(s), 0.0)\n",
    )
    assert added != source
    assert switch_reads(source, "chn") == {}
    assert switch_reads(added, "chn") == {"china": ["chn:China.update"]}
    found = reads_in_sim()
    found["china"] = [*found.get("china", []), "chn:China.update"]
    assert len(found["china"]) == 2


def test_values_when_off_are_declared_parameters_within_their_bounds() -> None:
    infos = numeric_parameters(load_scenario("baseline"))
    switches_ = {m.switch for m in REGISTRY}
    for mechanism in REGISTRY:
        keys = [key for key, _ in mechanism.off]
        assert len(keys) == len(set(keys)), mechanism.label
        for key, value in mechanism.off:
            assert key in infos and key not in switches_, f"{mechanism.label}: {key}"
            info = infos[key]
            assert info.low <= value <= info.high, f"{mechanism.label}: {key} = {value}"


def _read(table: ParamTable, key: str) -> np.ndarray:
    node: object = table
    for part in key.split("."):
        node = getattr(node, part)
    return np.asarray(node, dtype=float)


def test_the_table_reads_a_value_when_off_only_in_runs_that_switch_its_mechanism_off() -> None:
    """Run 0 has every mechanism on; run i + 1 has only mechanism i off."""
    scenario = load_scenario("baseline")
    infos = numeric_parameters(scenario)
    n = len(REGISTRY) + 1
    overrides = {}
    off_by: dict[str, set[int]] = {}
    for i, mechanism in enumerate(REGISTRY):
        enabled = np.ones(n)
        enabled[i + 1] = 0.0
        overrides[mechanism.switch] = enabled
        for key, value in mechanism.off:
            off_by.setdefault(key, set()).add(i + 1)
            info = infos[key]
            given = (info.low + info.high) / 2.0
            assert given != value
            overrides[key] = np.full(n, given)
    table = ParamTable(scenario, n, overrides)
    neutral = {key: value for m in REGISTRY for key, value in m.off}
    shared = [key for key, runs in off_by.items() if len(runs) > 1]
    assert "mechanisms.provocation.patron_restraint" in shared
    for key, runs in off_by.items():
        expected = np.where(np.isin(np.arange(n), sorted(runs)), neutral[key], overrides[key])
        assert _read(table, key).tolist() == expected.tolist(), key
        assert table.value(key).tolist() == overrides[key].tolist(), key
    untouched = "mechanisms.trust.defection_ratio"
    assert untouched not in neutral
    assert _read(table, untouched).tolist() == [infos[untouched].default] * n


def test_switches_know_every_mechanism_and_no_other() -> None:
    on = ParamTable(load_scenario("baseline"), 2, {"mechanisms.japan.enabled": [1, 0]}).on
    assert isinstance(on, Switches)
    assert on.japan.tolist() == [True, False]
    assert all(getattr(on, key).tolist() == [True, True] for key in KEYS - {"japan"})
    with pytest.raises(AttributeError):
        _ = on.nonexistent


def test_a_gate_broadcasts_over_the_axes_after_runs() -> None:
    on = ParamTable(load_scenario("baseline"), 2, {"mechanisms.sanctions.enabled": [0, 1]}).on
    enforcement = np.full((2, 3), 0.5)
    assert switches.sanctions(on, enforcement, 1.0).tolist() == [[1.0] * 3, [0.5] * 3]
    assert switches.sanctions(on, True, False).tolist() == [False, True]
