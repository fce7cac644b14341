"""Sensitivity of a sweep's outcome to its parameters: Sobol' indices and Morris screening.

The indices come from :func:`sim.sweep.sensitivity` (SALib 1.6: Saltelli et al. 2010 for Sobol'
S1 and ST with bootstrap confidence intervals; Morris 1991 and Campolongo et al. 2007 for μ* and
σ); this module draws them and writes them as a table.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.output import save_figure
from analysis.style import LEGEND_SIZE
from analysis.sweep_plots import outcome_label

S1_COLOR = "#1f77b4"
ST_COLOR = "#ff7f0e"


def sobol_figure(indices: pd.DataFrame, outcome: str, title: str) -> Figure:
    """Horizontal bars of S1 and ST per parameter with their 95 % confidence intervals.

    Parameters are ordered by ST, largest first.
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
    ax.axvline(0.0, color="black", lw=0.8)
    ax.set_xlabel("Sobol' index (share of the outcome's variance), bars: 95 % confidence")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize=LEGEND_SIZE)
    ax.set_title(f"Sobol' indices of {outcome_label(outcome)} — {title}")
    return fig


def morris_figure(indices: pd.DataFrame, outcome: str, title: str) -> Figure:
    """Morris screening: μ* (mean absolute elementary effect) against σ, one point per parameter.

    Horizontal bars are μ*'s 95 % bootstrap interval; points above the line σ = μ* have effects
    that depend strongly on the other parameters (non-linear or interacting).
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
    for name, row in indices.iterrows():
        ax.annotate(
            str(name),
            (row["mu_star"], row["sigma"]),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=9,
        )
    top = float(max(indices["mu_star"].max(), indices["sigma"].max(), 1e-12)) * 1.1
    ax.plot([0, top], [0, top], color="black", lw=0.8, ls="--", label="σ = μ*")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
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
    from analysis.sweepdir import load_sweep
    from sim.sweep.sensitivity import sensitivity

    table = sensitivity(sweep_dir, outcome)
    sweep = load_sweep(sweep_dir)
    target = sweep.path / "plots" if out_dir is None else Path(out_dir)
    if "S1" in table.columns:
        chart = sobol_figure(table, outcome, sweep.name)
        stem = "sobol"
    else:
        chart = morris_figure(table, outcome, sweep.name)
        stem = "morris"
    written = [
        write_table(table, target / f"sensitivity-{outcome}.csv"),
        save_figure(chart, target / f"{stem}-{outcome}.{fmt}"),
        save_figure(parameters_figure(sweep, outcome), target / f"parameters-{outcome}.{fmt}"),
    ]
    return table, written
