"""fal's queue and sync protocols: :class:`SyncFalClient`, :class:`AsyncFalClient` and their queue handles.

A job is submitted to ``POST {queue}/{endpoint_id}``; its status, result and cancel live under the
app's owner/alias only (``{queue}/{owner}/{alias}/requests/{id}``). Status comes from the SSE
stream (``…/status/stream``): one request that the server closes after ``COMPLETED``. When the
stream breaks, the handle falls back to polling ``…/status`` with backoff, so a job costs a handful
of requests rather than one every 0.1 s. ``run()`` posts to the sync host and waits on the same
connection.

The classes generated per endpoint (``fal.v2_edit``) and the generated ``FalClient`` stand on these.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from contextlib import aclosing, closing
from typing import Any, Generic, Literal, Self, TypedDict, TypeVar
from urllib.parse import quote

import httpx
from httpx_sse import EventSource, ServerSentEvent, SSEError
from pydantic import ValidationError
from typing_extensions import Unpack

from ideogram_clients._config import Secret, fal_hosts, fal_key, origin
from ideogram_clients._endpoint import Endpoint, FalProtocol
from ideogram_clients._errors import APIError, APIResponseValidationError, JobFailedError, WaitTimeoutError
from ideogram_clients._fal_status import CANCEL_STATUSES, CancelStatus, Completed, InProgress, Queued, parse_status
from ideogram_clients._http import DEFAULT_TIMEOUT, AsyncHTTP, Auth, SyncHTTP, tighten_stream
from ideogram_clients._lookup import endpoint_for
from ideogram_clients._models import OutputModel
from ideogram_clients._responses import json_body
from ideogram_clients._retries import CREATE

__all__ = ["AsyncFalClient", "AsyncQueueHandle", "FalOptions", "QueueHandle", "SyncFalClient"]

logger = logging.getLogger("ideogram_clients")

OutputT = TypeVar("OutputT", bound=OutputModel)
AnyStatus = Queued | InProgress | Completed

#: Polling fallback: first wait, growth factor and cap, in seconds.
POLL_INITIAL, POLL_FACTOR, POLL_MAX = 0.25, 1.5, 2.0
#: Cap on one SSE read while waiting with a deadline (the server pings every ~15 s).
STREAM_READ_TIMEOUT = 30.0
#: A status stream longer than this is not a status stream; the handle falls back to polling.
STREAM_MAX_BYTES = 16 << 20
#: After ``COMPLETED`` the stream is read to its end (fal closes it right away) so its connection
#: goes back to the pool for the result request; a server that keeps talking is cut off after this
#: many bytes or seconds (the async twin also bounds a silent one by the seconds; the sync one by
#: the stream's read timeout).
DRAIN_MAX_BYTES, DRAIN_SECONDS = 64 << 10, 1.0

_STREAM_ERRORS = (APIError, httpx.HTTPError, SSEError, ValueError)


class FalOptions(TypedDict, total=False):
    """Optional fal request headers, as keyword arguments of ``submit``/``subscribe``/``run``."""

    request_timeout: float
    """Server-side deadline in seconds (``X-Fal-Request-Timeout``, must be > 1)."""
    priority: Literal["normal", "low"]
    """Queue priority (``X-Fal-Queue-Priority``)."""
    no_retry: bool
    """Ask fal not to retry the request server-side (``x-fal-no-retry: 1``)."""
    runner_hint: str
    """Routing hint for the runner (``X-Fal-Runner-Hint``)."""


def _option_headers(options: FalOptions) -> dict[str, str]:
    """The headers for ``options``; a ``ValueError`` naming the option for any value fal would not take."""
    headers: dict[str, str] = {}
    unknown = set(options) - set(FalOptions.__annotations__)
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    timeout = options.get("request_timeout")
    if timeout is not None:
        if (
            isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not math.isfinite(timeout)
            or not timeout > 1
        ):
            raise ValueError(f"request_timeout: must be a finite number of seconds > 1, got {timeout!r}")
        headers["X-Fal-Request-Timeout"] = f"{timeout:g}"
    priority = options.get("priority")
    if priority is not None:
        if priority not in ("normal", "low"):
            raise ValueError(f"priority: must be 'normal' or 'low', got {priority!r}")
        headers["X-Fal-Queue-Priority"] = priority
    no_retry = options.get("no_retry")
    if no_retry is not None and not isinstance(no_retry, bool):
        raise ValueError(f"no_retry: must be True or False, got {no_retry!r}")
    if no_retry:
        headers["x-fal-no-retry"] = "1"
    hint = options.get("runner_hint")
    if hint is not None:
        if not isinstance(hint, str) or not hint or not hint.isprintable() or not hint.isascii():
            raise ValueError(f"runner_hint: must be a non-empty printable ASCII string, got {hint!r}")
        headers["X-Fal-Runner-Hint"] = hint
    return headers


def _request_urls(queue_url: str, protocol: FalProtocol, request_id: str) -> dict[str, str]:
    base = f"{queue_url}/{protocol.app}/requests/{quote(request_id, safe='')}"
    return {"result": base, "status": f"{base}/status", "stream": f"{base}/status/stream", "cancel": f"{base}/cancel"}


def _submitted_request_id(response: httpx.Response) -> str:
    body = json_body(response)
    request_id = body.get("request_id") if isinstance(body, dict) else None
    if not isinstance(request_id, str) or not request_id:
        raise APIResponseValidationError(
            f"submit answer from {response.request.url} has no request_id", response=response, body=body
        )
    return request_id


def _output(endpoint: Endpoint[Any, OutputT], response: httpx.Response) -> OutputT:
    body = json_body(response)
    try:
        return endpoint.parse_output(body)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise APIResponseValidationError(
            f"result of {endpoint.id} does not match the documented output: {where}: {problem['msg']}",
            response=response,
            body=body,
        ) from None


def _cancel_answer(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("status") in CANCEL_STATUSES


def _failed(status: Completed, request_id: str) -> JobFailedError:
    kind = f" ({status.error_type})" if status.error_type else ""
    return JobFailedError(f"request {request_id} failed{kind}: {status.error}", request_id=request_id, body=status)


def _wait_timeout(request_id: str, timeout: float) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"request {request_id} did not complete within {timeout:g} s (it was not cancelled; "
        "use the handle to check on it or cancel it)",
        request_id=request_id,
    )


class _FalConfig:
    """What both twins share: hosts, auth and option handling."""

    def _configure(self, api_key: str | None, queue_url: str | None, run_url: str | None) -> Auth:
        defaults = _protocol(next(_fal_endpoints()))
        self.queue_url, self.run_url = fal_hosts(queue_url, run_url, defaults.queue_url, defaults.run_url)
        self._key: Secret | None = fal_key(api_key)
        return Auth(
            header=defaults.auth_header,
            scheme=defaults.auth_scheme,
            key=self._key,
            missing_hint="FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)",
            origins=frozenset({origin(self.queue_url), origin(self.run_url)}),
        )

    def _submit_request(
        self, endpoint_id: str | Endpoint[Any, Any], arguments: object, webhook_url: str | None, options: FalOptions
    ) -> tuple[Endpoint[Any, Any], str, dict[str, Any], dict[str, str], dict[str, str]]:
        endpoint = endpoint_id if isinstance(endpoint_id, Endpoint) else endpoint_for(endpoint_id, "fal")
        payload = endpoint.build_payload(arguments)
        headers = _option_headers(options)
        params: dict[str, str] = {}
        if webhook_url is not None:
            params["fal_webhook"] = _webhook(webhook_url)
        return endpoint, f"{self.queue_url}/{endpoint.id}", payload, headers, params

    def __repr__(self) -> str:
        return f"{type(self).__name__}(queue_url={self.queue_url!r}, run_url={self.run_url!r})"


class _StreamOptions(TypedDict):
    headers: dict[str, str]
    read_timeout: float
    deadline: float | None
    max_bytes: int


def _stream_options(now: float, deadline: float | None) -> _StreamOptions:
    """How a status stream is opened: SSE, each read and the whole body bounded by the wait's deadline."""
    read_timeout = STREAM_READ_TIMEOUT if deadline is None else max(0.1, min(STREAM_READ_TIMEOUT, deadline - now))
    return {
        "headers": {"Accept": "text/event-stream"},
        "read_timeout": read_timeout,
        "deadline": deadline,
        "max_bytes": STREAM_MAX_BYTES,
    }


