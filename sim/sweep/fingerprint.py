"""What a chunk's results depend on, as one hash: the sweep, the model's code, the versions.

Each chunk file records the fingerprint of what made it. A resumed sweep re-runs every chunk whose
fingerprint differs from the current one, so a sweep never mixes results of two versions of the
model, of two specs, or of two sets of numerical libraries.
"""

import hashlib
import platform
from functools import cache
from pathlib import Path

import sim
from sim.runs.provenance import package_version

LIBRARIES = ("numpy", "pandas", "pyarrow", "mesa", "SALib", "pydantic", "PyYAML")
"""Packages whose version can change a run's numbers or a chunk's bytes."""

METADATA_KEY = b"neasim.fingerprint"
"""The key of the fingerprint in a chunk file's Parquet schema metadata."""


@cache
def code_hash() -> str:
    """A hash of the model's source: every ``.py`` file of the ``sim`` package, by path."""
    root = Path(sim.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def versions_text() -> str:
    """Python's and the libraries' versions, one ``name=version`` per line."""
    found = [f"python={platform.python_version()}"]
    found += [f"{name}={package_version(name)}" for name in LIBRARIES]
    return "\n".join(found)


def fingerprint(sweep_yaml: str, scenario_yaml: str) -> str:
    """The fingerprint of a chunk made now from this resolved spec and base scenario."""
    digest = hashlib.sha256()
    for part in (sweep_yaml, scenario_yaml, code_hash(), versions_text()):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]
