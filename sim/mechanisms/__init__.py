"""The thirteen mechanisms of docs/specification.md, each a pure function of arrays with a
leading runs axis.

Parameters may be scalars or ``(R,)`` arrays (one value per run, as in a sweep); every function
is elementwise along the runs axis, so run ``r``'s result never depends on the other runs.
"""
