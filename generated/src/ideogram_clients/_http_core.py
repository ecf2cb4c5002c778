"""What the sync and async transports share: auth, request building, error mapping, stream bounds.

The transports themselves (:class:`~ideogram_clients._async.http.AsyncHTTP` and its generated sync
twin) only send, retry and read; everything here is I/O-free and written once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import httpx

from ideogram_clients._body import AsyncBody, JSONBody, SourceBody
from ideogram_clients._config import Secret, origin, require_key
from ideogram_clients._errors import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ideogram_clients._retries import RetryPolicy
from ideogram_clients._version import __version__

__all__ = [
    "DEFAULT_LIMITS", "DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT", "Auth", "Core", "DeadlineExceededError",
    "Guard", "SendOptions",
    "log_response",
    "tighten_stream",
]  # fmt: skip

logger = logging.getLogger("ideogram_clients")

#: Generous read timeout: the SSE status stream sends a keep-alive comment every ~15 s.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
#: The pool limits of the httpx client a client makes for itself: httpx's own (100 connections, 20
#: kept idle), which ``_async/pool.py`` spreads over shards.
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
DEFAULT_MAX_RESPONSE_BYTES = 256 << 20
USER_AGENT = f"ideogram-clients/{__version__}"
_URL_CACHE_SIZE = 256
#: The least time an attempt is given when a deadline is near (httpx takes 0 as "no wait at all").
_MIN_TIMEOUT = 0.001
#: Methods httpx gives ``Content-Length: 0`` when they carry no body.
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


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


class SendOptions(TypedDict, total=False):
    """How to send one request (keyword arguments of ``request`` and ``stream``)."""

    payload: Any
    "JSON body, streamed (``None``: no body)."
    content: SourceBody | None
    "Raw body read from a local file (an upload); exclusive with ``payload``."
    auth: bool
    "Attach the client's API key (default True; only ever for the API's own origins)."
    params: Mapping[str, str] | None
    headers: Mapping[str, str] | None
    policy: RetryPolicy
    "What may be retried (default: :data:`~ideogram_clients._retries.IDEMPOTENT`)."
    accept: Callable[[httpx.Response], bool] | None
    "Takes a non-2xx answer as a result when it returns True."
    deadline: float | None
    "On the transport's clock: no attempt, read or backoff goes past it."


class DeadlineExceededError(APITimeoutError):
    """A request given a wait's deadline could not finish (or be retried) before it."""


@dataclass(frozen=True)
class _Prepared:
    """A URL's cached request parts (see ``Core._urls``)."""

    url: httpx.URL
    host: bytes
    "The ``Host`` header httpx would add (the URL's netloc)."
    headers: dict[bytes, bytes]
    client_headers: list[tuple[bytes, bytes]]
    params: httpx.QueryParams


def _merge(into: dict[bytes, bytes], headers: Mapping[str, str]) -> None:
    """``headers`` into ``into`` by lower-cased name, as the bytes httpx would send."""
    for name, value in headers.items():
        into[name.lower().encode("ascii")] = value.encode("ascii")


def _with_params(url: httpx.URL, params: Mapping[str, str] | None) -> httpx.URL:
    """``url`` (which holds the client's own params) with the request's added, as ``build_request``
    merges them (``httpx.Request(params=)`` would replace the query instead)."""
    return url.copy_merge_params(params) if params else url


def _whole(
    method: str,
    prepared: _Prepared,
    params: Mapping[str, str] | None,
    headers: dict[bytes, bytes],
    body: bytes | None,
    extensions: dict[str, Any],
) -> httpx.Request:
    """A request whose body is in hand (or absent), given to httpx as a ready ``stream=``.

    With ``content=`` httpx encodes the body and then looks each automatic header up by name, which
    was most of ``httpx.Request``'s cost; with ``stream=`` it adds none, so the ``Host`` and
    ``Content-Length`` it would add are set here, the same way.
    """
    if body is not None or method in _BODY_METHODS:
        headers[b"content-length"] = str(len(body or b"")).encode("ascii")
    raw = list(headers.items())
    if b"host" not in headers:
        raw.insert(0, (b"Host", prepared.host))
    request = httpx.Request(method, _with_params(prepared.url, params), headers=raw,
                            stream=httpx.ByteStream(body or b""), extensions=extensions)  # fmt: skip
    request.read()  # ``request.content`` available, as for a request built with ``content=``
    return request


