"""Parameter sweeps: a design of runs stepped in lockstep chunks on a pool or a Dask cluster.

A spec (``configs/sweeps/*.yaml``) names a base scenario, the parameters to vary, a design and
what to keep; :func:`run_sweep` (``neasim sweep SPEC``) writes a sweep directory whose
``outcomes.parquet`` holds one row per run. ``docs/sweeps.md`` is the user guide.
"""

from sim.sweep.command import add_sweep_command
from sim.sweep.plan import SweepPlan, plan_sweep
from sim.sweep.runner import default_out_dir, run_sweep
from sim.sweep.spec import SweepSpec, load_spec

__all__ = [
    "SweepPlan",
    "SweepSpec",
    "add_sweep_command",
    "default_out_dir",
    "load_spec",
    "plan_sweep",
    "run_sweep",
]
