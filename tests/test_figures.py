"""Every kind of figure renders with all its text inside and readable, and says what it shows.

Each figure is drawn from small saved results and checked with
:func:`analysis.figure_checks.figure_problems` (Matplotlib's text extents inside the figure, no
overlapping tick labels or texts, no constant panel); the tests below it check what the figures
claim: curves end at their own horizon, fan charts drop series that never move, the mean line is
drawn, the network shows only strong trust and changes.
"""

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis.compare import series_figure
from analysis.figure_checks import constant_panels, figure_problems
from analysis.groups import load_group
from analysis.network import MIN_CHANGE, TRUST_THRESHOLD
from sim.cli import main
from sim.countries import DISPLAY_NAMES

ROOT_ARGS = ["--quiet", "--no-plots"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 12-month run, a 6-month run, two ensembles of different horizons, a small LHS sweep."""
    root = tmp_path_factory.mktemp("figures")
    paths = {name: root / name for name in ("run12", "run6", "ens12", "ens6", "sweep")}

    def run(name: str, scenario: str, *options: str) -> None:
        assert main(["run", scenario, *options, *ROOT_ARGS, "--out", str(paths[name])]) == 0

    run("run12", "baseline", "--months", "12")
    run("run6", "baseline", "--months", "6", "--seed", "4")
    run("ens12", "baseline", "--months", "12", "--replicates", "12")
    run("ens6", "no_russia", "--months", "6", "--replicates", "12")
    spec = root / "spec.yaml"
    spec.write_text(
        "name: figures\nbase: baseline\ndesign: lhs\nn: 60\nreplicates: 1\nseed: 3\nmonths: 6\n"
        "parameters:\n  actors.PRK.trust.USA: {low: 0.02, high: 0.4}\n"
        "  mechanisms.trust.forgiveness: {low: 0.0, high: 0.8}\n",
        encoding="utf-8",
    )
    argv = ["sweep", str(spec), "--out", str(paths["sweep"]), "--workers", "1", "--no-progress"]
    assert main(argv) == 0
    return paths


def _sensitivity_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    names = [f"mechanisms.group{k}.a_long_parameter_name_{k}" for k in range(12)]
    rng = np.random.default_rng(0)
    sobol = pd.DataFrame(
        {"S1": rng.uniform(0, 0.1, 12), "S1_conf": 0.05, "ST": rng.uniform(0.15, 0.3, 12)},
        index=names,
    ).assign(ST_conf=0.05, noise_floor=0.19, above_noise=False)
    morris = pd.DataFrame(
        {"mu": rng.uniform(0, 0.1, 12), "mu_star": 0.05, "sigma": 0.05, "mu_star_conf": 0.01},
        index=names,
    ).assign(noise_floor=0.03, above_noise=False)  # four points on top of each other, and more
    morris.iloc[4:, 1] = rng.uniform(0, 0.1, 8)
    return sobol, morris


def _standard(stem: str) -> Callable[[dict[str, Path]], Figure]:
    return lambda p: analysis.standard_figure(analysis.load_run(p["run12"]), stem)


FIGURES: dict[str, Callable[[dict[str, Path]], Figure]] = {
    **{
        f"run {stem}": _standard(stem)
        for stem in ("trust", "leverage", "pressure", "timeline", "world")
    },
    "network": lambda p: analysis.network_figure(analysis.load_run(p["run12"])),
    "fan of a country series": lambda p: analysis.fan_figure(
        analysis.trajectories_dataset(p["ens12"]), "trust_USA", "baseline"
    ),
    "fan of a world series": lambda p: analysis.fan_figure(
        analysis.trajectories_dataset(p["ens12"]), "tension", "baseline"
    ),
    "summits": lambda p: analysis.summits_figure(
        [load_group(p["ens12"]), load_group(p["ens6"])], ["baseline", "no_russia"]
    ),
    "compare runs": lambda p: series_figure(
        [load_group(p["run12"]), load_group(p["run6"])], ["12 months", "6 months"]
    ),
    "compare ensembles": lambda p: series_figure(
        [load_group(p["ens12"]), load_group(p["ens6"])], ["baseline", "no_russia"]
    ),
    "sweep outcomes": lambda p: analysis.distributions_figure(analysis.load_sweep(p["sweep"])),
    "sweep parameters": lambda p: analysis.parameters_figure(
        analysis.load_sweep(p["sweep"]), "mean_tension"
    ),
    "sobol": lambda p: analysis.sobol_figure(_sensitivity_tables()[0], "mean_tension", "main"),
    "morris": lambda p: analysis.morris_figure(_sensitivity_tables()[1], "mean_tension", "main"),
}


@pytest.mark.parametrize("kind", list(FIGURES))
def test_every_figure_shows_all_its_text_unclipped_and_apart(
    kind: str, saved: dict[str, Path]
) -> None:
    fig = FIGURES[kind](saved)
    assert figure_problems(fig) == []
    assert fig.axes


def test_the_checker_finds_clipped_overlapping_and_constant(tmp_path: Path) -> None:
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot(range(5), [0.7] * 5)
    ax.set_title("a title far too long for a figure three inches wide, running off its edge")
    ax.set_xticks(range(5), ["a long label"] * 5)
    problems = figure_problems(fig)
    assert any(p.startswith("clipped:") for p in problems)
    assert any(p.startswith("texts overlap:") for p in figure_problems(_two_titles()))
    assert any(p.startswith("tick labels overlap:") for p in problems)
    assert constant_panels(fig) == [ax.get_title()]


def _two_titles() -> Figure:
    fig = Figure(figsize=(6, 4))
    fig.add_subplot().set_title("a title")
    fig.text(0.5, 0.5, "a note on top of another")
    fig.text(0.52, 0.5, "a note on top of another")
    return fig


def test_curves_end_at_their_own_horizon(saved: dict[str, Path]) -> None:
    import matplotlib.dates as mdates

    run6 = analysis.load_run(saved["run6"])
    last6 = mdates.date2num(pd.Timestamp(str(run6.states["month"].iloc[-1]) + "-01"))
    fig = series_figure([load_group(saved["run12"]), load_group(saved["run6"])], ["12", "6"])
    for ax in fig.axes:
        short = [line for line in ax.get_lines() if line.get_label() == "6"]
        assert short and max(mdates.date2num(short[0].get_xdata())) <= last6
    groups = [load_group(saved["ens12"]), load_group(saved["ens6"])]
    summits = analysis.summits_figure(groups, ["12", "6"])
    probability = summits.axes[0]
    lengths = sorted(len(np.asarray(line.get_xdata())) for line in probability.get_lines())
    assert lengths == [6 + 1, 12 + 1]  # months 0..6 and 0..12, never padded to the longer


def test_a_fan_draws_no_panel_for_a_series_that_never_moves(saved: dict[str, Path]) -> None:
    data = analysis.trajectories_dataset(saved["ens12"])
    fig = analysis.fan_figure(data, "trust_USA", "baseline")
    assert constant_panels(fig) == []
    assert "not drawn, the same in every run and month" in fig.get_suptitle()
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert "United States" not in titles  # its trust in itself
    for ax in fig.axes:
        code = {v: k for k, v in DISPLAY_NAMES.items()}.get(ax.get_title())
        if code is not None:
            values = data["trust_USA"].sel(country=code).to_numpy()
            assert values.min() < values.max()
            assert ax.get_ylabel() == "trust in United States (0–1)"


def test_the_parameter_panels_draw_the_mean_they_announce(saved: dict[str, Path]) -> None:
    sweep = analysis.load_sweep(saved["sweep"])
    fig = analysis.parameters_figure(sweep, "mean_tension")
    assert "black: mean in" in fig.get_suptitle()
    merged = sweep.design.merge(sweep.outcomes, on="run_id")
    for ax, parameter in zip(fig.axes, sweep.parameters, strict=False):
        (line,) = [ln for ln in ax.get_lines() if ln.get_color() == "black"]
        x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        assert 5 <= len(x) <= 12
        assert np.all(np.diff(x) > 0)
        low = merged[merged[parameter] <= x[0] * 2 - merged[parameter].min()]["mean_tension"]
        assert y[0] == pytest.approx(low.mean(), abs=0.05)


def test_the_network_shows_strong_trust_then_changes(saved: dict[str, Path]) -> None:
    from matplotlib.patches import FancyArrowPatch

    run = analysis.load_run(saved["run12"])
    months = [str(m) for m in sorted(run.states["month"].unique())]
    fig = analysis.network_figure(run, [months[0], months[-1]])
    first = analysis.network.trust_graph(run, months[0])
    strong = sum(w >= TRUST_THRESHOLD for _, _, w in first.edges(data="weight"))
    last = analysis.network.trust_graph(run, months[-1])
    moved = sum(
        abs(w - first.edges[t, h]["weight"]) >= MIN_CHANGE for t, h, w in last.edges(data="weight")
    )
    arrows = [sum(isinstance(p, FancyArrowPatch) for p in ax.patches) for ax in fig.axes[:2]]
    assert arrows == [strong, moved]
    assert strong < 30 and moved < 30
