"""Ensembles and the pictures of many runs: fan charts, comparisons, sensitivity, networks.

One small ensemble is simulated per session (it is what ``neasim run --replicates`` saves); every
figure is then drawn from saved files only. Numbers of the model are never assumed: expectations
are computed from the saved tables.
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.command import add_plot_commands
from analysis.compare import compare, summary_table
from analysis.ensembledir import load_ensemble
from analysis.fan import fan_figure
from analysis.groups import load_group, months_after, summit_probability
from analysis.labels import difference_labels
from analysis.network import network_figure, trust_graph
from analysis.rundir import load_run
from analysis.style import LEGEND_SIZE
from analysis.trajectories import trajectories_dataset
from sim.cli import main
from sim.errors import InputError
from sim.runs.ensemble import median_run, run_ensemble
from sim.scenario import Scenario, load_scenario, numeric_parameters

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

REPLICATES = 12
MONTHS = 8


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("baseline", {"months": MONTHS})


@pytest.fixture(scope="module")
def ensemble(tmp_path_factory: pytest.TempPathFactory, scenario: Scenario) -> Path:
    return run_ensemble(scenario, REPLICATES, out=tmp_path_factory.mktemp("e") / "ens")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The same seed three times: plain, plain again, and with an override."""
    root = tmp_path_factory.mktemp("runs")
    common = ["run", "baseline", "--months", str(MONTHS), "--seed", "4", "--quiet", "--no-plots"]
    paths = (root / "plain", root / "again", root / "trusting")
    assert main([*common, "--out", str(paths[0])]) == 0
    assert main([*common, "--out", str(paths[1])]) == 0
    assert main([*common, "--out", str(paths[2]), "--set", "actors.PRK.trust.USA=0.35"]) == 0
    return paths


# --- the ensemble directory ------------------------------------------------------------------


def test_an_ensemble_saves_every_run_and_its_median_run(ensemble: Path, scenario: Scenario) -> None:
    ens = load_ensemble(ensemble)
    assert ens.manifest["replicates"] == REPLICATES
    assert list(ens.outcomes["seed"]) == [scenario.seed + k for k in range(REPLICATES)]
    data = trajectories_dataset(ensemble)
    assert data.sizes == {"run": REPLICATES, "month": MONTHS + 1, "country": 6}
    assert data["tension"].dims == ("run", "month")  # a world series
    assert data["trust_USA"].dims == ("run", "month", "country")
    assert data["seed"].dims == ("run",)
    assert list(data["seed"].values) == list(ens.outcomes["seed"])
    median = load_run(ens.median)
    seed = ens.manifest["median_seed"]
    assert median.seed == seed
    tension = ens.outcomes.set_index("seed")["mean_tension"]
    assert median.summary["mean_tension"] == pytest.approx(tension[seed], abs=1e-6)
    assert (tension < tension[seed]).sum() == (REPLICATES - 1) // 2 or tension.duplicated().any()
    # The median run's saved trajectory is that run's row of the ensemble's trajectories.
    row = int(np.flatnonzero(ens.outcomes["seed"].to_numpy() == seed)[0])
    saved = median.states[median.states["country"] == "PRK"]["trust_USA"].to_numpy()
    ensemble_values = data["trust_USA"].sel(country="PRK").isel(run=row).to_numpy()
    np.testing.assert_allclose(saved, ensemble_values, atol=1e-6)


def test_an_ensemble_run_is_the_same_run_made_alone(
    ensemble: Path, runs: tuple[Path, Path, Path], scenario: Scenario
) -> None:
    alone = load_run(runs[0])  # seed 4
    data = trajectories_dataset(ensemble, ["tension"])
    row = 4 - scenario.seed
    assert 0 <= row < REPLICATES
    np.testing.assert_allclose(
        alone.world["tension"].to_numpy(), data["tension"].isel(run=row).to_numpy(), atol=1e-6
    )


def test_median_run_takes_the_lower_median_of_the_successful_runs() -> None:
    values = np.array([0.5, 0.1, 0.3, 0.2, 0.9])
    ok = np.array([True, True, True, True, False])
    assert median_run(values, np.arange(5), ok) == 3  # 0.1, 0.2, 0.3, 0.5 → 0.2
    with pytest.raises(InputError, match="every run"):
        median_run(values, np.arange(5), np.zeros(5, dtype=bool))


# --- fan charts and summit statistics --------------------------------------------------------


