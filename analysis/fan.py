"""Fan charts: the median and the 10–90 % band of a series over many runs, by month."""

import math
from collections.abc import Sequence

import xarray as xr
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plots import LEVERAGE_NOTE
from analysis.style import (
    LEGEND_SIZE,
    country_color,
    country_name,
    format_month_axis,
    humanize,
)
from analysis.trajectories import fan_quantiles
from sim.countries import DISPLAY_NAMES

BAND_ALPHA = 0.25


def draw_fan(ax: Axes, values: xr.DataArray, color: str, label: str, linestyle: str = "-") -> None:
    """Draw one fan on ``ax``: the 10–90 % band of ``values`` (run × month) and its median."""
    q = fan_quantiles(values)
    months = values["month"].to_numpy()
    ax.fill_between(
        months,
        q.sel(quantile=0.1).to_numpy(),
        q.sel(quantile=0.9).to_numpy(),
        color=color,
        alpha=BAND_ALPHA,
        lw=0,
        label=f"{label}: 10–90 % of runs",
    )
    ax.plot(
        months,
        q.sel(quantile=0.5).to_numpy(),
        color=color,
        lw=2.2,
        ls=linestyle,
        label=f"{label}: median",
    )


def fan_figure(
    data: xr.Dataset, series: str, title: str, countries: Sequence[str] | None = None
) -> Figure:
    """A fan chart of one series of a trajectories Dataset.

    A world series gets one panel; a per-country series one panel per country (all of them, or
    ``countries``), on shared axes. A panel would say nothing when its series never moves — the
    same value in every run and month, like the United States' trust in itself — so such
    countries are not drawn: a line under the panels gives their constant values (a country's
    trust in itself is left out altogether).

    Parameters
    ----------
    data : xarray.Dataset
        From :func:`analysis.trajectories.trajectories_dataset`.
    series : str
        The variable to draw.
    title : str
        What the runs are (the figure's title says the series and the number of runs).
    countries : sequence of str, optional
        The countries to draw, for a per-country series.
    """
    values = data[series]
    n_runs = values.sizes["run"]
    words = series_label(series)
    numbers = values.to_numpy()
    unit = " (0–1)" if numbers.size and numbers.min() >= 0.0 and numbers.max() <= 1.0 else ""
    if "country" not in values.dims:
        fig = Figure(figsize=(10.0, 5.0), layout="constrained")
        ax = fig.add_subplot()
        draw_fan(ax, values, "#1f77b4", words)
        _finish(ax, words + unit)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=LEGEND_SIZE)
        constant_note = ""
    else:
        codes = list(values["country"].to_numpy()) if countries is None else list(countries)
        codes, constant = split_constant(values, codes, series)
        constant_note = (
            "\nnot drawn, the same in every run and month: "
            + ", ".join(f"{country_name(c)} {v:.2f}" for c, v in constant.items())
            if constant
            else ""
        )
        ncols = min(3, len(codes))
        nrows = math.ceil(len(codes) / ncols)
        fig = Figure(figsize=(4.6 * ncols + 0.4, 3.6 * nrows + 0.8), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True).ravel()
        for ax, code in zip(axes, codes, strict=False):
            draw_fan(ax, values.sel(country=code), country_color(code), country_name(code))
            ax.set_title(country_name(code), fontsize=11)
            _finish(ax, words + unit)
        for ax in axes[len(codes) :]:
            ax.set_visible(False)
        for ax in axes[: len(codes) - ncols]:
            ax.set_xlabel("")  # the panels below carry the month axis
        fig.legend(
            handles=[_band_handle(), _median_handle()],
            loc="outside lower center",
            ncol=2,
            frameon=False,
            fontsize=LEGEND_SIZE,
        )
    note = (f"\n{LEVERAGE_NOTE}" if series == "leverage" else "") + constant_note
    fig.suptitle(
        f"{words[:1].upper()}{words[1:]}: median and 10–90 % band of {n_runs} runs — {title}{note}"
    )
    return fig


def split_constant(
    values: xr.DataArray, codes: Sequence[str], series: str
) -> tuple[list[str], dict[str, float]]:
    """The countries whose series moves, and the constant value of those whose does not.

    A country's trust in itself (``trust_USA`` of the United States) is in neither. When nothing
    moves, every country is drawn.

    >>> import numpy as np
    >>> data = xr.DataArray(
    ...     np.array([[[1.0, 0.1, 0.7]], [[1.0, 0.3, 0.7]]]),
    ...     dims=("run", "month", "country"),
    ...     coords={"country": ["USA", "PRK", "KOR"]},
    ... )
    >>> split_constant(data, ["USA", "PRK", "KOR"], "trust_USA")
    (['PRK'], {'KOR': 0.7})
    """
    prefix, _, trusted = series.partition("_")
    own = trusted if prefix == "trust" else None
    moving: list[str] = []
    constant: dict[str, float] = {}
    for code in codes:
        if code == own:
            continue
        numbers = values.sel(country=code).to_numpy()
        if numbers.size and bool((numbers == numbers.flat[0]).all()):
            constant[code] = float(numbers.flat[0])
        else:
            moving.append(code)
    if not moving:
        return [c for c in codes if c != own] or list(codes), {}
    return moving, constant


def series_label(series: str) -> str:
    """Words for a series: ``trust_USA`` → ``trust in the United States``.

    >>> series_label("trust_PRK"), series_label("prk_relief_need")
    ('trust in North Korea', 'prk relief need')
    """
    prefix, _, code = series.partition("_")
    if prefix == "trust" and code in DISPLAY_NAMES:
        return f"trust in {DISPLAY_NAMES[code]}"
    return humanize(series)


def _finish(ax: Axes, words: str) -> None:
    ax.set_ylabel(words)
    ax.set_xlabel("month")
    ax.grid(alpha=0.3)
    format_month_axis(ax, max_ticks=6)


def _band_handle() -> object:
    from matplotlib.patches import Patch

    return Patch(color="#777777", alpha=BAND_ALPHA, label="10–90 % of runs")


def _median_handle() -> object:
    from matplotlib.lines import Line2D

    return Line2D([], [], color="#333333", lw=2.2, label="median")
