"""The model core reads parameters by attribute, agents read through what they observe, and
resolution stands apart from the model and the agents."""

import ast
import re
from pathlib import Path

SIM = Path(__file__).resolve().parent.parent / "sim"
CORE = [
    *sorted((SIM / "agents").glob("*.py")),
    *sorted((SIM / "resolution").glob("*.py")),
    *(SIM / name for name in ("model.py", "kernel.py", "exogenous.py", "state.py", "month.py")),
]


def test_no_parameter_is_read_by_a_string_key() -> None:
    lookup = re.compile(
        r"""\[\s*f?["'](actors|world|mechanisms)\.|\b(enabled|mechanism|param)\(\s*f?["']"""
    )
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in CORE
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if lookup.search(line)
    ]
    assert not found, "\n".join(found)


def test_agents_read_the_month_through_their_observation_not_the_model() -> None:
    found = []
    for path in sorted((SIM / "agents").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "model"
                and node.attr in {"params", "inputs", "log", "t", "draw"}
            ):
                found.append(f"{path.name}:{node.lineno}: model.{node.attr}")
    # the base class binds a country's own parameters, the mechanisms' and the switches once
    assert all(f.startswith("base.py:") and f.endswith("model.params") for f in found), found


def test_resolution_imports_neither_the_model_nor_the_agents() -> None:
    for path in sorted((SIM / "resolution").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("sim.model", "sim.agents")), (path, node.module)
