"""fal's queue and sync protocols: :class:`AsyncFalClient` and its :class:`AsyncQueueHandle`.

A job is submitted to ``POST {queue}/{endpoint_id}``; its status, result and cancel live under the
app's owner/alias only (``{queue}/{owner}/{alias}/requests/{id}``). Status comes from the SSE
stream (``…/status/stream``): one request that the server closes after ``COMPLETED``. When the
stream breaks, the handle falls back to polling ``…/status`` with backoff, so a job costs a handful
of requests rather than one every 0.1 s. ``run()`` posts to the sync host and waits on the same
connection. A wait's deadline bounds the stream, every poll, every retry and every pause.

The classes generated per endpoint (``fal.v2_edit``) and the generated ``FalClient`` stand on these.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping
from contextlib import aclosing
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, Generic

import httpx
from httpx_sse import EventSource, ServerSentEvent
from typing_extensions import Unpack

from ideogram_clients import _json
from ideogram_clients._async.client import AsyncClientBase
from ideogram_clients._async.storage import AsyncStorage
from ideogram_clients._body import JSONBody
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._errors import APIResponseValidationError
from ideogram_clients._fal_core import (
    DRAIN_MAX_BYTES,
    DRAIN_SECONDS,
    POLL_FACTOR,
    POLL_INITIAL,
    POLL_MAX,
    STREAM_ERRORS,
    AnyStatus,
    FalConfig,
    FalOptions,
    OutputT,
    Prepared,
    cancel_answer,
    failed,
    fal_protocol,
    output,
    request_urls,
    stream_options,
    submitted_request_id,
    wait_timeout,
)
from ideogram_clients._fal_status import CANCEL_STATUSES, CancelStatus, Completed, mark_seen, parse_status
from ideogram_clients._file_policy import FilePolicy
from ideogram_clients._http_core import DEFAULT_TIMEOUT, DeadlineExceededError, tighten_stream
from ideogram_clients._io import amap_bounded, anotify, astall_bound
from ideogram_clients._lookup import endpoint_for
from ideogram_clients._responses import json_body
from ideogram_clients._retries import CREATE
from ideogram_clients._storage_core import Expiry
from ideogram_clients._waits import check_timeout, deadline_after

__all__ = ["AsyncFalClient", "AsyncQueueHandle"]

logger = logging.getLogger("ideogram_clients")

#: Images of one request uploaded at once.
UPLOAD_CONCURRENCY = 4


class AsyncQueueHandle(Generic[OutputT]):
    """A submitted fal request: check on it, stream its status, fetch its result or cancel it."""

    def __init__(self, client: AsyncFalClient, endpoint: Endpoint[Any, OutputT], request_id: str) -> None:
        self.request_id = request_id
        self.endpoint = endpoint
        self._client = client

    @cached_property
    def _urls(self) -> dict[str, str]:
        """The request's queue URLs, made on first use (a submit alone never needs them)."""
        return request_urls(self._client.queue_url, fal_protocol(self.endpoint), self.request_id)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.endpoint.id!r}, request_id={self.request_id!r})"

    async def status(self, *, logs: bool = False, _deadline: float | None = None) -> AnyStatus:
        """The current status (one request)."""
        response = await self._client._http.request(
            "GET", self._urls["status"], params={"logs": "1"} if logs else None, deadline=_deadline
        )
        return parse_status(json_body(response), response)

    async def iter_status(
        self, *, logs: bool = False, _deadline: float | None = None
    ) -> AsyncGenerator[AnyStatus, None]:
        """Every status change until ``COMPLETED`` (included): from the SSE stream, else by polling."""
        http = self._client._http
        params = {"logs": "1"} if logs else None
        status: AnyStatus | None = None
        seen = 0  # log lines handed out so far: each status's ``new_logs`` holds only the rest
        try:
            async with http.stream(
                "GET", self._urls["stream"], params=params, **stream_options(http.clock(), _deadline)
            ) as response:
                events = EventSource(response).aiter_sse()
                async for event in events:
                    if not event.data:
                        continue
                    status = parse_status(_json.loads(event.data), response)
                    seen = mark_seen(status, seen)
                    if isinstance(status, Completed):
                        await _drain(response, events)
                        break
                    yield status
                    if _deadline is not None and http.clock() >= _deadline:
                        return
                else:
                    logger.debug("status stream of %s ended before COMPLETED; polling", self.request_id)
        except STREAM_ERRORS as exc:
            logger.debug("status stream of %s failed (%s); polling", self.request_id, type(exc).__name__)
        else:
            if isinstance(status, Completed):
                yield status  # after the stream is released, so the result request can reuse its connection
                return
        delay = POLL_INITIAL
        while True:
            if _deadline is not None and http.clock() >= _deadline:
                return
            try:
                status = await self.status(logs=logs, _deadline=_deadline)
            except DeadlineExceededError:
                return
            seen = mark_seen(status, seen)
            yield status
            if isinstance(status, Completed):
                return
            if _deadline is not None:
                delay = min(delay, max(0.0, _deadline - http.clock()))
            await http.sleep(delay)
            delay = min(delay * POLL_FACTOR, POLL_MAX)

    async def result(self) -> OutputT:
        """The typed output (the request must be complete)."""
        return output(self.endpoint, await self._client._http.request("GET", self._urls["result"]))

    async def cancel(self) -> CancelStatus:
        """Ask fal to cancel: ``CANCELLATION_REQUESTED``, ``ALREADY_COMPLETED``, ``NOT_FOUND`` or ``OK``."""
        response = await self._client._http.request("PUT", self._urls["cancel"], accept=cancel_answer)
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
        """Follow the status to completion and return the result; :class:`WaitTimeoutError` past ``timeout``."""
        deadline = deadline_after(timeout, self._client._http.clock)
        # aclosing(): the stream is released before the result is fetched, not whenever GC gets to it
        async with aclosing(self.iter_status(logs=logs, _deadline=deadline)) as statuses:
            async for status in statuses:
                if on_update is not None:
                    await anotify(on_update, status)
                if isinstance(status, Completed):
                    if status.error:
                        raise failed(status, self.request_id)
                    break
            else:
                assert timeout is not None  # iter_status only stops early at the deadline
                raise wait_timeout(self.request_id, timeout)
        return await self.result()