def _drain(response: httpx.Response, events: Iterator[ServerSentEvent]) -> None:
    """Read a status stream past ``COMPLETED`` to its end, within tight bounds; its errors no longer matter."""
    tighten_stream(response, DRAIN_SECONDS, DRAIN_MAX_BYTES)
    try:
        for _ in events:
            pass
    except _STREAM_ERRORS:
        pass


async def _adrain(response: httpx.Response, events: AsyncIterator[ServerSentEvent]) -> None:
    tighten_stream(response, DRAIN_SECONDS, DRAIN_MAX_BYTES)
    try:
        async with asyncio.timeout(DRAIN_SECONDS):  # also bounds a server that goes silent
            async for _ in events:
                pass
    except (*_STREAM_ERRORS, TimeoutError):
        pass


def _webhook(url: object) -> str:
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or not httpx.URL(url).host:
        raise ValueError(f"webhook_url: expected an absolute http(s) URL, got {url!r}")
    return url


def _fal_endpoints() -> Iterator[Endpoint[Any, Any]]:
    from ideogram_clients._endpoints import ENDPOINTS

    return (endpoint for endpoint in ENDPOINTS.values() if endpoint.provider == "fal")


def _protocol(endpoint: Endpoint[Any, Any]) -> FalProtocol:
    assert isinstance(endpoint.protocol, FalProtocol)
    return endpoint.protocol


