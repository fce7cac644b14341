"""``neasim play --as ISO``: a student decides for one country against the model's other five.

Each month the student's country first decides as the model would; the student then sees those
decisions — exactly the fields of the intentions its agent returns (:mod:`sim.intentions`), so
the action set follows the agent — and keeps or changes each one. The story is told as
``neasim run`` tells it. At the end the student's outcome is set against the model's own country
on the same seed, and the student's moves, replayed month by month over many seeds, against the
model's own over the same seeds.
"""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import yaml
from numpy.typing import NDArray

from sim.agents.base import Controller, Country
from sim.countries import COUNTRIES, DISPLAY_NAMES, PRK, USA
from sim.errors import InputError
from sim.model import DiplomacyModel
from sim.runs.batch import run_batch
from sim.runs.narrative import month_lines
from sim.runs.outcomes import batch_outcomes, run_summary
from sim.runs.single import headline
from sim.scenario import Scenario, load_scenario

Moves = dict[str, dict[str, Any]]
"""Chosen decisions by month (``YYYY-MM``), by decision key."""

Chooser = Callable[[str, dict[str, Any]], dict[str, Any]]
"""Given the month and the country's own decisions (key → value), the values to use instead."""

TRUE_WORDS = {"y", "yes", "true", "1"}
FALSE_WORDS = {"n", "no", "false", "0"}
AGREEMENTS_FREEZE = ("freeze_for_relief", "disarmament_step")


def parse_value(text: str, like: Any) -> Any:
    """A typed answer: yes/no for a decision taken or not, a whole number for a choice among
    options (China's and Russia's act, North Korea's reason to test), a number for a quantity."""
    if isinstance(like, bool | np.bool_):
        word = text.strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        raise ValueError(f"answer yes or no, not {text!r}")
    if isinstance(like, int | np.integer):
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"answer a whole number, not {text!r}")
        return int(number)
    return float(text)


def describe(value: Any) -> tuple[str, str]:
    """How a decision's value is shown, and what kind of answer it takes."""
    if isinstance(value, bool):
        return ("yes" if value else "no"), "yes/no"
    if isinstance(value, int):
        return str(value), "a whole number"
    return f"{value:.2f}", "a number"


def read_moves(path: Path) -> Moves:
    """A YAML file of moves: ``YYYY-MM: {decision: value, ...}`` for the months the class chose.

    Months and decisions it leaves out keep the model's own choice.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: malformed YAML: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError(f"{path}: expected a mapping of months (YYYY-MM) to mappings of moves")
    return {str(month): dict(moves) for month, moves in data.items()}


def file_chooser(moves: Moves, source: Path) -> Chooser:
    """Choose from a file of moves; a decision the country does not make is an input error."""

    def choose(month: str, own: dict[str, Any]) -> dict[str, Any]:
        chosen = moves.get(month, {})
        chosen_keys = set(chosen)
        if unknown := chosen_keys - set(own):
            key = sorted(unknown)[0]
            known = ", ".join(own) or "none"
            raise InputError(f"{source}: {month}.{key}: not a decision (this month: {known})")
        try:
            return {key: parse_value(str(value), own[key]) for key, value in chosen.items()}
        except ValueError as error:
            raise InputError(f"{source}: {month}: {error}") from None

    return choose


def terminal_chooser(ask: Callable[[str], str], out: TextIO) -> Chooser:
    """Ask for each decision in turn; an empty answer keeps the model's own choice."""

    def choose(month: str, own: dict[str, Any]) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for key, value in own.items():
            shown, kind = describe(value)
            while True:
                answer = ask(f"{month}  {key}? ({kind}; Enter keeps the model's: {shown}) ")
                if not answer.strip():
                    break
                try:
                    chosen[key] = parse_value(answer, value)
                    break
                except ValueError as error:
                    out.write(f"  {error}\n")
        return chosen

    return choose


def _plain(value: NDArray[Any]) -> Any:
    item = value[0].item()
    return bool(item) if value.dtype == bool else item


def situation(model: DiplomacyModel, country: Country) -> str:
    """Where things stand for the player's country as it decides, in one line."""
    s, i = model.state, country.index
    return (
        f"{model.month}  You are {DISPLAY_NAMES[country.code]}: leverage {s.leverage[0, i]:.2f}, "
        f"domestic pressure {s.pressure[0, i]:.2f}; North Korea's trust in the US "
        f"{s.trust[0, PRK, USA]:.2f}; talks {'alive' if s.talks_alive[0] else 'not alive'}; "
        f"tension {s.tension[0]:.2f}"
    )


