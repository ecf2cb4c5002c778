"""What fal's sync and async clients share: hosts, auth, options, URLs and reading answers.

The clients themselves (:class:`~ideogram_clients._async.fal.AsyncFalClient`, its queue handle and
their generated sync twins) only send and wait; everything here is I/O-free and written once.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, TypeVar
from urllib.parse import quote, urlsplit

import httpx
from httpx_sse import SSEError
from pydantic import ValidationError

from ideogram_clients import _json
from ideogram_clients._body import JSONBody
from ideogram_clients._config import Secret, fal_hosts, fal_key, fal_storage_host, origin
from ideogram_clients._endpoint import Endpoint, FalProtocol
from ideogram_clients._errors import (
    APIError,
    APIResponseValidationError,
    InputErrorDetail,
    InvalidInputError,
    JobFailedError,
    WaitTimeoutError,
)
from ideogram_clients._fal_status import CANCEL_STATUSES, Completed, InProgress, Queued
from ideogram_clients._file_policy import (
    FilePlan,
    FilePolicy,
    PendingUpload,
    check_policy,
    encode_checked,
    plan_files,
    with_urls,
)
from ideogram_clients._http_core import Auth
from ideogram_clients._lookup import endpoint_for
from ideogram_clients._models import InputModel, OutputModel
from ideogram_clients._responses import first_problem, json_body
from ideogram_clients._storage_core import REST_URL

__all__ = ["AnyStatus", "FalConfig", "FalOptions", "OutputT"]

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
#: many bytes or seconds, a silent one after the seconds.
DRAIN_MAX_BYTES, DRAIN_SECONDS = 64 << 10, 1.0

STREAM_ERRORS = (APIError, httpx.HTTPError, SSEError, ValueError)


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
    files: FilePolicy
    """How local images travel for this call: ``"auto"``, ``"inline"`` or ``"upload"`` (default: the client's)."""


def option_headers(options: FalOptions) -> dict[str, str]:
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


def request_urls(queue_url: str, protocol: FalProtocol, request_id: str) -> dict[str, str]:
    base = f"{queue_url}/{protocol.app}/requests/{quote(request_id, safe='')}"
    return {"result": base, "status": f"{base}/status", "stream": f"{base}/status/stream", "cancel": f"{base}/cancel"}


def submitted_request_id(response: httpx.Response) -> str:
    body = json_body(response)
    request_id = body.get("request_id") if isinstance(body, dict) else None
    if not isinstance(request_id, str) or not request_id:
        raise APIResponseValidationError(
            f"submit answer from {response.request.url} has no request_id", response=response, body=body
        )
    return request_id


def output(endpoint: Endpoint[Any, OutputT], response: httpx.Response) -> OutputT:
    body = json_body(response)
    try:
        return endpoint.parse_output(body)
    except ValidationError as exc:
        problem = first_problem(exc)
        message = f"result of {endpoint.id} does not match the documented output: {problem}"
        raise APIResponseValidationError(message, response=response, body=body) from None


def cancel_answer(response: httpx.Response) -> bool:
    try:
        body = _json.loads(response.content)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("status") in CANCEL_STATUSES


def failed(status: Completed, request_id: str) -> JobFailedError:
    kind = f" ({status.error_type})" if status.error_type else ""
    return JobFailedError(f"request {request_id} failed{kind}: {status.error}", request_id=request_id, body=status)


def wait_timeout(request_id: str, timeout: float) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"request {request_id} did not complete within {timeout:g} s (it was not cancelled; "
        "use the handle to check on it or cancel it)",
        request_id=request_id,
    )


