"""Figures of a sweep: the distribution of its outcomes and each parameter against tension."""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.output import save_figure
from analysis.style import humanize
from analysis.sweepdir import ID_COLUMNS, Sweep, load_sweep
from sim.errors import InputError

MAIN_OUTCOMES: tuple[str, ...] = (
    "mean_tension",
    "provocations",
    "prk_relief_need_final",
    "summit_held",
    "agreement_type",
    "agreement_active_at_end",
)
"""Outcomes shown first, when the sweep kept them."""

OUTCOME_LABELS: dict[str, str] = {
    "mean_tension": "mean tension",
    "provocations": "provocations",
    "prk_relief_need_final": "North Korea's final need for sanctions relief",
    "summit_held": "summit held",
    "agreement_type": "most advanced agreement",
    "agreement_active_at_end": "agreement in force at the end",
}

AGREEMENT_TYPES: tuple[str, ...] = ("none", "declaratory", "freeze_for_relief", "disarmament_step")
TRUST_PRK_USA = re.compile(r"trust.*PRK.*USA")
SCATTER_OUTCOME = "mean_tension"
FAILED = "failed"


def completed_outcomes(sweep: Sweep) -> pd.DataFrame:
    """Return the outcome rows of runs that did not fail (all rows without a ``status``)."""
    outcomes = sweep.outcomes
    if "status" not in outcomes.columns:
        return outcomes
    return outcomes[outcomes["status"].astype(str) != FAILED]


def outcome_columns(outcomes: pd.DataFrame) -> list[str]:
    """Choose the outcomes to plot: the main ones and North Korea's final trust in the US.

    When none of them was kept, every outcome column other than the bookkeeping ones.
    """
    chosen = [c for c in MAIN_OUTCOMES if c in outcomes.columns]
    chosen += [c for c in outcomes.columns if TRUST_PRK_USA.search(c)][:1]
    if chosen:
        return chosen
    return [c for c in outcomes.columns if c not in ID_COLUMNS]


def outcome_label(column: str) -> str:
    """Return the words for an outcome column in titles and axis labels."""
    if TRUST_PRK_USA.search(column):
        return "North Korea's final trust in the US"
    return OUTCOME_LABELS.get(column, humanize(column))


def plot_outcomes(sweep: Sweep, fig: Figure) -> None:
    """One panel per outcome: a histogram for numbers, bar counts for categories and flags."""
    outcomes = completed_outcomes(sweep)
    columns = outcome_columns(outcomes)
    ncols = min(3, max(1, len(columns)))
    nrows = max(1, math.ceil(len(columns) / ncols))
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, column in zip(axes, columns, strict=False):
        _distribution(ax, outcomes[column].dropna(), column)
    for ax in axes[len(columns) :]:
        ax.set_visible(False)
    failed = len(sweep.outcomes) - len(outcomes)
    note = f", {failed} failed runs left out" if failed else ""
    fig.suptitle(f"Outcomes of {len(outcomes)} runs — {sweep.name}{note}")


MEAN_BINS = 12
"""Bins (equal counts) of a continuous parameter over which the mean line averages."""
DISTINCT_VALUES = 25
"""Up to this many distinct values, the mean line averages each value (a grid) instead of bins."""
HEXBIN_ABOVE = 2000
"""More points than this are drawn as a hexagonal density, not as dots."""


def mean_line(x: pd.Series, y: pd.Series) -> tuple[np.ndarray, np.ndarray, str]:
    """The outcome's mean per value of a parameter (a grid) or per bin of equal counts.

    Returns
    -------
    x, mean, how
        The value (or the mean of each bin), the outcome's mean there, and words for the legend.

    >>> x = pd.Series(np.arange(100.0))
    >>> centers, means, how = mean_line(x, 2 * x)
    >>> len(centers), bool(np.allclose(means, 2 * centers)), how
    (12, True, 'mean in 12 bins of equal counts')
    >>> mean_line(pd.Series([0, 0, 1, 1]), pd.Series([1.0, 3.0, 5.0, 5.0]))[1].tolist()
    [2.0, 5.0]
    """
    numbers = y.astype(float)
    if x.nunique() <= DISTINCT_VALUES:
        means = numbers.groupby(x.to_numpy()).mean()
        return means.index.to_numpy(dtype=float), means.to_numpy(), "mean per value"
    bins = pd.qcut(x, MEAN_BINS, duplicates="drop")
    grouped = pd.DataFrame({"x": x.astype(float), "y": numbers}).groupby(bins, observed=True)
    found = grouped.mean()
    words = f"mean in {len(found)} bins of equal counts"
    return found["x"].to_numpy(), found["y"].to_numpy(), words