def test_a_fan_chart_draws_the_median_and_the_10_90_band(ensemble: Path) -> None:
    data = trajectories_dataset(ensemble, ["tension"])
    fig = fan_figure(data, "tension", "test")
    (ax,) = fig.axes
    median = np.asarray(ax.get_lines()[0].get_ydata(), dtype=float)
    np.testing.assert_allclose(median, np.median(data["tension"].to_numpy(), axis=0))
    band = np.asarray(ax.collections[0].get_paths()[0].vertices)[:, 1]
    low = np.quantile(data["tension"].to_numpy(), 0.1, axis=0)
    high = np.quantile(data["tension"].to_numpy(), 0.9, axis=0)
    assert band.min() == pytest.approx(low.min()) and band.max() == pytest.approx(high.max())


def test_summit_probability_counts_runs_with_a_summit_by_each_month(ensemble: Path) -> None:
    group = load_group(ensemble)
    firsts = months_after(group.start, group.outcomes["first_summit_month"])
    probability = summit_probability(group, MONTHS)
    for month in range(MONTHS + 1):
        assert probability[month] == pytest.approx(np.mean(firsts <= month))
    assert probability.is_monotonic_increasing
    assert probability.iloc[-1] == pytest.approx(group.outcomes["summit_held"].mean())


# --- comparison ------------------------------------------------------------------------------


def test_labels_say_what_differs_and_identical_results_stay_apart() -> None:
    labels = difference_labels(
        ["baseline", "baseline", "baseline", "no_russia"],
        ["4", "4", "4", "4"],
        [{"a": {"b": 1}}, {"a": {"b": 1}}, {"a": {"b": 2}}, {"a": {"b": 1}}],
    )
    assert labels == ["baseline, a.b=1 (1)", "baseline, a.b=1 (2)", "baseline, a.b=2", "no_russia"]


def _legend_texts(fig: Figure) -> list[tuple[str, float]]:
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
    return [
        (t.get_text(), float(t.get_fontsize()))
        for legend in legends
        if legend is not None
        for t in legend.get_texts()
    ]


