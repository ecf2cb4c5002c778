"""The transport every client stands on: requests with auth, timeouts, retries and error mapping.

:class:`AsyncHTTP` wraps an ``httpx.AsyncClient`` (yours, if you pass one). Each request is rebuilt
per attempt (bodies stream and cannot be replayed), retried as its
:class:`~ideogram_clients._retries.RetryPolicy` allows with backoff that honours ``Retry-After``,
and read with a size cap so a hostile answer cannot exhaust memory. The API key is attached only to
requests for the API's own origins: a CDN download or a redirect elsewhere never carries it.
``sleep`` is injectable so tests never wait for real.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager

import httpx
from typing_extensions import Unpack

from ideogram_clients._async.pool import own_client
from ideogram_clients._http_core import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    Auth,
    Core,
    Guard,
    SendOptions,
    log_response,
)
from ideogram_clients._io import AsyncSleep, asleep
from ideogram_clients._responses import status_error
from ideogram_clients._retries import IDEMPOTENT, backoff_delay

__all__ = ["AsyncHTTP"]

#: A timeout this close to the deadline is taken as the deadline's doing.
_SLACK = 0.05


class AsyncHTTP(Core):
    """Requests with retries, over an ``httpx.AsyncClient``."""

    def __init__(
        self,
        auth: Auth,
        *,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: AsyncSleep = asleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(auth, timeout, max_retries, max_response_bytes, dict(default_headers or {}))
        self._owns_client = http_client is None
        self.client = http_client or own_client()
        self.sleep = sleep
        self.clock = clock

    async def request(self, method: str, url: str, **options: Unpack[SendOptions]) -> httpx.Response:
        """Send with retries; the read response, or the right :class:`APIError`.

        ``accept`` lets a caller take a non-2xx answer as a result (fal's cancel answers 4xx bodies).
        ``deadline`` (on :attr:`clock`) bounds every attempt, read and backoff: past it the request
        fails with :class:`~ideogram_clients.APITimeoutError` (a wait's deadline bounds its polls).
        """
        response = await self._send(method, url, options, read_body=True)
        try:
            await self._read_capped(response)  # already read, unless ``accept`` took a non-2xx answer
        finally:
            await response.aclose()
        return response

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        url: str,
        *,
        read_timeout: float | None = None,
        max_bytes: int | None = None,
        **options: Unpack[SendOptions],
    ) -> AsyncIterator[httpx.Response]:
        """Like :meth:`request`, but the body is left unread for the caller to stream.

        ``deadline`` (on :attr:`clock`) and ``max_bytes`` bound the body however the server paces it:
        keep-alive comments or an endless line can neither outlast the wait nor exhaust memory.
        """
        response = await self._send(method, url, options, read_timeout=read_timeout)
        limit = max_bytes or self.max_response_bytes
        response.stream = _AsyncGuardedStream(response, self.clock, options.get("deadline"), limit)
        try:
            yield response
        finally:
            await response.aclose()

    async def _send(
        self,
        method: str,
        url: str,
        options: SendOptions,
        *,
        read_timeout: float | None = None,
        read_body: bool = False,
    ) -> httpx.Response:
        """One answer, retried per ``policy``; with ``read_body`` a 2xx body is read (and a body lost
        mid-read retried like any transport error) before it is returned."""
        policy, accept, deadline = options.get("policy", IDEMPOTENT), options.get("accept"), options.get("deadline")
        attempt = 0
        while True:
            request = self.build(self.client, method, url, options, read_timeout=read_timeout)
            response: httpx.Response | None = None
            try:
                # never follow a redirect, even with an injected client that would: the auth header
                # is ours, and httpx only strips ``Authorization`` (not x-magnific-api-key) on the way
                response = await self.client.send(request, stream=True, follow_redirects=False)
                if read_body and response.is_success:
                    await self._read_raw(response, deadline)
            except httpx.TransportError as exc:
                if response is not None:
                    await response.aclose()
                if attempt < self.max_retries and policy.retry_exception(exc):
                    delay = backoff_delay(attempt)
                    if not self.fits(delay, deadline):
                        raise self.deadline_passed(request) from exc
                    await self.sleep(delay)
                    attempt += 1
                    continue
                if isinstance(exc, httpx.TimeoutException) and not self.fits(_SLACK, deadline):
                    raise self.deadline_passed(request) from exc  # the read the deadline cut short
                raise self.transport_error(exc, request) from exc
            log_response(response, attempt)
            if response.is_success:
                return response
            if accept is not None:
                await self._read_capped(response)
                if accept(response):
                    return response
            if attempt < self.max_retries and policy.retry_response(response):
                await response.aclose()
                delay = backoff_delay(attempt, response)
                if not self.fits(delay, deadline):
                    raise self.deadline_passed(request)
                await self.sleep(delay)
                attempt += 1
                continue
            try:
                await self._read_capped(response)
            finally:
                await response.aclose()
            raise status_error(response)

    async def _read_capped(self, response: httpx.Response) -> None:
        """Read the body (at most ``max_response_bytes``); transport errors become :class:`APIError`."""
        try:
            await self._read_raw(response)
        except httpx.TransportError as exc:
            raise self.transport_error(exc, response.request) from exc

    async def _read_raw(self, response: httpx.Response, deadline: float | None = None) -> None:
        if hasattr(response, "_content"):
            return
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > self.max_response_bytes:
                await response.aclose()
                raise self.too_big(response)
            if deadline is not None and self.clock() >= deadline:
                raise httpx.ReadTimeout("the wait's deadline passed while reading", request=response.request)
            chunks.append(chunk)
        response._content = b"".join(chunks)  # what httpx.Response.read() stores

    async def close(self) -> None:
        if self._owns_client:
            await self.client.aclose()


class _AsyncGuardedStream(Guard, httpx.AsyncByteStream):
    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        async for chunk in self._inner:
            yield self._check(chunk)

    async def aclose(self) -> None:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        await self._inner.aclose()
