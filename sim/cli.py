"""The ``neasim`` command line: run, validate, scenarios, sweep, plot, compare.

Bad input ends with one line on stderr naming the file, the key path and what is wrong, and exit
status 2 (docs/design.md); nothing half-written is left behind.
"""

import argparse
import importlib
import os
import sys
import textwrap
from collections.abc import Collection, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from sim import __version__
from sim.errors import InputError, InvalidRunError
from sim.failures import (
    WORKER_DIED,
    OneLineParser,
    allow_file_size_errors,
    environment_error,
    handle_stop_signals,
    integer_in,
    interrupted_status,
    replace_unencodable_output,
)
from sim.parameters.labels import set_help

MAX_MONTHS = 600
"""The longest run (as :data:`sim.scenario.MAX_MONTHS`, which a test keeps equal)."""
MAX_SEED = 2**63 - 1
MAX_REPLICATES = 100_000

if TYPE_CHECKING:
    from sim.runs.plotting import Plotters

COMMANDS: dict[str, tuple[str, str, str]] = {
    "sweep": (
        "sim.sweep.command",
        "add_sweep_command",
        "run a parameter sweep (resumes an interrupted one)",
    ),
    "plot": (
        "analysis.command",
        "add_plot_command",
        "write the plots of saved runs, ensembles or sweeps",
    ),
    "compare": (
        "analysis.command",
        "add_compare_command",
        "compare saved runs, ensembles and sweeps on shared axes",
    ),
    "analyze": (
        "analysis.command",
        "add_analyze_command",
        "Sobol or Morris sensitivity indices of a saved sweep: table and charts",
    ),
    "params": (
        "sim.parameters.command",
        "add_params_command",
        "list the declared parameters: value, bounds, units, meaning, source",
    ),
    "calibrate": (
        "sim.calibration.command",
        "add_calibrate_command",
        "calibrate against the dated record; --check the posterior, --table the 2017 replay",
    ),
    "app": (
        "sim.app.command",
        "add_app_command",
        "the classroom page, served on 127.0.0.1, working offline",
    ),
    "play": (
        "sim.classroom.play_command",
        "add_play_command",
        "play one country against the model's other five",
    ),
}
"""Commands defined in other modules: the module, its registering function, a line of help.

A module is imported only when its command runs, so ``neasim --help`` stays fast.
"""


def _settings(assignments: Sequence[str] | None) -> dict[str, str]:
    from sim.scenario import parse_assignment

    settings: dict[str, str] = {}
    for text in assignments or ():
        key, _ = parse_assignment(text)
        settings[key] = text.partition("=")[2]
    return settings


def _plotters(no_plots: bool) -> "Plotters | None":
    """The figures ``neasim run`` draws: analysis draws them, the runs only call it."""
    if no_plots:
        return None
    from analysis.many_runs import plotters

    return plotters()


