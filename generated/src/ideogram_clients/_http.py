"""The transport seam every client stands on: auth, timeouts, retries and error mapping, sync and async.

:class:`SyncHTTP` and :class:`AsyncHTTP` are twins over an ``httpx.Client`` / ``httpx.AsyncClient``
(yours, if you pass one). Each request is rebuilt per attempt (bodies stream and cannot be replayed),
retried as its :class:`~ideogram_clients._retries.RetryPolicy` allows with backoff that honours
``Retry-After``, and read with a size cap so a hostile answer cannot exhaust memory. The API key is
attached only to requests for the API's own origins: a CDN download or a redirect elsewhere never
carries it. ``sleep`` is injectable so tests never wait for real.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from ideogram_clients._body import AsyncJSONBody, JSONBody
from ideogram_clients._config import Secret, origin, require_key
from ideogram_clients._errors import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ideogram_clients._responses import status_error
from ideogram_clients._retries import IDEMPOTENT, RetryPolicy, backoff_delay
from ideogram_clients._version import __version__

__all__ = ["DEFAULT_TIMEOUT", "AsyncHTTP", "Auth", "SyncHTTP", "tighten_stream"]

logger = logging.getLogger("ideogram_clients")

#: Generous read timeout: the SSE status stream sends a keep-alive comment every ~15 s.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RESPONSE_BYTES = 256 << 20
USER_AGENT = f"ideogram-clients/{__version__}"
_URL_CACHE_SIZE = 256


@dataclass(frozen=True)
class Auth:
    """How to authenticate: ``header: [scheme ]key``, sent only to ``origins``."""

    header: str
    key: Secret | None
    missing_hint: str
    origins: frozenset[tuple[str, str, int | None]]
    scheme: str | None = None

    def headers_for(self, url: httpx.URL | str) -> dict[str, str]:
        if origin(str(url)) not in self.origins:
            return {}
        secret = require_key(self.key, self.missing_hint).reveal()
        return {self.header: f"{self.scheme} {secret}" if self.scheme else secret}


class _Core:
    """Configuration and request building shared by the sync and async twins."""

    def __init__(
        self,
        auth: Auth,
        timeout: httpx.Timeout | float | None,
        max_retries: int,
        max_response_bytes: int,
        default_headers: Mapping[str, str],
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be an integer >= 0, got {max_retries!r}")
        self.auth = auth
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_response_bytes = max_response_bytes
        self.default_headers = dict(default_headers)
        self._base_timeout = httpx.Timeout(timeout)
        self._timeout_extension = {"timeout": self._base_timeout.as_dict()}
        #: Parsed URLs and their auth headers, by URL string: a client talks to few URLs, and parsing
        #: them again for every request is most of httpx's per-request cost.
        self._urls: dict[str, tuple[httpx.URL, dict[str, str]]] = {}

    def _prepared(self, url: str) -> tuple[httpx.URL, dict[str, str]]:
        known = self._urls.get(url)
        if known is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            known = self._urls[url] = (httpx.URL(url), self.auth.headers_for(url))
        return known

    def build(
        self,
        client: httpx.Client | httpx.AsyncClient,
        method: str,
        url: str,
        *,
        payload: Any,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        read_timeout: float | None = None,
    ) -> httpx.Request:
        parsed, auth_headers = self._prepared(url)
        merged = {"User-Agent": USER_AGENT, "Accept": "application/json", **self.default_headers, **(headers or {})}
        merged.update(auth_headers)
        content: JSONBody | AsyncJSONBody | None = None
        if payload is not None:
            body = JSONBody(payload)
            merged.update(body.headers)
            content = body if isinstance(client, httpx.Client) else body.for_async()
        extensions = self._timeout_extension
        if read_timeout is not None:
            base = self._base_timeout
            timeout = httpx.Timeout(base.connect, read=read_timeout, write=base.write, pool=base.pool)
            extensions = {"timeout": timeout.as_dict()}
        return client.build_request(
            method, parsed, params=params or None, headers=merged, content=content, extensions=extensions
        )

    def transport_error(self, exc: httpx.TransportError, request: httpx.Request) -> APIError:
        where = f"{request.method} {request.url.copy_with(query=None)}"
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(f"request timed out: {where} ({type(exc).__name__})", request=request)
        return APIConnectionError(f"connection failed: {where} ({type(exc).__name__}: {exc})", request=request)

    def too_big(self, response: httpx.Response) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"response to {response.request.method} {response.request.url} is larger than "
            f"{self.max_response_bytes} bytes; refused",
            response=response,
        )


def _log(response: httpx.Response, attempt: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        request = response.request
        logger.debug(
            "%s %s -> %s (attempt %d)",
            request.method,
            request.url.copy_with(query=None),
            response.status_code,
            attempt + 1,
        )


class SyncHTTP(_Core):
    """Blocking requests with retries."""

    def __init__(
        self,
        auth: Auth,
        *,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(auth, timeout, max_retries, max_response_bytes, dict(default_headers or {}))
        self._owns_client = http_client is None
        self.client = http_client or httpx.Client(follow_redirects=False)
        self.sleep = sleep
        self.clock = clock

    def request(
        self,
        method: str,
        url: str,
        *,
        payload: Any = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        policy: RetryPolicy = IDEMPOTENT,
        accept: Callable[[httpx.Response], bool] | None = None,
    ) -> httpx.Response:
        """Send with retries; the read response, or the right :class:`APIError`.

        ``accept`` lets a caller take a non-2xx answer as a result (fal's cancel answers 4xx bodies).
        """
        response = self._send(method, url, payload, params, headers, policy, accept, read_body=True)
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
        payload: Any = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        policy: RetryPolicy = IDEMPOTENT,
        accept: Callable[[httpx.Response], bool] | None = None,
        read_timeout: float | None = None,
        deadline: float | None = None,
        max_bytes: int | None = None,
    ) -> Iterator[httpx.Response]:
        """Like :meth:`request`, but the body is left unread for the caller to stream.

        ``deadline`` (on :attr:`clock`) and ``max_bytes`` bound the body however the server paces it:
        keep-alive comments or an endless line can neither outlast the wait nor exhaust memory.
        """
        response = self._send(method, url, payload, params, headers, policy, accept, read_timeout)
        response.stream = _GuardedStream(response, self.clock, deadline, max_bytes or self.max_response_bytes)
        try:
            yield response
        finally:
            response.close()

    def _send(
        self,
        method: str,
        url: str,
        payload: Any,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        policy: RetryPolicy,
        accept: Callable[[httpx.Response], bool] | None,
        read_timeout: float | None = None,
        *,
        read_body: bool = False,
    ) -> httpx.Response:
        """One answer, retried per ``policy``; with ``read_body`` a 2xx body is read (and a body lost
        mid-read retried like any transport error) before it is returned."""
        attempt = 0
        while True:
            request = self.build(
                self.client, method, url, payload=payload, params=params, headers=headers, read_timeout=read_timeout
            )
            response: httpx.Response | None = None
            try:
                # never follow a redirect, even with an injected client that would: the auth header
                # is ours, and httpx only strips ``Authorization`` (not x-magnific-api-key) on the way
                response = self.client.send(request, stream=True, follow_redirects=False)
                if read_body and response.is_success:
                    self._read_raw(response)
            except httpx.TransportError as exc:
                if response is not None:
                    response.close()
                if attempt < self.max_retries and policy.retry_exception(exc):
                    self.sleep(backoff_delay(attempt))
                    attempt += 1
                    continue
                raise self.transport_error(exc, request) from exc
            _log(response, attempt)
            if response.is_success or (accept is not None and self._accepts(response, accept)):
                return response
            if attempt < self.max_retries and policy.retry_response(response):
                response.close()
                self.sleep(backoff_delay(attempt, response))
                attempt += 1
                continue
            try:
                self._read_capped(response)
            finally:
                response.close()
            raise status_error(response)

    def _accepts(self, response: httpx.Response, accept: Callable[[httpx.Response], bool]) -> bool:
        self._read_capped(response)
        return accept(response)

    def _read_capped(self, response: httpx.Response) -> None:
        """Read the body (at most ``max_response_bytes``); transport errors become :class:`APIError`."""
        try:
            self._read_raw(response)
        except httpx.TransportError as exc:
            raise self.transport_error(exc, response.request) from exc

    def _read_raw(self, response: httpx.Response) -> None:
        if hasattr(response, "_content"):
            return
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_response_bytes:
                response.close()
                raise self.too_big(response)
            chunks.append(chunk)
        response._content = b"".join(chunks)  # what httpx.Response.read() stores

    def close(self) -> None:
        if self._owns_client:
            self.client.close()


class AsyncHTTP(_Core):
    """The async twin of :class:`SyncHTTP`."""

    def __init__(
        self,
        auth: Auth,
        *,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(auth, timeout, max_retries, max_response_bytes, dict(default_headers or {}))
        self._owns_client = http_client is None
        self.client = http_client or httpx.AsyncClient(follow_redirects=False)
        self.sleep = sleep
        self.clock = clock

    async def request(
        self,
        method: str,
        url: str,
        *,
        payload: Any = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        policy: RetryPolicy = IDEMPOTENT,
        accept: Callable[[httpx.Response], bool] | None = None,
    ) -> httpx.Response:
        response = await self._send(method, url, payload, params, headers, policy, accept, read_body=True)
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
        payload: Any = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        policy: RetryPolicy = IDEMPOTENT,
        accept: Callable[[httpx.Response], bool] | None = None,
        read_timeout: float | None = None,
        deadline: float | None = None,
        max_bytes: int | None = None,
    ) -> AsyncIterator[httpx.Response]:
        response = await self._send(method, url, payload, params, headers, policy, accept, read_timeout)
        response.stream = _AsyncGuardedStream(response, self.clock, deadline, max_bytes or self.max_response_bytes)
        try:
            yield response
        finally:
            await response.aclose()

    async def _send(
        self,
        method: str,
        url: str,
        payload: Any,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        policy: RetryPolicy,
        accept: Callable[[httpx.Response], bool] | None,
        read_timeout: float | None = None,
        *,
        read_body: bool = False,
    ) -> httpx.Response:
        """One answer, retried per ``policy``; with ``read_body`` a 2xx body is read (and a body lost
        mid-read retried like any transport error) before it is returned."""
        attempt = 0
        while True:
            request = self.build(
                self.client, method, url, payload=payload, params=params, headers=headers, read_timeout=read_timeout
            )
            response: httpx.Response | None = None
            try:
                response = await self.client.send(request, stream=True, follow_redirects=False)
                if read_body and response.is_success:
                    await self._read_raw(response)
            except httpx.TransportError as exc:
                if response is not None:
                    await response.aclose()
                if attempt < self.max_retries and policy.retry_exception(exc):
                    await self.sleep(backoff_delay(attempt))
                    attempt += 1
                    continue
                raise self.transport_error(exc, request) from exc
            _log(response, attempt)
            if response.is_success:
                return response
            if accept is not None:
                await self._read_capped(response)
                if accept(response):
                    return response
            if attempt < self.max_retries and policy.retry_response(response):
                await response.aclose()
                await self.sleep(backoff_delay(attempt, response))
                attempt += 1
                continue
            try:
                await self._read_capped(response)
            finally:
                await response.aclose()
            raise status_error(response)

    async def _read_capped(self, response: httpx.Response) -> None:
        try:
            await self._read_raw(response)
        except httpx.TransportError as exc:
            raise self.transport_error(exc, response.request) from exc

    async def _read_raw(self, response: httpx.Response) -> None:
        if hasattr(response, "_content"):
            return
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > self.max_response_bytes:
                await response.aclose()
                raise self.too_big(response)
            chunks.append(chunk)
        response._content = b"".join(chunks)  # what httpx.Response.read() stores

    async def close(self) -> None:
        if self._owns_client:
            await self.client.aclose()


class _Guard:
    """Counts a streamed body's bytes and watches the clock, raising once either bound is passed."""

    def __init__(
        self, response: httpx.Response, clock: Callable[[], float], deadline: float | None, max_bytes: int
    ) -> None:
        self._response = response
        self._inner = response.stream
        self._clock = clock
        self._deadline = deadline
        self._max_bytes = max_bytes
        self._seen = 0

    def tighten(self, seconds: float, max_bytes: int) -> None:
        """Allow at most ``max_bytes`` more, for at most ``seconds`` more (bounds only ever shrink)."""
        until = self._clock() + seconds
        self._deadline = until if self._deadline is None else min(self._deadline, until)
        self._max_bytes = min(self._max_bytes, self._seen + max_bytes)

    def _check(self, chunk: bytes) -> bytes:
        self._seen += len(chunk)
        request = self._response.request
        if self._seen > self._max_bytes:
            raise APIResponseValidationError(
                f"streamed response to {request.method} {request.url.copy_with(query=None)} passed "
                f"{self._max_bytes} bytes; refused",
                response=self._response,
            )
        if self._deadline is not None and self._clock() >= self._deadline:
            raise httpx.ReadTimeout("the wait's deadline passed while streaming", request=request)
        return chunk


def tighten_stream(response: httpx.Response, seconds: float, max_bytes: int) -> None:
    """Narrow the bounds of a body opened with :meth:`SyncHTTP.stream` / :meth:`AsyncHTTP.stream`."""
    if isinstance(response.stream, _Guard):
        response.stream.tighten(seconds, max_bytes)


class _GuardedStream(_Guard, httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._inner, httpx.SyncByteStream)
        for chunk in self._inner:
            yield self._check(chunk)

    def close(self) -> None:
        assert isinstance(self._inner, httpx.SyncByteStream)
        self._inner.close()


class _AsyncGuardedStream(_Guard, httpx.AsyncByteStream):
    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        async for chunk in self._inner:
            yield self._check(chunk)

    async def aclose(self) -> None:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        await self._inner.aclose()
