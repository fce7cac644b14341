"""Runs, ensembles, sweeps and analyses carry the same provenance block."""

import json
from pathlib import Path

from sim.cli import main
from sim.runs.provenance import PACKAGES, provenance

BLOCK = set(provenance())


def _manifest(path: Path) -> dict[str, object]:
    data = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_run_an_ensemble_a_sweep_and_an_analysis_share_one_provenance_block(
    tmp_path: Path,
) -> None:
    assert {"git_commit", "platform", "python_version", "neasim_version"} <= BLOCK
    assert {f"{p}_version" for p in PACKAGES} <= BLOCK
    common = ["--months", "3", "--quiet", "--no-plots"]
    assert main(["run", "baseline", *common, "--out", str(tmp_path / "run")]) == 0
    ensemble = tmp_path / "ens"
    assert main(["run", "baseline", *common, "--replicates", "3", "--out", str(ensemble)]) == 0
    spec = tmp_path / "tiny.yaml"
    spec.write_text(
        "base: baseline\ndesign: morris\nn: 2\nreplicates: 2\nseed: 1\nmonths: 3\n"
        "parameters:\n  actors.PRK.trust.USA: {low: 0.05, high: 0.3}\n"
        "  world.fta_progress: {low: 0.0, high: 1.0}\n",
        encoding="utf-8",
    )
    sweep = tmp_path / "sweep"
    assert main(["sweep", str(spec), "--out", str(sweep), "--workers", "1", "--no-progress"]) == 0
    assert main(["analyze", str(sweep), "--outcome", "provocations"]) == 0
    analysis = json.loads((sweep / "plots" / "sensitivity-provocations.json").read_text())
    records = {
        "run": _manifest(tmp_path / "run"),
        "ensemble": _manifest(ensemble),
        "sweep": _manifest(sweep),
        "analysis": analysis,
    }
    for kind, record in records.items():
        assert set(record) >= BLOCK, (kind, BLOCK - set(record))
        assert record["platform"] == records["run"]["platform"]
        assert record["pandas_version"] == records["run"]["pandas_version"]
        assert record["format_version"] == 1
    assert analysis["kind"] == "sensitivity"
    assert analysis["sweep"] == str(sweep)
    assert analysis["sweep_git_commit"] == records["sweep"]["git_commit"]
    assert records["sweep"]["salib_version"] == analysis["salib_version"]
