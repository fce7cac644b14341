"""The ``neasim`` command line: run, validate, scenarios, sweep, plot, compare.

Bad input ends with one line on stderr naming the file, the key path and what is wrong, and exit
status 2 (DESIGN.md); nothing half-written is left behind.
"""

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim.errors import InputError, InvalidRunError
from sim.failures import OneLineParser, allow_file_size_errors, environment_error


def _settings(assignments: Sequence[str] | None) -> dict[str, str]:
    from sim.scenario import parse_assignment

    settings: dict[str, str] = {}
    for text in assignments or ():
        key, _ = parse_assignment(text)
        settings[key] = text.partition("=")[2]
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    """``neasim run``: one run, its narrative, its directory."""
    from sim.scenario import load_scenario
    from sim.single_run import simulate_and_save

    settings = _settings(args.set)
    if args.seed is not None:
        settings["seed"] = str(args.seed)
    if args.months is not None:
        settings["months"] = str(args.months)
    scenario = load_scenario(args.scenario, settings)
    out = simulate_and_save(
        scenario,
        out=args.out,
        plots=not args.no_plots,
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = OneLineParser(
        prog="neasim", description="Agent-based simulation of Northeast Asian diplomacy."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="one run: a narrative and a run directory")
    run.add_argument("scenario", nargs="?", default="baseline", help="a path or bundled name")
    run.add_argument("--seed", type=int, help="seed of the run (default: the scenario's)")
    run.add_argument("--months", type=int, help="months to simulate (default: the scenario's)")
    run.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="override a scenario key by dotted path, e.g. actors.PRK.trust.USA=0.3 (repeatable)",
    )
    run.add_argument(
        "--out", type=Path, help="the run directory (default: runs/<name>-<time>-s<seed>)"
    )
    run.add_argument("--no-plots", action="store_true", help="skip the standard plots")
    run.add_argument("--quiet", action="store_true", help="print only the run directory")
    run.set_defaults(func=cmd_run)

    validate = commands.add_parser("validate", help="check scenario files")
    validate.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    validate.set_defaults(func=cmd_validate)

    scenarios = commands.add_parser("scenarios", help="list the bundled scenarios")
    scenarios.set_defaults(func=cmd_scenarios)

    add_optional_commands(commands)
    return parser


def add_optional_commands(commands: "argparse._SubParsersAction[Any]") -> None:
    """Sweeps, plots and the calibration register their own subcommands."""
    from analysis.command import add_plot_commands
    from sim.calibration import add_calibrate_command
    from sim.sweep.command import add_sweep_command

    add_sweep_command(commands)
    add_plot_commands(commands)
    add_calibrate_command(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``neasim`` console script.

    Exit status: 0 done, 2 bad input, 1 a run gone invalid or an environment error (permissions,
    a full disk, memory), 130 interrupted; each reported on one line.
    """
    try:
        allow_file_size_errors()
        parser = build_parser()
        args = parser.parse_args(argv)
        return int(args.func(args))
    except InputError as error:
        print(f"neasim: error: {error}", file=sys.stderr)
        return 2
    except InvalidRunError as error:
        print(f"neasim: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `neasim run | head`: the output was no longer wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (OSError, MemoryError) as error:
        print(f"neasim: error: {environment_error(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("neasim: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
