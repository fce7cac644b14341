"""Counter-based random numbers: one uniform per (seed, decision slot, month), for all runs at once.

A run's number for a decision is a hash of its seed, the decision's fixed slot id and the step
(SplitMix64's finaliser, Steele, Lea & Flood 2014, applied twice). Nothing is drawn in sequence,
so a number depends only on those three keys: never on what happened in the run, on how many
runs share its batch, on where it runs, or on which other decisions exist. Adding a decision
(a new slot id) leaves every other draw unchanged. Elementwise ``uint64`` arithmetic, so the
same bytes on any machine.
"""

import weakref

import numpy as np
from numpy.typing import NDArray

SLOT_IDS: dict[str, int] = {
    "propose": 1,
    "accept": 2,
    "deliver": 3,
    "tighten": 4,
    "russia_blocks": 5,
    "china_blocks": 6,
    "concede": 7,
    "provoke": 8,
    "forgive": 9,
    "mediate": 10,
    "initiative": 11,
    "outreach": 12,
    "military_cooperation": 13,
    "economic_cooperation": 14,
    "us_revision": 15,
    "china_act": 16,
    "russia_act": 17,
    "japan_fall": 18,
    "japan_successor": 19,
    "korea_gesture": 20,
    "mediation_outcome": 21,
    "japan_vote": 22,
    "prk_invite": 23,
    "us_answer": 24,
    "salvo": 25,
    "nuclear_test": 26,
}
"""Fixed slot ids: a new decision takes a new id; an id is never reused or renumbered."""

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _splitmix[X: (NDArray[np.uint64], np.uint64)](x: X) -> X:
    z = x + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


def uniforms(seeds: NDArray[np.uint64], slot: str, step: int) -> NDArray[np.float64]:
    """Uniform numbers in [0, 1), one per run, for a decision slot at a step.

    >>> a = uniforms(np.array([1, 2], dtype=np.uint64), "propose", 3)
    >>> alone = uniforms(np.array([1], np.uint64), "propose", 3)
    >>> bool(((a >= 0) & (a < 1)).all()), bool(a[0] == alone[0])
    (True, True)
    """
    counter = np.uint64((SLOT_IDS[slot] << 32) | step)
    with np.errstate(over="ignore"):
        z = _splitmix(_hashed(seeds) ^ _splitmix(counter))
    return _unit(z)


def _unit(z: NDArray[np.uint64]) -> NDArray[np.float64]:
    """Hashed words as uniform numbers in [0, 1): their top 53 bits over 2⁵³."""
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


TABLE_SIZE = 8192
"""Most numbers (runs × slots) a month hashes in one table (:func:`month_uniforms`); a larger
batch hashes each slot's numbers as they are drawn (:func:`uniforms`), in arrays of one slot."""

_SLOT_ROWS: dict[str, int] = {slot: row for row, slot in enumerate(SLOT_IDS)}
"""Each slot's row in :func:`month_uniforms`' table, in the order of :data:`SLOT_IDS`."""


def month_uniforms(seeds: NDArray[np.uint64], step: int) -> NDArray[np.float64]:
    """Every slot's uniform numbers at a step, (slots, R), a read-only table.

    Row :func:`slot_row` of the table holds exactly what :func:`uniforms` gives for that slot:
    the same hash, element by element, for all slots at once.

    >>> seeds = np.array([1, 2], dtype=np.uint64)
    >>> table = month_uniforms(seeds, 3)
    >>> bool((table[slot_row("propose")] == uniforms(seeds, "propose", 3)).all())
    True
    """
    counters = np.array([(slot_id << 32) | step for slot_id in SLOT_IDS.values()], np.uint64)
    with np.errstate(over="ignore"):
        z = _splitmix(_hashed(seeds)[None, :] ^ _splitmix(counters)[:, None])
    table = _unit(z)
    table.flags.writeable = False
    return table


def slot_row(slot: str) -> int:
    """A decision slot's row in :func:`month_uniforms`' table."""
    return _SLOT_ROWS[slot]


_SEEN: dict[int, tuple["weakref.ref[NDArray[np.uint64]]", NDArray[np.uint64]]] = {}
"""The mixed seeds of the batches stepping now, by the identity of their seed array."""


def _hashed(seeds: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """``splitmix(seeds)``, computed once per seed array (a batch draws every month from it)."""
    known = _SEEN.get(id(seeds))
    if known is not None and known[0]() is seeds:
        return known[1]
    with np.errstate(over="ignore"):
        mixed = _splitmix(seeds.astype(np.uint64))
    if isinstance(seeds, np.ndarray) and seeds.base is None:
        for key in [key for key, (ref, _) in _SEEN.items() if ref() is None]:
            del _SEEN[key]
        _SEEN[id(seeds)] = (weakref.ref(seeds), mixed)
    return mixed
