"""The command line as a user meets it: the narrative, the run directory, bad input."""

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli import main
from sim.countries import COUNTRIES
from sim.scenario import bundled_scenarios

NEASIM = [sys.executable, "-m", "sim.cli"]


def neasim(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEASIM, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_run_prints_a_narrative_and_the_run_directory_last(tmp_path: Path) -> None:
    done = neasim("run", "--seed", "3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    run = tmp_path / lines[-1]
    assert run.parent == tmp_path / "runs" and run.name.startswith("baseline-")
    assert run.name.endswith("-s3")
    assert any("United States proposes a summit" in line for line in lines)
    assert all(line[:7].count("-") == 1 for line in lines[1:-2]), "lines start with YYYY-MM"
    for name in ("config.yaml", "manifest.json", "states.csv", "world.csv", "events.csv"):
        assert (run / name).is_file(), name
    for plot in ("trust", "leverage", "pressure", "timeline", "world"):
        assert (run / "plots" / f"{plot}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["seed"] == 3
    assert manifest["command"] == ["neasim", "run", "--seed", "3"]
    summary = json.loads((run / "summary.json").read_text())
    for key in (
        "summit_held",
        "first_summit_month",
        "agreement_type",
        "agreement_active_at_end",
        "provocations",
        "prk_relief_need_final",
        "trust_final",
        "mean_tension",
        "leadership_changes",
    ):
        assert key in summary
    states = (run / "states.csv").read_text().splitlines()
    assert states[0].startswith("step,month,country,leverage,domestic_pressure,trust_USA,")
    assert len(states) == 1 + 25 * len(COUNTRIES)
    assert not list(tmp_path.glob("runs/.*")), "no temporary directory left"


def test_a_refusal_reads_as_the_article_would_put_it(tmp_path: Path) -> None:
    out = tmp_path / "r"
    done = neasim("run", "--seed", "3", "--no-plots", "--out", str(out), cwd=tmp_path)
    refusals = [line for line in done.stdout.splitlines() if "North Korea refuses" in line]
    assert refusals
    assert "the offer is not worth it (its trust in the US: 0.12" in refusals[0]
    assert "(denuclearization first, no relief)" in refusals[0]


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_every_bundled_scenario_validates_and_runs(name: str, tmp_path: Path) -> None:
    assert main(["validate", name]) == 0
    out = tmp_path / name
    assert main(["run", name, "--no-plots", "--quiet", "--out", str(out), "--months", "6"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["agreement_type"] in {
        "none",
        "declaratory",
        "freeze_for_relief",
        "disarmament_step",
    }


def test_scenarios_lists_the_bundled_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios"]) == 0
    listing = capsys.readouterr().out
    for name in bundled_scenarios():
        assert name in listing


BAD_INPUTS = {
    "malformed": ("name: x\nmonths: [1, 2\n", [], "malformed YAML"),
    "unknown key": (
        "extends: baseline\nactors:\n  PRK:\n    truts: {USA: 0.2}\n",
        [],
        "actors.PRK.truts: unknown key",
    ),
    "out of bounds": (
        "extends: baseline\nactors:\n  PRK:\n    trust: {USA: 1.5}\n",
        [],
        "actors.PRK.trust.USA: Input should be less than or equal to 1",
    ),
    "bad set": (
        "extends: baseline\n",
        ["--set", "actors.PRK.trust.XYZ=0.3"],
        "--set actors.PRK.trust.XYZ: no such key",
    ),
    "set out of bounds": (
        "extends: baseline\n",
        ["--set", "months=0"],
        "months: Input should be greater than or equal to 1",
    ),
    "broken rule": (
        "extends: baseline\nmechanisms:\n  trust: {defection_ratio: 0.9}\n",
        [],
        "trust falls faster than it rises",
    ),
    "event before the start": (
        'extends: baseline\ncalendar:\n  - {month: "2025-05", type: military_exercise}\n',
        [],
        "calendar.0.month: 2025-05 is not after the start month 2025-06",
    ),
    "bad month": ("extends: baseline\nstart: 2025-13\n", [], "start:"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_leaves_nothing(case: str, tmp_path: Path) -> None:
    text, extra, expected = BAD_INPUTS[case]
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(text)
    done = neasim("run", str(scenario), *extra, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert expected in message, message
    if extra:  # a bad --set value is the option's fault, not the file's
        assert f"{extra[0]} {extra[1].partition('=')[0]}" in message, message
        assert str(scenario) not in message, message
    else:
        assert str(scenario) in message, message
    assert not (tmp_path / "runs").exists()


OPTION_ERRORS = {
    "months 0": (["--months", "0"], "argument --months: 0: must be from 1 to 600"),
    "negative seed": (["--seed", "-5"], "argument --seed: -5: must be from 0 to"),
    "huge seed": (["--seed", "9" * 5000], "argument --seed: 9999"),
    "set months abc": (["--set", "months=abc"], "--set months=abc: months: Input should be a"),
    "set typo": (
        ["--set", "mnths=3"],
        "--set mnths: no such key in the scenario (did you mean months?)",
    ),
    "set typo deep": (
        ["--set", "actors.PRK.trust.UAS=0.3"],
        "(did you mean actors.PRK.trust.USA?)",
    ),
    "set huge integer": (["--set", "seed=" + "9" * 5000], "a value longer than 1000 characters"),
    "set deep value": (["--set", "months=" + "[" * 3000], "a value longer than 1000 characters"),
    "set nested value": (["--set", "months=" + "[" * 40 + "]" * 40], "nested more than 32"),
    "set a set": (["--set", "description=!!set {a: null}"], "a set (!!set) is not a value"),
    "set and option": (["--months", "3", "--set", "months=4"], "give one of them"),
    "replicates 0": (["--replicates", "0"], "--replicates 0: must be at least 1"),
    "replicates huge": (["--replicates", "10" * 20], "--replicates 1010101010"),
}


@pytest.mark.parametrize("case", sorted(OPTION_ERRORS))
def test_a_bad_option_value_names_the_option_not_the_file(case: str) -> None:
    argv, expected = OPTION_ERRORS[case]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(["run", "--no-plots", "--quiet", *argv])
        except SystemExit as done:
            code = int(done.code or 0)
    message = err.getvalue().strip()
    assert code == 2 and len(message.splitlines()) == 1, message
    assert expected in message and "baseline.yaml" not in message, message


def test_a_missing_file_and_an_unknown_scenario_are_named(tmp_path: Path) -> None:
    done = neasim("run", "nowhere.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("neasim: error: nowhere.yaml: no such scenario")
    done = neasim("validate", "baselin", cwd=tmp_path)
    assert done.returncode == 2 and "did you mean 'baseline'?" in done.stderr
    assert not (tmp_path / "runs").exists()


def test_an_existing_out_directory_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    done = neasim("run", "--no-plots", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 2 and "already exists" in done.stderr
    assert (out / "keep.txt").read_text() == "mine"


def test_the_command_line_bounds_are_the_schema_s() -> None:
    import sim.cli
    from sim.scenario import MAX_MONTHS

    assert sim.cli.MAX_MONTHS == MAX_MONTHS


def test_compare_help_shows_a_percent_sign(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "10-90% band" in text and "%%" not in text
