"""The classroom page's state, without a browser: levers, history, futures, exports."""

import socket
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from sim.app.command import exposure_warning
from sim.app.compute import FuturesCache
from sim.app.figures import futures_charts
from sim.app.levers import LEVER_KEYS, by_country, levers, missing_levers, plain_label
from sim.app.session import ClassroomSession, Comparison
from sim.classroom.futures import Futures, many_futures
from sim.cli import main
from sim.countries import DISPLAY_NAMES
from sim.parameters.labels import PLAIN_LABELS
from sim.scenario import (
    Scenario,
    load_scenario,
    numeric_parameters,
    numeric_values,
    with_overrides,
)
from sim.snapshot import snapshot


def test_every_lever_is_declared_with_its_bounds(baseline: Scenario) -> None:
    assert missing_levers(baseline) == [], "update LEVER_KEYS in sim/app/levers.py"
    declared = numeric_parameters(baseline)
    for info in levers(baseline):
        assert info == declared[info.key]


def test_every_lever_has_a_plain_label_naming_its_country(baseline: Scenario) -> None:
    declared = numeric_parameters(baseline)
    assert set(LEVER_KEYS) <= set(PLAIN_LABELS), (
        "give each lever a label in sim/parameters/labels.py"
    )
    for key, label in PLAIN_LABELS.items():
        assert key in declared, f"{key} has a plain label but is not declared"
        assert label.label.split(":")[0] in (DISPLAY_NAMES[label.country], label.country, "US")
        assert len(label.label) <= 70 and len(label.help) <= 100 and label.help.endswith(".")
        assert "propensity" not in label.label and "multiplier" not in label.label
    groups = by_country(levers(baseline))
    assert [name for name, _ in groups] == [
        "United States",
        "South Korea",
        "China",
        "Russia",
        "Japan",
    ]
    assert plain_label(declared["actors.PRK.concession_threshold"]).label.startswith("North Korea:")


def test_every_lever_moves_what_the_futures_show(baseline: Scenario) -> None:
    """A lever that moves nothing on the page is not offered (Japan's rice price is not)."""
    seeds = np.arange(100)
    reference = many_futures(baseline, seeds)

    def shown(key: str, value: float) -> dict[str, dict[str, Any]]:
        return futures_charts(
            many_futures(with_overrides(baseline, {key: value}), seeds), reference
        )

    still = [
        info.key
        for info in levers(baseline)
        if shown(info.key, info.low) == shown(info.key, info.high)
    ]
    assert still == [], f"levers that change nothing the page shows: {still}"
    rice = "actors.JPN.rice_price"
    assert rice not in LEVER_KEYS and shown(rice, 0.0) == shown(rice, 1.0)


@pytest.fixture(scope="module")
def session() -> ClassroomSession:
    return ClassroomSession("baseline", futures=64)


def test_a_snapshot_is_a_read_only_copy(session: ClassroomSession) -> None:
    session.reset()
    session.step()
    now = session.now
    assert now.step == 1 and now.month == "2025-07" and not now.finished
    with pytest.raises(ValueError, match="read-only"):
        now.trust[0, 0] = 0.5
    session.step()
    assert session.snapshots[1] is now and now.step == 1  # an old month does not change
    assert snapshot(session._model).step == 2


def test_a_lever_moves_the_futures_and_reset_restores_them(session: ClassroomSession) -> None:
    session.reset()
    reference = session.futures.reference
    for _ in range(3):
        session.step()
    story = session.story()
    key = "actors.USA.upfront_relief"
    info = next(i for i in session.levers if i.key == key)
    session.set_lever(key, info.high)
    assert session.t == 3  # the history is replayed to the same month
    assert session.changed() == {key: info.high}
    assert session.futures.current.summit_by_month[-1] != reference.summit_by_month[-1]
    session.reset()
    assert session.t == 0 and session.changed() == {}
    assert session.futures.current.summit_by_month.tolist() == reference.summit_by_month.tolist()
    for _ in range(3):
        session.step()
    assert session.story() == story


