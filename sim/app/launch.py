"""Start ``neasim app`` in a process of its own, as a user does, and stop it.

The browser test, the load test and the page benchmark drive the page this way. What the server
prints is read while it runs, so a full pipe never stalls it.
"""

import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(*args: str, cwd: Path | None = None) -> Iterator[tuple["subprocess.Popen[str]", str]]:
    """``neasim app ARGS --port N`` in a subprocess: it and its address, once it is listening.

    Raises
    ------
    RuntimeError
        When the server stops before it says it is serving (with what it printed).
    """
    port = free_port()
    # NiceGUI takes PYTEST_CURRENT_TEST to mean its own test harness; the app runs as users run it.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    server = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "app", *args, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        env=env,
    )
    assert server.stdout is not None
    seen: list[str] = []
    drain = threading.Thread(target=seen.extend, args=(server.stdout,), daemon=True)
    try:
        for line in server.stdout:
            seen.append(line)
            if "serving" in line:
                break
        else:
            raise RuntimeError("neasim app stopped before serving:\n" + "".join(seen))
        match = re.search(r"http://127\.0\.0\.1:\d+/", seen[-1])
        if match is None:
            raise RuntimeError(f"neasim app gave no address: {seen[-1]}")
        drain.start()
        yield server, match.group(0)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if drain.is_alive():
            drain.join(timeout=30)
        server.stdout.close()
