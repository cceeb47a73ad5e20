"""`timeline serve`: the viewer in a web browser, through textual-serve.

textual-serve runs a small web server; each browser tab that opens the page gets a
viewer process of its own (`timeline view FILE...`, its screen streamed over a web
socket). By default it listens on 127.0.0.1 only: the viewer shows the whole file
and has no password, so serving it to a network is the user's explicit choice.

The listening socket is opened here, before the server starts, so that port 0 can
pick a free port and the real one be printed, and so that a port already in use is
a clear message rather than a traceback from inside the server.

textual-serve (and aiohttp under it) is imported only by this command.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from timeline.text import file_name

EXIT_OK, EXIT_USAGE = 0, 2
#: How long open browser tabs are given to close when the server is stopped.
SHUTDOWN_SECONDS = 5.0


def viewer_command(files: Sequence[str]) -> str:
    """The shell command textual-serve runs for each tab (it runs it through a shell,
    so every part is quoted: a file name is never read as shell syntax)."""
    paths = [os.path.abspath(name) for name in files]
    return shlex.join([sys.executable, "-m", "timeline", "view", *paths])


def url_for(host: str, port: int) -> str:
    """The address to print and to give the browser page; IPv6 hosts in brackets."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach the address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (port 0: a free one), not yet listening."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name == "posix":
            # A server just stopped leaves its port waiting a minute; restarting it must work.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    return sock


def serve(
    files: Sequence[str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Serve the viewer on host:port until interrupted; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        sock = listen(host, port)
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(
            f"timeline serve: error: cannot listen on {url_for(host, port)}: {reason}; "
            "choose another address with --host, or another port with --port "
            "(--port 0 picks a free one)",
            file=err,
        )
        return EXIT_USAGE
    actual = sock.getsockname()[1]
    url = url_for(host, actual)
    # As every message names a file (`text.file_name`): `café.toml` saved on a Latin-1
    # system is `$'caf\\xe9.toml'`, which any output can carry and a shell reads back.
    # Its raw byte printed crashed the command under a UTF-8 locale, and the page's
    # title, which the server encodes as UTF-8, answered every browser with an error 500.
    names = ", ".join(file_name(Path(name).name) for name in files)
    if not is_loopback(host):
        print(
            f"timeline serve: warning: listening on {host}: anyone who can reach this "
            "address can read the timeline and use the viewer; there is no password",
            file=err,
        )
    print(f"Serving {names} on {url}/ (press Ctrl+C to stop)", file=out, flush=True)
    _run(sock, viewer_command(files), url, f"timeline: {names}")
    return EXIT_OK


def _run(sock: socket.socket, command: str, url: str, title: str) -> None:
    from aiohttp import web
    from textual_serve.server import Server

    class _Server(Server):
        """textual-serve's server on a socket opened beforehand, without its banner."""

        async def on_startup(self, app: web.Application) -> None:
            """The address was printed already; the banner would repeat it."""

    server = _Server(command, port=sock.getsockname()[1], title=title, public_url=url)
    server.initialize_logging()
    loop = asyncio.new_event_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Not on every platform, nor outside the main thread: Ctrl+C still stops it there.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, server.request_exit)
    web.run_app(
        server._make_app(),
        sock=sock,
        handle_signals=False,
        loop=loop,
        print=None,
        shutdown_timeout=SHUTDOWN_SECONDS,
    )
