"""The files neasim ships inside its package, found with :mod:`importlib.resources`.

The bundled scenarios and sweep specs (``configs/``) and the dated record (``data/``) are package
data of :mod:`sim`: in a source checkout ``sim/configs`` and ``sim/data`` link to the top-level
``configs/`` and ``data/`` directories users edit; a wheel holds copies of them. Nothing is looked
for outside the package.
"""

from importlib.resources import files
from pathlib import Path


def bundled_path(*parts: str) -> Path:
    """The file system path of a file or directory shipped in the package.

    Parameters
    ----------
    *parts : str
        Path components below the package, e.g. ``"configs", "sweeps"``.

    Returns
    -------
    Path
        The resolved path (in a source checkout, the top-level directory the link points to).

    Raises
    ------
    RuntimeError
        When the package is not installed as plain files (e.g. imported from a zip archive).
    """
    resource = files("sim").joinpath(*parts)
    if not isinstance(resource, Path):
        raise RuntimeError(f"neasim must be installed as files, not inside {resource!r}")
    return resource.resolve()


def bundled_specs() -> dict[str, Path]:
    """The sweep specs shipped in ``configs/sweeps/``, by name."""
    return {path.stem: path for path in sorted(bundled_path("configs", "sweeps").glob("*.yaml"))}


def spec_path(ref: str) -> Path:
    """A sweep spec reference → its file: an existing path, else a bundled spec's name."""
    path = Path(ref)
    if path.is_file():
        return path
    return bundled_specs().get(ref, path)
