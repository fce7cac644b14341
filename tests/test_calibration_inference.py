"""Priors, the batched simulator, ABC-SMC on a small budget, the posterior file, and runs drawn
over parameter uncertainty.

The full calibration does not run here; a problem with one parameter and a small population does
(seconds), and checks that the machinery recovers a known value from a record simulated with it.
"""

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from sim.calibration.posterior import Posterior, read_posterior, write_posterior
from sim.calibration.problem import DEFAULT, Problem, load_problem
from sim.calibration.simulator import prior_draws, run_seeds, simulate
from sim.calibration.statistics import Dated, Window, statistic_names, summary_statistics
from sim.calibration.uncertainty import parameter_rng, posterior_overrides, prior_overrides
from sim.errors import InputError
from sim.parameters.priors import Beta, Fixed, TruncNormal, Uniform, default_prior
from sim.scenario import load_scenario, numeric_parameters

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

pyabc = pytest.importorskip("pyabc", reason="the `calibrate` extra (pyabc) is not installed")

from sim.calibration.smc import SCALES, SMCResult, effective_sample_size, run_smc  # noqa: E402

TRUE_BASE = -1.0


def test_every_parameter_has_a_prior_and_facts_are_fixed() -> None:
    infos = numeric_parameters(load_scenario("baseline"))
    kinds = {type(info.prior) for info in infos.values()}
    assert kinds <= {Uniform, Beta, TruncNormal, Fixed}
    assert isinstance(infos["actors.PRK.capability"].prior, Fixed)  # a fact of the date
    assert isinstance(infos["mechanisms.trust.enabled"].prior, Fixed)  # a switch
    assert isinstance(infos["actors.PRK.trust.USA"].prior, TruncNormal)  # declared with Trust
    assert isinstance(infos["mechanisms.cash_first.status_quo_nuclear"].prior, Beta)
    assert default_prior("mechanisms.x.y", 0, 1, False, "assumption") == Uniform(
        why="chosen by hand: only the bounds are known"
    )


@pytest.mark.parametrize(
    ("prior", "value", "low", "high", "mean"),
    [
        (Uniform(), 0.3, 0.0, 2.0, 1.0),
        (Uniform(-4, 0), -2.2, -6.0, 2.0, -2.0),
        (Beta(3, 2), 0.6, 0.0, 1.0, 0.6),
        (TruncNormal(0.1), 0.5, 0.0, 1.0, 0.5),
        (Fixed(), 0.42, 0.0, 1.0, 0.42),
    ],
)
def test_prior_draws_stay_in_bounds_and_have_the_declared_mean(
    prior: Uniform | Beta | TruncNormal | Fixed, value: float, low: float, high: float, mean: float
) -> None:
    u = np.random.default_rng(0).random(20_000)
    drawn = prior.ppf(u, value, low, high)
    assert drawn.min() >= low and drawn.max() <= high
    assert drawn.mean() == pytest.approx(mean, abs=0.02)


def test_a_truncated_normal_near_a_bound_is_cut_there() -> None:
    drawn = TruncNormal(0.1).ppf(np.random.default_rng(1).random(20_000), 0.05, 0.0, 1.0)
    expected = stats.truncnorm.mean(-0.5, 9.5, loc=0.05, scale=0.1)
    assert drawn.min() >= 0 and drawn.mean() == pytest.approx(expected, abs=0.005)


def test_a_run_in_the_batch_equals_the_same_run_alone() -> None:
    problem = load_problem()
    theta = prior_draws(problem, 5, np.random.default_rng(3))
    seeds = run_seeds(11, 0, n=5)
    together = simulate(problem, theta, seeds)
    alone = simulate(problem, theta[2:3], seeds[2:3])
    np.testing.assert_array_equal(together[2], alone[0])
    assert together.shape == (5, len(statistic_names(problem.window)))


def test_the_monthly_launch_rate_moves_launch_months_as_it_should() -> None:
    problem = small_problem()
    seeds = run_seeds(5, 0, n=400)
    names = statistic_names(problem.window)
    low = simulate(problem, np.full((400, 1), -4.0), seeds)[:, names.index("launch_months.2017")]
    high = simulate(problem, np.full((400, 1), 0.0), seeds)[:, names.index("launch_months.2017")]
    assert high.mean() > low.mean() + 2


