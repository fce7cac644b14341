"""Read saved runs, ensembles and sweeps; plots and statistics. Never re-simulates.

From a notebook::

    import analysis
    run = analysis.load_run("runs/baseline-20250601-120000-s1")
    fig = analysis.trust_figure(run)                     # a matplotlib Figure
    data = analysis.trajectories_dataset("runs/baseline_replicates-sweep")   # xarray
    fig = analysis.fan_figure(data, "tension", "baseline")
    fig.savefig("tension.svg")
"""

from analysis.compare import compare, series_figure, summary_table
from analysis.ensembledir import load_ensemble
from analysis.fan import fan_figure
from analysis.groups import load_group
from analysis.network import network_figure
from analysis.plots import (
    leverage_figure,
    pressure_figure,
    standard_figure,
    timeline_figure,
    trust_figure,
    world_figure,
)
from analysis.rundir import load_run
from analysis.sensitivity import sensitivity_indices
from analysis.sensitivity_plots import morris_figure, sobol_figure, sweep_sensitivity
from analysis.summits import summits_figure
from analysis.sweep_plots import distributions_figure, parameters_figure
from analysis.sweepdir import load_sweep
from analysis.trajectories import trajectories_dataset

__all__ = [
    "compare",
    "distributions_figure",
    "fan_figure",
    "leverage_figure",
    "load_ensemble",
    "load_group",
    "load_run",
    "load_sweep",
    "morris_figure",
    "network_figure",
    "parameters_figure",
    "pressure_figure",
    "sensitivity_indices",
    "series_figure",
    "sobol_figure",
    "standard_figure",
    "summary_table",
    "summits_figure",
    "sweep_sensitivity",
    "timeline_figure",
    "trajectories_dataset",
    "trust_figure",
    "world_figure",
]
