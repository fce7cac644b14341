"""Failures of the environment and of the command line, each said in one line.

A full disk, a read-only file system, a file size limit, missing permissions or memory are not
bad input, but a user still gets one line saying what happened where, never a traceback. So do
a worker process that died, a signal to stop (SIGTERM is handled as Ctrl-C), and output to a
terminal that cannot show every character.
"""

import argparse
import errno
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

ADVICE = {
    errno.EACCES: "permission denied; choose a directory you may write to (--out)",
    errno.EPERM: "operation not permitted; choose another directory (--out)",
    errno.EROFS: "read-only file system; choose a writable directory (--out)",
    errno.ENOSPC: "no space left on the device; free some space and run again",
    errno.EDQUOT: "disk quota exceeded; free some space and run again",
    errno.EFBIG: "file too large for the file size limit (ulimit -f); raise it and run again",
    errno.ENOTDIR: "a part of the path is a file, not a directory",
}


def environment_error(error: OSError | MemoryError) -> str:
    """One line for an error of the environment: the file concerned and what to do."""
    if isinstance(error, MemoryError):
        return "out of memory; try a smaller sweep or chunk size (--chunk-size), or fewer workers"
    what = ADVICE.get(error.errno or 0, error.strerror or str(error) or type(error).__name__)
    where = error.filename if error.filename is not None else ""
    return " ".join(f"{where}: {what}".split()) if where else " ".join(what.split())


def allow_file_size_errors() -> None:
    """Make writing past ``ulimit -f`` raise ``OSError(EFBIG)`` instead of killing the process."""
    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        """Print ``<prog>: error: <message> (see <prog> --help)`` and exit with status 2."""
        line = " ".join(message.split())
        sys.stderr.write(f"{self.prog}: error: {line} (see {self.prog} --help)\n")
        sys.exit(2)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where Ctrl-C would be, so that it is cleaned up the same way."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def handle_stop_signals() -> None:
    """Treat SIGTERM and SIGHUP as Ctrl-C: what a run or sweep claimed is released or kept."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _terminate)


def interrupted_status(error: KeyboardInterrupt) -> tuple[int, str]:
    """The exit status and word for an interruption: 130 for Ctrl-C, 128 + N for signal N."""
    if isinstance(error, Terminated):
        return 128 + error.signum, "terminated"
    return 130, "interrupted"


def replace_unencodable_output() -> None:
    """Write characters the output encoding cannot hold as ``?``/escapes instead of failing.

    With ``PYTHONIOENCODING=ascii`` or a Latin-1 terminal, a dash or a Korean name would
    otherwise raise ``UnicodeEncodeError`` in the middle of a story.
    """
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def integer_in(low: int, high: int) -> Callable[[str], int]:
    """An ``argparse`` type: an integer from ``low`` to ``high``, else a one-line usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None:
            raise argparse.ArgumentTypeError(f"{_short(text)}: not an integer")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value}: must be from {low} to {high}")
        return value

    parse.__name__ = f"integer from {low} to {high}"
    return parse


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 30 else line[:27] + "..."


WORKER_DIED = (
    "a worker process died (killed by the system, perhaps for lack of memory); finished chunks"
    " are kept: run the same command again to resume, with fewer --workers or a smaller"
    " --chunk-size"
)