class AsyncFalClient(FalConfig, AsyncClientBase):
    """The fal client the generated ones stand on (they add one attribute per endpoint)."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        queue_url: str | None = None,
        run_url: str | None = None,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        files: FilePolicy = "auto",
    ) -> None:
        auth = self._configure(api_key, queue_url, run_url, base_url, files)
        self._connect(auth, timeout, max_retries, http_client, default_headers)
        self.storage = AsyncStorage(self._http, self.storage_url)

    async def upload(
        self,
        data: bytes | bytearray | memoryview | Path | BinaryIO | str,
        *,
        content_type: str | None = None,
        file_name: str | None = None,
        expires_in: Expiry | None = None,
        on_progress: Callable[[int], object] | None = None,
    ) -> str:
        """Upload ``data`` (bytes, a ``Path``, a binary file or a ``data:`` URI) to fal storage and
        return its URL, for any ``*_url`` field.

        ``content_type`` defaults to the image format the bytes start with (else the file name's
        type); ``expires_in`` (seconds, or ``"1h"``, ``"1d"``, ``"7d"``, ``"30d"``, ``"1y"``,
        ``"never"``, ``"immediate"``) asks fal to delete the file then. Files are streamed, never read whole;
        content this client uploaded before (same bytes, type and lifetime) is not sent again.
        ``on_progress`` is called with the size of each slice handed to the network (from worker
        threads in the sync client; a retried request counts its bytes again). The URL is public:
        anyone holding it can read the file until it expires.
        """
        return await self.storage.upload(
            data, content_type=content_type, file_name=file_name, expires_in=expires_in, on_progress=on_progress
        )

    async def _body(self, prepared: Prepared) -> JSONBody:
        """The request body, after the images the file policy sends as URLs are uploaded."""
        urls = await amap_bounded(self.storage.upload_input, prepared.uploads, UPLOAD_CONCURRENCY)
        return prepared.body(urls)

    async def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[Any]:
        """Validate ``arguments``, upload local images as the file policy says, queue the job and
        return its handle (nothing is uploaded or sent if invalid)."""
        prepared = self._prepare(endpoint_id, arguments, webhook_url, options)
        body = await self._body(prepared)
        url = f"{self.queue_url}/{prepared.endpoint.id}"
        response = await self._http.request(
            "POST", url, payload=body, params=prepared.params, headers=prepared.headers, policy=CREATE
        )
        return AsyncQueueHandle(self, prepared.endpoint, submitted_request_id(response))

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
        """Submit, follow the status stream and return the typed output."""
        check_timeout(timeout)  # before the paid submit: a wait that cannot work sends nothing
        handle = await self.submit(endpoint_id, arguments, webhook_url=webhook_url, **options)
        return await handle.wait(on_update=on_update, timeout=timeout, logs=logs)

    async def run(self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]) -> Any:
        """Call the sync host (``POST {run_url}/{endpoint_id}``) and return the typed output."""
        prepared = self._prepare(endpoint_id, arguments, None, options)
        body = await self._body(prepared)
        url = f"{self.run_url}/{prepared.endpoint.id}"
        response = await self._http.request("POST", url, payload=body, headers=prepared.headers, policy=CREATE)
        return output(prepared.endpoint, response)

    def get_handle(self, endpoint_id: str, request_id: str) -> AsyncQueueHandle[Any]:
        """A handle for a request submitted earlier (e.g. by another process)."""
        return AsyncQueueHandle(self, endpoint_for(endpoint_id, "fal"), request_id)


async def _drain(response: httpx.Response, events: AsyncIterator[ServerSentEvent]) -> None:
    """Read a status stream past ``COMPLETED`` to its end, within tight bounds; its errors no longer matter."""
    tighten_stream(response, DRAIN_SECONDS, DRAIN_MAX_BYTES)
    try:
        async with astall_bound(response, DRAIN_SECONDS):  # also bounds a server that goes silent
            async for _ in events:
                pass
    except (*STREAM_ERRORS, TimeoutError):
        pass