@dataclass(frozen=True)
class Prepared:
    """A request checked in full (input, options, webhook) before anything is uploaded or sent."""

    endpoint: Endpoint[Any, Any]
    model: InputModel
    headers: dict[str, str]
    params: dict[str, str]
    files: FilePlan

    @property
    def uploads(self) -> list[PendingUpload]:
        """The local images to upload first, in field order."""
        return self.files.uploads

    def body(self, urls: list[str]) -> JSONBody:
        """The JSON body, each pending upload replaced by its URL.

        With no local image inline (URL-only inputs, most requests) pydantic encodes the model
        straight to bytes; otherwise :class:`JSONBody` lays it out to stream the big strings.
        """
        model = with_urls(self.model, self.files.uploads, urls)
        if self.files.inline:
            return JSONBody(encode_checked(self.endpoint.id, model, InputModel.to_payload))
        return JSONBody.encoded(model.to_json())  # no local file left to read


class FalConfig:
    """What both twins share: hosts, auth, the file policy and option handling."""

    def _configure(
        self,
        api_key: str | None,
        queue_url: str | None,
        run_url: str | None,
        base_url: str | None = None,
        files: FilePolicy = "auto",
    ) -> Auth:
        defaults = fal_protocol(next(_fal_endpoints()))
        self.queue_url, self.run_url = fal_hosts(queue_url, run_url, base_url, (defaults.queue_url, defaults.run_url))
        self.storage_url = fal_storage_host(base_url, REST_URL, explicit_hosts=bool(queue_url or run_url))
        self.files: FilePolicy = check_policy(files)
        self._key: Secret | None = fal_key(api_key)
        return Auth(
            header=defaults.auth_header,
            scheme=defaults.auth_scheme,
            key=self._key,
            missing_hint="FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)",
            origins=frozenset({origin(self.queue_url), origin(self.run_url), origin(self.storage_url)}),
        )

    def _prepare(
        self, endpoint_id: str | Endpoint[Any, Any], arguments: object, webhook_url: str | None, options: FalOptions
    ) -> Prepared:
        endpoint = endpoint_id if isinstance(endpoint_id, Endpoint) else endpoint_for(endpoint_id, "fal")
        model = endpoint.validate(arguments)
        files = check_policy(options["files"]) if "files" in options else self.files
        headers = option_headers(options)
        params: dict[str, str] = {}
        if webhook_url is not None:
            params["fal_webhook"] = _webhook(webhook_url)
        return Prepared(endpoint, model, headers, params, plan_files(endpoint.id, model, files))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(queue_url={self.queue_url!r}, run_url={self.run_url!r}, files={self.files!r})"


class StreamOptions(TypedDict):
    headers: dict[str, str]
    read_timeout: float
    deadline: float | None
    max_bytes: int


def stream_options(now: float, deadline: float | None) -> StreamOptions:
    """How a status stream is opened: SSE, each read and the whole body bounded by the wait's deadline."""
    read_timeout = STREAM_READ_TIMEOUT if deadline is None else max(0.1, min(STREAM_READ_TIMEOUT, deadline - now))
    return {
        "headers": {"Accept": "text/event-stream"},
        "read_timeout": read_timeout,
        "deadline": deadline,
        "max_bytes": STREAM_MAX_BYTES,
    }


def _webhook(url: object) -> str:
    """``url`` if it is an absolute http(s) URL httpx can send to; else an :class:`InvalidInputError`."""
    if not isinstance(url, str) or not _is_http_url(url):
        detail = InputErrorDetail(("webhook_url",), url, "expected an absolute http(s) URL", "url")
        raise InvalidInputError("webhook_url", [detail])
    return url


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        return parts.scheme.lower() in ("http", "https") and bool(httpx.URL(url).host)
    except (httpx.InvalidURL, ValueError):
        return False


def _fal_endpoints() -> Iterator[Endpoint[Any, Any]]:
    from ideogram_clients._endpoints import ENDPOINTS

    return (endpoint for endpoint in ENDPOINTS.values() if endpoint.provider == "fal")


def fal_protocol(endpoint: Endpoint[Any, Any]) -> FalProtocol:
    assert isinstance(endpoint.protocol, FalProtocol)
    return endpoint.protocol
