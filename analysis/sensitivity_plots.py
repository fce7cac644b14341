"""Sensitivity of a sweep's outcome to its parameters: Sobol' indices and Morris screening.

The indices come from :func:`analysis.sensitivity.sensitivity_indices` (SALib 1.6: Saltelli et
al. 2010 for Sobol' S1 and ST with bootstrap confidence intervals; Morris 1991 and Campolongo et
al. 2007 for μ* and σ); this module draws them, with the seeds' noise floor, and writes them as a
table.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.output import save_figure
from analysis.sensitivity import sensitivity_indices
from analysis.style import LEGEND_SIZE
from analysis.sweep_plots import outcome_label
from analysis.sweepdir import Sweep, load_sweep

S1_COLOR = "#1f77b4"
ST_COLOR = "#ff7f0e"
NOISE_COLOR = "#bbbbbb"


def _noise_floor(indices: pd.DataFrame) -> float:
    """The table's noise floor, NaN when it has none (one replicate per point)."""
    if "noise_floor" not in indices.columns or indices.empty:
        return float("nan")
    return float(indices["noise_floor"].iloc[0])


def sobol_figure(indices: pd.DataFrame, outcome: str, title: str) -> Figure:
    """Horizontal bars of S1 and ST per parameter with their 95 % confidence intervals.

    Parameters are ordered by ST, largest first. A grey band up to the noise floor marks the
    total index a parameter without any effect would get from the seeds' noise alone.
    """
    ordered = indices.sort_values("ST", ascending=True)
    y = np.arange(len(ordered))
    fig = Figure(figsize=(10.0, max(3.5, 1.2 + 0.5 * len(ordered))), layout="constrained")
    ax = fig.add_subplot()
    height = 0.38
    bars = (("ST", ST_COLOR, "total effect ST", 0.5), ("S1", S1_COLOR, "first order S1", -0.5))
    for index, color, label, offset in bars:
        ax.barh(
            y + offset * height,
            ordered[index],
            height,
            xerr=ordered[f"{index}_conf"],
            color=color,
            label=label,
            capsize=3,
        )
    ax.set_yticks(y, list(ordered.index))
    floor = _noise_floor(indices)
    if np.isfinite(floor):
        ax.axvspan(0.0, floor, color=NOISE_COLOR, alpha=0.5, zorder=0, label="seed noise floor")
    ax.axvline(0.0, color="black", lw=0.8)
    ax.set_xlabel("Sobol' index (share of the outcome's variance), bars: 95 % confidence")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize=LEGEND_SIZE)
    ax.set_title(f"Sobol' indices of {outcome_label(outcome)} — {title}")
    return fig


