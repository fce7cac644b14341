"""Run ``docs/tour.ipynb`` from top to bottom and store it with its outputs.

``python -m tools.tour --write`` (run by ``make docs``) executes the notebook in a temporary
directory with the project's kernel and writes it back with every output, so that it reads on
GitHub without running; ``tests/test_tour.py`` runs it again and compares.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "docs" / "tour.ipynb"


def executed(path: Path = TOUR) -> nbformat.NotebookNode:
    """The notebook at ``path`` run from top to bottom in a fresh directory, without timings."""
    notebook: nbformat.NotebookNode = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": tmp}},
        ).execute()
    return notebook


def text_outputs(notebook: nbformat.NotebookNode) -> list[list[str]]:
    """Per code cell, its outputs as text (streams and plain-text results; images by type)."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        shown = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                shown.append(f"{output['name']}: {output['text']}")
            else:
                data = output.get("data", {})
                shown.append(data.get("text/plain", "") if "image/png" not in data else "image")
        found.append(shown)
    return found


def main(argv: list[str] | None = None) -> int:
    """Execute the tour; with ``--write``, store it with its outputs."""
    parser = argparse.ArgumentParser(prog="python -m tools.tour", description=__doc__)
    parser.add_argument("--write", action="store_true", help="store docs/tour.ipynb with outputs")
    args = parser.parse_args(argv)
    notebook = executed()
    if args.write:
        nbformat.write(notebook, TOUR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
