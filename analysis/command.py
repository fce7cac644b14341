"""The ``neasim plot``, ``neasim compare`` and ``neasim analyze`` subcommands.

Each ``add_*_command`` registers one subcommand on the CLI's subparsers and sets ``func`` to a
callable taking the parsed arguments and returning an exit status. Bad input raises
:class:`sim.errors.InputError`, which the CLI reports on one line with exit status 2.
Plotting modules are imported when a command runs, so ``neasim --help`` stays fast.
"""

import argparse
from pathlib import Path

from analysis.output import FORMATS
from sim.errors import InputError

DEFAULT_OUTCOME = "mean_tension"


def add_plot_commands(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``plot``, ``compare`` and ``analyze``."""
    add_plot_command(subparsers)
    add_compare_command(subparsers)
    add_analyze_command(subparsers)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default=FORMATS[0], help="image format (default: png)"
    )


def add_plot_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``plot PATH... [--out DIR] [--series NAME]... [--outcome NAME] [--network]``."""
    plot = subparsers.add_parser(
        "plot",
        help="write the plots of saved runs, ensembles or sweeps",
        description=(
            "Write the standard plots of each run directory (trust, leverage, pressure, "
            "timeline, world) into <run>/plots; fan charts and summit outcomes of each ensemble "
            "or sweep with trajectories; the outcome and parameter plots of each sweep. "
            "Prints each file written."
        ),
    )
    plot.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a saved directory")
    plot.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write here instead (one subdirectory per PATH when several are given)",
    )
    plot.add_argument(
        "--series",
        action="append",
        metavar="NAME",
        help="fan chart of this trajectory series, e.g. trust_USA or tension (repeatable)",
    )
    plot.add_argument(
        "--outcome",
        metavar="NAME",
        help=f"the outcome of a sweep's parameters plot (default: {DEFAULT_OUTCOME})",
    )
    plot.add_argument(
        "--network",
        nargs="*",
        metavar="YYYY-MM",
        help="also draw a run's trust network at these months (default: first, middle, last)",
    )
    _add_format(plot)
    plot.set_defaults(func=run_plot)


def add_compare_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``compare PATH... [--out DIR] [--table] [--format FMT]``."""
    compare = subparsers.add_parser(
        "compare",
        help="compare saved runs, ensembles and sweeps on shared axes",
        description=(
            "Overlay North Korea's trust in the US, tension, North Korea's need for sanctions "
            "relief and Japan's domestic pressure (runs as lines, ensembles and sweeps as "
            "median and 10-90% band) in compare.png, and the probability of a summit by month, "
            "agreement-type shares and time to the first summit in compare_outcomes.png. "
            "Prints each file written, then the directory as the last line."
        ),
    )
    compare.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="run, ensemble or sweep directory"
    )
    compare.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="the directory to write (default: compare-<UTC time> beside the first PATH)",
    )
    compare.add_argument(
        "--table", action="store_true", help="also print a table of the runs' outcomes"
    )
    compare.add_argument(
        "--pool",
        action="store_true",
        help="pool runs that differ only in their seed into one group (median and band)",
    )
    _add_format(compare)
    compare.set_defaults(func=run_compare)


def add_analyze_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``analyze SWEEP [--outcome NAME] [--out DIR] [--format FMT]``."""
    analyze = subparsers.add_parser(
        "analyze",
        help="Sobol or Morris sensitivity indices of a saved sweep: table and charts",
        description=(
            "Sensitivity of one outcome of a sobol or morris sweep to its parameters: prints "
            "the table of indices (Sobol' S1 and ST with confidence intervals, or Morris mu* and "
            "sigma) and writes it as CSV with a chart and the parameters plot into <sweep>/plots."
        ),
    )
    analyze.add_argument("sweep", type=Path, metavar="SWEEP", help="a sweep directory")
    analyze.add_argument(
        "--outcome",
        default=DEFAULT_OUTCOME,
        metavar="NAME",
        help=f"a numeric or yes/no outcome column (default: {DEFAULT_OUTCOME})",
    )
    analyze.add_argument("--out", type=Path, metavar="DIR", help="write here instead")
    _add_format(analyze)
    analyze.set_defaults(func=run_analyze)


