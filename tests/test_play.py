"""``neasim play``: a student decides for one country; the action set is what its agent decides."""

import io
from pathlib import Path

import numpy as np
import pytest

from sim.classroom.play import file_chooser, parse_value, play, read_moves, terminal_chooser
from sim.cli import main
from sim.countries import COUNTRIES, DISPLAY_NAMES
from sim.errors import InputError
from sim.intentions import decision_names
from sim.model import DiplomacyModel
from sim.scenario import with_overrides


def decisions_by_country(model: DiplomacyModel) -> dict[str, set[str]]:
    """The decisions a controller of each country is offered in one month, found by watching."""
    seen: dict[str, set[str]] = {}
    for code, country in model.countries_by_code.items():
        country.controller = lambda c, own, code=code: seen.setdefault(code, set(own)) and {}
    model.step()
    return seen


def test_the_action_set_is_what_each_agent_decides(baseline) -> None:
    seen = decisions_by_country(DiplomacyModel(baseline))
    # The action set is the arrays of the intentions each agent's decide returns, and no more.
    plain = DiplomacyModel(baseline)
    observed = plain.state.copy()
    decided = {code: c.decide(observed, plain.now) for code, c in plain.countries_by_code.items()}
    assert seen == {code: set(decision_names(intent)) for code, intent in decided.items()}
    # Every country has something to decide: Japan whether its government falls at a vote.
    assert all(seen[code] for code in COUNTRIES)
    assert seen["JPN"] == {"falls_by_vote"}
    assert {"propose", "upfront_relief"} <= seen["USA"]
    assert {"accept", "invite", "provoke"} <= seen["PRK"]
    assert {"mediate", "gesture"} <= seen["KOR"]


def test_a_controller_overrides_the_decisions_of_its_country(baseline) -> None:
    short = with_overrides(baseline, {"months": 6})
    forced = DiplomacyModel(short, keep_events=True)
    usa = forced.countries_by_code["USA"]
    # Every yes/no decision of the US turned around: its proposals among them.
    usa.controller = lambda c, own: {k: ~v for k, v in own.items() if v.dtype == bool}
    forced.run()
    own = DiplomacyModel(short, keep_events=True)
    own.run()
    assert forced.log.for_run(0) != own.log.for_run(0)


def test_a_file_of_moves_drives_a_game(baseline, tmp_path: Path) -> None:
    scenario = with_overrides(baseline, {"months": 12})
    seen = decisions_by_country(DiplomacyModel(scenario))
    code = max(seen, key=lambda c: len(seen[c]))  # the country with the most to decide
    key = sorted(seen[code])[0]
    months = [f"2025-{m:02d}" for m in range(7, 13)]
    moves_file = tmp_path / "moves.yaml"
    moves_file.write_text("".join(f'"{m}": {{{key}: yes}}\n' for m in months))
    out = io.StringIO()
    summary, moves = play(scenario, code, file_chooser(read_moves(moves_file), moves_file), out, 8)
    assert [moves[m][key] for m in months] == [True] * len(months)
    assert set(moves[months[0]]) == seen[code]
    text = out.getvalue()
    assert f"you are {DISPLAY_NAMES[code]}" in text
    assert "You:" in text and f"Model's {DISPLAY_NAMES[code]}:" in text
    assert "Over seeds 1–8: your moves | the model's" in text
    assert summary["trust_final"]["PRK"]["USA"] >= 0.0


def test_moves_from_a_terminal(baseline) -> None:
    scenario = with_overrides(baseline, {"months": 2})
    questions: list[str] = []
    answers = iter(["maybe", "yes"] + [""] * 20)

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    out = io.StringIO()
    _, moves = play(scenario, "KOR", terminal_chooser(ask, out), out, 4, interactive=True)
    first = sorted(moves)[0]
    assert questions[0].startswith(first) and "yes/no" in questions[0]
    assert "answer yes or no" in out.getvalue()
    assert f"{first}  You are South Korea: leverage" in out.getvalue()
    key = questions[0].split()[1].rstrip("?")
    assert moves[first][key] is True
    asked = {q.split()[1].rstrip("?") for q in questions}
    assert asked == set(moves[first])


def test_a_move_the_country_cannot_make_is_bad_input(baseline, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('"2025-07": {no_such_move: yes}\n')
    with pytest.raises(InputError, match=r"bad.yaml: 2025-07.no_such_move: not a decision"):
        play(baseline, "KOR", file_chooser(read_moves(bad), bad), io.StringIO(), 4)
    assert main(["play", "--as", "KOR", "--months", "2", "--moves", str(bad)]) == 2


def test_a_choice_among_options_takes_a_whole_number(tmp_path: Path, capsys) -> None:
    assert parse_value("2", np.int64(0)) == 2
    with pytest.raises(ValueError, match="answer a whole number"):
        parse_value("1.5", np.int64(0))
    # On the command line, China pressing North Korea every month: the story tells it once,
    # when China changes course.
    months = ["2025-07", "2025-08", "2025-09"]
    moves = tmp_path / "moves.yaml"
    moves.write_text("".join(f'"{m}": {{act: 2}}\n' for m in months))
    argv = ["play", "--as", "CHN", "--months", "3", "--moves", str(moves), "--replicates", "4"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "you are China" in out and out.count("Outcome:") == 2
    pressing = [line[:7] for line in out.splitlines() if "China presses North Korea" in line]
    assert pressing == months[:1]