def test_who_proposed_the_first_summit_follows_pyongyangs_valuation_of_a_us_offer() -> None:
    # the record: Kim's invitation (8 March 2018) led to Singapore; the statistic reads who made
    # the last proposal before the first summit, so a North Korea that values sitting down with
    # a US president highly takes Washington's earlier proposals instead of inviting later
    problem = talks_value_problem()
    seeds = run_seeds(7, 0, n=400)
    names = statistic_names(problem.window)
    column = names.index("first_summit_invited")
    low = simulate(problem, np.full((400, 1), 0.05), seeds)
    high = simulate(problem, np.full((400, 1), 0.95), seeds)
    assert set(np.unique(low[:, column])) <= {0.0, 1.0}
    assert low[:, column].mean() > high[:, column].mean() + 0.3
    held = low[:, names.index("us_prk_summits")] > 0
    assert (low[~held, column] == 0).all()  # no summit: no invitation that led to one


def test_the_origin_of_the_first_summit_is_read_alike_from_the_record_and_from_runs() -> None:
    window = Window("2018-01", "2018-12")
    events = [
        Dated(0, "2018-03", "summit_proposed", "PRK", "USA", "invitation"),
        Dated(0, "2018-06", "summit_held", "USA", "PRK", "declaratory"),
        Dated(1, "2018-02", "summit_proposed", "PRK", "USA", "invitation"),
        Dated(1, "2018-05", "summit_proposed", "USA", "PRK", "offer"),
        Dated(1, "2018-05", "summit_held", "USA", "PRK", "declaratory"),
        Dated(2, "2018-04", "summit_proposed", "PRK", "USA", "invitation"),
        Dated(2, "2018-04", "summit_proposed", "PRK", "KOR", "invitation"),
    ]
    values = summary_statistics(events, 3, window)
    assert values["first_summit_invited"].tolist() == [1.0, 0.0, 0.0]


def test_every_statistic_that_varies_weighs_in_the_declared_distance() -> None:
    # the statistics are whole numbers most runs share; divided by its median absolute deviation
    # such a statistic would get no weight (pyabc zeroes the weight of a zero spread)
    problem = load_problem()
    table = simulate(
        problem, prior_draws(problem, 600, np.random.default_rng(4)), run_seeds(4, 0, n=600)
    )
    table = table[~np.isnan(table).any(axis=1)]
    varies = table.std(axis=0) > 0
    declared = SCALES[problem.spec.distance.scale](samples=table)
    assert (declared[varies] > 0).all()
    median = SCALES["mad"](samples=table)
    names = np.array(statistic_names(problem.window))
    assert "first_summit_invited" in names[varies & (median == 0)]


def talks_value_problem() -> Problem:
    problem = load_problem(DEFAULT)
    talks = next(p for p in problem.parameters if p.key == "mechanisms.cash_first.talks_value")
    spec = problem.spec.model_copy(update={"parameters": [talks.key]})
    return dataclasses.replace(problem, spec=spec, parameters=(talks,))


def small_problem(population: int = 150, generations: int = 3) -> Problem:
    problem = load_problem(DEFAULT)
    base = next(p for p in problem.parameters if p.key == "mechanisms.provocation.base")
    spec = problem.spec.model_copy(
        update={
            "parameters": [base.key],
            "abc_smc": problem.spec.abc_smc.model_copy(
                update={"population": population, "generations": generations, "batch": 1500}
            ),
        }
    )
    return dataclasses.replace(problem, spec=spec, parameters=(base,))


def synthetic_record(problem: Problem, value: float, n: int = 1) -> dict[str, float]:
    table = simulate(problem, np.full((n, 1), value), run_seeds(99, 1, n=n))
    return dict(zip(statistic_names(problem.window), table.mean(axis=0).tolist(), strict=True))


@pytest.mark.parametrize("truth", [-3.0, -1.0])
def test_abc_smc_recovers_a_known_launch_rate(truth: float, tmp_path: Path) -> None:
    """Recovery: a record simulated at a known base gives a posterior around it, far tighter
    than the prior (uniform on [-4, 0]: mean -2, standard deviation 1.15).

    The record is the mean of 16 simulated replicates: at a low base most launches come from
    the month's reasons, and one of 8 replicates leaves the base less well pinned down. Four
    generations after the prior: the distance weighs every statistic that varies, and with the
    base alone free most of them (the summits, the tightenings) are noise about it; at -3 three
    generations left a standard deviation of 0.72 (four: 0.42)."""
    problem = small_problem(population=100, generations=4)
    result = run_smc(problem, synthetic_record(problem, truth, 16), tmp_path / "r.db", False)
    mean = float(np.average(result.theta[:, 0], weights=result.weights))
    sd = float(np.sqrt(np.average((result.theta[:, 0] - mean) ** 2, weights=result.weights)))
    assert abs(mean - truth) < 0.5
    assert sd < 0.6 * 4 / np.sqrt(12)
    assert result.generations == 5
    assert 0 < result.ess <= 100