# --------------------------------------------------------------------------------------------- sync


class QueueHandle(Generic[OutputT]):
    """A submitted fal request: check on it, stream its status, fetch its result or cancel it."""

    def __init__(self, client: SyncFalClient, endpoint: Endpoint[Any, OutputT], request_id: str) -> None:
        self.request_id = request_id
        self.endpoint = endpoint
        self._client = client
        self._urls = _request_urls(client.queue_url, _protocol(endpoint), request_id)

    def __repr__(self) -> str:
        return f"QueueHandle({self.endpoint.id!r}, request_id={self.request_id!r})"

    def status(self, *, logs: bool = False) -> AnyStatus:
        """The current status (one request)."""
        response = self._client._http.request("GET", self._urls["status"], params={"logs": "1"} if logs else None)
        return parse_status(json_body(response), response)

    def iter_status(self, *, logs: bool = False, _deadline: float | None = None) -> Generator[AnyStatus, None, None]:
        """Every status change until ``COMPLETED`` (included): from the SSE stream, else by polling."""
        http = self._client._http
        params = {"logs": "1"} if logs else None
        status: AnyStatus | None = None
        try:
            with http.stream(
                "GET", self._urls["stream"], params=params, **_stream_options(http.clock(), _deadline)
            ) as response:
                events = EventSource(response).iter_sse()
                for event in events:
                    if not event.data:
                        continue
                    status = parse_status(json.loads(event.data), response)
                    if isinstance(status, Completed):
                        _drain(response, events)
                        break
                    yield status
                    if _deadline is not None and http.clock() >= _deadline:
                        return
                else:
                    logger.debug("status stream of %s ended before COMPLETED; polling", self.request_id)
        except _STREAM_ERRORS as exc:
            logger.debug("status stream of %s failed (%s); polling", self.request_id, type(exc).__name__)
        else:
            if isinstance(status, Completed):
                yield status  # after the stream is released, so the result request can reuse its connection
                return
        delay = POLL_INITIAL
        while True:
            if _deadline is not None and http.clock() >= _deadline:
                return
            status = self.status(logs=logs)
            yield status
            if isinstance(status, Completed):
                return
            http.sleep(delay)
            delay = min(delay * POLL_FACTOR, POLL_MAX)

    def result(self) -> OutputT:
        """The typed output (the request must be complete)."""
        return _output(self.endpoint, self._client._http.request("GET", self._urls["result"]))

    def cancel(self) -> CancelStatus:
        """Ask fal to cancel: ``CANCELLATION_REQUESTED``, ``ALREADY_COMPLETED``, ``NOT_FOUND`` or ``OK``."""
        response = self._client._http.request("PUT", self._urls["cancel"], accept=_cancel_answer)
        body = json_body(response)
        status = body.get("status") if isinstance(body, dict) else None
        if status not in CANCEL_STATUSES:
            raise APIResponseValidationError(f"unexpected cancel answer: {body!r}", response=response, body=body)
        return status  # type: ignore[no-any-return]

    def wait(
        self,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
    ) -> OutputT:
        """Follow the status to completion and return the result; :class:`WaitTimeoutError` past ``timeout``."""
        http = self._client._http
        deadline = None if timeout is None else http.clock() + timeout
        # closing(): the stream is released before the result is fetched, not whenever GC gets to it
        with closing(self.iter_status(logs=logs, _deadline=deadline)) as statuses:
            for status in statuses:
                if on_update is not None:
                    on_update(status)
                if isinstance(status, Completed):
                    if status.error:
                        raise _failed(status, self.request_id)
                    break
            else:
                assert timeout is not None  # iter_status only stops early at the deadline
                raise _wait_timeout(self.request_id, timeout)
        return self.result()


