"""Serving the app with uvicorn: in a background thread for tests, in the foreground for the CLI.

The socket is bound (and listening) before uvicorn starts, so the URL is known at once, port 0
picks a free port without a race, and a client connecting early waits in the backlog instead of
being refused. Hosts other than loopback are refused unless explicitly allowed: the emulator
accepts any key by default and must not become an open service by accident.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from ideogram_clients.emulator._faults import ConnectionDropped
from ideogram_clients.emulator._net import is_loopback_host

__all__ = ["BackgroundServer", "bind", "check_host", "quiet_dropped_connections", "serve_forever"]


def check_host(host: str, allow_remote: bool) -> None:
    if not (allow_remote or is_loopback_host(host)):
        raise ValueError(f"refusing to listen on {host!r}: not a loopback address (pass allow_remote to override)")


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: a free one).

    The protocol is named (``IPPROTO_TCP``, not 0) because asyncio turns Nagle's algorithm off on an
    accepted connection only when ``sock.proto`` says TCP; without it every keep-alive response
    (headers and body written separately) waited ~40 ms for the client's delayed ACK.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class _DroppedFilter(logging.Filter):
    """Hide uvicorn's traceback for connections the emulator drops on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
            error = error.exceptions[0]
        return not isinstance(error, ConnectionDropped)


def quiet_dropped_connections() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(item, _DroppedFilter) for item in logger.filters):
        logger.addFilter(_DroppedFilter())


def _config(app: ASGIApp, log_level: str, **extra: Any) -> uvicorn.Config:
    config = uvicorn.Config(app, lifespan="off", log_level=log_level, timeout_graceful_shutdown=1, ws="none", **extra)
    quiet_dropped_connections()
    return config


class BackgroundServer:
    """uvicorn on its own thread and event loop; ``start()`` returns once it accepts connections."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0, *, allow_remote: bool = False) -> None:
        check_host(host, allow_remote)
        self._socket = bind(host, port)
        self.url = url_of(self._socket)
        self._server = uvicorn.Server(_config(app, "warning", log_config=None, access_log=False))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name=f"emulator {self.url}", daemon=True
        )

    def start(self, timeout: float = 10.0) -> str:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self._socket.close()
                raise RuntimeError(f"the emulator server did not start on {self.url}")
            time.sleep(0.005)
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._socket.close()


def serve_forever(app: ASGIApp, sock: socket.socket, *, log_level: str = "info", access_log: bool = False) -> None:
    """Serve on ``sock`` in this thread until interrupted (Ctrl-C / SIGTERM)."""
    server = uvicorn.Server(_config(app, log_level, access_log=access_log))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
