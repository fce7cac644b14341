"""The trust network at chosen months: countries as nodes, directed trust as edges (networkx)."""

from collections.abc import Sequence

import networkx as nx
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from analysis.rundir import Run
from analysis.style import LEGEND_SIZE, country_color, country_name, ordered_countries
from sim.errors import InputError

EDGE_CMAP = "viridis"


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


def default_months(run: Run) -> list[str]:
    """The first, middle and last months of a run."""
    months = sorted(run.states["month"].unique())
    return list(dict.fromkeys([months[0], months[len(months) // 2], months[-1]]))


def network_figure(run: Run, months: Sequence[str] | None = None) -> Figure:
    """One panel per month: the trust network, edge colour and width by trust.

    Each ordered pair is a curved arrow, so ``i → j`` and ``j → i`` are both visible.
    """
    chosen = list(months) if months else default_months(run)
    graphs = [trust_graph(run, month) for month in chosen]
    fig = Figure(figsize=(4.8 * len(chosen) + 1.2, 5.4), layout="constrained")
    axes = fig.subplots(1, len(chosen), squeeze=False).ravel()
    norm = Normalize(0.0, 1.0)
    mappable = ScalarMappable(norm=norm, cmap=EDGE_CMAP)
    for ax, month, graph in zip(axes, chosen, graphs, strict=True):
        nodes = list(graph.nodes)
        positions = nx.circular_layout(nodes)
        weights = np.array([graph.edges[e]["weight"] for e in graph.edges])
        nx.draw_networkx_nodes(
            graph,
            positions,
            ax=ax,
            node_color=[country_color(c) for c in nodes],
            node_size=900,
        )
        nx.draw_networkx_labels(
            graph, positions, ax=ax, font_color="white", font_size=9, font_weight="bold"
        )
        nx.draw_networkx_edges(
            graph,
            positions,
            ax=ax,
            edge_color=[mappable.to_rgba(w) for w in weights],
            width=0.5 + 4.0 * weights,
            arrows=True,
            arrowsize=12,
            node_size=900,
            connectionstyle="arc3,rad=0.15",
        )
        ax.set_title(month, fontsize=12)
        ax.set_axis_off()
    fig.colorbar(mappable, ax=list(axes), shrink=0.7, label="trust of the arrow's tail in its head")
    names = ", ".join(f"{c} {country_name(c)}" for c in graphs[0].nodes)
    fig.text(0.5, 0.0, names, ha="center", va="bottom", fontsize=LEGEND_SIZE)
    fig.suptitle(f"Trust network — {run.label}")
    return fig
