"""``neasim play``: a player decides for one country, and what the player answers is what counts."""

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from numpy.typing import NDArray

from sim.agents.base import Controller, Country
from sim.classroom.decisions import NOT_ASKED, QUESTIONS, question
from sim.classroom.play import (
    file_chooser,
    game_months,
    play,
    read_moves,
    replay_controller,
    terminal_chooser,
)
from sim.cli import main
from sim.countries import CHN, COUNTRIES, DISPLAY_NAMES
from sim.errors import InputError
from sim.intentions import decision_names
from sim.model import DiplomacyModel
from sim.scenario import Scenario, with_overrides

SEEDS = 40


def decisions_by_country(model: DiplomacyModel) -> dict[str, set[str]]:
    """The decisions a controller of each country is offered in one month, found by watching."""
    seen: dict[str, set[str]] = {}
    for code, country in model.countries_by_code.items():
        country.controller = _watcher(seen, code)
    model.step()
    return seen


def _watcher(seen: dict[str, set[str]], code: str) -> Controller:
    """A controller that notes the decisions ``code`` is offered and changes none."""

    def watch(country: Country, own: dict[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
        seen.setdefault(code, set(own))
        return {}

    return watch


def test_every_decision_has_a_question_and_only_internal_ones_are_not_asked(
    baseline: Scenario,
) -> None:
    seen = decisions_by_country(DiplomacyModel(baseline))
    plain = DiplomacyModel(baseline)
    observed = plain.state.copy()
    decided = {code: c.decide(observed, plain.now) for code, c in plain.countries_by_code.items()}
    assert seen == {code: set(decision_names(intent)) for code, intent in decided.items()}
    declared = {(code, key) for code, keys in seen.items() for key in keys}
    assert declared == set(QUESTIONS) | NOT_ASKED
    assert all(seen[code] for code in COUNTRIES)
    # numbered choices carry their legend; quantities their range
    assert question("CHN", "act").legend.startswith("0 = keep your distance; 1 = re-engage")
    assert question("RUS", "act").options == ("expand them", "keep them as they are", "cut them")
    assert len(question("PRK", "test_reason").options) == 5
    assert (question("USA", "upfront_relief").low, question("USA", "upfront_relief").high) == (0, 1)


def two_answers(code: str, key: str) -> tuple[Any, Any]:
    q = QUESTIONS[(code, key)]
    if q.options:
        return 0, len(q.options) - 1
    if q.low is not None:
        return q.low, q.high
    return False, True


def forced_batch(scenario: Scenario, code: str, key: str) -> DiplomacyModel:
    """SEEDS runs answering one decision one way every month, then the same seeds the other way."""
    first, second = two_answers(code, key)
    model = DiplomacyModel(scenario, seeds=np.tile(np.arange(SEEDS), 2), keep_events=True)
    answers = np.repeat([first, second], SEEDS)

    def control(country: Any, own: dict[str, Any]) -> dict[str, Any]:
        return {key: answers.astype(own[key].dtype)}

    model.countries_by_code[code].controller = control
    model.run()
    return model


@pytest.mark.parametrize(("code", "key"), sorted(QUESTIONS))
def test_changing_an_answer_changes_the_game(baseline: Scenario, code: str, key: str) -> None:
    model = forced_batch(baseline, code, key)
    story = [
        [(e.step, e.type, e.actor, e.detail) for e in model.log.for_run(r)]
        for r in range(2 * SEEDS)
    ]
    differ = sum(story[r] != story[r + SEEDS] for r in range(SEEDS))
    assert differ >= 1, f"{code}.{key}: the two answers give the same story in all {SEEDS} seeds"


def test_the_us_upfront_relief_answer_is_what_a_summit_delivers(baseline: Scenario) -> None:
    model = forced_batch(baseline, "USA", "upfront_relief")
    relaxed = np.zeros(2 * SEEDS, dtype=int)
    for event in model.log.rows:
        relaxed[event.run] += event.type == "sanctions_relaxed" and "summit" in event.detail
    # no relief upfront: nothing handed over at a summit; all of it: handed over at every summit
    assert relaxed[:SEEDS].sum() == 0 and relaxed[SEEDS:].sum() > 0
    assert model.state.sanctions_regime[SEEDS:].mean() < model.state.sanctions_regime[:SEEDS].mean()


def test_a_file_of_moves_drives_a_game_and_is_what_was_played(
    baseline: Scenario, tmp_path: Path
) -> None:
    scenario = with_overrides(baseline, {"months": 12})
    months = game_months(scenario)[:6]
    moves_file = tmp_path / "moves.yaml"
    moves_file.write_text(
        "".join(f'"{m}": {{upfront_relief: 0.8, propose: yes}}\n' for m in months)
    )
    out = io.StringIO()
    chooser = file_chooser(read_moves(moves_file, scenario, "USA"))
    summary, moves = play(scenario, "USA", chooser, out, 8)
    assert [moves[m]["upfront_relief"] for m in months] == [0.8] * 6
    assert set(moves[months[0]]) == {k for c, k in QUESTIONS if c == "USA"}
    text = out.getvalue()
    assert "you are the United States" in text or f"you are {DISPLAY_NAMES['USA']}" in text
    assert "relief of 0.80 upfront" in text  # the offer the story tells is the player's
    assert f"On seed {scenario.seed}, the same future for both:" in text
    assert "Over 8 futures (seeds 1–8): your moves, replayed month by month in every future" in text
    assert summary["trust_final"]["PRK"]["USA"] >= 0.0


def test_keeping_every_choice_of_the_model_plays_the_models_game(baseline: Scenario) -> None:
    scenario = with_overrides(baseline, {"months": 12})
    out = io.StringIO()
    play(scenario, "USA", terminal_chooser("USA", lambda q: "", out), out, 4)
    you, model = [
        line
        for line in out.getvalue().splitlines()
        if line.startswith("  You:") or line.startswith("  Model's")
    ]
    assert you.split(":", 1)[1].strip() == model.split(":", 1)[1].strip()


def test_the_terminal_asks_again_until_an_answer_fits(baseline: Scenario) -> None:
    scenario = with_overrides(baseline, {"months": 1})
    questions: list[str] = []
    answers = iter(["-3", "5", "nan", "0.8"] + [""] * 10)

    def ask(text: str) -> str:
        questions.append(text)
        return next(answers)

    out = io.StringIO()
    own = {"propose": False, "upfront_relief": 0.0, "answer_yes": False, "deliver": False}
    chosen = terminal_chooser("USA", ask, out)("2025-07", {"upfront_relief": 0.0, **own})
    assert chosen == {"upfront_relief": 0.8}
    assert out.getvalue().count("answer a number from 0 to 1, not") == 3
    assert questions[0].startswith("2025-07  upfront_relief: sanctions relief")
    assert "(a number from 0 to 1; Enter keeps the model's: 0.00)" in questions[0]
    # a numbered choice prints its legend and refuses an option that does not exist
    out = io.StringIO()
    answers = iter(["7", "1.5", "2"])
    chosen = terminal_chooser("CHN", lambda q: next(answers), out)("2025-07", {"act": np.int64(0)})
    assert chosen == {"act": 2}
    assert "act: 0 = keep your distance; 1 = re-engage" in out.getvalue()
    assert out.getvalue().count("answer a number 0–2") == 2
    del scenario


def test_north_korea_sees_the_offer_first_and_is_not_asked_its_odds(baseline: Scenario) -> None:
    scenario = with_overrides(baseline, {"months": 2})
    questions: list[str] = []
    out = io.StringIO()

    def ask(text: str) -> str:
        questions.append(text)
        out.write("?" + text + "\n")
        return ""

    play(scenario, "PRK", terminal_chooser("PRK", ask, out), out, 4, interactive=True)
    text = out.getvalue()
    assert not any("acceptance_chance" in q for q in questions)
    first_question = text.index("?")
    assert "the US's standing offer: denuclearization first" in text[:first_question]
    assert any("if the US proposes a summit this month, accept?" in q for q in questions)
    assert "test_reason: 0 = a new system is ready" in text


def test_end_of_input_ends_the_game_and_keeps_what_was_played(
    baseline: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = with_overrides(baseline, {"months": 6})
    answers = iter(["yes"] + [""] * 9)

    def ask(text: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    summary, moves = play(scenario, "KOR", terminal_chooser("KOR", ask, out), out, 4)
    assert len(moves) == 2  # four questions a month: the tenth answer ends month 3
    assert "End of input: the game stops after 2 months played." in out.getvalue()
    assert "Over 4 futures" in out.getvalue()
    assert summary["trust_final"]["PRK"]["KOR"] >= 0.0
    # on the command line, with the moves saved for --moves
    saved = tmp_path / "played.yaml"
    argv = ["play", "--as", "KOR", "--months", "6", "--replicates", "2", "--save-moves", str(saved)]
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n\n\n\n"))
    assert main(argv) == 0
    replayed = read_moves(saved, scenario, "KOR")
    assert list(replayed) == ["2025-07"]
    assert replayed["2025-07"]["mediate"] is True


@pytest.mark.parametrize(
    ("moves", "message"),
    [
        ('"2025-07": {act: 7}', r"2025-07\.act: answer a number 0–2 \(0 = keep"),
        ('"2025-07": {act: 1}\n"2025-07": {act: 2}', "key '2025-07' is given twice"),
        ('"2025-07": {acceptance_chance: 7.5}', r"2025-07\.acceptance_chance: not a decision"),
        ('"2025-07": {blocks: .nan}', r"2025-07\.blocks: answer yes or no, not nan"),
        ('"2025-13": {act: 1}', r"2025-13: not a month of the game \(2025-07 … 2025-09"),
        ('"2027-01": {act: 1}', r"2027-01: not a month of the game"),
        ('"2025-7": {act: 1}', r"2025-7: not a month of the game"),
        ('"2025-08": {act: yes}', r"2025-08\.act: answer a number 0–2 .*not True"),
        ('"2025-08": {no_such_move: yes}', r"2025-08\.no_such_move: not a decision of China"),
        ('"2025-08": 3', r"2025-08: expected a mapping of decisions"),
    ],
)
def test_bad_moves_get_one_line_naming_the_month_and_decision(
    baseline: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str], moves: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(moves + "\n")
    scenario = with_overrides(baseline, {"months": 3})
    with pytest.raises(InputError, match=message):
        read_moves(bad, scenario, "CHN")
    argv = ["play", "--as", "CHN", "--months", "3", "--moves", str(bad), "--replicates", "2"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(bad) in err


def test_a_number_quantity_is_checked_from_a_file(baseline: Scenario, tmp_path: Path) -> None:
    scenario = with_overrides(baseline, {"months": 3})
    bad = tmp_path / "bad.yaml"
    for value in ("-3", "1.5", ".inf", ".nan", "many"):
        bad.write_text(f'"2025-07": {{upfront_relief: {value}}}\n')
        with pytest.raises(
            InputError, match=r"2025-07\.upfront_relief: answer a number from 0 to 1"
        ):
            read_moves(bad, scenario, "USA")


def test_china_pressing_every_month_is_told_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    months = ["2025-07", "2025-08", "2025-09"]
    moves = tmp_path / "moves.yaml"
    moves.write_text(yaml.safe_dump({m: {"act": 2} for m in months}))
    argv = ["play", "--as", "CHN", "--months", "3", "--moves", str(moves), "--replicates", "4"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "you are China" in out and out.count("Outcome:") == 2
    pressing = [line[:7] for line in out.splitlines() if "China presses North Korea" in line]
    assert pressing == months[:1]


def test_a_replayed_move_is_the_one_used(baseline: Scenario) -> None:
    scenario = with_overrides(baseline, {"months": 3})
    model = DiplomacyModel(scenario, seeds=np.arange(4), keep_events=True)
    model.countries_by_code["CHN"].controller = replay_controller(
        model, {m: {"act": 2} for m in game_months(scenario)}
    )
    model.run()
    assert (model.state.act[:, CHN] == 2).all()
