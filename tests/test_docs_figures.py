"""Every figure the README and docs/ quote is the generated one, and the model still gives it."""

import json
import re

import numpy as np
import pytest

from sim.calibration.posterior import Posterior, read_posterior
from sim.runs.batch import run_batch
from sim.scenario import load_scenario, numeric_parameters
from tools.doc_figures import (
    FIGURES_FILE,
    ROOT,
    SEEDS,
    documents,
    ensemble_figures,
    posterior_share_interval,
    quoted,
    scenario_figures,
    share,
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


STATUS_QUO = "mechanisms.cash_first.status_quo_nuclear"
REPLAY = numeric_parameters(load_scenario("history_2017_2019"))


def posterior_at(*status_quo: float) -> Posterior:
    """The bundled posterior's parameters at their declared values, one equally weighted
    particle per value of ``cash_first.status_quo_nuclear``."""
    keys = read_posterior().keys
    rows = np.array([[REPLAY[key].default for key in keys] for _ in status_quo], dtype=float)
    rows[:, keys.index(STATUS_QUO)] = status_quo
    weights = np.full(len(rows), 1 / len(rows))
    return Posterior(keys, rows, weights, {"settings": {"scenario": "history_2017_2019"}})


def test_one_parameter_vector_gives_no_posterior_spread_only_its_share() -> None:
    baseline = load_scenario("baseline")
    one = posterior_at(REPLAY[STATUS_QUO].default)
    value = posterior_share_interval(baseline, draws=4, seeds=25, posterior=one)["value"]
    at_point = share(run_batch(baseline, np.arange(25)).arrays["summit_held"])
    assert value["low"] == value["high"] == value["pooled"] == at_point


def test_the_posterior_interval_spans_the_draws_shares() -> None:
    baseline = load_scenario("baseline")
    two = posterior_at(0.05, 0.95)  # a summit in most runs; in few
    entry = posterior_share_interval(baseline, draws=10, seeds=20, posterior=two)
    value = entry["value"]
    # each of the two vectors alone, over the same seeds: the interval spans their shares
    shares = [
        posterior_share_interval(baseline, draws=1, seeds=20, posterior=posterior_at(x))["value"]
        for x in (0.05, 0.95)
    ]
    assert shares[1]["pooled"] + 0.5 <= shares[0]["pooled"]  # the two vectors differ widely
    assert value["low"] == shares[1]["pooled"] and value["high"] == shares[0]["pooled"]
    assert value["low"] <= value["pooled"] <= value["high"]
    assert re.fullmatch(r"\d{1,3}–\d{1,3} %", entry["text"])
    assert posterior_share_interval(baseline, draws=10, seeds=20, posterior=two) == entry


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