def live_controller(
    model: DiplomacyModel, choose: Chooser, record: Moves, brief: TextIO | None = None
) -> Controller:
    """The controller of one run: ask ``choose`` each month and record every value used.

    With ``brief``, the player's situation is written there before each choice.
    """

    def control(country: Country, own: dict[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
        if brief is not None:
            brief.write(situation(model, country) + "\n")
        plain = {key: _plain(value) for key, value in own.items()}
        chosen = choose(model.month, plain)
        record[model.month] = {**plain, **chosen}
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
    """The student's moves against the model's own country over the same seeds, as table lines."""
    replayed = DiplomacyModel(scenario, seeds=seeds, keep_events=False, record=False)
    replayed.countries_by_code[code].controller = replay_controller(replayed, moves)
    replayed.run()
    yours = batch_outcomes(replayed.state, scenario.start, replayed.months)
    model = run_batch(scenario, seeds).outcomes
    rows = [
        ("a summit held", lambda o: f"{o['summit_held'].mean():.0%}"),
        (
            "freeze or better",
            lambda o: f"{np.isin(o['agreement_type'], AGREEMENTS_FREEZE).mean():.0%}",
        ),
        ("provocations (median)", lambda o: f"{np.median(o['provocations']):.0f}"),
        (
            "North Korea's trust in the US at the end (median)",
            lambda o: f"{np.median(o[f'trust_final.{COUNTRIES[PRK]}.{COUNTRIES[USA]}']):.2f}",
        ),
        ("mean tension (median)", lambda o: f"{np.median(o['mean_tension']):.2f}"),
    ]
    name = DISPLAY_NAMES[code]
    lines = [f"Over seeds {seeds[0]}–{seeds[-1]}: your moves | the model's {name}"]
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

    ``interactive`` adds, before each month's choice, a line on where the player stands.

    Returns
    -------
    summary, moves
        The student's run's summary (as summary.json) and every move used, by month.
    """
    name = DISPLAY_NAMES[code]
    out.write(f"{scenario.name}: you are {name}; {scenario.months} months from {scenario.start}, ")
    out.write(f"seed {scenario.seed}\n")
    model = DiplomacyModel(scenario, keep_events=True, record=False)
    moves: Moves = {}
    brief = out if interactive else None
    model.countries_by_code[code].controller = live_controller(model, choose, moves, brief)
    while model.running:
        model.step()
        month_events = [e for e in model.log.for_run(0) if e.step == model.t]
        for line in month_lines(month_events, scenario.start):
            out.write(line + "\n")
        out.flush()
    summary = _summary(model)
    own = DiplomacyModel(scenario, keep_events=True, record=False)
    own.run()
    out.write("You:        " + headline(summary) + "\n")
    out.write(f"Model's {name}: " + headline(_summary(own)) + "\n")
    seeds = np.arange(scenario.seed, scenario.seed + replicates)
    for line in compare_over_seeds(scenario, code, moves, seeds):
        out.write(line + "\n")
    return summary, moves


def _summary(model: DiplomacyModel) -> dict[str, Any]:
    events = model.log.for_run(0)
    start = model.config.start
    return run_summary(batch_outcomes(model.state, start, model.months), 0, events, start)


def cmd_play(args: argparse.Namespace) -> int:
    """``neasim play``."""
    settings = {key: str(getattr(args, key)) for key in ("seed", "months")}
    settings = {key: value for key, value in settings.items() if value != "None"}
    scenario = load_scenario(args.scenario, settings)
    if args.moves is not None:
        choose = file_chooser(read_moves(args.moves), args.moves)
    else:
        choose = terminal_chooser(input, sys.stdout)
    play(scenario, args.country, choose, sys.stdout, args.replicates, args.moves is None)
    return 0


def add_play_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``neasim play``."""
    parser = commands.add_parser("play", help="decide for one country against the model's five")
    parser.add_argument("scenario", nargs="?", default="baseline", help="a path or bundled name")
    parser.add_argument("--as", dest="country", required=True, choices=COUNTRIES, metavar="ISO")
    parser.add_argument("--seed", type=int, help="seed of the game (default: the scenario's)")
    parser.add_argument("--months", type=int, help="months to play (default: the scenario's)")
    parser.add_argument("--moves", type=Path, help="a YAML file of moves instead of the terminal")
    parser.add_argument(
        "--replicates", type=int, default=100, help="seeds for the comparison (default 100)"
    )
    parser.set_defaults(func=cmd_play)
