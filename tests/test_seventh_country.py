"""A seventh country joins the model from four files, and a country that does nothing changes
nothing for the six.

Mongolia (``tests/fixtures/seventh``) is its registry entry, its agent module, its parameter class
and its block of every scenario. In a fresh interpreter it joins the registry before anything else
of neasim is imported; there every bundled scenario runs with seven countries, and the quick tests
below pass with seven.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sim.model import DiplomacyModel
from sim.runs.outcomes import batch_outcomes
from sim.scenario import bundled_scenarios

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "seventh"
FILES = ("registry.py", "mongolia.py", "mongolia_parameters.py", "mongolia.yaml")
"""Every file the seventh country needed: none of neasim's own was edited for it."""

QUICK = (
    "tests/test_countries.py",
    "tests/test_invariants.py",
    "tests/test_mechanisms.py",
    "tests/test_reproducibility.py",
    "tests/test_integrity_bounds.py",
    "tests/test_mesa.py",
)
"""Tests that hold for any registry, run with seven countries (less one slow random search)."""

DESELECTED = "not whole_scenarios_drawn_anywhere"

SEEDS, MONTHS = [0, 1, 2], 24

RUN_ALL = f"""
import json, sys
import registry
from sim.model import DiplomacyModel
from sim.runs.outcomes import batch_outcomes
from sim.scenario import bundled_scenarios
results = {{}}
for name in sorted(bundled_scenarios()):
    model = DiplomacyModel(name, seeds={SEEDS}, months={MONTHS}, keep_events=True)
    model.run()
    assert model.state.trust.shape == ({len(SEEDS)}, 7, 7), model.state.trust.shape
    outcomes = batch_outcomes(model.state, model.config.start, model.months)
    events = [[e.run, e.step, e.type, e.actor, e.target, e.detail] for e in model.log.rows]
    results[name] = {{"outcomes": {{k: v.tolist() for k, v in outcomes.items()}}, "events": events}}
json.dump(results, sys.stdout)
"""


def _with_seven(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(FIXTURE), str(REPO)])}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )


def _six(name: str) -> dict[str, Any]:
    model = DiplomacyModel(name, seeds=SEEDS, months=MONTHS, keep_events=True)
    model.run()
    outcomes = batch_outcomes(model.state, model.config.start, model.months)
    events = [[e.run, e.step, e.type, e.actor, e.target, e.detail] for e in model.log.rows]
    return {"outcomes": {k: v.tolist() for k, v in outcomes.items()}, "events": events}


def test_the_seventh_country_needs_four_files() -> None:
    assert len(FILES) <= 4
    assert sorted(p.name for p in FIXTURE.iterdir() if p.is_file()) == sorted(FILES)


def test_every_bundled_scenario_runs_with_seven_and_the_six_see_no_difference() -> None:
    done = _with_seven(RUN_ALL)
    assert done.returncode == 0, done.stderr
    seven = json.loads(done.stdout)
    assert sorted(seven) == sorted(bundled_scenarios())
    for name, result in seven.items():
        six = _six(name)
        mine = {k: v for k, v in result["outcomes"].items() if "MNG" not in k}
        assert mine == six["outcomes"], name
        assert any("MNG" in k for k in result["outcomes"]), name
        assert result["events"] == six["events"], name


def test_the_quick_suite_passes_with_seven() -> None:
    code = (
        "import sys, pytest, registry\n"
        f"sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-k', {DESELECTED!r},"
        f" *{list(QUICK)!r}]))"
    )
    done = _with_seven(code)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
