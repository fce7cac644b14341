"""Regenerate the golden run directories: ``make golden`` (after an intended change of behaviour).

Each golden case is a ``neasim run`` command line; its saved files are compared byte for byte by
``tests/test_golden.py``. Review the diff of the regenerated files before committing them.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from sim.cli import main

HERE = Path(__file__).resolve().parent
CASES: dict[str, list[str]] = {
    "baseline-s42-m12": ["run", "baseline", "--seed", "42", "--months", "12"],
    "us_cash_first-s3-m12": ["run", "us_cash_first", "--seed", "3", "--months", "12"],
}
COMPARED = ("config.yaml", "states.csv", "world.csv", "events.csv", "summary.json")


def produce(case: str, into: Path) -> Path:
    """Run a golden case into a fresh directory below ``into``."""
    out = into / case
    status = main([*CASES[case], "--no-plots", "--quiet", "--out", str(out)])
    if status != 0:
        raise SystemExit(f"{case}: neasim exited with {status}")
    return out


def regenerate() -> None:
    """Rewrite every golden case."""
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            made = produce(case, Path(tmp))
            target = HERE / case
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            for name in COMPARED:
                shutil.copyfile(made / name, target / name)
            print(target, file=sys.stderr)


if __name__ == "__main__":
    regenerate()
