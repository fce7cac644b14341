"""The wheel is a complete package: installed elsewhere, it finds its scenarios, specs and data.

The wheel is built from a copy of the source tree and installed into a fresh virtual
environment. The environment gets the project's dependencies through a ``.pth`` line naming the
test interpreter's ``site-packages`` (a line, not a site directory, so the editable install's
own ``.pth`` hooks there are not run); ``neasim`` itself comes only from the wheel, and the test
checks that ``import sim`` resolves inside the fresh environment.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from sim import __version__

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("sim", "analysis", "configs", "data", "pyproject.toml", "README.md", "LICENSE")

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py


def _build_wheel(out: Path) -> Path:
    tree = out / "src"
    tree.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, tree / name)
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    result = subprocess.run(
        [*pip_wheel, "-v", "-w", str(out), str(tree)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "DeprecationWarning" not in result.stdout + result.stderr
    (wheel,) = out.glob("neasim-*.whl")
    return wheel


def _fresh_env(root: Path, wheel: Path) -> Path:
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "project_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", str(wheel)],
        check=True,
    )
    return root / "bin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the ``bin`` directory of a fresh environment holding it."""
    root = tmp_path_factory.mktemp("package")
    wheel = _build_wheel(root)
    return wheel, _fresh_env(root / "env", wheel)


def test_the_wheel_ships_the_scenarios_specs_and_record(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for config in sorted((REPO / "configs").rglob("*.yaml")):
        assert f"sim/configs/{config.relative_to(REPO / 'configs')}" in names
    assert "sim/data/history.csv" in names
    metadata = zipfile.ZipFile(wheel).read(f"neasim-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata


def test_the_installed_command_works_from_an_unrelated_directory(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bin_dir = installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"

    def neasim(*args: str) -> str:
        result = subprocess.run(
            [str(bin_dir / "neasim"), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sim, analysis; print(sim.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(bin_dir.parent)
    assert neasim("--version").strip() == f"neasim {__version__}"
    run = Path(neasim("run", "baseline", "--months", "3", "--no-plots", "--quiet").strip())
    assert (tmp_path / run / "summary.json").is_file()
    sweep = Path(neasim("sweep", "smoke", "--workers", "1", "--no-progress").splitlines()[-1])
    manifest = json.loads((tmp_path / sweep / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    plots = neasim("plot", str(run)).split()
    assert plots and all((tmp_path / p).is_file() for p in plots)
    assert "history_2017_2019" in neasim("scenarios")
