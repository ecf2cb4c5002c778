"""The httpx client a client makes for itself, with its connection pool split into shards.

httpcore's pool re-examines every connection it holds whenever a request starts or ends: it polls
each idle one for readability (a syscall each) and, for each idle one, counts the whole pool again
(quadratic in the connections held; encode/httpcore#1035, open). With 8 jobs in flight that pass
cost a quarter of the client's CPU, with 64 over half (BENCHMARKS.md, "Emulator throughput").

:class:`AsyncShardedTransport` sends each request through the shard with the fewest requests in
flight, lowest first, and makes a shard only when every one it has is busy. One request at a time
therefore always uses shard 0 and its one kept-alive connection, exactly like a single pool; under
load each shard holds a few connections, so each pass is short. Each shard keeps alive as many
connections as it may open: httpcore compares its *whole* count with the keep-alive limit (the same
issue), so a lower limit would close and reopen a busy shard's connections on every request.
"""

from __future__ import annotations

import ssl
import threading
import urllib.request
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import httpx

from ideogram_clients._http_core import DEFAULT_LIMITS, DEFAULT_TIMEOUT

__all__ = ["SHARDS", "AsyncShardedTransport", "own_client"]

#: Shards at most: 16, sharing ``limits.max_connections`` (httpx's default 100: 4 of 7, 12 of 6).
SHARDS = 16


def own_client(
    limits: httpx.Limits = DEFAULT_LIMITS,
    *,
    follow_redirects: bool = False,
    timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
    event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
) -> httpx.AsyncClient:
    """An httpx client of ours (a client's own, the batch runner's), its pool sharded within ``limits``.

    Proxy and certificate environment variables work as httpx has them: a URL that
    ``HTTP(S)_PROXY`` sends to a proxy, or ``NO_PROXY`` exempts, goes through httpx's own
    transports, everything else through the shards; with ``ALL_PROXY`` set nothing is sharded.
    """
    verify = httpx.create_ssl_context(trust_env=True)  # one SSL context for every shard
    # httpx mounts ALL_PROXY as "all://", which the shards' own "all://" would replace
    mounts = {} if _proxies_everything() else {"all://": AsyncShardedTransport(limits, verify=verify)}
    return httpx.AsyncClient(follow_redirects=follow_redirects, timeout=timeout, event_hooks=event_hooks,
                             limits=limits, verify=verify, mounts=mounts)  # fmt: skip


def _proxies_everything() -> bool:
    """Whether the environment sends every URL through a proxy, read as httpx reads it."""
    proxies = urllib.request.getproxies()
    return bool(proxies.get("all")) and "*" not in [host.strip() for host in proxies.get("no", "").split(",")]


class AsyncShardedTransport(httpx.AsyncBaseTransport):
    """``httpx.AsyncHTTPTransport`` shards, each request through the least busy (see the module docstring).

    When every connection of every shard is busy, a request waits in the least busy shard's queue
    (for a connection of that shard: a single pool would give it whichever is freed first).
    """

    def __init__(self, limits: httpx.Limits, *, shards: int = SHARDS, verify: ssl.SSLContext | bool = True) -> None:
        total = limits.max_connections or 100 * shards
        count = min(shards, total)
        #: Connections per shard, summing to ``total`` (the first ones take the remainder).
        self._sizes = [total // count + (1 if index < total % count else 0) for index in range(count)]
        self._expiry = limits.keepalive_expiry
        self._verify = verify
        self.shards: list[httpx.AsyncHTTPTransport] = []
        self.in_flight: list[int] = []
        self._closed = False
        self._lock = threading.Lock()  # the sync twin is shared by threads

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        index, shard = self._take()
        try:
            response = await shard.handle_async_request(request)
        except BaseException:
            self._release(index)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Tracked(response.stream, lambda: self._release(index))
        return response

    def _take(self) -> tuple[int, httpx.AsyncHTTPTransport]:
        with self._lock:
            loads = self.in_flight
            index = loads.index(min(loads)) if loads else -1
            grow = index < 0 or (loads[index] > 0 and len(self.shards) < len(self._sizes))
            if grow and not self._closed:  # after close, the closed shards refuse the request
                size = self._sizes[len(self.shards)]
                limits = httpx.Limits(
                    max_connections=size, max_keepalive_connections=size, keepalive_expiry=self._expiry
                )
                self.shards.append(httpx.AsyncHTTPTransport(limits=limits, verify=self._verify))
                loads.append(0)
                index = len(loads) - 1
            if index < 0:
                raise RuntimeError("the transport was closed before its first request")
            loads[index] += 1
            return index, self.shards[index]

    def _release(self, index: int) -> None:
        with self._lock:
            self.in_flight[index] -= 1

    async def aclose(self) -> None:
        with self._lock:
            self._closed = True
            shards = list(self.shards)
        for shard in shards:
            await shard.aclose()


class _Tracked(httpx.AsyncByteStream):
    """A response body that tells its shard when it is closed (once)."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            release, self._release = self._release, None
            if release is not None:
                release()
