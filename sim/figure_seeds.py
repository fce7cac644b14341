"""The one seed range of every figure the README, ``docs/`` and the lessons quote.

``tools/doc_figures.py`` (run by ``make docs``) computes every quoted figure over it — the
scenarios' shares and medians, the lessons' figures, the table of ``docs/teaching.md`` — so that
one quantity is never quoted with two values. With 2,500 runs the 95 % interval of any share is
at most ±1.96 points.
"""

FIGURE_SEEDS = range(0, 2500)
"""Seeds 0 … 2,499."""