def test_compare_writes_beside_the_inputs_and_labels_overrides(
    ensemble: Path, runs: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    parser = __import__("argparse").ArgumentParser()
    add_plot_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["compare", *map(str, runs), str(ensemble), "--table"])
    assert args.func(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    where = Path(lines[-1])
    assert where.parent == runs[0].parent and where.name.startswith("compare-")
    assert sorted(p.name for p in where.iterdir()) == ["compare.png", "compare_outcomes.png"]
    assert lines[-3:-1] == [str(where / "compare.png"), str(where / "compare_outcomes.png")]
    table = summary_table([*runs, ensemble])
    assert list(table["runs"].fillna(1)) == [1, 1, 1, REPLICATES]


def test_compare_figures_are_labelled_readable_and_unclipped(
    ensemble: Path, runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from analysis.compare import series_figure
    from analysis.groups import group_labels
    from analysis.summits import summits_figure

    groups = [load_group(p) for p in (*runs, ensemble)]
    labels = group_labels(groups)
    assert labels[0] != labels[1]  # identical runs are told apart
    assert "actors.PRK.trust.USA=0.35" in labels[2]
    for fig in (series_figure(groups, labels), summits_figure(groups, labels)):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        assert fig.get_suptitle()
        for ax in fig.axes:
            if ax.get_visible() and ax.get_title() and ax.get_title() != "":
                assert ax.get_ylabel() or ax.get_yticklabels()
        texts = _legend_texts(fig)
        assert texts and all(size >= LEGEND_SIZE for _, size in texts)
        bounds = fig.bbox
        for legend in fig.legends:
            box = legend.get_window_extent(renderer)
            assert box.x0 >= bounds.x0 - 1 and box.x1 <= bounds.x1 + 1
            assert box.y0 >= bounds.y0 - 1 and box.y1 <= bounds.y1 + 1
    written = compare([*runs, ensemble], tmp_path / "out", fmt="svg")
    assert [p.name for p in written] == ["compare.svg", "compare_outcomes.svg"]
    assert written[0].read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_compare_of_a_missing_directory_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such run directory"):
        compare([tmp_path / "nowhere"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- single-run figures ----------------------------------------------------------------------


def test_the_trust_network_holds_the_saved_trust(runs: tuple[Path, Path, Path]) -> None:
    run = load_run(runs[2])
    month = str(run.states["month"].iloc[-1])
    graph = trust_graph(run, month)
    assert graph.number_of_edges() == 30
    row = run.states[(run.states["month"] == month) & (run.states["country"] == "PRK")]
    assert graph.edges["PRK", "USA"]["weight"] == pytest.approx(float(row["trust_USA"].iloc[0]))
    fig = network_figure(run, [str(run.states["month"].iloc[0]), month])
    first = str(run.states["month"].iloc[0])
    titles = [ax.get_title() for ax in fig.axes[:2]]
    assert titles == [f"{first}: trust of 0.5 or more", f"{month}: change since {first}"]
    with pytest.raises(InputError, match="no month '1999-01'"):
        trust_graph(run, "1999-01")


def test_every_standard_plot_legend_is_at_least_10_points(runs: tuple[Path, Path, Path]) -> None:
    from analysis.plots import STANDARD_PLOTS, standard_figure

    run = load_run(runs[0])
    for stem, _, _ in STANDARD_PLOTS:
        texts = _legend_texts(standard_figure(run, stem))
        assert all(size >= LEGEND_SIZE for _, size in texts), stem
    leverage = standard_figure(run, "leverage")
    assert any("month 0" in t.get_text() for t in leverage.axes[0].texts)


def test_plot_writes_fans_and_summits_for_an_ensemble(ensemble: Path, tmp_path: Path) -> None:
    out = tmp_path / "figs"
    code = main(["plot", str(ensemble), "--out", str(out), "--series", "tension"])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["fan_tension.png", "summits.png"]
    assert main(["plot", str(ensemble), "--out", str(out), "--series", "nonsense"]) == 2


def test_analysis_needs_no_pyplot_and_has_one_function_per_figure() -> None:
    code = (
        "import sys, analysis\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "names = ['load_run', 'load_sweep', 'load_ensemble', 'trajectories_dataset',\n"
        "         'trust_figure', 'leverage_figure', 'pressure_figure', 'timeline_figure',\n"
        "         'world_figure', 'fan_figure', 'series_figure', 'summits_figure',\n"
        "         'distributions_figure',\n"
        "         'network_figure', 'sobol_figure', 'morris_figure', 'parameters_figure']\n"
        "missing = [n for n in names if not callable(getattr(analysis, n, None))]\n"
        "assert not missing, missing\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- sensitivity -----------------------------------------------------------------------------


def test_analyze_draws_morris_indices_of_any_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    infos = numeric_parameters(load_scenario("baseline"))
    mechanism = next(
        info
        for key, info in infos.items()
        if key.startswith("mechanisms.") and not info.integer and info.default > 0
    )
    chosen = [infos["actors.PRK.trust.USA"], mechanism]
    ranges = "".join(
        f"  {info.key}: {{low: {max(info.low, 0.85 * info.default)}, "
        f"high: {min(info.high, 1.15 * info.default)}}}\n"
        for info in chosen
    )
    spec = tmp_path / "tiny.yaml"
    spec.write_text(
        "name: tiny\nbase: baseline\ndesign: morris\nn: 3\nmorris_levels: 4\nreplicates: 1\n"
        "seed: 3\nmonths: 6\ntrajectories: true\nparameters:\n" + ranges,
        encoding="utf-8",
    )
    sweep = tmp_path / "sweep"
    assert main(["sweep", str(spec), "--out", str(sweep), "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["analyze", str(sweep), "--outcome", "provocations"]) == 0
    printed = capsys.readouterr().out
    table = pd.read_csv(sweep / "plots" / "sensitivity-provocations.csv", index_col="parameter")
    assert list(table.columns) == [
        "mu",
        "mu_star",
        "sigma",
        "mu_star_conf",
        "noise_floor",
        "above_noise",
    ]
    assert table["noise_floor"].isna().all()  # one replicate a point: no noise estimate
    assert list(table.index) == [info.key for info in chosen]
    assert "mu_star" in printed
    for name in ("morris-provocations.png", "parameters-provocations.png"):
        assert (sweep / "plots" / name).read_bytes().startswith(b"\x89PNG")
    assert main(["analyze", str(sweep), "--outcome", "no_such_outcome"]) == 2
    manifest = json.loads((sweep / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    capsys.readouterr()
    assert main(["plot", str(sweep), "--outcome", "provocations", "--series", "tension"]) == 0
    written = [Path(line).name for line in capsys.readouterr().out.split()]
    assert written == ["outcomes.png", "parameters.png", "fan_tension.png", "summits.png"]
    from analysis.sweep_plots import parameters_figure
    from analysis.sweepdir import load_sweep

    fig = parameters_figure(load_sweep(sweep), "summit_held")
    assert fig.axes[0].get_ylabel() == "summit held (share of runs)"
    assert fig.axes[0].get_xlabel() in {
        "actors.PRK.trust.USA",
        "mechanisms.provocation.development_rate",
    }
    with pytest.raises(InputError, match="no outcome 'nonsense'"):
        parameters_figure(load_sweep(sweep), "nonsense")
    shown = compare([sweep], tmp_path / "cmp")
    assert [p.name for p in shown] == ["compare.png", "compare_outcomes.png"]


def test_sobol_bars_show_each_index_with_its_interval_largest_total_on_top() -> None:
    from analysis.sensitivity_plots import sobol_figure

    table = pd.DataFrame(
        {"S1": [0.1, 0.5], "S1_conf": [0.02, 0.05], "ST": [0.2, 0.7], "ST_conf": [0.03, 0.04]},
        index=["a.small", "b.large"],
    )
    fig = sobol_figure(table, "mean_tension", "test")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a.small", "b.large"]  # bottom up
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == len(ax.patches)
    widths = sorted(round(p.get_width(), 6) for p in bars)
    assert widths == [0.1, 0.2, 0.5, 0.7]
    assert all(size >= LEGEND_SIZE for _, size in _legend_texts(fig))


def test_pooled_runs_differing_only_in_seed_become_one_fan(
    runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from analysis.groups import pool_runs

    other = tmp_path / "seed5"
    argv = ["run", "baseline", "--months", str(MONTHS), "--seed", "5", "--quiet", "--no-plots"]
    assert main([*argv, "--out", str(other)]) == 0
    groups = pool_runs([load_group(p) for p in (runs[0], runs[2], other)])
    assert [g.kind for g in groups] == ["runs", "run"]  # the override run stays apart
    pooled = groups[0]
    assert pooled.dataset is not None and list(pooled.dataset["run"].values) == [4, 5]
    assert len(pooled.outcomes) == 2
    alone = load_run(other)
    np.testing.assert_allclose(
        pooled.dataset["tension"].sel(run=5).to_numpy(), alone.world["tension"].to_numpy()
    )
    prk = alone.states[alone.states["country"] == "PRK"]["trust_USA"].to_numpy()
    np.testing.assert_allclose(
        pooled.dataset["trust_USA"].sel(run=5, country="PRK").to_numpy(), prk
    )
    written = compare([runs[0], runs[2], other], tmp_path / "out", pool=True)
    assert all(p.is_file() for p in written)


def test_the_ensemble_command_prints_a_summary_then_the_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ens"
    argv = ["run", "baseline", "--months", "2", "--replicates", "4", "--no-plots"]
    assert main([*argv, "--out", str(out)]) == 0
    first, last = capsys.readouterr().out.strip().splitlines()
    assert last == str(out)
    outcomes = pd.read_parquet(out / "outcomes.parquet")
    share = f"a summit in {outcomes['summit_held'].mean():.0%} of runs"
    assert first.startswith("baseline: 4 runs of 2 months") and share in first
    assert f"median run: seed {load_ensemble(out).manifest['median_seed']}" in first
    assert not (out / "plots").exists()


def test_drawing_many_run_figures_never_imports_pyplot(
    ensemble: Path, runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    code = (
        "import sys, analysis\n"
        f"run = analysis.load_run({str(runs[0])!r})\n"
        "analysis.network_figure(run)\n"
        f"data = analysis.trajectories_dataset({str(ensemble)!r}, ['tension'])\n"
        "analysis.fan_figure(data, 'tension', 'test')\n"
        f"analysis.compare([{str(runs[0])!r}, {str(ensemble)!r}], {str(tmp_path / 'cmp')!r})\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_ensemble_with_plots_draws_its_fans_and_its_median_runs_plots(tmp_path: Path) -> None:
    out = tmp_path / "ens"
    argv = ["run", "baseline", "--months", "3", "--replicates", "3", "--quiet", "--out", str(out)]
    assert main(argv) == 0
    assert (out / "plots" / "fan_tension.png").is_file()
    assert (out / "median" / "plots" / "trust.png").is_file()
    manifest = json.loads((out / "median" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
