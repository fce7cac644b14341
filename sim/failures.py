"""Failures of the environment and of the command line, each said in one line.

A full disk, a read-only file system, a file size limit, missing permissions or memory are not
bad input, but a user still gets one line saying what happened where, never a traceback.
"""

import argparse
import errno
import signal
import sys
import threading
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
