"""Tests of analysis/: loading saved runs and sweeps, the standard plots, comparisons, the CLI.

Every run directory here is written by hand (see :func:`write_run`), so these tests need no
simulation and state exactly what the files hold.
"""

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure

from analysis.command import add_plot_commands
from analysis.compare import compare_runs, summary_table
from analysis.plots import plot_world, write_standard_plots
from analysis.rundir import Run, load_run
from analysis.sweep_plots import plot_sweep
from analysis.sweepdir import load_sweep
from analysis.timeline import calendar_entries, event_positions, plot_timeline
from sim.errors import InputError

COUNTRIES = ("USA", "PRK", "KOR", "CHN", "RUS", "JPN")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STANDARD = ("trust.png", "leverage.png", "pressure.png", "timeline.png", "world.png")

EVENTS = [
    # step, month, type, actor, target, detail
    (1, "2025-07", "summit_proposed", "USA", "PRK", ""),
    (2, "2025-08", "summit_rejected", "PRK", "USA", "price too high"),
    (2, "2025-08", "provocation", "PRK", "", "missile test"),
    (3, "2025-09", "military_cooperation", "RUS", "PRK", ""),
    (3, "2025-09", "provocation", "PRK", "", "artillery drill"),
    (4, "2025-10", "calendar", "", "", "APEC Gyeongju"),
    (4, "2025-10", "summit_proposed", "USA", "PRK", ""),
    (4, "2025-10", "summit_held", "USA", "PRK", ""),
    (4, "2025-10", "agreement_signed", "USA", "PRK", "declaratory"),
    (5, "2025-11", "calendar", "", "", "APEC Gyeongju"),
    (5, "2025-11", "trade_deal", "JPN", "USA", "failure"),
    (6, "2025-12", "mediation", "KOR", "PRK", ""),
    (6, "2025-12", "leadership_change", "JPN", "", ""),
]


