"""The trust network at chosen months: countries as nodes, directed trust as edges (networkx)."""

from collections.abc import Sequence

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from analysis.rundir import Run
from analysis.style import LEGEND_SIZE, country_color, country_name, ordered_countries
from sim.errors import InputError

EDGE_CMAP = "viridis"
NODE_RADIUS = 15.0
"""Radius of a country's disc, in points."""


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


def draw_graph(ax: Axes, graph: nx.DiGraph, colors: ScalarMappable) -> None:
    """Draw a trust graph on a circle with matplotlib alone (networkx's drawing needs pyplot).

    Nodes are the countries in their colours; each edge ``i → j`` is a curved arrow whose colour
    and width follow its ``weight``, curved so that ``j → i`` runs beside it.
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
                lw=0.5 + 4.0 * weight,
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


def network_figure(run: Run, months: Sequence[str] | None = None) -> Figure:
    """One panel per month: the trust network, edge colour and width by trust."""
    chosen = list(months) if months else default_months(run)
    graphs = [trust_graph(run, month) for month in chosen]
    fig = Figure(figsize=(4.8 * len(chosen) + 1.2, 5.4), layout="constrained")
    axes = fig.subplots(1, len(chosen), squeeze=False).ravel()
    norm = Normalize(0.0, 1.0)
    mappable = ScalarMappable(norm=norm, cmap=EDGE_CMAP)
    for ax, month, graph in zip(axes, chosen, graphs, strict=True):
        draw_graph(ax, graph, mappable)
        ax.set_title(month, fontsize=12)
    fig.colorbar(mappable, ax=list(axes), shrink=0.7, label="trust of the arrow's tail in its head")
    names = ", ".join(f"{c} {country_name(c)}" for c in graphs[0].nodes)
    fig.text(0.5, 0.0, names, ha="center", va="bottom", fontsize=LEGEND_SIZE)
    fig.suptitle(f"Trust network — {run.label}")
    return fig
