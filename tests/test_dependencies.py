"""The lock files: hashed, runtime apart from development, one ruff, within the declared bounds."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from tools.lowest import lower_bounds, pinned

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = (ROOT / "requirements.lock").read_text(encoding="utf-8")
DEVELOPMENT = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")


def _requirements(lock_text: str) -> list[str]:
    """Each requirement of a lock file with its continuation lines, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", lock_text)
    return [line for line in joined.splitlines() if line and not line.lstrip().startswith("#")]


def test_every_pinned_package_carries_its_hashes() -> None:
    for text in (RUNTIME, DEVELOPMENT):
        requirements = _requirements(text)
        assert len(requirements) > 50
        unhashed = [r for r in requirements if "==" in r and "--hash=sha256:" not in r]
        assert unhashed == []


def test_running_needs_no_development_tools_and_shares_the_development_versions() -> None:
    runtime, development = pinned(RUNTIME), pinned(DEVELOPMENT)
    for tool in ("pytest", "playwright", "mypy", "ruff", "hypothesis", "ipykernel", "uv"):
        assert tool not in runtime
        assert tool in development
    assert {name: development[name] for name in runtime} == runtime
    assert len(runtime) < len(development)


def test_the_locked_versions_meet_the_declared_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = pinned(DEVELOPMENT)
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for text in declared:
        requirement = Requirement(text)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert requirement.specifier.contains(Version(locked[name])), (text, locked[name])
    assert set(lower_bounds(ROOT / "pyproject.toml")) >= {"numpy", "pandas", "pyarrow"}


def test_pre_commit_runs_the_locked_ruff() -> None:
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    (rev,) = re.findall(r"ruff-pre-commit\s+rev: v(\S+)", config)
    assert pinned(DEVELOPMENT)["ruff"] == rev


def test_make_run_installs_the_runtime_lock_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: \$\(RUN_STAMP\)", makefile, re.M)
    recipe = makefile.split("$(RUN_STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes -r $(LOCK)" in recipe
    assert "DEV_LOCK" not in recipe


CALIBRATE = (ROOT / "requirements-calibrate.lock").read_text(encoding="utf-8")


def test_the_calibrate_lock_is_hashed_whole_and_at_the_development_versions() -> None:
    requirements = _requirements(CALIBRATE)
    unhashed = [r for r in requirements if "==" in r and "--hash=sha256:" not in r]
    assert unhashed == []
    calibrate, runtime, development = pinned(CALIBRATE), pinned(RUNTIME), pinned(DEVELOPMENT)
    assert "pyabc" in calibrate and "pyabc" not in development
    # All that running needs, so that `pip install --require-hashes` of it alone resolves.
    assert set(runtime) <= set(calibrate)
    shared = set(calibrate) & set(development)
    assert {name: calibrate[name] for name in shared} == {n: development[n] for n in shared}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (pyabc,) = project["optional-dependencies"]["calibrate"]
    assert Requirement(pyabc).specifier.contains(Version(calibrate["pyabc"]))


def test_make_installs_and_locks_the_calibrate_extra_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(CALIBRATE_STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes -r $(CALIBRATE_LOCK)" in recipe
    lock = makefile.split("\nlock: ", 1)[1].split("\n\n", 1)[0]
    assert "--extra calibrate -c $(DEV_LOCK) -o $(CALIBRATE_LOCK)" in lock


def test_the_locks_keep_the_extras_pip_checks_hashes_of() -> None:
    """``uvicorn[standard]==…``, not ``uvicorn==…``: pip in hash mode wants the extra pinned."""
    with_extras = set(re.findall(r"^([\w.-]+\[[\w,-]+\])==", RUNTIME, re.M))
    assert {"uvicorn[standard]", "mesa[network]", "dask[distributed]"} <= with_extras
    for text in (DEVELOPMENT, CALIBRATE):
        assert with_extras <= set(re.findall(r"^([\w.-]+\[[\w,-]+\])==", text, re.M))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    compile_command = makefile.split("\nCOMPILE  := ", 1)[1].split("\n\n", 1)[0]
    assert "--no-strip-extras" in compile_command


INSTALLER = (ROOT / "requirements-uv.lock").read_text(encoding="utf-8")


def test_the_installer_is_pinned_with_hashes_at_the_development_version_and_installed_first() -> (
    None
):
    """uv installs the lock files; pip installs uv itself, from its own hashed lock, and only it."""
    (requirement,) = _requirements(INSTALLER)
    assert "--hash=sha256:" in requirement
    assert pinned(INSTALLER) == {"uv": pinned(DEVELOPMENT)["uv"]}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(RUN_STAMP): ", 1)[1].split("\n\n", 1)[0]
    pip_lines = [
        line for line in recipe.splitlines() if "pip install" in line and "uv pip" not in line
    ]
    assert pip_lines == ["\t$(BIN)/python -m pip install --quiet --require-hashes -r $(UV_LOCK)"]
    assert recipe.index("$(UV_LOCK)") < recipe.index("$(INSTALL) --require-hashes -r $(LOCK)")
    lock = makefile.split("\nlock: ", 1)[1].split("\n\n", 1)[0]
    assert "-c $(DEV_LOCK) -o $(UV_LOCK)" in lock
