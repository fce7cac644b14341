"""One seed, one result: alone or in a batch, run after run, byte for byte."""

from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from sim.cli import main
from sim.model import DiplomacyModel
from sim.scenario import Scenario

OUTPUT_FILES = ("states.csv", "world.csv", "events.csv", "summary.json", "config.yaml")


def run_dir(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    assert main(["run", *args, "--no-plots", "--quiet", "--out", str(out)]) == 0
    return out


def test_the_same_seed_gives_byte_identical_outputs(tmp_path: Path) -> None:
    first = run_dir(tmp_path, "a", "--seed", "7")
    second = run_dir(tmp_path, "b", "--seed", "7")
    for name in OUTPUT_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_saved_config_reproduces_the_run(tmp_path: Path) -> None:
    first = run_dir(tmp_path, "a", "--seed", "11", "--set", "actors.PRK.trust.USA=0.3")
    again = run_dir(tmp_path, "b", str(first / "config.yaml"))
    for name in OUTPUT_FILES:
        assert (first / name).read_bytes() == (again / name).read_bytes(), name


def test_different_seeds_give_different_events(baseline: Scenario) -> None:
    stories = set()
    for seed in range(5):
        model = DiplomacyModel(baseline, rng=seed)
        model.run()
        stories.add(tuple((e.step, e.type, e.actor, e.target) for e in model.log.rows))
    assert len(stories) == 5


@pytest.mark.parametrize("scenario_name", ["baseline", "us_cash_first"])
def test_a_run_alone_equals_the_same_seed_inside_a_batch_of_64(scenario_name: str) -> None:
    seeds = np.arange(1000, 1064)
    batch = DiplomacyModel(scenario_name, seeds=seeds, record=True)
    batch.run()
    for r in (0, 17, 63):
        alone = DiplomacyModel(scenario_name, rng=int(seeds[r]), record=True)
        alone.run()
        assert len(alone.history) == len(batch.history) == batch.months + 1
        for step, (one, many) in enumerate(zip(alone.history, batch.history, strict=True)):
            for f in fields(one):
                mine = getattr(one, f.name)[0]
                theirs = getattr(many, f.name)[r]
                assert np.array_equal(mine, theirs), f"{f.name} differs at step {step}, run {r}"


def test_a_batch_does_not_depend_on_its_order_or_size(baseline: Scenario) -> None:
    seeds = np.array([5, 9, 13, 21])
    forward = DiplomacyModel(baseline, seeds=seeds, record=False)
    backward = DiplomacyModel(baseline, seeds=seeds[::-1], record=False)
    forward.run()
    backward.run()
    assert np.array_equal(forward.state.trust, backward.state.trust[::-1])
    assert np.array_equal(forward.state.provocations, backward.state.provocations[::-1])
