"""Playing one country against the model's other five: the game, with no command line in it.

Each month the player's country first decides as the model would; the player then sees where
things stand (a :class:`~sim.snapshot.MonthSnapshot`, never the model's insides) and keeps or
changes each decision the country makes (:mod:`sim.classroom.decisions` says how each is asked and
checked). Whatever the player answers is what the month's resolution uses. The story is told as
``neasim run`` tells it. At the end the player's game is set against the model's own country on
the same seed, and the player's moves, replayed unchanged in every one of many seeds, against the
model's country deciding afresh in each (``neasim play`` is :mod:`sim.classroom.play_command`).
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.agents.base import Controller, Country
from sim.calendar import month_label
from sim.classroom.decisions import NOT_ASKED, QUESTIONS, asked, plain, question
from sim.countries import COUNTRIES, DISPLAY_NAMES, PRK, USA
from sim.errors import InputError
from sim.model import DiplomacyModel
from sim.parameters.yaml_input import read_mapping
from sim.runs.batch import run_batch
from sim.runs.narrative import month_lines
from sim.runs.outcomes import batch_outcomes, run_summary
from sim.runs.single import headline
from sim.scenario import Scenario, with_overrides
from sim.snapshot import MonthSnapshot, snapshot

Moves = dict[str, dict[str, Any]]
"""Chosen decisions by month (``YYYY-MM``), by decision key."""

Chooser = Callable[[str, dict[str, Any]], dict[str, Any]]
"""Given the month and the country's own decisions (key → value), the values to use instead."""

AGREEMENTS_FREEZE = ("freeze_for_relief", "disarmament_step")
MONTH = re.compile(r"^\d{4}-\d{2}$")


class EndOfInput(Exception):
    """The player's input ended (Ctrl-D, or the end of a piped file): the game stops there."""


def game_months(scenario: Scenario) -> list[str]:
    """The months a player decides in, ``YYYY-MM``, first to last."""
    return [month_label(scenario.start, t) for t in range(1, scenario.months + 1)]


def check_moves(data: dict[str, Any], scenario: Scenario, code: str, source: Path) -> Moves:
    """Moves read from a file, each checked as the terminal checks an answer.

    Raises
    ------
    InputError
        ``<file>: <month>.<decision>: <what is wrong>`` for a month outside the game or not
        ``YYYY-MM`` (or given twice), a decision the country does not make, or a value of the
        wrong type, out of range or not a number.
    """
    months = game_months(scenario)
    moves: Moves = {}
    for month, chosen in data.items():
        if not MONTH.match(month) or month not in months:
            raise InputError(
                f"{source}: {month}: not a month of the game ({months[0]} … {months[-1]}, "
                "written YYYY-MM)"
            )
        if not isinstance(chosen, dict):
            raise InputError(f"{source}: {month}: expected a mapping of decisions to values")
        moves[month] = {}
        for key, value in chosen.items():
            try:
                if (code, key) not in _asked_pairs(code):
                    raise ValueError(
                        f"not a decision of {DISPLAY_NAMES[code]} "
                        f"(its decisions: {', '.join(k for _, k in sorted(_asked_pairs(code)))})"
                    )
                moves[month][key] = question(code, key).parse(value)
            except ValueError as error:
                raise InputError(f"{source}: {month}.{key}: {error}") from None
    return moves


def _asked_pairs(code: str) -> set[tuple[str, str]]:
    return {pair for pair in QUESTIONS if pair[0] == code} - NOT_ASKED


def read_moves(path: Path, scenario: Scenario, code: str) -> Moves:
    """A YAML file of moves, ``YYYY-MM: {decision: value, ...}``, checked (:func:`check_moves`).

    Months and decisions it leaves out keep the model's own choice.
    """
    return check_moves(read_mapping(path), scenario, code, path)


def file_chooser(moves: Moves) -> Chooser:
    """Choose from checked moves (:func:`read_moves`)."""

    def choose(month: str, own: dict[str, Any]) -> dict[str, Any]:
        return dict(moves.get(month, {}))

    return choose


def terminal_chooser(code: str, ask: Callable[[str], str], out: TextIO) -> Chooser:
    """Ask for each decision in turn; an empty answer keeps the model's own choice.

    A numbered choice prints its legend first; an answer the question does not take is answered
    with one line saying why, and the question is asked again. The end of input raises
    :class:`EndOfInput`.
    """

    def choose(month: str, own: dict[str, Any]) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for key in asked(code, own):
            q = question(code, key)
            if q.legend:
                out.write(f"  {key}: {q.legend}\n")
            while True:
                try:
                    answer = ask(
                        f"{month}  {key}: {q.text} ({q.kind}; Enter keeps the model's: "
                        f"{q.show(own[key])}) "
                    )
                except EOFError:
                    raise EndOfInput from None
                if not answer.strip():
                    break
                try:
                    chosen[key] = q.parse(answer)
                    break
                except ValueError as error:
                    out.write(f"  {error}\n")
        return chosen

    return choose


def situation(snap: MonthSnapshot, code: str) -> str:
    """Where things stand for the player's country as it decides, in one line."""
    i = snap.index(code)
    terms = "a freeze first" if snap.offer_freeze_first else "denuclearization first"
    talks = "under way" if snap.talks_alive else "not under way"
    return (
        f"{snap.month}  You are {DISPLAY_NAMES[code]}: leverage {snap.leverage[i]:.2f}, "
        f"domestic pressure {snap.pressure[i]:.2f}; North Korea's trust in the US "
        f"{snap.trust[PRK, USA]:.2f}; talks {talks}; "
        f"tension {snap.tension:.2f}; the US's standing offer: {terms}, "
        f"relief of {snap.offer_relief:.2f} promised"
    )


