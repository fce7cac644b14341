"""The classroom page's state, without a browser: levers, history, futures, exports."""

import socket
from pathlib import Path

import pytest

from sim.app.levers import LEVER_KEYS, levers, missing_levers
from sim.app.session import ClassroomSession
from sim.cli import main
from sim.scenario import load_scenario, numeric_parameters, numeric_values


def test_every_lever_is_declared_with_its_bounds(baseline) -> None:
    assert missing_levers(baseline) == [], "update LEVER_KEYS in sim/app/levers.py"
    declared = numeric_parameters(baseline)
    for info in levers(baseline):
        assert info == declared[info.key]


@pytest.fixture(scope="module")
def session() -> ClassroomSession:
    return ClassroomSession("baseline", futures=64)


def test_a_lever_moves_the_futures_and_reset_restores_them(session) -> None:
    reference = session.futures.reference
    for _ in range(3):
        session.step()
    story = session.story()
    key = "actors.USA.upfront_relief"
    info = next(i for i in session.levers if i.key == key)
    session.set_lever(key, info.high)
    assert session.model.t == 3  # the history is replayed to the same month
    assert session.changed() == {key: info.high}
    assert session.futures.current.summit_by_month[-1] != reference.summit_by_month[-1]
    session.reset()
    assert session.model.t == 0 and session.changed() == {}
    assert session.futures.current.summit_by_month.tolist() == reference.summit_by_month.tolist()
    for _ in range(3):
        session.step()
    assert session.story() == story


def test_the_settings_export_as_a_scenario_file(session, tmp_path: Path) -> None:
    session.reset()
    session.set_lever(LEVER_KEYS[0], 0.05)
    path = tmp_path / "mine.yaml"
    path.write_text(session.settings_yaml(), encoding="utf-8")
    loaded = load_scenario(path)
    assert numeric_values(loaded) == numeric_values(session.scenario)
    assert numeric_values(loaded) != numeric_values(session.base)
    assert loaded.calendar == session.base.calendar


def test_the_run_so_far_saves_as_a_reproducible_run_directory(session, tmp_path: Path) -> None:
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
    assert len((saved / "events.csv").read_text().splitlines()) - 1 == len(
        session.model.log.for_run(0)
    )


def test_the_app_refuses_bad_input_before_serving(capsys) -> None:
    assert main(["app", "no_such_scenario"]) == 2
    assert "no_such_scenario: no such scenario" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert f"--port {port}: cannot listen on 127.0.0.1" in line


def test_any_declared_parameter_can_be_added_as_a_lever(session) -> None:
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