def run_plot(args: argparse.Namespace) -> int:
    """Write plots for each path in ``args.paths``; print every file written."""
    from analysis.many_runs import write_many_run_plots
    from analysis.plots import write_standard_plots
    from analysis.sweep_plots import plot_sweep

    paths: list[Path] = args.paths
    kinds = [_kind(path) for path in paths]
    _check_options(args, paths, kinds)
    out: Path | None = args.out
    if out is not None:
        _check_out(out)
    for path, kind in zip(paths, kinds, strict=True):
        target = out
        if out is not None and len(paths) > 1:
            target = out / (path.resolve().name or "run")
        written = []
        if kind == "sweep":
            written += plot_sweep(path, target, args.outcome or DEFAULT_OUTCOME, args.format)
        if kind == "ensemble" or (path / "trajectories.parquet").is_file():
            written += write_many_run_plots(path, target, args.series, args.format)
        if kind == "run":
            written = write_standard_plots(path, target, args.format)
            if args.network is not None:
                written.append(_write_network(path, target, args.network, args.format))
        for file in written:
            print(file)
    return 0


def _kind(path: Path) -> str:
    """``run``, ``ensemble`` or ``sweep``; a run directory is checked whole before it is read."""
    from analysis.checks import check_run_dir
    from analysis.ensembledir import is_ensemble_dir
    from analysis.sweepdir import is_sweep_dir

    if is_ensemble_dir(path):
        return "ensemble"
    if is_sweep_dir(path):
        return "sweep"
    check_run_dir(path)
    return "run"


def _check_options(args: argparse.Namespace, paths: list[Path], kinds: list[str]) -> None:
    """An option that applies to none of the directories given is an error, not ignored."""
    with_trajectories = [
        kind == "ensemble" or (path / "trajectories.parquet").is_file()
        for path, kind in zip(paths, kinds, strict=True)
    ]
    rules = (
        ("--network", args.network is not None, "run", [k == "run" for k in kinds]),
        ("--outcome", args.outcome is not None, "sweep", [k == "sweep" for k in kinds]),
        ("--series", bool(args.series), "ensemble or sweep with trajectories", with_trajectories),
    )
    for option, given, applies_to, applies in rules:
        if given and not all(applies):
            path, kind = next(
                (p, k) for p, k, a in zip(paths, kinds, applies, strict=True) if not a
            )
            raise InputError(f"{option}: applies to a {applies_to} directory; {path} is a {kind}")


def _check_out(out: Path) -> None:
    """``--out`` must be a directory or not exist yet."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a directory; choose another --out")


def _write_network(path: Path, target: Path | None, months: list[str], fmt: str) -> Path:
    from analysis.network import network_figure
    from analysis.output import save_figure
    from analysis.rundir import load_run

    run = load_run(path)
    folder = run.path / "plots" if target is None else target
    return save_figure(network_figure(run, months), folder / f"network.{fmt}")


def run_compare(args: argparse.Namespace) -> int:
    """Write the comparison figures; print the table if asked, the files, then the directory.

    The output directory is claimed as a run's is (:mod:`sim.runs.claim`): the default
    ``compare-<time>`` gets ``-2``... when taken, so comparisons started at once never share
    one; a new ``--out`` is written under a temporary name and renamed when complete.
    """
    from analysis.compare import compare, default_compare_dir, summary_table
    from sim.runs.claim import claim, commit, partial_path, release

    paths: list[Path] = args.paths
    for path in paths:
        _kind(path)
    out: Path | None = args.out
    if out is not None:
        _check_out(out)
    if args.table:
        print(summary_table(paths).to_string(index=False))
    if out is not None and out.is_dir():
        written = compare(paths, out, args.format, pool=args.pool)
        target = out
    else:
        target = claim(out or default_compare_dir(paths[0]), numbered=out is None)
        try:
            made = compare(paths, partial_path(target), args.format, pool=args.pool)
            commit(target)
        except BaseException:
            release(target)
            raise
        written = [target / file.name for file in made]
    for file in written:
        print(file)
    print(target)
    return 0


def _background(sweep: Path) -> str:
    """The sweep's ``background`` (``declared`` when its ``sweep.yaml`` does not say)."""
    import yaml

    try:
        spec = yaml.safe_load((sweep / "sweep.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return "declared"
    return str(spec.get("background", "declared")) if isinstance(spec, dict) else "declared"


def run_analyze(args: argparse.Namespace) -> int:
    """Print the indices of one outcome, then every file written."""
    from analysis.sensitivity_plots import analyze

    if args.out is not None:
        _check_out(args.out)
    table, written = analyze(args.sweep, args.outcome, args.out, args.format)
    if _background(args.sweep) == "posterior":
        print(
            "over runs that drew the calibrated parameters the design does not vary from the "
            "posterior (background: posterior)"
        )
    print(table.to_string(float_format=lambda v: f"{v:.4f}"))
    for file in written:
        print(file)
    return 0