def live_controller(
    model: DiplomacyModel, choose: Chooser, record: Moves, brief: TextIO | None = None
) -> Controller:
    """The controller of one run: ask ``choose`` each month and record every asked value used.

    With ``brief``, the player's situation is written there before each choice.
    """

    def control(country: Country, own: dict[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
        values = {key: plain(value[0]) for key, value in own.items()}
        if brief is not None:
            brief.write(situation(snapshot(model), country.code) + "\n")
        month = model.month
        chosen = choose(month, values)
        record[month] = {key: chosen.get(key, values[key]) for key in asked(country.code, values)}
        return {key: np.full_like(own[key], value) for key, value in chosen.items()}

    return control


def replay_controller(model: DiplomacyModel, moves: Moves) -> Controller:
    """The same moves, month by month, in every run of a batch."""

    def control(country: Country, own: dict[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
        month = moves.get(model.month, {})
        return {key: np.full_like(own[key], month[key]) for key in own if key in month}

    return control


def compare_over_seeds(
    scenario: Scenario, code: str, moves: Moves, seeds: NDArray[np.integer]
) -> list[str]:
    """The player's moves against the model's own country, as table lines.

    The moves are replayed unchanged in every seed; the model's country decides afresh in each.
    """
    replayed = DiplomacyModel(scenario, seeds=seeds, keep_events=False, record=False)
    replayed.countries_by_code[code].controller = replay_controller(replayed, moves)
    replayed.run()
    yours = batch_outcomes(replayed.state, scenario.start, replayed.months)
    model = run_batch(scenario, seeds).outcomes
    trust = f"trust_final.{COUNTRIES[PRK]}.{COUNTRIES[USA]}"
    rows: list[tuple[str, Callable[[dict[str, NDArray[Any]] | pd.DataFrame], str]]] = [
        ("a summit held (share of futures)", lambda o: f"{o['summit_held'].mean():.0%}"),
        (
            "a freeze or better (share of futures)",
            lambda o: f"{np.isin(o['agreement_type'], AGREEMENTS_FREEZE).mean():.0%}",
        ),
        ("provocations (median)", lambda o: f"{np.median(o['provocations']):.0f}"),
        (
            "North Korea's trust in the US at the end (median)",
            lambda o: f"{np.median(o[trust]):.2f}",
        ),
        ("mean tension (median)", lambda o: f"{np.median(o['mean_tension']):.2f}"),
    ]
    name = DISPLAY_NAMES[code]
    lines = [
        f"Over {len(seeds)} futures (seeds {seeds[0]}–{seeds[-1]}): your moves, replayed "
        f"month by month in every future | the model's {name}, deciding afresh in each",
        "  (the same moves in every future ignore what happens in it, so they may do worse "
        "than a country that reacts)",
    ]
    lines += [f"  {label}: {cell(yours)} | {cell(model)}" for label, cell in rows]
    return lines


def play(
    scenario: Scenario,
    code: str,
    choose: Chooser,
    out: TextIO,
    replicates: int,
    interactive: bool = False,
) -> tuple[dict[str, Any], Moves]:
    """Play ``code`` against the model's other five; tell the story; compare at the end.

    ``interactive`` adds, before each month's questions, a line on where the player stands. When
    the player's input ends (:class:`EndOfInput`) the game stops after the last month played,
    and the comparisons cover the months played.

    Returns
    -------
    summary, moves
        The player's run's summary (as summary.json) and every asked move used, by month.
    """
    name = DISPLAY_NAMES[code]
    out.write(f"{scenario.name}: you are {name}; {scenario.months} months from {scenario.start}, ")
    out.write(f"seed {scenario.seed}\n")
    model = DiplomacyModel(scenario, keep_events=True, record=False)
    moves: Moves = {}
    brief = out if interactive else None
    model.countries_by_code[code].controller = live_controller(model, choose, moves, brief)
    while model.running:
        try:
            model.step()
        except EndOfInput:
            moves.pop(model.month, None)
            out.write(f"\nEnd of input: the game stops after {len(moves)} months played.\n")
            break
        for line in month_lines(list(snapshot(model).events), scenario.start):
            out.write(line + "\n")
        out.flush()
    played = with_overrides(scenario, {"months": len(moves)}) if moves else scenario
    if not moves:
        return {}, moves
    if len(moves) < scenario.months:
        model = DiplomacyModel(played, keep_events=True, record=False)
        model.countries_by_code[code].controller = replay_controller(model, moves)
        model.run()
    summary = _summary(model)
    own = DiplomacyModel(played, keep_events=True, record=False)
    own.run()
    out.write(f"On seed {played.seed}, the same future for both:\n")
    out.write("  You:        " + headline(summary) + "\n")
    out.write(f"  Model's {name}: " + headline(_summary(own)) + "\n")
    seeds = np.arange(played.seed, played.seed + replicates)
    for line in compare_over_seeds(played, code, moves, seeds):
        out.write(line + "\n")
    return summary, moves


def _summary(model: DiplomacyModel) -> dict[str, Any]:
    events = model.log.for_run(0)
    start = model.config.start
    return run_summary(batch_outcomes(model.state, start, model.months), 0, events, start)
