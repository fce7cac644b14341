"""P11 without self-accounting: the rule of whose behaviour counts, the check, and
docs/mechanism_reach.md as the model gives it now."""

from functools import cache
from pathlib import Path

import pytest

from sim.marked_section import marked_section
from tools.ablation import MECHANISMS
from tools.behaviour import BEHAVIOURS
from tools.mechanism_reach import (
    BEGIN,
    END,
    OWNERS,
    REPLICATES,
    SCENARIOS,
    Reach,
    check_reach,
    counts_for,
    reach,
    reach_table,
)

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

DOC = Path(__file__).resolve().parent.parent / "docs" / "mechanism_reach.md"
BY_NAME = {b.name: b for b in BEHAVIOURS}


@cache
def tables() -> dict[str, Reach]:
    """Every switch in the baseline and the replay, over 500 seeds (computed once)."""
    return {scenario: reach(scenario, REPLICATES) for scenario in SCENARIOS}


def test_every_mechanism_declares_its_owners() -> None:
    assert set(OWNERS) == {key for key, _ in MECHANISMS}


def test_a_mechanisms_own_acts_do_not_count_for_it() -> None:
    assert not counts_for(BY_NAME["China re-engages"], "china")
    assert not counts_for(BY_NAME["Japan's government falls"], "japan")
    assert not counts_for(BY_NAME["launches"], "provocation")
    assert not counts_for(BY_NAME["nuclear tests"], "provocation")
    # a summit is the act of both: it counts where one of them is not an owner
    assert counts_for(BY_NAME["summits held"], "cash_first")
    assert not counts_for(BY_NAME["summits held"], "mediation")
    assert counts_for(BY_NAME["Russian vetoes"], "sanctions")


def test_the_check_names_a_mechanism_that_moves_only_its_own_acts() -> None:
    synthetic: Reach = {key: {b.name: 0.5 for b in BEHAVIOURS} for key, _ in MECHANISMS}
    check_reach({"baseline": synthetic})
    synthetic["china"] = {b.name: (1.0 if b.countries == ("CHN",) else 0.1) for b in BEHAVIOURS}
    with pytest.raises(AssertionError, match="china"):
        check_reach({"baseline": synthetic})


def test_p11_every_mechanism_reaches_another_countrys_behaviour() -> None:
    """P11: each switch moves a behaviour of a country it does not own by |d| ≥ 0.2 in the
    baseline or the replay (the knock-out check of each mechanism, made on the model itself)."""
    check_reach(tables())


@pytest.mark.parametrize("doc", [DOC, DOC.parent / "ablation.md"])
def test_docs_hold_the_current_reach_table(doc: Path) -> None:
    """Regenerate with ``python -m tools.mechanism_reach --write docs/mechanism_reach.md
    --write docs/ablation.md``."""
    text = doc.read_text(encoding="utf-8")
    assert marked_section(text, BEGIN, END) == "\n" + reach_table(tables(), REPLICATES), (
        f"{doc.name} is stale: python -m tools.mechanism_reach --write {doc}"
    )
