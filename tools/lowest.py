"""Install neasim at the lowest versions pyproject.toml allows and run the quick tests on them.

``python -m tools.lowest`` (``make lowest``, run by ``.ci/run``) resolves the direct dependencies
at their lower bounds (``uv pip compile --resolution lowest-direct``, wheels only, Python 3.12),
checks that every bound resolves to itself — a bound that cannot be installed is a bound that
lies — then installs the result into ``.venv-lowest`` and runs :data:`QUICK_TESTS` there.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==(\S+)", re.M)
"""``name==version`` or ``name[extras]==version`` at the start of a line."""
QUICK_TESTS = (
    "tests/test_golden.py",
    "tests/test_analysis.py",
    "tests/test_sweep_sensitivity.py",
    "tests/test_figures.py",
)
"""Byte-identical golden runs, the readers and figures, SALib's indices: what versions can break."""


def lower_bounds(pyproject: Path) -> dict[str, str]:
    r"""Each direct dependency's declared lower bound (``>=``), by normalised name.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "pyproject.toml"
    ...     deps = '["NumPy>=2.0", "mesa[network]>=3.5,<3.6"]'
    ...     _ = path.write_text(f"[project]\ndependencies = {deps}")
    ...     lower_bounds(path)
    {'numpy': '2.0', 'mesa': '3.5'}
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    found = {}
    for text in project["dependencies"]:
        requirement = Requirement(text)
        for spec in requirement.specifier:
            if spec.operator == ">=":
                found[_normal(requirement.name)] = spec.version
    return found


def pinned(lock_text: str) -> dict[str, str]:
    r"""``name==version`` lines of a compiled requirements file, by normalised name.

    >>> pinned("numpy==2.0.0\n    # via x\nPyYAML==6.0.1 \\\nuvicorn[standard]==0.5\n")
    {'numpy': '2.0.0', 'pyyaml': '6.0.1', 'uvicorn': '0.5'}
    """
    return {_normal(name): version for name, version in PIN.findall(lock_text)}


def unmet_bounds(bounds: dict[str, str], resolved: dict[str, str]) -> list[str]:
    """Direct dependencies whose lowest resolution is above their declared bound.

    >>> unmet_bounds({"numpy": "2.0", "pyarrow": "15"}, {"numpy": "2.0.0", "pyarrow": "16.0.0"})
    ['pyarrow>=15 resolves to 16.0.0']
    """
    from packaging.version import Version

    return [
        f"{name}>={bound} resolves to {resolved[name]}"
        for name, bound in bounds.items()
        if name in resolved and Version(resolved[name]) != Version(bound)
    ]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        raise SystemExit("uv is not installed: make .venv/.installed-stamp installs it")
    return found


def main(argv: list[str] | None = None) -> int:
    """Resolve, check, install and test; exit status 1 when a bound lies or a test fails."""
    parser = argparse.ArgumentParser(prog="python -m tools.lowest", description=__doc__)
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv-lowest")
    parser.add_argument("--resolve-only", action="store_true", help="check the bounds, no tests")
    args = parser.parse_args(argv)
    uv = _uv()
    lock = args.venv.with_suffix(".txt")
    subprocess.run(
        [uv, "pip", "compile", "--quiet", "--resolution", "lowest-direct", "--only-binary", ":all:",
         "--python-version", "3.12", "--extra", "test", "--no-header", "-o", str(lock),
         str(ROOT / "pyproject.toml")],
        check=True,
    )  # fmt: skip
    unmet = unmet_bounds(lower_bounds(ROOT / "pyproject.toml"), pinned(lock.read_text()))
    if unmet:
        print("lower bounds that do not install together: " + "; ".join(unmet), file=sys.stderr)
        return 1
    if args.resolve_only:
        return 0
    python = args.venv / "bin" / "python"
    if not python.exists():
        subprocess.run(
            [uv, "venv", "--quiet", "--python", sys.executable, str(args.venv)], check=True
        )
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(python), "-r", str(lock)], check=True
    )
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(python), "--no-deps", "-e", str(ROOT)],
        check=True,
    )
    tests = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", *QUICK_TESTS]
    return subprocess.run(tests, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