def plot_parameters(sweep: Sweep, fig: Figure, outcome: str = SCATTER_OUTCOME) -> None:
    """One panel per varied parameter against ``outcome``, with the outcome's mean line.

    The mean is taken per value for a grid (up to :data:`DISTINCT_VALUES` values) and over
    :data:`MEAN_BINS` bins of equal counts otherwise. The runs are dots, made fainter the more
    there are, or a hexagonal density above :data:`HEXBIN_ABOVE` runs; a yes/no outcome draws no
    dots (they would sit on 0 and 1), its mean is the share of runs.
    """
    merged = sweep.design.merge(completed_outcomes(sweep), on="run_id", suffixes=("", "_outcome"))
    parameters = sweep.parameters
    ncols = min(3, max(1, len(parameters)))
    nrows = max(1, math.ceil(len(parameters) / ncols))
    axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True).ravel()
    flag = pd.api.types.is_bool_dtype(merged[outcome])
    how = ""
    for ax, parameter in zip(axes, parameters, strict=False):
        data = merged[[parameter, outcome]].dropna()
        x = data[parameter]
        if not pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x):
            categories = sorted(x.astype(str).unique())
            x = x.astype(str).map({c: i for i, c in enumerate(categories)})
            ax.set_xticks(range(len(categories)), categories)
        y = data[outcome].astype(float)
        if not flag and len(x) > HEXBIN_ABOVE and x.nunique() > DISTINCT_VALUES:
            ax.hexbin(x, y, gridsize=30, cmap="Blues", mincnt=1, bins="log", lw=0)
        elif not flag:
            alpha = float(np.clip(200.0 / max(len(x), 1), 0.05, 0.5))
            ax.scatter(x, y, s=10, alpha=alpha, color="#1f77b4", lw=0)
        if len(x):
            centers, means, how = mean_line(x, y)
            ax.plot(centers, means, color="black", lw=1.8, marker="o", ms=4)
        if flag:
            ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(parameter)
        ax.grid(alpha=0.3)
    for ax in axes[::ncols]:
        ax.set_ylabel(outcome_label(outcome) + (" (share of runs)" if flag else ""))
    for ax in axes[len(parameters) :]:
        ax.set_visible(False)
    dots = "" if flag else "; blue: the runs"
    fig.suptitle(
        f"Parameters against {outcome_label(outcome)} — {sweep.name}\n(black: {how}{dots})"
    )


def parameters_figure(sweep: Sweep, outcome: str = SCATTER_OUTCOME) -> Figure:
    """Each varied parameter against ``outcome`` (see :func:`plot_parameters`), sized to fit.

    Raises
    ------
    sim.errors.InputError
        When the sweep kept no such outcome.
    """
    if outcome not in sweep.outcomes.columns:
        kept = [c for c in sweep.outcomes.columns if c not in ID_COLUMNS]
        raise InputError(
            f"{sweep.path / 'outcomes.parquet'}: no outcome {outcome!r}; kept: {', '.join(kept)}"
        )
    cols = min(3, max(1, len(sweep.parameters)))
    rows = max(1, math.ceil(len(sweep.parameters) / 3))
    fig = Figure(figsize=(4.4 * cols + 0.6, 3.8 * rows + 0.6), layout="constrained")
    plot_parameters(sweep, fig, outcome)
    return fig


def distributions_figure(sweep: Sweep) -> Figure:
    """The distribution of each main outcome (see :func:`plot_outcomes`), sized to fit."""
    n = len(outcome_columns(sweep.outcomes))
    fig = Figure(figsize=(13.0, 3.6 * math.ceil(n / 3) + 0.6), layout="constrained")
    plot_outcomes(sweep, fig)
    return fig


def plot_sweep(
    sweep_dir: str | Path,
    out_dir: str | Path | None = None,
    outcome: str = SCATTER_OUTCOME,
    fmt: str = "png",
) -> list[Path]:
    """Write a sweep's figures into ``<sweep_dir>/plots/`` (or ``out_dir``).

    ``outcomes.<fmt>`` always; ``parameters.<fmt>`` (each parameter against ``outcome``) when
    the design varies parameters and the sweep kept that outcome.

    Returns
    -------
    list of Path
        The files written, each atomically.

    Raises
    ------
    sim.errors.InputError
        When ``sweep_dir`` is not a readable sweep directory.
    """
    sweep = load_sweep(sweep_dir)
    target = sweep.path / "plots" if out_dir is None else Path(out_dir)
    written = [save_figure(distributions_figure(sweep), target / f"outcomes.{fmt}")]
    explicit = outcome != SCATTER_OUTCOME
    if sweep.parameters and (explicit or outcome in sweep.outcomes.columns):
        written.append(save_figure(parameters_figure(sweep, outcome), target / f"parameters.{fmt}"))
    return written


def _distribution(ax: Axes, values: pd.Series, column: str) -> None:
    if values.empty:
        ax.text(0.5, 0.5, "no values", transform=ax.transAxes, ha="center", color="grey")
    elif pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        words = values.astype(str).replace({"True": "yes", "False": "no"})
        counts = words.value_counts()
        order = [c for c in _category_order(column, words) if c in counts.index]
        ax.bar(range(len(order)), counts[order].to_numpy(), color="#1f77b4")
        ax.set_xticks(range(len(order)), [humanize(c) for c in order])
    else:
        numbers = values.to_numpy(dtype=float)
        ax.hist(numbers, bins=_bins(numbers), color="#1f77b4", edgecolor="white")
    ax.set_title(outcome_label(column), fontsize=10)
    ax.set_ylabel("runs")
    ax.grid(axis="y", alpha=0.3)


def _category_order(column: str, values: pd.Series) -> list[str]:
    present = sorted(values.astype(str).unique())
    if column == "agreement_type":
        return [*AGREEMENT_TYPES, *(c for c in present if c not in AGREEMENT_TYPES)]
    return present


def _bins(numbers: np.ndarray) -> list[float] | int:
    """Integer-centred bins for whole numbers (counts), otherwise up to 30 equal bins."""
    low, high = float(numbers.min()), float(numbers.max())
    if np.all(np.mod(numbers, 1) == 0) and high - low <= 60:
        return [float(b) for b in np.arange(low - 0.5, high + 1.5)]
    return int(min(30, max(5, math.ceil(math.sqrt(numbers.size)))))
