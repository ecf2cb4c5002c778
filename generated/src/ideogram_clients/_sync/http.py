# generated from generator/static/src/ideogram_clients/_async/http.py by the unasync step, do not edit
"""The transport every client stands on: requests with auth, timeouts, retries and error mapping.

:class:`SyncHTTP` wraps an ``httpx.Client`` (yours, if you pass one). Each request is rebuilt
per attempt (bodies stream and cannot be replayed), retried as its
:class:`~ideogram_clients._retries.RetryPolicy` allows with backoff that honours ``Retry-After``,
and read with a size cap so a hostile answer cannot exhaust memory. The API key is attached only to
requests for the API's own origins: a CDN download or a redirect elsewhere never carries it.
``sleep`` is injectable so tests never wait for real.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import httpx
from typing_extensions import Unpack

from ideogram_clients._http_core import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    Auth,
    Core,
    Guard,
    SendOptions,
    log_response,
)
from ideogram_clients._io import Sleep, sleep
from ideogram_clients._responses import status_error
from ideogram_clients._retries import IDEMPOTENT, backoff_delay
from ideogram_clients._sync.pool import own_client

__all__ = ["SyncHTTP"]

#: A timeout this close to the deadline is taken as the deadline's doing.
_SLACK = 0.05


class SyncHTTP(Core):
    """Requests with retries, over an ``httpx.Client``."""

    def __init__(
        self,
        auth: Auth,
        *,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        sleep: Sleep = sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(auth, timeout, max_retries, max_response_bytes, dict(default_headers or {}))
        self._owns_client = http_client is None
        self.client = http_client or own_client()
        self.sleep = sleep
        self.clock = clock

    def request(self, method: str, url: str, **options: Unpack[SendOptions]) -> httpx.Response:
        """Send with retries; the read response, or the right :class:`APIError`.

        ``accept`` lets a caller take a non-2xx answer as a result (fal's cancel answers 4xx bodies).
        ``deadline`` (on :attr:`clock`) bounds every attempt, read and backoff: past it the request
        fails with :class:`~ideogram_clients.APITimeoutError` (a wait's deadline bounds its polls).
        """
        response = self._send(method, url, options, read_body=True)
        try:
            self._read_capped(response)  # already read, unless ``accept`` took a non-2xx answer
        finally:
            response.close()
        return response

    @contextmanager
    def stream(
        self,
        method: str,
        url: str,
        *,
        read_timeout: float | None = None,
        max_bytes: int | None = None,
        **options: Unpack[SendOptions],
    ) -> Iterator[httpx.Response]:
        """Like :meth:`request`, but the body is left unread for the caller to stream.

        ``deadline`` (on :attr:`clock`) and ``max_bytes`` bound the body however the server paces it:
        keep-alive comments or an endless line can neither outlast the wait nor exhaust memory.
        """
        response = self._send(method, url, options, read_timeout=read_timeout)
        limit = max_bytes or self.max_response_bytes
        response.stream = _GuardedStream(response, self.clock, options.get("deadline"), limit)
        try:
            yield response
        finally:
            response.close()

    def _send(
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
                response = self.client.send(request, stream=True, follow_redirects=False)
                if read_body and response.is_success:
                    self._read_raw(response, deadline)
            except httpx.TransportError as exc:
                if response is not None:
                    response.close()
                if attempt < self.max_retries and policy.retry_exception(exc):
                    delay = backoff_delay(attempt)
                    if not self.fits(delay, deadline):
                        raise self.deadline_passed(request) from exc
                    self.sleep(delay)
                    attempt += 1
                    continue
                if isinstance(exc, httpx.TimeoutException) and not self.fits(_SLACK, deadline):
                    raise self.deadline_passed(request) from exc  # the read the deadline cut short
                raise self.transport_error(exc, request) from exc
            log_response(response, attempt)
            if response.is_success:
                return response
            if accept is not None:
                self._read_capped(response)
                if accept(response):
                    return response
            if attempt < self.max_retries and policy.retry_response(response):
                response.close()
                delay = backoff_delay(attempt, response)
                if not self.fits(delay, deadline):
                    raise self.deadline_passed(request)
                self.sleep(delay)
                attempt += 1
                continue
            try:
                self._read_capped(response)
            finally:
                response.close()
            raise status_error(response)

    def _read_capped(self, response: httpx.Response) -> None:
        """Read the body (at most ``max_response_bytes``); transport errors become :class:`APIError`."""
        try:
            self._read_raw(response)
        except httpx.TransportError as exc:
            raise self.transport_error(exc, response.request) from exc

    def _read_raw(self, response: httpx.Response, deadline: float | None = None) -> None:
        if hasattr(response, "_content"):
            return
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_response_bytes:
                response.close()
                raise self.too_big(response)
            if deadline is not None and self.clock() >= deadline:
                raise httpx.ReadTimeout("the wait's deadline passed while reading", request=response.request)
            chunks.append(chunk)
        response._content = b"".join(chunks)  # what httpx.Response.read() stores

    def close(self) -> None:
        if self._owns_client:
            self.client.close()


class _GuardedStream(Guard, httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._inner, httpx.SyncByteStream)
        for chunk in self._inner:
            yield self._check(chunk)

    def close(self) -> None:
        assert isinstance(self._inner, httpx.SyncByteStream)
        self._inner.close()
