"""``neasim calibrate``: the command, its options, and what each mode runs.

The inference (default), its checks (``--check``) and the replay beside the 2017–2018 record
(``--table``, computed by :mod:`sim.calibration.record`). The logic lives in the modules the
command calls; this module reads options and reports.
"""

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sim.calibration.posterior import POSTERIOR, Posterior, read_posterior
from sim.calibration.problem import DEFAULT, load_problem
from sim.calibration.record import SCENARIO, TABLE_BEGIN, TABLE_END, calibration_table
from sim.errors import InputError
from sim.marked_section import replace_marked_section
from sim.parameters.labels import set_help
from sim.scenario import parse_assignment

VALIDATION = Path("docs") / "validation.md"


def shown(path: Path) -> str:
    """A path as a reader of the documents sees it: relative to the working directory if inside."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def run_calibration(args: argparse.Namespace) -> int:
    """Calibrate (default) or check the posterior (``--check``).

    A calibration claims its posterior file and holds its store for as long as it runs
    (:mod:`sim.runs.claim`): a second one started meanwhile on either is refused with one line
    naming the process that holds it, and the posterior is replaced in one rename.
    """
    problem = load_problem(args.problem or DEFAULT)
    posterior_path = args.posterior or POSTERIOR
    if args.check:
        from sim.calibration.check import document, validate, write_validation

        posterior = read_posterior(posterior_path)
        validation = validate(problem, posterior)
        text = document(validation, problem, posterior, "data/posterior.parquet")
        out = args.validation or VALIDATION
        write_validation(out, text)
        print(shown(out))
        return 0
    from sim.calibration.infer import calibrate
    from sim.runs.claim import claim_file, hold

    store: Path = args.store
    if store.exists() and not store.is_dir():
        raise InputError(f"{store}: exists and is not a directory; give another --store")
    workers, scheduler = getattr(args, "workers", None), getattr(args, "scheduler", None)
    with claim_file(posterior_path):  # one calibration writes a posterior at a time
        replaced = previous_posterior(posterior_path)
        store.mkdir(parents=True, exist_ok=True)
        with hold(store, store / ".lock"):  # and works in a store at a time
            if workers is None and scheduler is None:
                posterior = calibrate(problem, store, posterior_path, progress=not args.quiet)
            else:
                from sim.calibration.simulator import on_executor
                from sim.sweep.executors import check_executor, check_scheduler, open_executor

                check_executor("dask", workers, scheduler)
                if scheduler is not None:
                    check_scheduler(scheduler)
                with open_executor("dask", workers, scheduler) as pool:
                    simulator = on_executor(pool.executor, pool.parallelism)
                    posterior = calibrate(
                        problem,
                        store,
                        posterior_path,
                        progress=not args.quiet,
                        simulator=simulator,
                    )
    figures = posterior.provenance
    print(
        f"{problem.name}: {figures['generations']} generations, {figures['simulations']} "
        f"simulations, final tolerance {figures['epsilon']:.3g}, ESS {figures['ess']:.0f}",
        file=sys.stderr,
    )
    for key, value in posterior.mean().items():
        print(f"  {key}: posterior mean {value:.3f}", file=sys.stderr)
    print(sample_report(read_posterior(posterior_path), replaced), file=sys.stderr)
    print(shown(posterior_path))
    return 0


def previous_posterior(path: Path) -> Posterior | None:
    """The posterior at ``path`` before it is replaced (None if there is none to compare with)."""
    if not path.is_file():
        return None
    try:
        return read_posterior(path)
    except InputError:
        return None  # not a posterior, or a damaged one: nothing to compare with


ROUNDING = 1e-9
"""The largest relative difference of two samples that is floating-point rounding, not a change."""


def sample_report(posterior: Posterior, replaced: Posterior | None) -> str:
    """One line: the new sample's digest, and how it compares with the file it replaced.

    Recomputing the bundled posterior from a fresh clone (``neasim calibrate``) says here whether
    it reproduced it: the files differ in their provenance (the time, the command), the samples
    must not. Computed with other BLAS kernels (:mod:`sim.blas`) the particles may differ in their
    last bits; the line then says by how much.
    """
    sample = str(posterior.provenance["sample_sha256"])
    line = f"sample SHA-256 {sample[:16]}"
    if replaced is None:
        return line
    if replaced.provenance["sample_sha256"] == sample:
        return f"{line}: the same particles and weights as the posterior it replaced"
    old = str(replaced.provenance["sample_sha256"])[:16]
    if replaced.keys == posterior.keys and replaced.theta.shape == posterior.theta.shape:
        new_values = np.column_stack([posterior.theta, posterior.weights])
        old_values = np.column_stack([replaced.theta, replaced.weights])
        difference = np.abs(new_values - old_values)
        relative = float(np.max(difference / np.maximum(np.abs(old_values), np.finfo(float).tiny)))
        if relative <= ROUNDING:
            return (
                f"{line}: the posterior it replaced ({old}) to rounding (largest difference "
                f"{float(difference.max()):.1e}, {relative:.1e} relative), computed with BLAS "
                f"kernels {kernel_names(posterior)} here and {kernel_names(replaced)} there"
            )
    return f"{line}: not the sample of the posterior it replaced ({old})"


def kernel_names(posterior: Posterior) -> str:
    """The BLAS kernels a posterior's provenance records ("unrecorded" where it has none)."""
    found = sorted({k["architecture"] for k in posterior.provenance.get("blas", [])})
    return "/".join(found) if found else "unrecorded"