def _option_settings(args: argparse.Namespace) -> dict[str, str]:
    """``--set`` assignments, then ``--seed`` and ``--months`` (already checked by the parser)."""
    settings = _settings(args.set)
    for option in ("seed", "months"):
        value = getattr(args, option)
        if value is not None:
            if option in settings:
                raise InputError(f"--{option} and --set {option}=...: give one of them")
            settings[option] = str(value)
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    """``neasim run``: one run, its narrative, its directory (or an ensemble of runs)."""
    from sim.scenario import load_scenario

    settings = _option_settings(args)
    scenario = load_scenario(args.scenario, settings)
    if args.replicates is not None:
        from sim.runs.ensemble import run_ensemble

        if args.replicates > MAX_REPLICATES:
            raise InputError(f"--replicates {args.replicates}: at most {MAX_REPLICATES:,}")
        stream = None if args.quiet else sys.stdout
        drawn = None
        if args.draw is not None:
            from sim.calibration.uncertainty import ensemble_parameters

            drawn = ensemble_parameters(scenario, args.replicates, args.draw)
        out = run_ensemble(
            scenario, args.replicates, args.out, _plotters(args.no_plots), stream, drawn
        )
        print(out)
        return 0
    if args.draw is not None:
        raise InputError(f"--{args.draw}: draws parameters for an ensemble; add --replicates N")
    from sim.runs.single import simulate_and_save

    out = simulate_and_save(
        scenario,
        out=args.out,
        plots=_plotters(args.no_plots),
        quiet=args.quiet,
        stream=sys.stdout,
        suspects=list(settings),
    )
    print(out)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``neasim validate``: check scenario files; exit 2 at the first bad one."""
    from sim.scenario import load_scenario, resolve_path

    for ref in args.scenarios:
        scenario = load_scenario(ref)
        print(
            f"ok  {resolve_path(ref)}  "
            f"({scenario.name}, {scenario.months} months from {scenario.start})"
        )
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    """``neasim scenarios``: the bundled scenarios and what they are."""
    from sim.scenario import bundled_scenarios, read_raw

    for name, path in bundled_scenarios().items():
        raw = read_raw(path)
        parent = _parent(path)
        heading = f"{name}" + (f"  (extends {parent})" if parent else "")
        print(heading)
        description = " ".join(str(raw.get("description", "")).split())
        print(textwrap.fill(description, width=96, initial_indent="    ", subsequent_indent="    "))
    return 0


def _parent(path: Path) -> str | None:
    from sim.scenario import read_yaml

    parent = read_yaml(path).get("extends")
    return str(parent) if parent else None


def build_parser(load: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand.

    Parameters
    ----------
    load : collection of str, optional
        The commands of :data:`COMMANDS` to register in full (all of them when None); the
        others appear in ``neasim --help`` by name and help line only, their modules not imported.
    """
    parser = OneLineParser(
        prog="neasim", description="Agent-based simulation of Northeast Asian diplomacy."
    )
    parser.add_argument("--version", action="version", version=f"neasim {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="one run (or an ensemble): a narrative and a directory")
    run.add_argument("scenario", nargs="?", default="baseline", help="a path or bundled name")
    run.add_argument(
        "--seed", type=integer_in(0, MAX_SEED), help="seed of the run (default: the scenario's)"
    )
    run.add_argument(
        "--months",
        type=integer_in(1, MAX_MONTHS),
        help="months to simulate (default: the scenario's)",
    )
    run.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help=set_help(),
    )
    run.add_argument(
        "--out", type=Path, help="the run directory (default: runs/<name>-<time>-s<seed>)"
    )
    run.add_argument(
        "--replicates",
        type=int,
        metavar="N",
        help="an ensemble: N runs (seeds SEED..SEED+N-1) in one directory, with fan charts",
    )
    draws = run.add_mutually_exclusive_group()
    draws.add_argument(
        "--posterior",
        dest="draw",
        action="store_const",
        const="posterior",
        help="with --replicates: each run also draws its parameters from data/posterior.parquet",
    )
    draws.add_argument(
        "--prior",
        dest="draw",
        action="store_const",
        const="prior",
        help="with --replicates: each run also draws the calibrated parameters from their priors",
    )
    run.add_argument("--no-plots", action="store_true", help="skip the standard plots")
    run.add_argument("--quiet", action="store_true", help="print only the run directory")
    run.set_defaults(func=cmd_run)

    validate = commands.add_parser("validate", help="check scenario files")
    validate.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    validate.set_defaults(func=cmd_validate)

    scenarios = commands.add_parser("scenarios", help="list the bundled scenarios")
    scenarios.set_defaults(func=cmd_scenarios)

    for name, (module, function, line) in COMMANDS.items():
        if load is None or name in load:
            getattr(importlib.import_module(module), function)(commands)
        else:
            commands.add_parser(name, help=line, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``neasim`` console script.

    Exit status: 0 done, 2 bad input, 1 a run gone invalid or an environment error (permissions,
    a full disk, memory, a worker process killed), 130 interrupted (Ctrl-C), 143 terminated
    (SIGTERM, handled like Ctrl-C); each reported on one line, never a traceback.
    """
    replace_unencodable_output()
    try:
        allow_file_size_errors()
        handle_stop_signals()
        words = sys.argv[1:] if argv is None else list(argv)
        parser = build_parser(load=[word for word in words[:1] if word in COMMANDS])
        args = parser.parse_args(words)
        return int(args.func(args))
    except InputError as error:
        return _say(str(error), 2)
    except InvalidRunError as error:
        return _say(str(error), 1)
    except BrokenPipeError:  # e.g. `neasim run | head`: the output was no longer wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except BrokenProcessPool:
        return _say(WORKER_DIED, 1)
    except (OSError, MemoryError) as error:
        return _say(environment_error(error), 1)
    except RecursionError:
        return _say("input nested too deeply to be read", 2)
    except EOFError:
        return _say("end of input before the answer was given", 2)
    except KeyboardInterrupt as error:
        code, word = interrupted_status(error)
        return _say(word, code, prefix="neasim: ")


def _say(message: str, code: int, prefix: str = "neasim: error: ") -> int:
    """Print one line on stderr (control characters shown escaped); return ``code``."""
    print(prefix + printable(" ".join(message.split())), file=sys.stderr)
    return code


def printable(text: str) -> str:
    """``text`` with control characters (ESC, carriage return, ...) shown as escapes.

    Names and values come from users' files; printed raw, they could move a terminal's cursor or
    change its colours.
    """
    return "".join(
        character if character.isprintable() else character.encode("unicode_escape").decode()
        for character in text
    )


if __name__ == "__main__":
    sys.exit(main())
