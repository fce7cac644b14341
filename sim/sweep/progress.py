"""The progress of a sweep on stderr: a bar on a terminal, plain periodic lines elsewhere.

On a terminal, a tqdm bar (runs done, runs per second, time left). Redirected to a file or a
pipe, a bar would write a line per update; instead one plain line is written each time another
tenth of the runs is done (``<label>: 120/240 runs (50%)``), so a log stays short and readable.
"""

import sys
from types import TracebackType
from typing import Protocol, TextIO

from tqdm import tqdm

STEPS = 10
"""Plain lines per sweep: one each time another tenth of the runs is done."""


class Progress(Protocol):
    """What the runner needs of a progress display."""

    def update(self, n: int) -> object:
        """Count ``n`` more runs done."""

    def __enter__(self) -> "Progress":
        """The display, while runs are counted."""

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> object:
        """Close the display."""


class PlainProgress:
    """Progress as a line per tenth of the runs, for a log file or a pipe."""

    def __init__(self, total: int, done: int, label: str, stream: TextIO) -> None:
        self.total, self.done, self.label, self.stream = total, done, label, stream
        self.shown = self._step()

    def _step(self) -> int:
        return self.done * STEPS // self.total if self.total else STEPS

    def update(self, n: int) -> None:
        """Count ``n`` more runs; write a line if another tenth is done."""
        self.done += n
        if self._step() > self.shown:
            self.shown = self._step()
            percent = 100 * self.done // self.total
            self.stream.write(f"{self.label}: {self.done}/{self.total} runs ({percent}%)\n")
            self.stream.flush()

    def __enter__(self) -> "PlainProgress":
        """The display itself: nothing to open."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Nothing to close: the lines are written as they come."""
        return None


def progress_bar(total: int, done: int, label: str, enabled: bool = True) -> Progress:
    """A display counting runs; ``done`` runs (finished before a resume) count from the start.

    A bar when stderr is a terminal, plain lines when it is not, nothing when not ``enabled``.
    """
    if enabled and not _is_terminal(sys.stderr):
        return PlainProgress(total, done, label, sys.stderr)
    bar: Progress = tqdm(
        total=total,
        initial=done,
        desc=label,
        unit="run",
        file=sys.stderr,
        disable=not enabled,
        dynamic_ncols=True,
        smoothing=0.1,
    )
    return bar


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
