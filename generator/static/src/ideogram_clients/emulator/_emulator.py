"""The public handle: one emulator instance, usable in-process (``.app``) or over loopback (``.serve()``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from starlette.types import ASGIApp

from ideogram_clients.emulator._app import build_app
from ideogram_clients.emulator._jobs import Job
from ideogram_clients.emulator._options import EmulatorOptions
from ideogram_clients.emulator._server import BackgroundServer
from ideogram_clients.emulator._state import EmulatorState
from ideogram_clients.emulator._stats import Stats

__all__ = ["Emulator"]


class Emulator:
    """A local stand-in for fal and Magnific.

    ``Emulator(EmulatorOptions(...))`` or ``Emulator(job_duration=0.1, seed=7)``. Use ``.app`` with
    ``httpx.ASGITransport`` (no sockets), or ``with emulator.serve() as url:`` for a real server on a
    free loopback port; then ``FalClient(queue_url=url, run_url=url + "/fal-run")`` and
    ``MagnificClient(base_url=url)`` talk to it.
    """

    def __init__(self, options: EmulatorOptions | None = None, **changes: Any) -> None:
        options = options or EmulatorOptions()
        self.options = dataclasses.replace(options, **changes) if changes else options
        self._state = EmulatorState.create(self.options)
        self.app: ASGIApp = build_app(self._state)

    def __repr__(self) -> str:
        return f"Emulator(seed={self.options.seed}, jobs={self.stats.total_jobs})"

    @property
    def stats(self) -> Stats:
        """Counters: jobs created per endpoint, requests per route, faults per kind, webhooks."""
        return self._state.stats

    def jobs(self) -> list[Job]:
        """Every queued job (fal queue and Magnific), oldest first."""
        return self._state.jobs.all()

    def file(self, name: str) -> bytes | None:
        """A served output by name (the last path segment of its URL)."""
        return self._state.files.get(name)

    @property
    def fal_public_key(self) -> Ed25519PublicKey:
        """The public half of the key fal webhooks are signed with."""
        return self._state.webhooks.private_key.public_key()

    def jwks(self) -> dict[str, Any]:
        """The JWKS served at ``/.well-known/jwks.json``."""
        return self._state.webhooks.jwks()

    async def drain_webhooks(self) -> None:
        """Wait until every webhook delivery started on the current event loop has finished."""
        await self._state.webhooks.drain()

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0, *, allow_remote: bool = False) -> Iterator[str]:
        """Run uvicorn in a background thread; yields the base URL and stops the server on exit."""
        server = BackgroundServer(self.app, host, port, allow_remote=allow_remote)
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