def test_the_settings_export_as_a_scenario_file(session: ClassroomSession, tmp_path: Path) -> None:
    session.reset()
    session.set_lever(LEVER_KEYS[0], 0.05)
    path = tmp_path / "mine.yaml"
    path.write_text(session.settings_yaml(), encoding="utf-8")
    loaded = load_scenario(path)
    assert numeric_values(loaded) == numeric_values(session.scenario)
    assert numeric_values(loaded) != numeric_values(session.base)
    assert loaded.calendar == session.base.calendar


def test_the_run_so_far_saves_as_a_reproducible_run_directory(
    session: ClassroomSession, tmp_path: Path
) -> None:
    session.reset()
    with pytest.raises(ValueError, match="step at least one month"):
        session.save_run(tmp_path)
    for _ in range(4):
        session.step()
    # The first save makes runs/; a second one, even in the same second, gets a name of its own.
    first, saved = session.save_run(tmp_path / "runs"), session.save_run(tmp_path / "runs")
    assert first != saved and first.parent == saved.parent == tmp_path / "runs"
    assert sorted(p.name for p in saved.parent.iterdir()) == sorted([first.name, saved.name])
    config = load_scenario(saved / "config.yaml")
    assert config.months == 4
    assert len((saved / "events.csv").read_text().splitlines()) - 1 == sum(
        len(s.events) for s in session.snapshots
    )


def test_the_app_refuses_bad_input_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "no_such_scenario"]) == 2
    assert "no_such_scenario: no such scenario" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert f"--port {port}: cannot listen on 127.0.0.1" in line


def test_any_declared_parameter_can_be_added_as_a_lever(session: ClassroomSession) -> None:
    session.reset()
    declared = numeric_parameters(session.base)
    key = next(k for k in declared if k not in session.values)
    info = session.add_lever(key)
    assert info == declared[key] and session.levers[-1] == info
    session.set_lever(key, info.high)
    assert session.changed() == {key: info.high}
    session.reset()
    assert session.levers[-1] == info and session.changed() == {}
    with pytest.raises(KeyError, match="declares no parameter"):
        session.add_lever("actors.XXX.nothing")
    session.reset()  # a refused key is not kept


def test_the_reference_and_the_variant_are_chosen_apart(session: ClassroomSession) -> None:
    session.reset()
    session.choose_scenario("no_russia")
    assert session.reference_ref == "baseline"
    c = session.comparison()
    assert c.variant > c.reference + 0.2  # without Russia, summits far likelier than the baseline
    assert c.low <= c.difference <= c.high and c.high - c.low < 0.5
    assert c.difference == pytest.approx(c.variant - c.reference)
    session.choose_reference("no_russia")
    same = session.comparison()
    assert same.difference == same.low == same.high == 0.0
    session.choose_reference("baseline")
    session.choose_scenario("baseline")


def test_the_interval_of_a_paired_difference() -> None:
    futures = many_futures(load_scenario("baseline"), np.arange(40))
    flipped = type(futures)(**{**futures.__dict__, "summit_held": ~futures.summit_held})
    c = Comparison.of(flipped, futures)
    d = (~futures.summit_held).astype(float) - futures.summit_held.astype(float)
    half = 1.959963984540054 * d.std(ddof=1) / np.sqrt(40)
    assert (c.low, c.high) == pytest.approx((d.mean() - half, d.mean() + half))


def test_a_new_seed_tells_another_story(session: ClassroomSession) -> None:
    session.reset()
    for _ in range(12):
        session.step()
    first = session.story()
    session.set_seed(7)
    assert session.t == 0
    for _ in range(12):
        session.step()
    assert session.story() != first
    session.seed = None
    session.reset()


