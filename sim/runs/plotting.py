"""The figures a command asks for, handed to the code that saves runs.

Runs never import the plotting package: the command line builds :class:`Plotters` from
:func:`analysis.many_runs.plotters` and passes them in, so ``sim.runs`` stays below ``analysis``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Plotters:
    """Functions that draw a saved directory's figures into it.

    Attributes
    ----------
    run
        Draws one run directory's standard plots while its manifest still says ``writing``.
    ensemble
        Draws an ensemble directory's fan charts and distributions.
    """

    run: Callable[[Path], object]
    ensemble: Callable[[Path], object]