class Core:
    """Configuration and request building shared by the sync and async twins."""

    clock: Callable[[], float]

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
        self._base_timeout_dict = self._base_timeout.as_dict()
        #: Per URL string: the parsed URL and every header that does not change between requests
        #: (the httpx client's own, as the bytes it holds, then ours), merged once, with the client's
        #: headers and params they were made from. A client talks to few URLs; parsing and merging
        #: them for each request was most of httpx's per-request cost (``build_request`` ~5x
        #: ``httpx.Request``).
        self._urls: dict[str, _Prepared] = {}
        self._auth_headers: dict[str, dict[bytes, bytes]] = {}

    def _prepared(self, client: httpx.Client | httpx.AsyncClient, url: str) -> _Prepared:
        known = self._urls.get(url)
        # an entry made from other client headers or params (changed since) is made again
        if known is None or known.params is not client.params or known.client_headers != client.headers.raw:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            raw = list(client.headers.raw)
            static = {name.lower(): value for name, value in raw}
            _merge(static, {"User-Agent": USER_AGENT, "Accept": "application/json", **self.default_headers})
            parsed = httpx.URL(url)
            if client.params:
                parsed = parsed.copy_merge_params(client.params)
            known = self._urls[url] = _Prepared(parsed, parsed.netloc, static, raw, client.params)
        return known

    def build(
        self,
        client: httpx.Client | httpx.AsyncClient,
        method: str,
        url: str,
        options: SendOptions,
        *,
        read_timeout: float | None = None,
    ) -> httpx.Request:
        """One attempt's request: headers merged (auth only for our origins), body, timeouts.

        Built as ``httpx.Request`` directly with what ``client.build_request`` would add (the client's
        headers, params and cookies; our URLs are absolute, and the timeout is ours), for a fraction
        of its cost; ``client.send`` still applies the client's auth, hooks, mounts and proxies.
        """
        payload, params, headers = options.get("payload"), options.get("params"), options.get("headers")
        deadline = options.get("deadline")
        prepared = self._prepared(client, url)
        merged = dict(prepared.headers)
        if headers:
            _merge(merged, headers)
        if options.get("auth", True):
            auth = self._auth_headers.get(url)
            if auth is None:
                if len(self._auth_headers) >= _URL_CACHE_SIZE:
                    self._auth_headers.clear()
                auth = {}
                _merge(auth, self.auth.headers_for(url))
                self._auth_headers[url] = auth
            merged.update(auth)
        content: bytes | JSONBody | SourceBody | AsyncBody | None = None
        raw = options.get("content")
        if raw is not None:
            _merge(merged, raw.headers)
            content = raw if isinstance(client, httpx.Client) else raw.for_async()
        elif payload is not None:
            body = payload if isinstance(payload, JSONBody) else JSONBody(payload)
            _merge(merged, body.headers)
            if body.small is not None:  # bytes: httpx sends them without an iterator per request
                content = body.small
            else:
                content = body if isinstance(client, httpx.Client) else body.for_async()
        timeouts = self._base_timeout_dict if read_timeout is None and deadline is None else None
        extensions = {"timeout": dict(timeouts) if timeouts is not None else self._timeouts(read_timeout, deadline)}
        if content is None or isinstance(content, bytes):
            request = _whole(method, prepared, params, merged, content, extensions)
        else:
            request = httpx.Request(method, _with_params(prepared.url, params), headers=list(merged.items()),
                                    content=content, extensions=extensions)  # fmt: skip
        if client.cookies:
            client.cookies.set_cookie_header(request)
        return request

    def _timeouts(self, read_timeout: float | None, deadline: float | None) -> dict[str, float | None]:
        """One attempt's timeouts: ``read_timeout`` for reads, and none of them past ``deadline``."""
        base = self._base_timeout
        timeouts = {"connect": base.connect, "read": base.read if read_timeout is None else read_timeout,
                    "write": base.write, "pool": base.pool}  # fmt: skip
        if deadline is not None:
            left = max(_MIN_TIMEOUT, deadline - self.clock())
            timeouts = {name: left if value is None else min(value, left) for name, value in timeouts.items()}
        return timeouts

    def fits(self, delay: float, deadline: float | None) -> bool:
        """Whether waiting ``delay`` seconds still leaves time before ``deadline`` (always, without one)."""
        return deadline is None or self.clock() + delay < deadline

    def deadline_passed(self, request: httpx.Request) -> DeadlineExceededError:
        where = f"{request.method} {request.url.copy_with(query=None)}"
        return DeadlineExceededError(f"the wait's deadline passed during {where}", request=request)

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


def log_response(response: httpx.Response, attempt: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        request = response.request
        logger.debug(
            "%s %s -> %s (attempt %d)",
            request.method,
            request.url.copy_with(query=None),
            response.status_code,
            attempt + 1,
        )


class Guard:
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
    if isinstance(response.stream, Guard):
        response.stream.tighten(seconds, max_bytes)
