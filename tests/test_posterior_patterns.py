"""The patterns across the posterior: shares of draws, per-draw verdicts, and the document."""

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from sim.calibration.posterior import Posterior, read_posterior
from sim.errors import InputError
from sim.marked_section import marked_section
from sim.scenario import load_scenario, numeric_parameters
from tools.pattern_claims import (
    ALL,
    CHINA_REENGAGES,
    NO_SUMMIT_BY_APEC,
    P9,
    P10,
    RUSSIA_ANSWERS,
    Claim,
    Points,
    evaluate,
    separating,
    stale_verdicts,
)
from tools.posterior_patterns import (
    DRAWS,
    REPLICATES,
    TABLE_BEGIN,
    TABLE_END,
    VERDICTS,
    PosteriorPatterns,
    by_band,
    posterior_patterns,
    posterior_points,
    read_verdicts,
    report,
    verdicts_csv,
)

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

ROOT = Path(__file__).resolve().parent.parent
STATUS_QUO = "mechanisms.cash_first.status_quo_nuclear"


def two_points() -> Posterior:
    """The bundled posterior's parameters at the declared values, and the same with North Korea
    valuing the nuclear status quo at 0.05: then it takes a summit in most baseline runs."""
    keys = read_posterior().keys
    infos = numeric_parameters(load_scenario("history_2017_2019"))
    declared = np.array([infos[key].default for key in keys])
    cheap = declared.copy()
    cheap[keys.index(STATUS_QUO)] = 0.05
    provenance = {"settings": {"scenario": "history_2017_2019"}}
    return Posterior(keys, np.vstack([declared, cheap]), np.array([0.5, 0.5]), provenance)


@cache
def small() -> PosteriorPatterns:
    return posterior_patterns(two_points(), draws=8, replicates=40, claims=(P10, NO_SUMMIT_BY_APEC))


def test_a_pattern_failing_at_some_draws_is_counted_as_failing_there() -> None:
    result = small()
    cheap = result.points.points[:, result.points.keys.index(STATUS_QUO)] == 0.05
    assert 0 < cheap.sum() < 8  # both particles were drawn
    holds = result.holds[P10.name]
    assert holds[~cheap].all() and not holds[cheap].any()
    assert result.shares()[P10.name] == pytest.approx(float(np.mean(~cheap)))
    assert (P10.name in result.failing()) == (np.mean(~cheap) < 0.8)
    text = report(result)
    assert f"| {P10.name} | {np.mean(~cheap):.0%} of draws |" in text


def test_the_parameter_that_makes_a_pattern_fail_is_named() -> None:
    result = small()
    edges = separating(result.points, result.holds)
    assert [key for key, _ in edges[P10.name]] == [STATUS_QUO]  # the only one that varies
    assert edges[P10.name][0][1] == pytest.approx(-1.0)  # failing goes with the low value
    text = report(result)
    if P10.name in result.failing():
        assert f"- {P10.name}: `{STATUS_QUO}` (r = −1.00)" in text
    trust = "actors.PRK.trust.USA"  # an initial state of 2017: only the replay reads it
    assert trust not in P10.reached_by(result.points) and trust in P9.reached_by(result.points)


def test_bands_of_a_parameter_show_where_a_pattern_holds() -> None:
    result = small()
    cheap = result.points.points[:, result.points.keys.index(STATUS_QUO)] == 0.05
    bands = by_band(result.points, result.holds, STATUS_QUO)
    # two values drawn: draws of one value stay in one band, whatever the number of bands asked
    assert [band.draws for band in bands] == [int(cheap.sum()), int((~cheap).sum())]
    assert bands[0].high == 0.05 < bands[1].low
    assert bands[0].shares[P10.name] == 0.0 and bands[1].shares[P10.name] == 1.0
    text = report(result)
    assert f"Every pattern at once: {np.mean(~cheap):.0%} of draws." in text
    assert P10.name in result.failing()  # at 5 of the 8 draws the cheap particle came up
    assert "| band of `status_quo_nuclear` | draws | P10 |" in text
    assert f"| 0.05–0.05 | {cheap.sum()} | 0% |" in text


def test_slicing_the_points_leaves_every_verdict_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.pattern_claims as claims

    result = small()
    monkeypatch.setattr(claims, "BATCH_RUNS", result.points.replicates)  # one point a slice
    sliced = evaluate((P10, NO_SUMMIT_BY_APEC), result.points)
    for name, held in result.holds.items():
        np.testing.assert_array_equal(sliced[name], held)


