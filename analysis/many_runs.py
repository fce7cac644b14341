"""The figures of many runs of one result: fan charts of its series and its summit outcomes.

:func:`write_many_run_plots` serves ensembles (``neasim run --replicates``) and sweeps that kept
trajectories; the series drawn are the ones asked for, or :data:`DEFAULT_FANS` where present.
"""

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from analysis.fan import fan_figure
from analysis.groups import group_labels, load_group
from analysis.output import save_figure
from analysis.plots import write_standard_plots
from analysis.summits import summits_figure
from analysis.trajectories import series_names, trajectories_dataset
from sim.runs.directory import WRITING
from sim.runs.plotting import Plotters

DEFAULT_FANS: tuple[str, ...] = (
    "trust_USA",
    "tension",
    "prk_relief_need",
    "leverage",
    "domestic_pressure",
)
"""Series drawn as fan charts when none are named, in this order (those the runs recorded)."""


def write_many_run_plots(
    path: str | Path,
    out_dir: str | Path | None = None,
    series: Sequence[str] | None = None,
    fmt: str = "png",
) -> list[Path]:
    """Write ``fan_<series>.<fmt>`` for each series and ``summits.<fmt>`` for the outcomes.

    Parameters
    ----------
    path : str or Path
        An ensemble directory or a sweep directory with trajectories.
    out_dir : str or Path, optional
        Where to write; ``<path>/plots`` by default.
    series : sequence of str, optional
        The series to draw (any column of the trajectories); :data:`DEFAULT_FANS` by default.
    fmt : str
        ``png`` (default), ``svg`` or ``pdf``.

    Returns
    -------
    list of Path
        The files written, each atomically.

    Raises
    ------
    sim.errors.InputError
        When the directory holds no trajectories or a named series does not exist.
    """
    root = Path(path)
    target = root / "plots" if out_dir is None else Path(out_dir)
    available = series_names(root)
    chosen = list(series) if series else [s for s in DEFAULT_FANS if s in available]
    data = trajectories_dataset(root, chosen)
    group = load_group(root)
    title = group_labels([group])[0]
    written = [
        save_figure(fan_figure(data, name, title), target / f"fan_{name}.{fmt}") for name in chosen
    ]
    written.append(save_figure(summits_figure([group], [title]), target / f"summits.{fmt}"))
    return written


def write_ensemble_plots(path: str | Path) -> list[Path]:
    """The default figures of an ensemble directory, in ``<path>/plots`` (as PNG)."""
    return write_many_run_plots(path)


def plotters() -> Plotters:
    """What ``neasim run`` draws: a run's standard plots and an ensemble's fan charts.

    A run's manifest still says ``writing`` while its plots are drawn.
    """
    return Plotters(
        run=partial(write_standard_plots, status=WRITING), ensemble=write_ensemble_plots
    )
