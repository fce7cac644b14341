"""The parameter table's cache of what each scenario declares."""

import gc
import sys
from concurrent.futures import ThreadPoolExecutor

from sim.parameters import table
from sim.parameters.table import ParamTable
from sim.scenario import load_scenario


def test_tables_built_on_many_threads_share_the_cache_and_it_forgets_dead_scenarios() -> None:
    """Tables built at once on many threads (a Dask worker's), while the scenarios they were
    built from die, never trip over the cache; an entry leaves with its scenario.

    400 builds: the cache before the fix failed within 100 of them six times in six (a
    ``KeyError`` or a dictionary changed during iteration).
    """
    template = load_scenario("baseline")

    def build(_: int) -> int:
        scenario = template.model_copy()  # a fresh object each time, dropped on return
        return len(ParamTable(scenario, 2).value("mechanisms.cash_first.talks_value"))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can: races show
    try:
        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(build, range(400))) == {2}
    finally:
        sys.setswitchinterval(interval)
    gc.collect()
    assert all(ref() is not None for ref, _ in table._DECLARED.values())