def morris_figure(indices: pd.DataFrame, outcome: str, title: str) -> Figure:
    """Morris screening: μ* (mean absolute elementary effect) against σ, one point per parameter.

    Horizontal bars are μ*'s 95 % bootstrap interval; points above the line σ = μ* have effects
    that depend strongly on the other parameters (non-linear or interacting); a grey band marks
    the μ* a parameter without effect would get from the seeds' noise alone. Labels are placed
    by rank, one line apart, joined to their point by a thin line, so that they never overlap.
    """
    fig = Figure(figsize=(10.0, 7.0), layout="constrained")
    ax = fig.add_subplot()
    ax.errorbar(
        indices["mu_star"],
        indices["sigma"],
        xerr=indices["mu_star_conf"],
        fmt="o",
        color=S1_COLOR,
        ecolor="#999999",
        capsize=3,
        label="parameter (bar: μ* 95 % interval)",
    )
    top = float(max(indices["mu_star"].max(), indices["sigma"].max(), 1e-12)) * 1.1
    floor = _noise_floor(indices)
    if np.isfinite(floor):
        ax.axvspan(0.0, floor, color=NOISE_COLOR, alpha=0.5, zorder=0, label="seed noise floor")
    ax.plot([0, top], [0, top], color="black", lw=0.8, ls="--", label="σ = μ*")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ordered = indices.sort_values("sigma", ascending=False)
    for rank, (name, row) in enumerate(ordered.iterrows()):
        # labels in a column right of the plot, in the order of the points' heights
        ax.annotate(
            str(name),
            (row["mu_star"], row["sigma"]),
            xytext=(1.02, 1.0 - rank / max(len(ordered), 1)),
            textcoords="axes fraction",
            va="top",
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "lw": 0.5},
        )
    ax.set_xlabel("μ*: mean absolute elementary effect (per unit of the parameter's range)")
    ax.set_ylabel("σ: spread of the elementary effects")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=LEGEND_SIZE)
    ax.set_title(f"Morris screening of {outcome_label(outcome)} — {title}")
    return fig


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Write the indices as CSV (parameter first), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            table.to_csv(handle, index_label="parameter", float_format="%.6g")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_provenance(sweep: Sweep, outcome: str, path: Path) -> Path:
    """The analysis's provenance beside its table: what was analysed, by which code, atomically.

    The block is a run's (:func:`sim.runs.provenance.provenance`, SALib's version added), with
    the sweep analysed, its design, the outcome and the sweep's own commit.
    """
    import json

    from sim.runs.provenance import command_line, provenance, utc_stamp

    manifest = sweep.path / "manifest.json"
    try:
        source_commit = json.loads(manifest.read_text(encoding="utf-8")).get("git_commit")
    except (OSError, ValueError, AttributeError):
        source_commit = None
    record = {
        "format_version": 1,
        "kind": "sensitivity",
        "sweep": str(sweep.path),
        "sweep_git_commit": source_commit,
        "design": sweep.spec.get("design"),
        "background": sweep.spec.get("background", "declared"),
        "outcome": outcome,
        "command": command_line(),
        "created_utc": utc_stamp(),
        **provenance("SALib"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def sweep_sensitivity(sweep: Sweep, outcome: str) -> pd.DataFrame:
    """:func:`analysis.sensitivity.sensitivity_indices` of a loaded sweep.

    Raises
    ------
    sim.errors.InputError
        Naming ``sweep.yaml`` or ``outcomes.parquet`` when the design or the outcome is wrong.
    """
    from sim.errors import InputError

    try:
        return sensitivity_indices(sweep.design, sweep.outcomes, outcome, sweep.spec)
    except InputError as error:
        where = "sweep.yaml" if str(error).startswith("design:") else "outcomes.parquet"
        raise InputError(f"{sweep.path / where}: {error}") from None


def analyze(
    sweep_dir: str | Path, outcome: str, out_dir: str | Path | None = None, fmt: str = "png"
) -> tuple[pd.DataFrame, list[Path]]:
    """Indices of ``outcome``, their chart, their table, and ``parameters-<outcome>``.

    Writes ``sensitivity-<outcome>.csv``, ``sobol-<outcome>.<fmt>`` or
    ``morris-<outcome>.<fmt>``, and ``parameters-<outcome>.<fmt>`` (each parameter against the
    outcome) into ``out_dir`` (``<sweep_dir>/plots`` by default).

    Raises
    ------
    sim.errors.InputError
        When the sweep is not a complete Sobol' or Morris sweep or has no such outcome.
    """
    from analysis.sweep_plots import parameters_figure

    sweep = load_sweep(sweep_dir)
    table = sweep_sensitivity(sweep, outcome)
    target = sweep.path / "plots" if out_dir is None else Path(out_dir)
    if "S1" in table.columns:
        chart = sobol_figure(table, outcome, sweep.name)
        stem = "sobol"
    else:
        chart = morris_figure(table, outcome, sweep.name)
        stem = "morris"
    written = [
        write_table(table, target / f"sensitivity-{outcome}.csv"),
        write_provenance(sweep, outcome, target / f"sensitivity-{outcome}.json"),
        save_figure(chart, target / f"{stem}-{outcome}.{fmt}"),
        save_figure(parameters_figure(sweep, outcome), target / f"parameters-{outcome}.{fmt}"),
    ]
    return table, written
