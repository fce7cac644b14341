"""P11, every mechanism matters, and docs/ablation.md is what the model gives now."""

import importlib
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from sim.marked_section import marked_section
from sim.measures import OUTCOMES
from sim.mechanisms.registry import REGISTRY
from sim.parameters.mechanisms import Mechanisms
from sim.scenario import load_scenario, numeric_parameters
from tools.ablation import (
    EFFECT_SIZE,
    MECHANISMS,
    TABLE_BEGIN,
    TABLE_END,
    Effects,
    ablation_table,
    all_effects,
    effect_size,
)

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

REPLICATES = 500
DOC = Path(__file__).resolve().parent.parent / "docs" / "ablation.md"


@cache
def tables() -> dict[str, Effects]:
    """Every switch in every ablation scenario, over 500 seeds (computed once)."""
    return all_effects(REPLICATES)


def test_every_mechanism_has_a_declared_switch() -> None:
    keys = numeric_parameters(load_scenario("baseline"))
    for name, _ in MECHANISMS:
        info = keys[f"mechanisms.{name}.enabled"]
        assert (info.low, info.high, info.default, info.integer) == (0, 1, 1, True)


def test_the_mechanism_registry_names_every_switch_module_and_outcome() -> None:
    groups = Mechanisms.model_fields.items()
    switched = [key for key, f in groups if "enabled" in type(f.default).model_fields]
    assert [m.key for m in REGISTRY] == switched
    assert [m.number for m in REGISTRY] == list(range(1, len(REGISTRY) + 1))
    names = {o.name: o for o in OUTCOMES}
    for m in REGISTRY:
        importlib.import_module(m.module)
        assert m.group is type(getattr(Mechanisms(), m.key))
        assert names[m.moves].headline is not None, f"{m.label}: {m.moves} is no headline outcome"


def test_switching_a_mechanism_off_moves_the_outcome_it_is_expected_to_move() -> None:
    names = {o.name: o.headline[1] for o in OUTCOMES if o.headline}
    weak = {}
    for m in REGISTRY:
        sizes = {s: effects[m.key][names[m.moves]][2] for s, effects in tables().items()}
        if max(abs(size) for size in sizes.values()) < EFFECT_SIZE:
            weak[m.label] = sizes
    assert not weak, f"mechanisms that do not move their outcome by |d| ≥ 0.2: {weak}"


def test_docs_ablation_md_holds_the_current_table() -> None:
    """Regenerate with ``python -m tools.ablation --write docs/ablation.md``."""
    text = DOC.read_text(encoding="utf-8")
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + ablation_table(
        tables(), REPLICATES
    ), "docs/ablation.md is stale: python -m tools.ablation --write docs/ablation.md"


def test_the_effect_size_is_cohens_d() -> None:
    intact, ablated = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 3.0])
    assert effect_size(intact, ablated) == 1.0
    assert effect_size(np.zeros(3), np.zeros(3)) == 0.0
