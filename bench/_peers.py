"""fal-client 1.0.3 wired to a transport of our choosing, exactly as it builds its own client otherwise.

fal-client has no ``http_client=`` argument: ``SyncClient._client`` is a ``functools.cached_property``
and ``AsyncClient._client`` an ``asyncstdlib`` cached property, both read from the instance
``__dict__`` first. We put there what its own property would build (same headers, timeout, redirect
setting and its ``BackupDomainTransport`` wrapper) with only the innermost transport replaced.
fal-client fixes the scheme to https (``https://queue.fal.run``); :class:`LoopbackRewrite` sends those
requests to the emulator's plain-HTTP loopback port instead, Host header included, so the
emulator's answers (status/response URLs) point at the loopback URL too.
"""

from __future__ import annotations

from typing import Any

import fal_client
import httpx
from asyncstdlib.functools import AwaitableValue  # type: ignore[attr-defined,unused-ignore]
from fal_client.client import USER_AGENT, AsyncBackupDomainTransport, BackupDomainTransport

__all__ = ["FAL_HOSTS", "AsyncLoopbackRewrite", "LoopbackRewrite", "async_peer", "sync_peer", "with_async_client"]

#: The hosts fal-client talks to (queue and sync API).
FAL_HOSTS = frozenset({"queue.fal.run", "fal.run"})


def sync_peer(transport: httpx.BaseTransport, key: str = "bench-key") -> fal_client.SyncClient:
    client = fal_client.SyncClient(key=key)
    client.__dict__["_client"] = httpx.Client(
        transport=BackupDomainTransport(transport=transport),
        headers={"Authorization": f"Key {key}", "User-Agent": USER_AGENT},
        timeout=client.default_timeout,
        follow_redirects=True,
    )
    return client


def async_peer(transport: httpx.AsyncBaseTransport, key: str = "bench-key") -> fal_client.AsyncClient:
    client = fal_client.AsyncClient(key=key)
    http = httpx.AsyncClient(
        transport=AsyncBackupDomainTransport(transport=transport),
        headers={"Authorization": f"Key {key}", "User-Agent": USER_AGENT},
        timeout=client.default_timeout,
    )
    return with_async_client(client, http)


def with_async_client(client: fal_client.AsyncClient, http: httpx.AsyncClient) -> fal_client.AsyncClient:
    """``client`` with ``http`` in its cached ``_client`` slot (what ``await client._client`` returns)."""
    client.__dict__["_client"] = AwaitableValue(http)
    return client


def _rewrite(request: httpx.Request, base: httpx.URL) -> None:
    if request.url.host in FAL_HOSTS:
        request.url = request.url.copy_with(scheme=base.scheme, host=base.host, port=base.port)
        request.headers["Host"] = base.netloc.decode("ascii")


class LoopbackRewrite(httpx.BaseTransport):
    """Sends fal's https hosts to ``base_url`` (the emulator); every other URL goes out unchanged."""

    def __init__(self, base_url: str, inner: httpx.BaseTransport | None = None) -> None:
        self.base = httpx.URL(base_url)
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _rewrite(request, self.base)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class AsyncLoopbackRewrite(httpx.AsyncBaseTransport):
    """The async twin of :class:`LoopbackRewrite`."""

    def __init__(self, base_url: str, inner: httpx.AsyncBaseTransport | None = None, **limits: Any) -> None:
        self.base = httpx.URL(base_url)
        self.inner = inner or httpx.AsyncHTTPTransport(**limits)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _rewrite(request, self.base)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
