"""Write figures atomically: a reader never sees a half-written PNG."""

import os
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

from analysis.style import DPI


def save_figure(fig: Figure, path: Path) -> Path:
    """Save ``fig`` as a PNG at ``path``, atomically.

    The image is written to a temporary file in the same directory and moved over ``path``
    with :func:`os.replace`; on any error the temporary file is removed and ``path`` is left as
    it was. Parent directories are created as needed.

    Returns
    -------
    Path
        ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format="png", dpi=DPI)
        os.chmod(tmp_name, 0o644)  # mkstemp makes files private; plots are for sharing
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path