def test_the_cache_computes_each_setting_once_a_few_at_a_time(baseline: Scenario) -> None:
    running, most = [0], [0]
    guard = threading.Lock()
    gate = threading.Event()

    def compute(scenario: Scenario, seeds: NDArray[np.integer]) -> Futures:
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        gate.wait()
        with guard:
            running[0] -= 1
        return many_futures(scenario, seeds)

    cache = FuturesCache(size=3, concurrent=2, compute=compute)
    seeds = np.arange(8)
    settings = [with_overrides(baseline, {"actors.USA.upfront_relief": v}) for v in (0.1, 0.2, 0.3)]
    asks = [*settings, *settings, settings[0]]  # three settings, asked seven times at once
    threads = [threading.Thread(target=cache.get, args=(s, seeds)) for s in asks]
    for thread in threads:
        thread.start()
    while True:  # wait until two computations are under way (the limit), then let them finish
        with guard:
            if running[0] == 2:
                break
        time.sleep(0.01)
    gate.set()
    for thread in threads:
        thread.join()
    assert most[0] == 2 and cache.computed == 3
    assert cache.get(settings[1], seeds)[1] == 0.0  # known: no computation
    for v in (0.4, 0.5, 0.6, 0.7):
        cache.get(with_overrides(baseline, {"actors.USA.upfront_relief": v}), seeds)
    assert len(cache) == 3  # bounded: the least recently used are dropped


def test_listening_beyond_this_machine_is_announced() -> None:
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    warning = exposure_warning("0.0.0.0")
    assert warning is not None and "anyone on the network" in warning


STATUS_QUO = "mechanisms.cash_first.status_quo_nuclear"


def test_futures_can_draw_their_parameters_from_the_posterior_reproducibly(
    baseline: Scenario,
) -> None:
    from sim.calibration.posterior import read_posterior

    seeds = np.arange(60)
    declared = many_futures(baseline, seeds)
    drawn = many_futures(baseline, seeds, "posterior")
    again = many_futures(baseline, seeds, "posterior", root=baseline.seed)
    other_root = many_futures(baseline, seeds, "posterior", root=baseline.seed + 1)
    assert not np.array_equal(drawn.summit_held, declared.summit_held)
    np.testing.assert_array_equal(drawn.summit_by_month, again.summit_by_month)
    np.testing.assert_array_equal(drawn.trust_quantiles, again.trust_quantiles)
    assert not np.array_equal(drawn.trust_samples, other_root.trust_samples)
    # every calibrated key kept at the scenario's value: the declared futures
    kept = many_futures(baseline, seeds, "posterior", keep=read_posterior().keys)
    np.testing.assert_array_equal(kept.summit_by_month, declared.summit_by_month)
    with pytest.raises(ValueError, match="parameters 'prior'"):
        many_futures(baseline, seeds, "prior")


def test_the_page_toggles_posterior_draws_and_a_set_lever_keeps_its_value() -> None:
    session = ClassroomSession("baseline", futures=40, cache=FuturesCache())
    declared = session.futures.current
    session.set_parameters("posterior")
    assert session.parameters == "posterior"
    assert not np.array_equal(session.futures.current.summit_held, declared.summit_held)
    seeds, root = np.arange(40), session.base.seed
    expected = many_futures(session.base, seeds, "posterior", root)
    np.testing.assert_array_equal(session.futures.current.summit_held, expected.summit_held)
    reference = many_futures(session.reference_scenario, seeds, "posterior", root)
    np.testing.assert_array_equal(session.futures.reference.summit_held, reference.summit_held)
    session.add_lever(STATUS_QUO)
    session.set_lever(STATUS_QUO, 0.05)  # the class's value wins over the draws
    variant = with_overrides(session.base, {STATUS_QUO: 0.05})
    kept = many_futures(variant, seeds, "posterior", root, keep=(STATUS_QUO,))
    np.testing.assert_array_equal(session.futures.current.summit_held, kept.summit_held)
    session.set_parameters("declared")
    np.testing.assert_array_equal(
        session.futures.current.summit_held, many_futures(variant, seeds).summit_held
    )
    with pytest.raises(ValueError):
        session.set_parameters("prior")


def test_without_a_posterior_the_futures_stay_as_they_were(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sim.calibration.posterior as posterior
    from sim.errors import InputError

    def missing() -> None:
        raise InputError("data/posterior.parquet: no posterior (run `neasim calibrate`)")

    session = ClassroomSession("baseline", futures=20, cache=FuturesCache())
    before = session.futures
    monkeypatch.setattr(posterior, "read_posterior", missing)
    with pytest.raises(InputError, match="no posterior"):
        session.set_parameters("posterior")
    assert session.parameters == "declared" and session.futures is before
