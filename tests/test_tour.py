"""docs/tour.ipynb is stored with its outputs, runs to the same outputs, warns of nothing and
uses the public API only (``analysis``, the ``neasim`` command as ``sim.cli.main``)."""

import ast

import nbformat
import pytest

from tools.tour import TOUR, executed, text_outputs

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

STORED = nbformat.read(TOUR, as_version=4)
PUBLIC = {"analysis", "sim.cli", "IPython.display", "io", "pathlib", "shutil"}


def _code() -> list[str]:
    return [cell.source for cell in STORED.cells if cell.cell_type == "code"]


def test_the_tour_imports_only_the_public_api() -> None:
    imported = set()
    for source in _code():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
    assert "analysis" in imported
    assert imported <= PUBLIC


def test_the_stored_tour_shows_its_outputs_and_no_warning() -> None:
    outputs = text_outputs(STORED)
    assert sum(shown.count("image") for shown in outputs) >= 4
    flat = [text for shown in outputs for text in shown]
    assert not [text for text in flat if "Warning" in text or text.startswith("error")]
    assert all(not text.startswith("stderr:") or text == "stderr: 24 runs\n" for text in flat)


def test_the_tour_runs_to_the_stored_outputs() -> None:
    fresh = executed()
    errors = [o for c in fresh.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert text_outputs(fresh) == text_outputs(STORED), "docs/tour.ipynb is stale: run make docs"