DESCRIPTION = f"""\
Calibrate the model by simulation-based inference (ABC-SMC) against the calibration periods of
the dated record (data/record.csv, split by data/split.yaml), as PROBLEM declares it (default:
configs/calibration/history_2017_2018.yaml), and write the posterior (data/posterior.parquet).
Interrupted, it resumes from its store (runs/calibration/). With --workers N (a Dask LocalCluster)
or --scheduler ADDR (a running Dask cluster) each batch of proposals is stepped on the cluster's
workers, with the same posterior. --check instead writes the posterior
predictive checks (docs/validation.md). --table instead prints the replay of {SCENARIO} beside
the 2017–2018 record (data/history.csv) over N replicates, --set changing a value for every
replicate; with --out FILE it also writes it between FILE's markers (docs/calibration.md). The
replay's options (--replicates, --history, --set, --out) imply --table."""


def calibrate_command(args: argparse.Namespace) -> int:
    """Calibrate, check, or print the replay table, as the options say."""
    table_options = (args.out, args.history, args.set, args.replicates)
    cluster = [f"--{name}" for name in ("workers", "scheduler") if getattr(args, name) is not None]
    if cluster and (args.check or args.table or any(o is not None for o in table_options)):
        raise InputError(f"{cluster[0]}: applies to the inference only, not to --check or --table")
    if args.table or any(option is not None for option in table_options):
        settings = dict(parse_assignment(text) for text in args.set or ())
        replicates = 200 if args.replicates is None else args.replicates
        table = calibration_table(replicates, args.history, settings)
        print(table, end="")
        if args.out is not None:
            replace_marked_section(args.out, TABLE_BEGIN, TABLE_END, table)
        return 0
    return run_calibration(args)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``neasim calibrate`` (and of ``python -m sim.calibration.command``)."""
    parser.add_argument(
        "problem", nargs="?", type=Path, metavar="PROBLEM", help="the calibration problem (YAML)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write the posterior predictive checks instead"
    )
    parser.add_argument(
        "--posterior",
        type=Path,
        metavar="PATH",
        help="the posterior to write, or to check (default: data/posterior.parquet)",
    )
    parser.add_argument(
        "--store",
        type=Path,
        default=Path("runs") / "calibration",
        metavar="DIR",
        help="where the resumable ABC-SMC database lives (default: runs/calibration)",
    )
    parser.add_argument(
        "--validation",
        type=Path,
        metavar="FILE",
        help="with --check: the document to write (default: docs/validation.md)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="step each batch of proposals on a Dask LocalCluster of N worker processes "
        "(same posterior as in one process)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDR",
        help="step each batch of proposals on the running Dask cluster at ADDR (tcp://host:8786)",
    )
    parser.add_argument(
        "--table", action="store_true", help=f"print the replay of {SCENARIO} instead"
    )
    parser.add_argument(
        "--replicates", type=int, metavar="N", help="replay replicates (default: 200)"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the table here")
    parser.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help="the record (default: the bundled data/history.csv)",
    )
    parser.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help=set_help("override a scenario parameter by dotted key for every replicate"),
    )
    parser.set_defaults(func=calibrate_command)


def add_calibrate_command(
    subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    """Register ``calibrate [PROBLEM] [--check] [--table [--replicates N] [--out FILE]]...``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "calibrate",
        help="calibrate by simulation-based inference against the dated record",
        description=DESCRIPTION,
    )
    add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sim.calibration.command``: the same as ``neasim calibrate``."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.calibration.command", description=DESCRIPTION
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return calibrate_command(args)
    except InputError as error:
        print(f"calibrate: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
