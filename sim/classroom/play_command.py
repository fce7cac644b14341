"""``neasim play --as ISO``: the command around :mod:`sim.classroom.play`.

It reads the scenario and the moves (checked before the game starts), asks at the terminal
otherwise, and with ``--save-moves`` writes the moves played (all of them, or as far as the game
went when input ended) as a file ``--moves`` can replay.
"""

import argparse
import sys
from pathlib import Path

import yaml

from sim.classroom.play import Moves, file_chooser, play, read_moves, terminal_chooser
from sim.countries import COUNTRIES
from sim.scenario import load_scenario
from sim.sweep.atomic import write_text


def save_moves(path: Path, moves: Moves) -> None:
    """Write moves as YAML ``--moves`` reads, under a temporary name renamed when complete."""
    write_text(path, yaml.safe_dump(moves, sort_keys=True, allow_unicode=True))


def cmd_play(args: argparse.Namespace) -> int:
    """``neasim play``."""
    settings = {key: str(getattr(args, key)) for key in ("seed", "months")}
    settings = {key: value for key, value in settings.items() if value != "None"}
    scenario = load_scenario(args.scenario, settings)
    if args.moves is not None:
        choose = file_chooser(read_moves(args.moves, scenario, args.country))
    else:
        choose = terminal_chooser(args.country, input, sys.stdout)
    _, moves = play(scenario, args.country, choose, sys.stdout, args.replicates, args.moves is None)
    if args.save_moves is not None:
        save_moves(args.save_moves, moves)
        print(f"Your moves are saved in {args.save_moves} (replay them with --moves)")
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
        "--save-moves", type=Path, help="write the moves played to this YAML file (for --moves)"
    )
    parser.add_argument(
        "--replicates", type=int, default=100, help="seeds for the comparison (default 100)"
    )
    parser.set_defaults(func=cmd_play)
