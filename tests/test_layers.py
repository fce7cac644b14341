"""The layers hold: analysis reads saved results and never loads the model that made them."""

import subprocess
import sys
from pathlib import Path

import analysis

FORBIDDEN = ("sim.model", "sim.resolution", "sim.agents", "sim.sweep", "sim.runs.batch")
"""The model, its resolution and agents, the runner of sweeps and of batches."""


def test_importing_every_analysis_module_loads_no_model_runner_or_resolution() -> None:
    modules = sorted(
        f"analysis.{path.stem}"
        for path in Path(analysis.__file__).parent.glob("*.py")
        if path.stem != "__init__"
    )
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "analysis.plots" in loaded
    assert [m for m in loaded if m.startswith(FORBIDDEN)] == []


def test_runs_never_import_analysis() -> None:
    sources = Path(analysis.__file__).parent.parent.joinpath("sim", "runs").glob("*.py")
    offenders = [p.name for p in sources if "analysis" in _imports(p.read_text(encoding="utf-8"))]
    assert offenders == []


def _imports(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if line.lstrip().startswith(("import ", "from "))
    )
