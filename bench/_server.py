"""The emulator's ASGI app served by uvicorn on a socket with ``TCP_NODELAY``, in a thread or a process.

Why not ``Emulator.serve()`` / ``python -m ideogram_clients.emulator``: their listening socket is made
with ``socket.socket(family, SOCK_STREAM)`` (protocol 0), and asyncio only sets ``TCP_NODELAY`` on
accepted sockets whose protocol is ``IPPROTO_TCP``. Without it, a response written as headers then
body waits for the client's delayed ACK on every keep-alive request (~40 ms on Linux), which would
swamp every client figure here. The bench measures that separately (benchmark 6b) and serves the
same app itself, otherwise unchanged, for the client comparisons.

``python -m bench._server --ready-file F [--job-duration S --workers N --size-divisor D]`` serves in
the foreground and writes the URL to F once listening.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

__all__ = ["serve_in_thread", "tcp_socket"]


def tcp_socket(host: str = "127.0.0.1") -> socket.socket:
    """A listening TCP socket on a free loopback port, ``TCP_NODELAY`` for every connection it accepts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, 0))
    sock.listen(2048)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


def _server(app: ASGIApp) -> uvicorn.Server:
    config = uvicorn.Config(app, lifespan="off", log_level="warning", log_config=None, access_log=False, ws="none")
    return uvicorn.Server(config)


@contextmanager
def serve_in_thread(app: ASGIApp) -> Iterator[str]:
    """uvicorn on its own thread; yields the base URL, stops the server on exit."""
    sock = tcp_socket()
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="bench emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the bench server did not start")
        time.sleep(0.005)
    try:
        yield _url(sock)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench._server")
    parser.add_argument("--ready-file", type=Path, required=True)
    parser.add_argument("--job-duration", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--size-divisor", type=int, default=8)
    args = parser.parse_args(argv)
    from ideogram_clients.emulator import Emulator

    emulator = Emulator(job_duration=args.job_duration, workers=args.workers, size_divisor=args.size_divisor)
    sock = tcp_socket()
    args.ready_file.write_text(_url(sock) + "\n", encoding="utf-8")
    try:
        _server(emulator.app).run(sockets=[sock])
    finally:
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
