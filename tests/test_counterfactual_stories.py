"""Counterfactual stories: what a story is, the check that each scenario changes it, and
docs/counterfactual_stories.md as the model gives it now."""

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from sim.events import Event
from sim.marked_section import marked_section
from tools.counterfactual_stories import (
    BEGIN,
    END,
    RUNS,
    Differences,
    check_stories_differ,
    counterfactuals,
    differences,
    first_difference,
    stories_table,
    story,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "counterfactual_stories.md"


def test_a_story_is_the_us_north_korea_events_with_an_agreements_type() -> None:
    events = [
        Event(0, 2, "summit_proposed", "USA", "PRK", "at Panmunjom (no relief)"),
        Event(0, 2, "outreach", "JPN", "PRK", "normalization talks"),
        Event(1, 3, "agreement_signed", "USA", "PRK", "declaratory"),
        Event(1, 3, "calendar", "", "", "APEC"),
    ]
    assert story(events, 2) == [
        ((2, "summit_proposed", "USA", ""),),
        ((3, "agreement_signed", "USA", "declaratory"),),
    ]
    assert first_difference(((2, "provocation", "PRK", ""),), ()) == "provocation"


def test_the_counterfactuals_are_the_scenarios_that_branch_from_june_2025() -> None:
    found = counterfactuals()
    assert "trade_deal_fails" in found and "no_russia" in found
    assert "baseline" not in found and "history_2017_2019" not in found


def test_the_check_names_a_counterfactual_that_leaves_the_story_alone() -> None:
    found: Differences = {"a": (150, Counter(), 0.5, 0.4), "b": (20, Counter(), 0.4, 0.4)}
    with pytest.raises(AssertionError, match="'b': 20"):
        check_stories_differ(found, 200)
    check_stories_differ({"a": found["a"]}, 200)


@cache
def measured() -> Differences:
    """Every counterfactual against the baseline over the same seeds (computed once)."""
    return differences(RUNS)


def test_every_counterfactual_tells_a_story_of_its_own() -> None:
    """With the same seeds, each bundled counterfactual's US–North Korea story differs from the
    baseline's in at least half of the runs (Japan's trade deal included: it reaches Washington
    through the president's need for a win, and Pyongyang through Tokyo's stance)."""
    check_stories_differ(measured(), RUNS)


def test_docs_counterfactual_stories_md_holds_the_current_table() -> None:
    """Regenerate with ``python -m tools.counterfactual_stories --write`` and the document."""
    text = DOC.read_text(encoding="utf-8")
    assert marked_section(text, BEGIN, END) == "\n" + stories_table(measured(), RUNS), (
        "docs/counterfactual_stories.md is stale: python -m tools.counterfactual_stories "
        "--write docs/counterfactual_stories.md"
    )
