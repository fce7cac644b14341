"""One source of randomness per run.

Run ``r`` owns one ``numpy.random.Generator``, spawned from its seed with ``SeedSequence``
(``numpy.random.default_rng(seed)``). At the start it draws every uniform number the run will use:
one fixed slot per decision per month, whether or not the decision arises. So a run's numbers
never depend on what happened in it, on how many runs share its batch, or on where it runs.
"""

import numpy as np
from numpy.typing import NDArray

SLOTS: tuple[str, ...] = (
    "propose",
    "accept",
    "deliver",
    "tighten",
    "russia_blocks",
    "china_blocks",
    "concede",
    "provoke",
    "forgive",
    "mediate",
    "initiative",
    "outreach",
    "military_cooperation",
    "economic_cooperation",
)
"""The decisions that draw a number each month, in slot order."""
SLOT: dict[str, int] = {name: i for i, name in enumerate(SLOTS)}


def run_generator(seed: int) -> np.random.Generator:
    """The one generator of the run with this seed."""
    return np.random.default_rng(np.random.SeedSequence(int(seed)))


def monthly_draws(seeds: NDArray[np.integer] | list[int], months: int) -> NDArray[np.float64]:
    """Uniform numbers in [0, 1) for every run, month and slot: shape (R, months, len(SLOTS)).

    Run r's block is ``run_generator(seeds[r]).random((months, len(SLOTS)))``; the first m months
    of a longer run are those of a shorter one.
    """
    draws = np.empty((len(seeds), months, len(SLOTS)))
    for r, seed in enumerate(seeds):
        draws[r] = run_generator(int(seed)).random((months, len(SLOTS)))
    return draws
