"""Sweep specs, designs and run seeds: checked on their own, without running the model."""

from pathlib import Path

import numpy as np
import pytest

from sim.errors import InputError
from sim.sweep.design import Axis, make_design
from sim.sweep.plan import default_chunk_size, plan_sweep
from sim.sweep.seeds import design_rng, run_seed, run_seeds
from sim.sweep.spec import load_spec

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted((REPO / "configs" / "sweeps").glob("*.yaml"))


def write(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        plan_sweep(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- shipped specs -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_spec_is_valid(path: Path) -> None:
    plan = plan_sweep(path)
    design = plan.design()
    assert design.n_points >= 1
    assert set(design.columns) == {axis.key for axis in plan.axes}


def test_the_shipped_sobol_spec_varies_the_main_levers() -> None:
    plan = plan_sweep(REPO / "configs" / "sweeps" / "sobol_main_levers.yaml")
    assert plan.spec.design == "sobol"
    assert 8 <= len(plan.axes) <= 15
    assert plan.spec.n is not None
    assert plan.design().n_points == plan.spec.n * (len(plan.axes) + 2)


def test_the_shipped_replicate_spec_has_one_design_point() -> None:
    plan = plan_sweep(REPO / "configs" / "sweeps" / "baseline_replicates.yaml")
    assert plan.axes == ()
    assert plan.design().n_points == 1
    assert plan.spec.replicates >= 1000


# --- bad specs: one line, the file and the key path ----------------------------------------------

GOOD = """\
base: baseline
seed: 1
design: lhs
n: 8
parameters:
  mechanisms.trust.forgiveness: {low: 0.02, high: 0.2}
"""


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("base: baseline\n", "seed", "missing"),
        ("base: baseline\nseed: 1\nsteps: 3\n", "steps", "unknown key"),
        ("base: baseline\nseed: '1'\n", "seed", "valid integer"),
        ("base: baseline\nseed: -1\n", "seed", "greater than or equal to 0"),
        ("base: baseline\nseed: 1\ndesign: factorial\n", "design", "grid"),
        ("base: baseline\nseed: 1\nreplicates: 0\n", "replicates", "greater than"),
        ("base: no_such_scenario\nseed: 1\n", "base", "no such scenario"),
        (GOOD.replace("n: 8\n", ""), "n", "missing"),
        (GOOD.replace("lhs", "sobol").replace("n: 8", "n: 10"), "n", "power of 2"),
        (
            GOOD.replace("trust.forgiveness", "trust.forgivness"),
            "parameters.mechanisms.trust.forgivness",
            "forgiveness",
        ),
        (
            GOOD.replace("trust.forgiveness", "actors.PRK.trust.PRK"),
            "actors.PRK.trust.PRK",
            "numeric",
        ),
        (
            GOOD.replace("low: 0.02", "low: -0.5"),
            "mechanisms.trust.forgiveness.low",
            "bounds [0, 1]",
        ),
        (
            GOOD.replace("high: 0.2", "high: 1.5"),
            "mechanisms.trust.forgiveness.high",
            "bounds [0, 1]",
        ),
        (
            GOOD.replace("low: 0.02", "low: 0.3"),
            "mechanisms.trust.forgiveness.low",
            "not below high",
        ),
        (GOOD.replace("{low: 0.02, high: 0.2}", "{low: 0.1}"), "trust.forgiveness", "missing high"),
        (
            GOOD.replace("{low: 0.02, high: 0.2}", "{values: [0.1, 2]}"),
            "forgiveness.values.1",
            "bounds",
        ),
        (GOOD.replace("{low: 0.02, high: 0.2}", "{values: [0.1, 0.1]}"), "values.1", "twice"),
        (GOOD.replace("{low: 0.02, high: 0.2}", "{values: []}"), "forgiveness.values", "empty"),
        (GOOD.replace("{low: 0.02, high: 0.2}", "0.1"), "mechanisms.trust.forgiveness", "mapping"),
        (GOOD.replace("{low: 0.02, high: 0.2}", "{step: 1}"), "forgiveness.step", "unknown key"),
        (GOOD.replace("design: lhs", "design: grid"), "mechanisms.trust.forgiveness", "levels"),
        (
            GOOD.replace(
                "trust.forgiveness: {low: 0.02, high: 0.2}",
                "showmanship.cooldown_months: {low: 0.5, high: 4}",
            ),
            "cooldown_months.low",
            "whole number",
        ),
        (GOOD + "second_order: true\n", "second_order", "sobol"),
        (GOOD + "outcomes: [summit_held, mean_tensoin]\n", "outcomes.1", "mean_tension"),
        (GOOD + "outcomes: [summit_held, summit_held]\n", "outcomes.1", "twice"),
        ("base: [baseline\n", "line", "malformed YAML"),
        ("- base\n", "(top level)", "mapping"),
    ],
)
def test_a_bad_spec_is_one_line_naming_file_and_key(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    path = write(tmp_path, text)
    message = error_of(path)
    assert message.startswith(f"{path}: ")
    assert where in message
    assert what in message


def test_a_missing_spec_file_is_an_input_error(tmp_path: Path) -> None:
    message = error_of(tmp_path / "nowhere.yaml")
    assert message.startswith(f"{tmp_path / 'nowhere.yaml'}: ")
    assert "cannot read" in message


def test_chunk_size_from_the_command_line_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--chunk-size"):
        plan_sweep(write(tmp_path, GOOD), chunk_size=0)


def test_a_base_path_is_relative_to_the_spec_file(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    write(tmp_path / "scenarios", "extends: baseline\nmonths: 5\n", "short.yaml")
    (tmp_path / "sweeps").mkdir()
    spec = write(tmp_path / "sweeps", "base: ../scenarios/short.yaml\nseed: 1\n")
    plan = plan_sweep(spec)
    assert plan.months == 5
    assert plan.base == str((tmp_path / "scenarios" / "short.yaml").resolve())


def test_outcome_groups_keep_every_member(tmp_path: Path) -> None:
    plan = plan_sweep(write(tmp_path, GOOD + "outcomes: [trust_final.PRK, summit_held]\n"))
    assert plan.keep is not None
    assert plan.keep[-1] == "summit_held"
    assert set(plan.keep[:-1]) == {
        f"trust_final.PRK.{c}" for c in ("USA", "KOR", "CHN", "RUS", "JPN")
    }


def test_the_resolved_spec_is_itself_a_valid_spec(tmp_path: Path) -> None:
    import yaml

    plan = plan_sweep(write(tmp_path, GOOD))
    resolved = plan.resolved(chunk_size=64)
    again = write(tmp_path, yaml.safe_dump(resolved), "again.yaml")
    assert plan_sweep(again).resolved(chunk_size=64) == resolved
    assert load_spec(again).chunk_size == 64


# --- designs -------------------------------------------------------------------------------------

GAIN = Axis("mechanisms.trust.forgiveness", low=0.0, high=0.5)
COOLDOWN = Axis("mechanisms.showmanship.cooldown_months", low=1, high=3, integer=True)
PRICE = Axis("mechanisms.cash_first.base_price", values=(0.1, 0.2, 0.4))


def test_a_grid_is_the_full_product_first_parameter_slowest() -> None:
    design = make_design(
        "grid", (PRICE, Axis("x", low=0.0, high=1.0, levels=3)), None, design_rng(0)
    )
    assert design.n_points == 9
    assert design.columns[PRICE.key].tolist() == [0.1] * 3 + [0.2] * 3 + [0.4] * 3
    assert design.columns["x"].tolist() == [0.0, 0.5, 1.0] * 3


def test_a_grid_without_parameters_is_one_point() -> None:
    assert make_design("grid", (), None, design_rng(0)).n_points == 1


@pytest.mark.parametrize(
    ("kind", "n", "points"),
    [("random", 7, 7), ("lhs", 7, 7), ("sobol", 8, 8 * (3 + 2)), ("morris", 4, 4 * (3 + 1))],
)
def test_design_sizes(kind: str, n: int, points: int) -> None:
    design = make_design(kind, (GAIN, COOLDOWN, PRICE), n, design_rng(3))
    assert design.n_points == points
    for values in design.columns.values():
        assert len(values) == points


def test_second_order_sobol_doubles_the_cross_samples() -> None:
    design = make_design("sobol", (GAIN, COOLDOWN, PRICE), 8, design_rng(3), second_order=True)
    assert design.n_points == 8 * (2 * 3 + 2)


@pytest.mark.parametrize("kind", ["random", "lhs", "sobol", "morris"])
def test_sampled_values_stay_in_range_and_on_their_sets(kind: str) -> None:
    design = make_design(kind, (GAIN, COOLDOWN, PRICE), 16, design_rng(5))
    gain = design.columns[GAIN.key]
    assert gain.dtype == np.float64
    assert ((gain >= 0.0) & (gain <= 0.5)).all()
    cooldown = design.columns[COOLDOWN.key]
    assert cooldown.dtype == np.int64
    assert set(cooldown.tolist()) <= {1, 2, 3}
    assert set(design.columns[PRICE.key].tolist()) <= {0.1, 0.2, 0.4}


def test_a_latin_hypercube_puts_one_point_in_each_stratum() -> None:
    design = make_design("lhs", (GAIN,), 10, design_rng(9))
    strata = np.floor(design.columns[GAIN.key] / 0.05).astype(int)
    assert sorted(strata.tolist()) == list(range(10))


def test_integer_parameters_take_each_value_equally_often_from_the_unit_interval() -> None:
    unit = (np.arange(300) + 0.5) / 300
    counts = np.bincount(COOLDOWN.from_unit(unit))
    assert counts.tolist() == [0, 100, 100, 100]


def test_the_same_root_seed_gives_the_same_design() -> None:
    for kind in ("random", "lhs", "sobol", "morris"):
        first = make_design(kind, (GAIN, COOLDOWN, PRICE), 8, design_rng(11))
        second = make_design(kind, (GAIN, COOLDOWN, PRICE), 8, design_rng(11))
        other = make_design(kind, (GAIN, COOLDOWN, PRICE), 8, design_rng(12))
        for key in first.columns:
            assert first.columns[key].tobytes() == second.columns[key].tobytes()
        assert any(
            first.columns[key].tobytes() != other.columns[key].tobytes() for key in first.columns
        )


# --- seeds ---------------------------------------------------------------------------------------


def test_a_run_seed_is_the_spawned_child_of_the_root() -> None:
    children = np.random.SeedSequence(2025).spawn(50)
    expected = [int(c.generate_state(1, dtype=np.uint64)[0] >> np.uint64(11)) for c in children]
    assert run_seeds(2025, range(50)).tolist() == expected


def test_run_seeds_depend_on_root_seed_and_run_id_only() -> None:
    assert run_seed(7, 123) == run_seeds(7, [5, 123, 9])[1]
    assert run_seed(7, 123) != run_seed(8, 123)
    seeds = run_seeds(7, range(2000))
    assert len(set(seeds.tolist())) == 2000
    assert ((seeds >= 0) & (seeds < 2**53)).all()
    assert (seeds.astype(np.float64).astype(np.int64) == seeds).all()


def test_small_sweeps_spread_over_the_workers() -> None:
    assert default_chunk_size(100_000, 2) == 1000
    assert default_chunk_size(600, 2) == 300
    assert default_chunk_size(1, 8) == 1
