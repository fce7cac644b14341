"""Every figure the README and docs/ quote is the generated one, and the model still gives it."""

import json
import re

import pytest

from sim.scenario import load_scenario
from tools.doc_figures import (
    FIGURES_FILE,
    ROOT,
    SEEDS,
    documents,
    ensemble_figures,
    quoted,
    scenario_figures,
    story_figures,
)
from tools.doc_figures import (
    MARKER as MARKER_TEXT,
)

STORED = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
TABLE = STORED["figures"]


def test_every_quoted_figure_is_its_generated_text() -> None:
    found = {}
    for path in documents():
        for key, text in quoted(path.read_text(encoding="utf-8")):
            assert key in TABLE, f"{path.name} quotes {key!r}: not in docs/figures.json"
            assert text == TABLE[key]["text"], f"{path.name}: {key} is stale; run make docs"
            found[key] = path.name
    assert {"baseline.summit_share", "baseline.story_lines", "seeds"} <= set(found)


def test_the_quoted_shares_are_stable_to_two_points_on_the_declared_seeds() -> None:
    assert STORED["seeds"] == [SEEDS.start, SEEDS.stop - 1]
    shares = {k: v for k, v in TABLE.items() if k.endswith("_share")}
    assert len(shares) >= 10
    assert all(v["plus_minus"] <= 2.0 for v in shares.values())


def test_the_baseline_figures_still_come_out_of_the_model() -> None:
    fresh = {
        **scenario_figures("baseline", load_scenario("baseline")),
        **story_figures(),
        **ensemble_figures(),
    }
    stale = [key for key, entry in fresh.items() if TABLE.get(key) != entry]
    assert stale == [], f"stale figures {stale}: run make docs"


def test_make_docs_regenerates_the_figures() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndocs:", 1)[1].split("\n\n", 1)[0]
    assert "tools.doc_figures --write" in recipe


@pytest.mark.parametrize("phrase", ["some sixty lines", "about two\nruns in five", "seed 38`"])
def test_no_hand_typed_figure_is_left_where_a_generated_one_belongs(phrase: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(re.escape(phrase).replace("\\\n", r"\s+"), readme)


TIMING = re.compile(r"\d[\d,.]*\s?(?:µs|ms|s|sec|seconds?|minutes?|mins?|h|hours?)\b")
"""A duration written as a number and a unit."""
LIMITS = (
    "the target is at most 1 s on 2 cores",
    "100,000 runs under 2 min",
    "| under 0.5 s |",
    "within the 0.5 s target",
    "within 20 seconds and 64 MiB",
)
"""Durations the README states as targets or limits (requirements, not measurements)."""


def test_the_readme_quotes_no_hand_typed_timing() -> None:
    """A measured time moves with the machine: a benchmark prints it, the README does not."""
    text = MARKER_TEXT.sub("", (ROOT / "README.md").read_text(encoding="utf-8"))
    for limit in LIMITS:
        assert limit in text, f"the README no longer states {limit!r}: update LIMITS"
        text = text.replace(limit, "")
    assert TIMING.findall(text) == [], "a measured timing: let a benchmark print it instead"