class SyncFalClient(_FalConfig):
    """Blocking fal client (the generated ``FalClient`` adds one attribute per endpoint)."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        queue_url: str | None = None,
        run_url: str | None = None,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        auth = self._configure(api_key, queue_url, run_url)
        self._http = SyncHTTP(
            auth, timeout=timeout, max_retries=max_retries, http_client=http_client, default_headers=default_headers
        )

    def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[Any]:
        """Validate ``arguments``, queue the job and return its handle (nothing is sent if invalid)."""
        endpoint, url, payload, headers, params = self._submit_request(endpoint_id, arguments, webhook_url, options)
        response = self._http.request("POST", url, payload=payload, params=params, headers=headers, policy=CREATE)
        return QueueHandle(self, endpoint, _submitted_request_id(response))

    def subscribe(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> Any:
        """Submit, follow the status stream and return the typed output."""
        handle = self.submit(endpoint_id, arguments, webhook_url=webhook_url, **options)
        return handle.wait(on_update=on_update, timeout=timeout, logs=logs)

    def run(self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]) -> Any:
        """Call the sync host (``POST {run_url}/{endpoint_id}``) and return the typed output."""
        endpoint, _, payload, headers, _ = self._submit_request(endpoint_id, arguments, None, options)
        url = f"{self.run_url}/{endpoint.id}"
        return _output(endpoint, self._http.request("POST", url, payload=payload, headers=headers, policy=CREATE))

    def get_handle(self, endpoint_id: str, request_id: str) -> QueueHandle[Any]:
        """A handle for a request submitted earlier (e.g. by another process)."""
        return QueueHandle(self, endpoint_for(endpoint_id, "fal"), request_id)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# -------------------------------------------------------------------------------------------- async


class AsyncQueueHandle(Generic[OutputT]):
    """The async twin of :class:`QueueHandle`."""

    def __init__(self, client: AsyncFalClient, endpoint: Endpoint[Any, OutputT], request_id: str) -> None:
        self.request_id = request_id
        self.endpoint = endpoint
        self._client = client
        self._urls = _request_urls(client.queue_url, _protocol(endpoint), request_id)

    def __repr__(self) -> str:
        return f"AsyncQueueHandle({self.endpoint.id!r}, request_id={self.request_id!r})"

    async def status(self, *, logs: bool = False) -> AnyStatus:
        response = await self._client._http.request("GET", self._urls["status"], params={"logs": "1"} if logs else None)
        return parse_status(json_body(response), response)

    async def iter_status(
        self, *, logs: bool = False, _deadline: float | None = None
    ) -> AsyncGenerator[AnyStatus, None]:
        http = self._client._http
        params = {"logs": "1"} if logs else None
        status: AnyStatus | None = None
        try:
            async with http.stream(
                "GET", self._urls["stream"], params=params, **_stream_options(http.clock(), _deadline)
            ) as response:
                events = EventSource(response).aiter_sse()
                async for event in events:
                    if not event.data:
                        continue
                    status = parse_status(json.loads(event.data), response)
                    if isinstance(status, Completed):
                        await _adrain(response, events)
                        break
                    yield status
                    if _deadline is not None and http.clock() >= _deadline:
                        return
                else:
                    logger.debug("status stream of %s ended before COMPLETED; polling", self.request_id)
        except _STREAM_ERRORS as exc:
            logger.debug("status stream of %s failed (%s); polling", self.request_id, type(exc).__name__)
        else:
            if isinstance(status, Completed):
                yield status  # after the stream is released, so the result request can reuse its connection
                return
        delay = POLL_INITIAL
        while True:
            if _deadline is not None and http.clock() >= _deadline:
                return
            status = await self.status(logs=logs)
            yield status
            if isinstance(status, Completed):
                return
            await http.sleep(delay)
            delay = min(delay * POLL_FACTOR, POLL_MAX)

    async def result(self) -> OutputT:
        return _output(self.endpoint, await self._client._http.request("GET", self._urls["result"]))

    async def cancel(self) -> CancelStatus:
        response = await self._client._http.request("PUT", self._urls["cancel"], accept=_cancel_answer)
        body = json_body(response)
        status = body.get("status") if isinstance(body, dict) else None
        if status not in CANCEL_STATUSES:
            raise APIResponseValidationError(f"unexpected cancel answer: {body!r}", response=response, body=body)
        return status  # type: ignore[no-any-return]

    async def wait(
        self,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
    ) -> OutputT:
        http = self._client._http
        deadline = None if timeout is None else http.clock() + timeout
        async with aclosing(self.iter_status(logs=logs, _deadline=deadline)) as statuses:
            async for status in statuses:
                if on_update is not None:
                    outcome = on_update(status)
                    if isinstance(outcome, Awaitable):
                        await outcome
                if isinstance(status, Completed):
                    if status.error:
                        raise _failed(status, self.request_id)
                    break
            else:
                assert timeout is not None  # iter_status only stops early at the deadline
                raise _wait_timeout(self.request_id, timeout)
        return await self.result()


class AsyncFalClient(_FalConfig):
    """The async twin of :class:`SyncFalClient`."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        queue_url: str | None = None,
        run_url: str | None = None,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        auth = self._configure(api_key, queue_url, run_url)
        self._http = AsyncHTTP(
            auth, timeout=timeout, max_retries=max_retries, http_client=http_client, default_headers=default_headers
        )

    async def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[Any]:
        endpoint, url, payload, headers, params = self._submit_request(endpoint_id, arguments, webhook_url, options)
        response = await self._http.request("POST", url, payload=payload, params=params, headers=headers, policy=CREATE)
        return AsyncQueueHandle(self, endpoint, _submitted_request_id(response))

    async def subscribe(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> Any:
        handle = await self.submit(endpoint_id, arguments, webhook_url=webhook_url, **options)
        return await handle.wait(on_update=on_update, timeout=timeout, logs=logs)

    async def run(self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]) -> Any:
        endpoint, _, payload, headers, _ = self._submit_request(endpoint_id, arguments, None, options)
        url = f"{self.run_url}/{endpoint.id}"
        response = await self._http.request("POST", url, payload=payload, headers=headers, policy=CREATE)
        return _output(endpoint, response)

    def get_handle(self, endpoint_id: str, request_id: str) -> AsyncQueueHandle[Any]:
        return AsyncQueueHandle(self, endpoint_for(endpoint_id, "fal"), request_id)

    async def close(self) -> None:
        await self._http.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
