"""Many futures for the page: computed once per setting, a few at a time, never on the event loop.

Every tab of the page asks :class:`FuturesCache` for the futures of its settings from a worker
thread. The cache keys them by the fully resolved scenario and the seeds, so a class of thirty on
the same scenario computes its reference once; at most ``concurrent`` batches run at the same
time (more would only share the same cores), and two tabs asking for the same settings at once
wait for one computation. The cache holds at most ``size`` settings, dropping the least recently
used, so memory stays bounded however many tabs are open.
"""

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection

import numpy as np
from numpy.typing import NDArray

from sim.classroom.futures import Futures, many_futures
from sim.scenario import Scenario

CACHE_SIZE = 64
"""Settings whose futures are kept (each a few tens of kilobytes)."""
CONCURRENT = 2
"""Batches computed at the same time (one per core of a classroom laptop)."""


def settings_key(
    scenario: Scenario,
    seeds: NDArray[np.integer],
    parameters: str = "declared",
    root: int | None = None,
    keep: Collection[str] = (),
) -> str:
    """A key that differs whenever the futures could.

    The resolved scenario, the seeds, and where the parameters come from (with the root of the draws
    and the keys kept).
    """
    digest = hashlib.sha256(scenario.model_dump_json().encode())
    digest.update(np.asarray(seeds, dtype=np.int64).tobytes())
    if parameters != "declared":
        digest.update(json.dumps([parameters, root, sorted(keep)]).encode())
    return digest.hexdigest()


class FuturesCache:
    """Futures by settings, computed at most once each, at most ``concurrent`` at a time.

    Parameters
    ----------
    size
        Settings kept, least recently used dropped first.
    concurrent
        Batches computed at the same time.
    compute
        The computation (:func:`sim.classroom.futures.many_futures`; a test may count calls).
    """

    def __init__(
        self,
        size: int = CACHE_SIZE,
        concurrent: int = CONCURRENT,
        compute: Callable[..., Futures] = many_futures,
    ) -> None:
        self.size = size
        self.compute = compute
        self.computed = 0
        self._entries: OrderedDict[str, Futures] = OrderedDict()
        self._pending: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrent)

    def __len__(self) -> int:
        """The number of settings whose futures are held."""
        return len(self._entries)

    def get(
        self,
        scenario: Scenario,
        seeds: NDArray[np.integer],
        parameters: str = "declared",
        root: int | None = None,
        keep: Collection[str] = (),
    ) -> tuple[Futures, float]:
        """The futures of ``scenario`` over ``seeds``, and the seconds spent computing them now.

        Their parameters are as ``parameters``, ``root`` and ``keep`` say
        (:func:`sim.classroom.futures.many_futures`). The seconds are 0 when the futures were
        already known. Blocks: call it from a worker thread.
        """
        key = settings_key(scenario, seeds, parameters, root, keep)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key], 0.0
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # one computation per key; the others wait for it
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key], 0.0
            with self._slots:
                start = time.perf_counter()
                futures = (
                    self.compute(scenario, seeds)
                    if parameters == "declared"
                    else self.compute(scenario, seeds, parameters, root, tuple(keep))
                )
                seconds = time.perf_counter() - start
            with self._lock:
                self.computed += 1
                self._entries[key] = futures
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
                self._pending.pop(key, None)
        return futures, seconds
