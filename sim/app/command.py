"""``neasim app [SCENARIO] [--port N] [--host ADDR]``: serve the classroom page."""

import argparse
import socket
import sys

from sim.errors import InputError
from sim.failures import integer_in
from sim.scenario import load_scenario

DEFAULT_PORT = 8765
RECONNECT_SECONDS = 60.0
"""How long a tab that lost its connection (a busy or sleeping laptop) keeps its session."""
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def exposure_warning(host: str) -> str | None:
    """The warning ``--host`` deserves when it lets other machines in (None for this machine)."""
    if host in LOCAL_HOSTS:
        return None
    return (
        f"neasim app: warning: --host {host} lets anyone on the network open this page, "
        "use its CPU and save runs on this machine; use it only on a network you trust"
    )


def check_free(host: str, port: int) -> None:
    """Raise a one-line InputError if nothing can listen on ``host:port``."""
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = error.strerror or str(error)
            raise InputError(f"--port {port}: cannot listen on {host}: {reason}") from None


def serve(scenario: str, host: str, port: int) -> None:
    """Serve the page until interrupted; print its address once it is listening."""
    from nicegui import app, ui

    from sim.app.compute import FuturesCache
    from sim.app.page import register_pages
    from sim.app.session import FUTURES

    load_scenario(scenario)  # bad input fails here, before the server starts
    check_free(host, port)
    if warning := exposure_warning(host):
        print(warning, file=sys.stderr, flush=True)
    register_pages(scenario, FUTURES, FuturesCache())

    def announce() -> None:
        print(
            f"neasim app: serving {scenario} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True
        )

    app.on_startup(announce)
    ui.run(
        host=host,
        port=port,
        title="neasim classroom",
        reload=False,
        show=False,
        show_welcome_message=False,
        reconnect_timeout=RECONNECT_SECONDS,
    )


def cmd_app(args: argparse.Namespace) -> int:
    """``neasim app``."""
    serve(args.scenario, args.host, args.port)
    return 0


def add_app_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register ``neasim app``."""
    parser = commands.add_parser("app", help="the classroom page, served on this machine")
    parser.add_argument("scenario", nargs="?", default="baseline", help="a path or bundled name")
    parser.add_argument(
        "--port", type=integer_in(1, 65535), default=DEFAULT_PORT, help="port (default %(default)s)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="interface to listen on (default 127.0.0.1: this machine only)",
    )
    parser.set_defaults(func=cmd_app)