def test_p5_runs_each_point_at_every_level_of_cooperation() -> None:
    from tools.pattern_claims import COOPERATION, LEVELS, run_batch

    key, levels = LEVELS[COOPERATION]
    points = Points(("mechanisms.cash_first.talks_value",), np.array([[0.3], [0.5]]), 3)
    model = run_batch(COOPERATION, points)
    drawn = np.asarray(model.params.mechanisms.cash_first.talks_value).reshape(2, len(levels), 3)
    start = np.asarray(model.history[0].military_cooperation).reshape(2, len(levels), 3)
    assert key == "actors.RUS.military_cooperation"
    np.testing.assert_array_equal(drawn[0], 0.3)
    np.testing.assert_array_equal(drawn[1], 0.5)
    for p in range(2):
        np.testing.assert_allclose(start[p], np.repeat(np.array(levels)[:, None], 3, axis=1))


@pytest.mark.parametrize(
    ("knocked_out", "fails"),
    [
        ("mechanisms.china.enabled", CHINA_REENGAGES),
        ("mechanisms.lifeline.arms_bid", RUSSIA_ANSWERS),
    ],
)
def test_the_article_claims_of_the_counterfactuals_fail_without_their_mechanism(
    knocked_out: str, fails: Claim
) -> None:
    """Each counterfactual's claim holds at the declared values and fails, alone of the two, with
    its mechanism knocked out: China's unease switched off (China then keeps its distance in
    either scenario), or Russia's bid to keep Pyongyang at 0."""
    declared = numeric_parameters(load_scenario("baseline"))[knocked_out].default
    points = Points((knocked_out,), np.array([[declared], [0.0]]), 100)
    holds = evaluate((CHINA_REENGAGES, RUSSIA_ANSWERS), points)
    for claim in (CHINA_REENGAGES, RUSSIA_ANSWERS):
        assert holds[claim.name].tolist() == [True, claim is not fails], claim.name


def test_make_docs_regenerates_the_section() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndocs:", 1)[1].split("\n\n", 1)[0]
    assert "tools.posterior_patterns --write docs/calibration.md" in recipe


def test_a_draws_verdict_does_not_depend_on_the_other_draws() -> None:
    result = small()
    points = result.points
    for p in (0, int(np.argmax(points.points[:, points.keys.index(STATUS_QUO)]))):
        alone = Points(points.keys, points.points[p : p + 1], points.replicates, points.home)
        verdicts = evaluate((P10, NO_SUMMIT_BY_APEC), alone)
        assert {name: bool(v[0]) for name, v in verdicts.items()} == {
            name: bool(v[p]) for name, v in result.holds.items()
        }


def test_draws_are_reproducible_and_initial_states_stay_home() -> None:
    posterior = read_posterior()
    one, two = posterior_points(posterior, 5, 3), posterior_points(posterior, 5, 3)
    np.testing.assert_array_equal(one.points, two.points)
    assert not np.array_equal(one.points, posterior_points(posterior, 5, 3, seed=1).points)
    assert "actors.PRK.trust.USA" not in one.overrides("baseline")
    assert len(one.overrides("history_2017_2019")["actors.PRK.trust.USA"]) == 15
    with pytest.raises(InputError):
        posterior_points(posterior, 0, 3)


def test_docs_calibration_md_holds_the_current_report() -> None:
    """Regenerate with ``python -m tools.posterior_patterns --write docs/calibration.md``.

    The section is the report of the stored verdicts at today's draws, and the stored verdicts
    are today's model's at every fifth draw, re-run (a fifth of the cost of all of them: a change
    of the model that moves no verdict at those 20 draws goes unnoticed here).
    """
    text = (ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")
    section = marked_section(text, TABLE_BEGIN, TABLE_END)
    keys, values, holds = read_verdicts(ROOT / "docs" / VERDICTS)
    points = posterior_points(read_posterior(), DRAWS, REPLICATES)
    assert keys == points.keys
    np.testing.assert_array_equal(values, points.points)
    assert list(holds) == [claim.name for claim in ALL]
    assert section == "\n" + report(PosteriorPatterns(points, holds))
    assert stale_verdicts(points, holds, ALL) == []


def test_the_stored_verdicts_read_back_as_written(tmp_path: Path) -> None:
    result = small()
    path = tmp_path / VERDICTS
    path.write_text(verdicts_csv(result), encoding="utf-8")
    keys, values, holds = read_verdicts(path)
    assert keys == result.points.keys
    np.testing.assert_array_equal(values, result.points.points)
    assert list(holds) == list(result.holds)
    for name, held in result.holds.items():
        np.testing.assert_array_equal(holds[name], held)
    assert report(PosteriorPatterns(result.points, holds)) == report(result)


def test_a_stale_verdict_is_caught_by_the_draws_re_run() -> None:
    """A stored verdict flipped at a re-run draw: the comparison the document's test makes fails."""
    result = small()
    claims = (P10, NO_SUMMIT_BY_APEC)
    assert stale_verdicts(result.points, result.holds, claims) == []
    flipped = {name: held.copy() for name, held in result.holds.items()}
    flipped[P10.name][0] = not flipped[P10.name][0]
    assert stale_verdicts(result.points, flipped, claims) == [P10.name]
