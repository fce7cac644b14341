"""The trust network: countries as nodes, directed trust as edges (networkx), drawn as a change.

Thirty arrows in one panel cannot be read, so :func:`network_figure` draws the first month's
network with only the edges of :data:`TRUST_THRESHOLD` or more (who trusts whom), then each later
month as the change since the first, with only the edges that moved by :data:`MIN_CHANGE` or more
(red: trust lost, blue: trust gained).
"""

from collections.abc import Sequence

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from analysis.rundir import Run
from analysis.style import country_color, country_name, ordered_countries
from sim.errors import InputError

EDGE_CMAP = "viridis"
CHANGE_CMAP = "RdBu"
NODE_RADIUS = 15.0
"""Radius of a country's disc, in points."""
TRUST_THRESHOLD = 0.5
"""The trust an edge needs to be drawn in the first month's panel."""
MIN_CHANGE = 0.05
"""The change of trust since the first month an edge needs to be drawn in a later panel."""
MAX_CHANGE = 0.5
"""The change of trust at the ends of the change colour scale."""


def trust_graph(run: Run, month: str) -> nx.DiGraph:
    """The directed graph of trust in ``month``: edge ``i → j`` has ``weight`` i's trust in j.

    Raises
    ------
    sim.errors.InputError
        When the run has no such month.
    """
    rows = run.states[run.states["month"] == month]
    if rows.empty:
        months = sorted(run.states["month"].unique())
        raise InputError(
            f"{run.path / 'states.csv'}: no month {month!r} (the run covers {months[0]} "
            f"to {months[-1]})"
        )
    countries = ordered_countries(rows["country"])
    graph = nx.DiGraph()
    graph.add_nodes_from(countries)
    for _, row in rows.iterrows():
        for other in countries:
            if other != row["country"]:
                graph.add_edge(row["country"], other, weight=float(row[f"trust_{other}"]))
    return graph


def change_graph(before: nx.DiGraph, after: nx.DiGraph, min_change: float) -> nx.DiGraph:
    """The edges whose weight moved by ``min_change`` or more, weighted by the change.

    >>> a, b = nx.DiGraph(), nx.DiGraph()
    >>> a.add_weighted_edges_from([("PRK", "USA", 0.3), ("USA", "PRK", 0.2)])
    >>> b.add_weighted_edges_from([("PRK", "USA", 0.1), ("USA", "PRK", 0.22)])
    >>> [(t, h, round(w, 2)) for t, h, w in change_graph(a, b, 0.05).edges(data="weight")]
    [('PRK', 'USA', -0.2)]
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(after.nodes)
    for tail, head, weight in after.edges(data="weight"):
        delta = weight - before.edges[tail, head]["weight"]
        if abs(delta) >= min_change:
            graph.add_edge(tail, head, weight=delta)
    return graph


def strong_graph(graph: nx.DiGraph, threshold: float) -> nx.DiGraph:
    """The graph with only the edges of ``threshold`` weight or more."""
    kept = nx.DiGraph()
    kept.add_nodes_from(graph.nodes)
    kept.add_weighted_edges_from(
        (t, h, w) for t, h, w in graph.edges(data="weight") if w >= threshold
    )
    return kept


def draw_graph(ax: Axes, graph: nx.DiGraph, colors: ScalarMappable, scale: float = 1.0) -> None:
    """Draw a trust graph on a circle with matplotlib alone (networkx's drawing needs pyplot).

    Nodes are the countries in their colours; each edge ``i → j`` is a curved arrow whose colour
    follows its ``weight`` and whose width its size (``scale`` is the weight of the widest),
    curved so that ``j → i`` runs beside it.
    """
    nodes = list(graph.nodes)
    positions = nx.circular_layout(nodes)
    for tail, head, weight in graph.edges(data="weight"):
        ax.add_patch(
            FancyArrowPatch(
                tuple(positions[tail]),
                tuple(positions[head]),
                connectionstyle="arc3,rad=0.15",
                arrowstyle="-|>",
                mutation_scale=12,
                lw=0.5 + 4.0 * min(abs(weight) / scale, 1.0),
                color=colors.to_rgba(weight),
                shrinkA=NODE_RADIUS,
                shrinkB=NODE_RADIUS,
                zorder=1,
            )
        )
    xy = np.array([positions[n] for n in nodes])
    ax.scatter(
        xy[:, 0], xy[:, 1], s=(2 * NODE_RADIUS) ** 2, c=[country_color(n) for n in nodes], zorder=2
    )
    for node, (x, y) in zip(nodes, xy, strict=True):
        ax.text(x, y, node, ha="center", va="center", color="white", fontsize=9, weight="bold")
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()


def default_months(run: Run) -> list[str]:
    """The first, middle and last months of a run."""
    months = sorted(run.states["month"].unique())
    return list(dict.fromkeys([months[0], months[len(months) // 2], months[-1]]))


def network_figure(
    run: Run,
    months: Sequence[str] | None = None,
    threshold: float = TRUST_THRESHOLD,
    min_change: float = MIN_CHANGE,
) -> Figure:
    """The first month's strong trust, then each later month's change of trust since then.

    Parameters
    ----------
    run : Run
        A saved run.
    months : sequence of str, optional
        ``YYYY-MM`` months; the first, middle and last by default. The first is the reference.
    threshold : float
        The trust an edge needs to appear in the first panel.
    min_change : float
        The change since the first month an edge needs to appear in a later panel.
    """
    chosen = list(months) if months else default_months(run)
    graphs = [trust_graph(run, month) for month in chosen]
    fig = Figure(figsize=(4.4 * len(chosen) + 2.4, 5.6), layout="constrained")
    axes = fig.subplots(1, len(chosen), squeeze=False).ravel()
    trust_colors = ScalarMappable(norm=Normalize(threshold, 1.0), cmap=EDGE_CMAP)
    change_colors = ScalarMappable(norm=Normalize(-MAX_CHANGE, MAX_CHANGE), cmap=CHANGE_CMAP)
    draw_graph(axes[0], strong_graph(graphs[0], threshold), trust_colors)
    axes[0].set_title(f"{chosen[0]}: trust of {threshold:g} or more", fontsize=11)
    for ax, month, graph in zip(axes[1:], chosen[1:], graphs[1:], strict=True):
        changed = change_graph(graphs[0], graph, min_change)
        draw_graph(ax, changed, change_colors, scale=MAX_CHANGE)
        ax.set_title(f"{month}: change since {chosen[0]}", fontsize=11)
        if changed.number_of_edges() == 0:
            ax.text(0, -1.2, f"no change of {min_change:g} or more", ha="center", fontsize=9)
    fig.colorbar(trust_colors, ax=axes[0], shrink=0.6, location="bottom", label="trust (0–1)")
    if len(chosen) > 1:
        fig.colorbar(
            change_colors,
            ax=list(axes[1:]),
            shrink=0.5,
            location="bottom",
            label=f"change of trust (edges that moved by {min_change:g} or more)",
        )
    names = ", ".join(f"{c} {country_name(c)}" for c in graphs[0].nodes)
    fig.suptitle(f"Trust network — {run.label}\n{names}", fontsize=11)
    return fig
