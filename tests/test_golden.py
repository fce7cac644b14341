"""Saved-run formats and behaviour pinned by golden files (regenerate with ``make golden``)."""

import importlib.util
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
_spec = importlib.util.spec_from_file_location("regenerate", GOLDEN / "regenerate.py")
assert _spec is not None and _spec.loader is not None
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)


@pytest.mark.parametrize("case", sorted(regenerate.CASES))
def test_a_run_matches_its_golden_files_byte_for_byte(case: str, tmp_path: Path) -> None:
    made = regenerate.produce(case, tmp_path)
    for name in regenerate.COMPARED:
        expected = (GOLDEN / case / name).read_text(encoding="utf-8")
        actual = (made / name).read_text(encoding="utf-8")
        assert actual == expected, f"{case}/{name} differs; if intended, run `make golden`"