def test_same_seed_same_posterior_and_an_interrupted_run_resumes(tmp_path: Path) -> None:
    problem = small_problem(population=60, generations=2)
    record = synthetic_record(problem, TRUE_BASE)
    first = run_smc(problem, record, tmp_path / "a.db", False)
    again = run_smc(problem, record, tmp_path / "b.db", False)
    np.testing.assert_array_equal(first.theta, again.theta)
    np.testing.assert_array_equal(first.weights, again.weights)
    shorter = dataclasses.replace(
        problem,
        spec=problem.spec.model_copy(
            update={"abc_smc": problem.spec.abc_smc.model_copy(update={"generations": 1})}
        ),
    )
    stopped = run_smc(shorter, record, tmp_path / "c.db", False)  # two generations, then stopped
    resumed = run_smc(problem, record, tmp_path / "c.db", False)
    assert (stopped.generations, resumed.generations) == (2, first.generations)
    # the generations already stored are kept; the last one is a valid ABC-SMC step, though
    # not bit for bit the uninterrupted one (pyabc refits the adaptive distance's weights from
    # the stored population on loading, where a run going on uses every particle it simulated)
    assert resumed.simulations - stopped.simulations < first.simulations

    def mean(r: SMCResult) -> float:
        return float(np.average(r.theta[:, 0], weights=r.weights))

    assert abs(mean(resumed) - mean(first)) < 0.3
    finished = run_smc(problem, record, tmp_path / "c.db", False)  # nothing left to do
    np.testing.assert_array_equal(finished.theta, resumed.theta)


def test_effective_sample_size() -> None:
    assert effective_sample_size(np.ones(10)) == pytest.approx(10)
    assert effective_sample_size(np.array([1.0, 0, 0, 0])) == pytest.approx(1)


def test_the_posterior_file_round_trips_with_its_provenance(tmp_path: Path) -> None:
    theta = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    posterior = Posterior(("a.b", "c.d"), theta, np.array([0.2, 0.3, 0.5]), {"seed": 7})
    path = tmp_path / "p.parquet"
    write_posterior(path, posterior)
    back = read_posterior(path)
    np.testing.assert_array_equal(back.theta, theta)
    assert back.keys == ("a.b", "c.d") and back.provenance["seed"] == 7
    assert back.mean()["a.b"] == pytest.approx(0.02 + 0.09 + 0.25)
    with pytest.raises(InputError, match="no posterior"):
        read_posterior(tmp_path / "none.parquet")


def test_the_bundled_posterior_says_where_it_came_from() -> None:
    posterior = read_posterior()
    problem = load_problem()
    assert posterior.keys == tuple(problem.keys)
    for key in ("commit", "data_hash", "settings", "seed", "ess", "simulations"):
        assert key in posterior.provenance
    assert posterior.provenance["settings"]["scenario"] == "history_2017_2019"
    assert np.isclose(posterior.weights.sum(), 1)


def test_draws_over_parameters_are_reproducible_and_states_stay_home() -> None:
    posterior = read_posterior()
    baseline = load_scenario("baseline")
    one = posterior_overrides(posterior, baseline, 50, parameter_rng(1))
    two = posterior_overrides(posterior, baseline, 50, parameter_rng(1))
    assert one.keys() == two.keys()
    assert all(np.array_equal(one[k], two[k]) for k in one)
    assert "actors.PRK.trust.USA" not in one  # an initial state of 2017 is not 2025's
    assert "mechanisms.cash_first.status_quo_nuclear" in one
    history = load_scenario("history_2017_2019")
    assert "actors.PRK.trust.USA" in posterior_overrides(posterior, history, 5, parameter_rng(1))
    prior = prior_overrides(load_problem(), baseline, 4000, parameter_rng(2))
    values = prior["mechanisms.provocation.base"]
    assert values.min() >= -4 and values.max() <= 0 and values.mean() == pytest.approx(-2, abs=0.1)
