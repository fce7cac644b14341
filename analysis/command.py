"""The ``neasim plot`` and ``neasim compare`` subcommands.

:func:`add_plot_commands` registers both on the CLI's subparsers; each sets ``func`` to a
callable taking the parsed arguments and returning an exit status. Bad input raises
:class:`sim.errors.InputError`, which the CLI reports on one line with exit status 2.
Plotting modules are imported when a command runs, so ``neasim --help`` stays fast.
"""

import argparse
from pathlib import Path


def add_plot_commands(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``plot PATH... [--out DIR]`` and ``compare PATH... [--out FILE] [--table]``."""
    plot = subparsers.add_parser(
        "plot",
        help="write the standard plots of saved runs or sweeps",
        description=(
            "Write the standard plots of each run directory (trust, leverage, pressure, "
            "timeline, world) into <run>/plots, or the outcome plots of each sweep directory "
            "into <sweep>/plots. Prints each file written."
        ),
    )
    plot.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="run or sweep directory")
    plot.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write here instead (one subdirectory per PATH when several are given)",
    )
    plot.set_defaults(func=run_plot)

    compare = subparsers.add_parser(
        "compare",
        help="overlay key series of several runs in one figure",
        description=(
            "Overlay North Korea's trust in the US, tension, North Korea's need for sanctions "
            "relief and Japan's domestic pressure from several run directories. Prints the "
            "figure's path as the last line."
        ),
    )
    compare.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="run directory")
    compare.add_argument(
        "--out",
        type=Path,
        default=Path("compare.png"),
        metavar="FILE",
        help="the PNG to write (default: compare.png in the current directory)",
    )
    compare.add_argument(
        "--table", action="store_true", help="also print a table of the runs' outcomes"
    )
    compare.set_defaults(func=run_compare)


def run_plot(args: argparse.Namespace) -> int:
    """Write plots for each path in ``args.paths``; print every file written."""
    from analysis.checks import check_run_dir
    from analysis.plots import write_standard_plots
    from analysis.sweep_plots import plot_sweep
    from analysis.sweepdir import is_sweep_dir

    paths: list[Path] = args.paths
    for path in paths:
        if not is_sweep_dir(path):
            check_run_dir(path)
    out: Path | None = args.out
    for path in paths:
        target = out
        if out is not None and len(paths) > 1:
            target = out / (path.resolve().name or "run")
        if is_sweep_dir(path):
            written = plot_sweep(path, target)
        else:
            written = write_standard_plots(path, target)
        for file in written:
            print(file)
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """Write the comparison figure; print the table if asked, then the figure's path."""
    from analysis.checks import check_run_dir
    from analysis.compare import compare_runs, summary_table

    paths: list[Path] = args.paths
    for path in paths:
        check_run_dir(path)
    if args.table:
        print(summary_table(paths).to_string(index=False))
    print(compare_runs(paths, args.out))
    return 0
