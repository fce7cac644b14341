"""``neasim --help`` and ``--version`` load no command module; ensembles reject bad input.

How long the help takes is measured in ``benchmarks/cli_startup.py``; here the behaviour that
makes it fast is checked: nothing heavy is imported until a command runs.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from sim import __version__
from sim.cli import COMMANDS, build_parser, main

HEAVY = ("numpy", "pandas", "matplotlib", "mesa", "pyarrow", "pydantic", "yaml", "xarray")


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_nothing_heavy(flag: str) -> None:
    code = (
        "import sys\n"
        "from sim.cli import main\n"
        "try:\n"
        f"    main([{flag!r}])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0\n"
        f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"neasim {__version__}"


def test_help_lists_every_command_and_each_loads_in_full(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for name in ("run", "validate", "scenarios", *COMMANDS):
        assert f"\n    {name}" in text
    required = {"play": ["--as", "USA"]}  # options a command cannot do without
    for name in COMMANDS:
        argv = [name, "x", *required.get(name, [])]
        args, _ = build_parser(load=[name]).parse_known_args(argv)
        assert callable(args.func)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--replicates", "0"], "--replicates 0: must be at least 1"),
        (["--replicates", "3", "--set", "actors.PRK.trust.USA=2"], "actors.PRK.trust.USA"),
    ],
)
def test_a_bad_ensemble_is_one_line_exit_2_and_leaves_nothing(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ens"
    code = main(["run", "baseline", "--months", "2", "--out", str(out), *argv])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
    assert list(tmp_path.iterdir()) == []