def write_run(
    root: Path,
    *,
    name: str = "baseline",
    seed: int = 7,
    months: int = 6,
    start: str = "2025-06",
) -> Path:
    """Write a small, complete run directory by hand and return its path.

    States and world series are smooth deterministic curves in [0, 1]; North Korea's trust in
    the US is ``0.2 + 0.01 * step`` so a test can check it; events are :data:`EVENTS` (those
    within ``months``).
    """
    root.mkdir(parents=True)
    dates = pd.period_range(start, periods=months + 1, freq="M").strftime("%Y-%m")
    rng = np.random.default_rng(seed)
    rows = []
    for step, month in enumerate(dates):
        for i, country in enumerate(COUNTRIES):
            row: dict[str, object] = {"step": step, "month": month, "country": country}
            row["leverage"] = 0.3 + 0.05 * i + 0.01 * step
            row["domestic_pressure"] = 0.5 + 0.3 * np.sin(step / 3 + i) * 0.5
            for j, other in enumerate(COUNTRIES):
                row[f"trust_{other}"] = (
                    1.0 if i == j else float(np.clip(0.5 + 0.1 * rng.standard_normal(), 0, 1))
                )
            row["position_nuclear"] = 0.5
            row["position_sanctions"] = 0.5
            row["salience_nuclear"] = 0.6
            row["salience_sanctions"] = 0.4
            row["enforcement"] = 0.8
            rows.append(row)
    states = pd.DataFrame(rows)
    states.loc[states["country"] == "PRK", "trust_USA"] = 0.2 + 0.01 * states["step"]
    states.to_csv(root / "states.csv", index=False)

    steps = np.arange(months + 1)
    world = pd.DataFrame({"step": steps, "month": dates})
    for k, column in enumerate(
        (
            "sanctions_regime",
            "effective_sanctions",
            "prk_relief_need",
            "prk_regime_security",
            "rus_flows",
            "military_cooperation",
            "chn_concern",
            "jpn_support",
            "jpn_outreach",
            "rice_price",
            "kor_leadership",
            "inter_korean_cooperation",
            "fta_progress",
            "expectations",
            "tension",
            "us_visibility",
        )
    ):
        world[column] = 0.5 + 0.4 * np.sin(steps / 4 + k)
    world["talks_alive"] = (steps >= 4).astype(int)
    world["agreement"] = np.where(steps >= 4, "declaratory", "none")
    world.to_csv(root / "world.csv", index=False)

    events = pd.DataFrame(
        [e for e in EVENTS if e[0] <= months],
        columns=["step", "month", "type", "actor", "target", "detail"],
    )
    events.to_csv(root / "events.csv", index=False)

    config = {
        "name": name,
        "description": "hand-made test run",
        "start": start,
        "months": months,
        "seed": seed,
        "actors": {c: {} for c in COUNTRIES},
        "mechanisms": {},
        "calendar": [],
        "shocks": [],
    }
    (root / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    manifest = {"format": 1, "status": "complete", "seed": seed, "command": "neasim run"}
    (root / "manifest.json").write_text(json.dumps(manifest))
    summary = {
        "summit_held": months >= 4,
        "first_summit_month": "2025-10" if months >= 4 else None,
        "agreement_type": "declaratory" if months >= 4 else "none",
        "agreement_active_at_end": months >= 4,
        "provocations": int(sum(1 for e in EVENTS if e[2] == "provocation" and e[0] <= months)),
        "prk_relief_need_final": float(world["prk_relief_need"].iloc[-1]),
        "trust_final": {
            c: {o: float(states[states.country == c][f"trust_{o}"].iloc[-1]) for o in COUNTRIES}
            for c in COUNTRIES
        },
        "mean_tension": float(world["tension"].mean()),
        "leadership_changes": [{"country": "JPN", "month": "2025-12"}] if months >= 6 else [],
    }
    (root / "summary.json").write_text(json.dumps(summary, indent=2))
    return root


def write_sweep(root: Path, *, n: int = 40) -> Path:
    """Write a small sweep directory: one parameter, the main outcomes, two failed runs."""
    root.mkdir(parents=True)
    rng = np.random.default_rng(1)
    x = np.repeat([0.1, 0.3, 0.5, 0.7], n // 4)
    design = pd.DataFrame({"run_id": np.arange(n), "seed": np.arange(n) + 100})
    design["design_point"] = np.repeat(np.arange(4), n // 4)
    design["replicate"] = np.tile(np.arange(n // 4), 4)
    design["mechanisms.rus.military_cooperation"] = x
    design.to_parquet(root / "design.parquet")
    outcomes = pd.DataFrame(
        {
            "run_id": np.arange(n),
            "status": ["failed" if k < 2 else "ok" for k in range(n)],
            "summit_held": rng.random(n) < 0.6,
            "agreement_type": rng.choice(["none", "declaratory", "freeze_for_relief"], n),
            "provocations": rng.integers(0, 6, n),
            "prk_relief_need_final": rng.random(n),
            "mean_tension": 0.3 + 0.5 * x + 0.05 * rng.standard_normal(n),
            "trust_final.PRK.USA": rng.random(n),
        }
    )
    outcomes.to_parquet(root / "outcomes.parquet")
    spec = {
        "name": "mil_coop",
        "base": "baseline",
        "parameters": {"mechanisms.rus.military_cooperation": {"values": [0.1, 0.3, 0.5, 0.7]}},
    }
    (root / "sweep.yaml").write_text(yaml.safe_dump(spec))
    return root


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    return write_run(tmp_path / "baseline-20250601-000000-s7")


def assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, path
    assert len(data) > 10_000, f"{path} is suspiciously small ({len(data)} bytes)"


# --- loading -------------------------------------------------------------------------------


def test_load_run_round_trips_the_files(run_dir: Path) -> None:
    run = load_run(run_dir)
    assert isinstance(run, Run)
    assert run.path == run_dir
    assert run.config["name"] == "baseline" and run.seed == 7
    assert run.label == "baseline (seed 7)"
    assert run.manifest["status"] == "complete"
    assert run.summary["agreement_type"] == "declaratory"
    assert len(run.states) == 7 * 6
    assert list(run.states.columns[:3]) == ["step", "month", "country"]
    prk = run.states[run.states["country"] == "PRK"]
    assert prk["trust_USA"].to_numpy() == pytest.approx(0.2 + 0.01 * np.arange(7))
    assert list(run.world["month"]) == [f"2025-{m:02d}" for m in range(6, 13)]
    assert len(run.events) == len(EVENTS)
    # Empty cells are empty strings, not NaN, so events can be filtered on them directly.
    assert (run.events.loc[run.events["type"] == "calendar", "actor"] == "").all()


def test_load_run_is_read_only_and_frozen(run_dir: Path) -> None:
    before = sorted(p.name for p in run_dir.iterdir())
    run = load_run(run_dir)
    with pytest.raises(AttributeError):
        run.path = Path("elsewhere")  # type: ignore[misc]
    assert sorted(p.name for p in run_dir.iterdir()) == before


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda d: d.rename(d.with_name("gone")), "no such run directory"),
        (lambda d: (d / "manifest.json").unlink(), "manifest.json: missing"),
        (
            lambda d: (d / "manifest.json").write_text('{"status": "running"}'),
            "status is 'running', not 'complete'",
        ),
        (lambda d: (d / "manifest.json").write_text("{not json"), "not valid JSON"),
        (lambda d: (d / "summary.json").write_text("[1, 2]"), "expected a JSON object"),
        (lambda d: (d / "config.yaml").write_text("a: [unclosed"), "malformed YAML"),
        (lambda d: (d / "world.csv").unlink(), "world.csv: missing"),
        (lambda d: (d / "events.csv").write_text(""), "events.csv: cannot parse CSV"),
        (
            lambda d: (d / "states.csv").write_text("step,month,country\n0,2025-06,USA\n"),
            "states.csv: missing column(s) leverage",
        ),
        (
            lambda d: (d / "world.csv").write_text("step,month\n0,June\n"),
            "world.csv: row 2: month 'June' is not YYYY-MM",
        ),
    ],
)
def test_bad_run_directories_raise_input_error_naming_the_path(
    run_dir: Path, breakage: Callable[[Path], object], expected: str
) -> None:
    breakage(run_dir)
    with pytest.raises(InputError) as info:
        load_run(run_dir)
    message = str(info.value)
    assert message.startswith(str(run_dir)), message
    assert expected in message
    assert "\n" not in message


def test_a_file_is_not_a_run_directory(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    with pytest.raises(InputError, match="not a directory"):
        load_run(file)


# --- standard plots ------------------------------------------------------------------------


def test_write_standard_plots_writes_real_pngs_and_no_temporaries(run_dir: Path) -> None:
    written = write_standard_plots(run_dir)
    assert [p.name for p in written] == list(STANDARD)
    assert all(p.parent == run_dir / "plots" for p in written)
    for path in written:
        assert_png(path)
    assert sorted(p.name for p in (run_dir / "plots").iterdir()) == sorted(STANDARD)


def test_write_standard_plots_to_another_directory(run_dir: Path, tmp_path: Path) -> None:
    written = write_standard_plots(run_dir, tmp_path / "elsewhere")
    assert {p.parent for p in written} == {tmp_path / "elsewhere"}
    assert not (run_dir / "plots").exists()


def test_write_standard_plots_on_a_bad_directory_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=re.escape(str(tmp_path / "nothing"))):
        write_standard_plots(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_timeline_draws_one_marker_per_event_of_each_type(run_dir: Path) -> None:
    run = load_run(run_dir)
    fig = Figure()
    ax = fig.add_subplot()
    plot_timeline(run, ax)
    markers = {
        c.get_gid(): len(np.asarray(c.get_offsets()))
        for c in ax.collections
        if c.get_gid() is not None
    }
    expected = run.events[run.events["type"] != "calendar"]["type"].value_counts().to_dict()
    assert markers == {f"events:{kind}": n for kind, n in expected.items()}
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "summit proposed" and labels[-1] == "calendar"
    texts = [t.get_text() for t in ax.texts]
    assert "1. Oct–Nov 2025: APEC Gyeongju" in texts  # listed once, its two months merged


def test_a_run_without_events_still_gets_a_timeline(run_dir: Path) -> None:
    (run_dir / "events.csv").write_text("step,month,type,actor,target,detail\n")
    run = load_run(run_dir)
    assert run.events.empty
    fig = Figure()
    ax = fig.add_subplot()
    plot_timeline(run, ax)
    assert "no events" in [t.get_text() for t in ax.texts]


def test_events_in_the_same_month_are_spread_inside_it() -> None:
    events = pd.DataFrame(
        {"type": ["provocation"] * 3 + ["outreach"], "month": ["2025-06"] * 3 + ["2025-06"]}
    )
    x = pd.DatetimeIndex(event_positions(events))
    assert list(x.day) == [8, 16, 23, 16]  # thirds and half of June's 30 days
    assert (x.month == 6).all()


def test_calendar_entries_merge_consecutive_months_of_one_event() -> None:
    calendar = pd.DataFrame(
        {
            "month": ["2025-10", "2025-10", "2025-11", "2026-03"],
            "detail": ["APEC Gyeongju", "rice reserves released", "APEC Gyeongju", ""],
        }
    )
    entries = [(f"{a:%Y-%m}", f"{b:%Y-%m}", d) for a, b, d in calendar_entries(calendar)]
    assert entries == [
        ("2025-10", "2025-12", "APEC Gyeongju"),
        ("2025-10", "2025-11", "rice reserves released"),
        ("2026-03", "2026-04", "calendar event"),
    ]


def test_world_figure_shows_every_numeric_column(run_dir: Path) -> None:
    world = pd.read_csv(run_dir / "world.csv")
    world["mystery_index"] = 0.5
    world.to_csv(run_dir / "world.csv", index=False)
    fig = Figure()
    plot_world(load_run(run_dir), fig)
    legends = [ax.get_legend() for ax in fig.axes]
    labels = {t.get_text() for legend in legends if legend is not None for t in legend.get_texts()}
    assert "mystery index" in labels
    assert "need for sanctions relief" in labels
    assert "agreement in force" in labels  # the agreement column shades the tension panel
    line_count = sum(len(ax.get_lines()) for ax in fig.axes)
    numeric = [c for c in world.columns if c not in ("step", "month", "agreement")]
    assert line_count == len(numeric)


def test_plots_do_not_need_pyplot_or_change_global_state() -> None:
    # Reading rcParams["backend"] the usual way would itself import pyplot; _get reads it raw.
    code = (
        "import sys, matplotlib\n"
        "def params(): return {k: repr(matplotlib.rcParams._get(k)) for k in matplotlib.rcParams}\n"
        "before = params()\n"
        "import analysis.plots, analysis.compare, analysis.sweep_plots, analysis.command\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "assert params() == before\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- comparisons ---------------------------------------------------------------------------


def test_compare_runs_overlays_two_runs(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", name="baseline", seed=1)
    b = write_run(tmp_path / "b", name="no_russia", seed=2)
    out = compare_runs([a, b], tmp_path / "cmp.png")
    assert out == tmp_path / "cmp.png"
    assert_png(out)


def test_compare_runs_with_different_starts(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", seed=1)
    b = write_run(tmp_path / "b", name="history_2017_2019", start="2017-01", months=5)
    assert_png(compare_runs([a, b], tmp_path / "cmp.png"))


def test_compare_runs_reports_a_bad_path(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a")
    with pytest.raises(InputError, match="no such run directory"):
        compare_runs([a, tmp_path / "missing"], tmp_path / "cmp.png")
    assert not (tmp_path / "cmp.png").exists()


def test_summary_table_has_one_row_per_run(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", name="baseline", seed=1)
    b = write_run(tmp_path / "b", name="no_russia", seed=2, months=3)
    table = summary_table([a, b])
    assert list(table["scenario"]) == ["baseline", "no_russia"]
    assert list(table["seed"]) == [1, 2]
    assert list(table["summit_held"]) == [True, False]
    assert list(table["agreement_type"]) == ["declaratory", "none"]
    assert list(table["provocations"]) == [2, 2]
    assert list(table["leadership_changes"]) == [1, 0]
    assert table["trust_final_PRK_USA"].to_list() == pytest.approx([0.26, 0.23])
    assert list(table.columns[:3]) == ["run", "scenario", "seed"]


def test_summary_table_names_a_missing_outcome(run_dir: Path) -> None:
    summary = json.loads((run_dir / "summary.json").read_text())
    del summary["mean_tension"]
    (run_dir / "summary.json").write_text(json.dumps(summary))
    with pytest.raises(InputError, match=r"summary\.json: missing key 'mean_tension'"):
        summary_table([run_dir])


# --- sweeps --------------------------------------------------------------------------------


def test_plot_sweep_writes_outcomes_and_parameter_plots(tmp_path: Path) -> None:
    sweep = write_sweep(tmp_path / "sweep")
    written = plot_sweep(sweep)
    assert [p.name for p in written] == ["outcomes.png", "parameters.png"]
    for path in written:
        assert path.parent == sweep / "plots"
        assert_png(path)


def test_sweep_parameters_are_those_the_spec_declares(tmp_path: Path) -> None:
    sweep = load_sweep(write_sweep(tmp_path / "sweep"))
    assert sweep.parameters == ["mechanisms.rus.military_cooperation"]
    assert sweep.name == "mil_coop"


def test_plot_sweep_without_parameters_writes_only_outcomes(tmp_path: Path) -> None:
    sweep = write_sweep(tmp_path / "sweep")
    pd.DataFrame({"run_id": range(40), "seed": range(40)}).to_parquet(sweep / "design.parquet")
    assert [p.name for p in plot_sweep(sweep)] == ["outcomes.png"]


def test_plot_sweep_reports_a_missing_table(tmp_path: Path) -> None:
    sweep = write_sweep(tmp_path / "sweep")
    (sweep / "design.parquet").unlink()
    with pytest.raises(InputError, match=r"design\.parquet: missing"):
        plot_sweep(sweep)


# --- command line --------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="neasim")
    add_plot_commands(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_plot_command_on_a_run_and_a_sweep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = write_run(tmp_path / "run")
    sweep = write_sweep(tmp_path / "sweep")
    args = parse(["plot", str(run), str(sweep)])
    assert args.func(args) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(run / "plots" / n) for n in STANDARD] + [
        str(sweep / "plots" / n) for n in ("outcomes.png", "parameters.png")
    ]


def test_plot_command_out_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = write_run(tmp_path / "run")
    args = parse(["plot", str(run), "--out", str(tmp_path / "figs")])
    assert args.func(args) == 0
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(STANDARD)


def test_plot_command_on_a_bad_path_raises_input_error(tmp_path: Path) -> None:
    args = parse(["plot", str(tmp_path / "missing")])
    with pytest.raises(InputError, match="missing: no such run directory"):
        args.func(args)


def test_compare_command_prints_table_then_directory_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write_run(tmp_path / "a", seed=1)
    b = write_run(tmp_path / "b", name="no_russia", seed=2)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = parse(["compare", str(a), str(b), "--table"])
    assert args.func(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    where = Path(lines[-1])
    assert where.parent == tmp_path  # beside the compared runs, not in the current directory
    assert "no_russia" in "\n".join(lines[:-3])
    assert_png(where / "compare.png")
    assert list(elsewhere.iterdir()) == []
