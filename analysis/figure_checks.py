"""Checks that a figure shows all its text: nothing clipped at the edge, no tick labels overlapping.

Used by the tests on every kind of figure; usable on any Matplotlib figure::

    from analysis.figure_checks import figure_problems
    assert figure_problems(fig) == []
"""

import itertools

import numpy as np
from matplotlib.axis import Axis
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

SLACK = 1.0
"""Pixels a text may reach past the figure's edge (antialiasing) before it counts as clipped."""


def _visible_texts(fig: Figure) -> list[Text]:
    """Every text drawn, tick labels apart (:func:`_tick_labels` finds those actually drawn)."""
    ticks = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in _all_labels(axis)}
    drawn = [
        t
        for t in fig.findobj(Text)
        if isinstance(t, Text) and _shown(t) and t.get_text().strip() and id(t) not in ticks
    ]
    return drawn + [
        t for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in _tick_labels(axis)
    ]


def _shown(text: Text) -> bool:
    """Whether the text is drawn: visible, in a visible axes, not the label of a hidden axis."""
    if not text.get_visible():
        return False
    ax = text.axes
    if ax is None:
        return True
    if not ax.get_visible():
        return False
    return ax.axison or text not in (ax.xaxis.label, ax.yaxis.label)


def _all_labels(axis: Axis) -> list[Text]:
    return [*axis.get_majorticklabels(), *axis.get_minorticklabels()]


def _tick_labels(axis: Axis) -> list[Text]:
    """The tick labels drawn: axis shown, label non-empty, its tick inside the view."""
    ax = axis.axes
    if not (ax.get_visible() and ax.axison and axis.get_visible()):
        return []
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-9
    return [
        label
        for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=False)
        if label.get_visible() and label.get_text().strip() and low - span <= loc <= high + span
    ]


def _drawn(fig: Figure, renderer: RendererBase | None) -> RendererBase:
    """A renderer the figure has been drawn with (drawing places every text)."""
    if renderer is None:
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
    return renderer


def clipped_texts(fig: Figure, renderer: RendererBase | None = None) -> list[str]:
    """The texts whose drawn box reaches outside the figure.

    A text clipped to its axes (``clip_on`` with a clip box) is drawn only inside them and is not
    counted; every other text — titles, labels, tick labels, legends, annotations — is.
    """
    renderer = _drawn(fig, renderer)
    edge = fig.bbox
    found = []
    for text in _visible_texts(fig):
        if text.get_clip_on() and text.get_clip_box() is not None:
            continue
        box = text.get_window_extent(renderer)
        if box.width == 0 or box.height == 0:
            continue
        if (
            box.x0 < edge.x0 - SLACK
            or box.y0 < edge.y0 - SLACK
            or box.x1 > edge.x1 + SLACK
            or box.y1 > edge.y1 + SLACK
        ):
            found.append(text.get_text())
    return found


def overlapping_tick_labels(
    fig: Figure, renderer: RendererBase | None = None
) -> list[tuple[str, str]]:
    """Pairs of neighbouring tick labels of one axis whose boxes overlap."""
    renderer = _drawn(fig, renderer)
    found = []
    for ax in fig.axes:
        axis: Axis
        for axis in (ax.xaxis, ax.yaxis):
            labels = _tick_labels(axis)
            shown = [(t, t.get_window_extent(renderer)) for t in labels]
            for (a, box_a), (b, box_b) in itertools.pairwise(shown):
                if box_a.overlaps(box_b):
                    found.append((a.get_text(), b.get_text()))
    return found


def overlapping_texts(fig: Figure, renderer: RendererBase | None = None) -> list[tuple[str, str]]:
    """Pairs of texts other than tick labels whose boxes overlap (titles, labels, notes)."""
    renderer = _drawn(fig, renderer)
    ticks = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in _all_labels(axis)}
    texts = [t for t in _visible_texts(fig) if id(t) not in ticks]
    boxes = [Text.get_window_extent(t, renderer) for t in texts]  # an annotation: text only
    found = []
    for i, (a, box_a) in enumerate(zip(texts, boxes, strict=True)):
        for b, box_b in zip(texts[i + 1 :], boxes[i + 1 :], strict=True):
            if box_a.width and box_b.width and box_a.overlaps(box_b):
                found.append((a.get_text(), b.get_text()))
    return found


def figure_problems(fig: Figure) -> list[str]:
    """Every clipped text and pair of overlapping texts or tick labels, as sentences."""
    renderer = _drawn(fig, None)
    problems = [f"clipped: {text!r}" for text in clipped_texts(fig, renderer)]
    problems += [f"texts overlap: {a!r} and {b!r}" for a, b in overlapping_texts(fig, renderer)]
    problems += [
        f"tick labels overlap: {a!r} and {b!r}" for a, b in overlapping_tick_labels(fig, renderer)
    ]
    return problems


def constant_panels(fig: Figure) -> list[str]:
    """Titles of panels whose every line is one flat value across the panel (they say nothing)."""
    found = []
    for ax in fig.axes:
        ys = [np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]
        ys = [y for y in ys if y.size > 2]
        if not ys or ax.collections or ax.patches:
            continue
        values = np.concatenate(ys)
        if bool((values == values[0]).all()):
            found.append(ax.get_title() or "(untitled)")
    return found
